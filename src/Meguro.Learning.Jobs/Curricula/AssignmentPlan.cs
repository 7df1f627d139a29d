using Meguro.Learning.Content;

namespace Meguro.Learning.Jobs.Curricula;

/// <summary>Which part of the city a run looks at. Empty means every active employee and every active curriculum.</summary>
/// <param name="CurriculumCode">Only changes that come from this curriculum (its editor preview and save).</param>
/// <param name="EmployeeId">Only this person (after HR records a leave for them).</param>
/// <param name="OverrideYaml">Curriculum code → YAML that replaces (or adds to) the stored text: the editor's unsaved text.</param>
public sealed record AssignmentScope(string? CurriculumCode = null, int? EmployeeId = null, IReadOnlyDictionary<string, string>? OverrideYaml = null)
{
    public static readonly AssignmentScope Everything = new();
}

/// <summary>One person, as the plan shows them to HR.</summary>
public sealed record PlannedPerson(int EmployeeId, string EmployeeNumber, string Name);

/// <summary>A new enrollment the engine would create.</summary>
public sealed record PlannedAssignment(PlannedPerson Person, int CourseId, string CourseSlug, string CurriculumCode, int Cycle, DateOnly DueDate);

/// <summary>An existing enrollment whose status or due date the engine would change.</summary>
public sealed record PlannedChange(int EnrollmentId, PlannedPerson Person, string CourseSlug, string CurriculumCode, DateOnly? OldDueDate, DateOnly? NewDueDate);

/// <summary>
/// What an assignment run would do, computed without changing anything: HR sees it as the preview
/// and <see cref="AssignmentEngine.ApplyAsync"/> carries it out. Per-person details are here; the audit
/// log keeps the counts.
/// </summary>
public sealed record AssignmentPlan(
    DateOnly Today,
    IReadOnlyList<PlannedAssignment> NewEnrollments,
    IReadOnlyList<PlannedChange> NoLongerRequired,
    IReadOnlyList<PlannedChange> Reinstated,
    IReadOnlyList<PlannedChange> DueDateMoves,
    IReadOnlyList<ContentIssue> Issues)
{
    public bool IsValid => Issues.Count == 0;

    public bool IsEmpty => NewEnrollments.Count == 0 && NoLongerRequired.Count == 0 && Reinstated.Count == 0 && DueDateMoves.Count == 0;

    /// <summary>The counts per curriculum code, for the whole-city preview.</summary>
    public IReadOnlyList<CurriculumCounts> CountsByCurriculum() =>
        NewEnrollments.Select(a => a.CurriculumCode)
            .Concat(NoLongerRequired.Select(c => c.CurriculumCode))
            .Concat(Reinstated.Select(c => c.CurriculumCode))
            .Concat(DueDateMoves.Select(c => c.CurriculumCode))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(code => new CurriculumCounts(code,
                NewEnrollments.Count(a => a.CurriculumCode == code),
                NoLongerRequired.Count(c => c.CurriculumCode == code),
                Reinstated.Count(c => c.CurriculumCode == code),
                DueDateMoves.Count(c => c.CurriculumCode == code)))
            .ToList();

    public string Summary =>
        $"新規割当 {NewEnrollments.Count} 件、対象外 {NoLongerRequired.Count} 件、再割当 {Reinstated.Count} 件、期限の変更 {DueDateMoves.Count} 件";
}

public sealed record CurriculumCounts(string CurriculumCode, int New, int NoLongerRequired, int Reinstated, int DueDateMoves);

/// <summary>What <see cref="AssignmentEngine.ApplyAsync"/> changed.</summary>
public sealed record AssignmentResult(int Assigned, int MarkedNotRequired, int Reinstated, int DueDatesMoved)
{
    public string Summary => $"新規割当 {Assigned} 件、対象外 {MarkedNotRequired} 件、再割当 {Reinstated} 件、期限の変更 {DueDatesMoved} 件";
}
