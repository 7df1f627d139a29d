using System.Text.RegularExpressions;

namespace Meguro.Learning.Domain.Curricula;

/// <summary>
/// One course in a curriculum. <see cref="IsYearly"/> courses (情報セキュリティ) are assigned again in
/// every fiscal year: a completion counts for the fiscal year it happened in.
/// </summary>
public sealed record CurriculumCourse(string Slug, bool IsRequired, bool IsYearly)
{
    /// <summary>
    /// Whether the course must be assigned (again) on <paramref name="today"/>: never completed, or,
    /// for a yearly course, last completed in an earlier fiscal year (the completion expired on 3/31).
    /// </summary>
    public bool NeedsAssignment(DateOnly? lastCompletedOn, DateOnly today) =>
        lastCompletedOn is not { } completed
        || (IsYearly && Jst.FiscalYear(completed) < Jst.FiscalYear(today));
}

/// <summary>
/// A curriculum (カリキュラム) from <c>content/curricula/*.yml</c>: an ordered list of required and
/// elective courses, who it is for, and when its courses are due. Immutable: a change of the file
/// is a new object.
/// </summary>
public sealed partial class Curriculum
{
    public Curriculum(string id, string name, string description, IEnumerable<CurriculumCourse> courses, AssignmentRule rule, DuePolicy due)
    {
        ArgumentNullException.ThrowIfNull(courses);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(due);
        if (!IsValidId(id))
        {
            throw new DomainException($"カリキュラムの id「{id}」は使えません。英小文字・数字・ハイフンにしてください。");
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException($"カリキュラム「{id}」に name（名前）がありません。");
        }
        Courses = [.. courses];
        if (Courses.Count == 0)
        {
            throw new DomainException($"カリキュラム「{id}」にコースが1つもありません。");
        }
        var duplicate = Courses.GroupBy(c => c.Slug, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException($"カリキュラム「{id}」にコース「{duplicate.Key}」が2回あります。");
        }
        Id = id;
        Name = name.Trim();
        Description = description.Trim();
        Rule = rule;
        Due = due;
    }

    public string Id { get; }

    public string Name { get; }

    public string Description { get; }

    /// <summary>In the order the file lists them, which is the order learners are shown.</summary>
    public IReadOnlyList<CurriculumCourse> Courses { get; }

    public IEnumerable<CurriculumCourse> RequiredCourses => Courses.Where(c => c.IsRequired);

    public IEnumerable<CurriculumCourse> ElectiveCourses => Courses.Where(c => !c.IsRequired);

    public AssignmentRule Rule { get; }

    public DuePolicy Due { get; }

    public bool AppliesTo(EmployeeFacts facts, DateOnly today) => Rule.Matches(facts, today);

    /// <summary>Ids are lower-case ASCII words joined by hyphens, like course slugs: they become keys and URLs.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
