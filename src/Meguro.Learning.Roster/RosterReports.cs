using Meguro.Learning.Domain.People;
using Meguro.Learning.Roster.Csv;

namespace Meguro.Learning.Roster;

public enum RosterChangeKind
{
    /// <summary>新規: in the file, not yet in the system.</summary>
    New = 1,
    /// <summary>変更: in both, and something differs (異動, 昇任, 所属長, …).</summary>
    Update = 2,
    /// <summary>退職: active in the system, missing from the file; deactivated, never deleted.</summary>
    Leaver = 3,
}

/// <summary>What the import does (or did) to one person.</summary>
/// <param name="Line">The person's line in the file; null for a leaver, who has none.</param>
/// <param name="Description">Japanese, e.g. 「所属: 住民記録係 → 戸籍係、職層: 係員 → 主任」.</param>
public sealed record RosterChange(RosterChangeKind Kind, string EmployeeNumber, string Name, int? Line, string Description)
{
    /// <summary>Which recorded fields change (for an update).</summary>
    public EmployeeChanges Fields { get; init; }

    /// <summary>The person becomes, or stops being, a 所属長.</summary>
    public bool UnitHeadChanged { get; init; }

    /// <summary>A leave (休業) of the person is added, changed, ended or withdrawn.</summary>
    public bool LeaveChanged { get; init; }

    /// <summary>異動: the 所属 changes.</summary>
    public bool IsOrgMove => Kind == RosterChangeKind.Update && Fields.HasFlag(EmployeeChanges.OrgUnit);

    /// <summary>職層変更 (昇任 or otherwise).</summary>
    public bool IsJobLevelChange => Kind == RosterChangeKind.Update && Fields.HasFlag(EmployeeChanges.JobLevel);
}

/// <summary>
/// What a roster file does to the staff, as the dry run shows it and as the import reports it
/// afterwards: the two are built by the same code, so what HR approved is what happens.
/// </summary>
public abstract class RosterReport
{
    private protected RosterReport(RosterCsv file, RosterPlan? plan)
    {
        Errors = file.Errors;
        EncodingName = file.EncodingName;
        RowCount = file.RowCount;
        NewEmployees = plan?.New ?? [];
        Updates = plan?.Updates ?? [];
        Leavers = plan?.Leavers ?? [];
        OrgMoves = [.. Updates.Where(c => c.IsOrgMove)];
        JobLevelChanges = [.. Updates.Where(c => c.IsJobLevelChange)];
        UnchangedCount = plan?.Unchanged ?? 0;
        LeaveChanges = [.. NewEmployees.Concat(Updates).Where(c => c.LeaveChanged)];
    }

    /// <summary>Every problem in the file, in line order; nothing is (or was) applied unless this is empty.</summary>
    public IReadOnlyList<ImportIssue> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>"UTF-8" or "Shift_JIS": how the file was read.</summary>
    public string EncodingName { get; }

    /// <summary>Data rows in the file.</summary>
    public int RowCount { get; }

    public IReadOnlyList<RosterChange> NewEmployees { get; }

    /// <summary>Everyone whose record changes, including 異動 and 職層変更 (listed again below).</summary>
    public IReadOnlyList<RosterChange> Updates { get; }

    /// <summary>The <see cref="Updates"/> that change the 所属.</summary>
    public IReadOnlyList<RosterChange> OrgMoves { get; }

    /// <summary>The <see cref="Updates"/> that change the 職層.</summary>
    public IReadOnlyList<RosterChange> JobLevelChanges { get; }

    public IReadOnlyList<RosterChange> Leavers { get; }

    /// <summary>New people and <see cref="Updates"/> whose leave (休業) changes (listed again here).</summary>
    public IReadOnlyList<RosterChange> LeaveChanges { get; }

    /// <summary>People in the file whose record stays as it is.</summary>
    public int UnchangedCount { get; }

    /// <summary>People affected: new + updated + leavers.</summary>
    public int ChangeCount => NewEmployees.Count + Updates.Count + Leavers.Count;

    /// <summary>
    /// One Japanese line, e.g. 「新規 3 名、変更 2 名（異動 1、職層変更 1）、退職 1 名、変更なし 2,994 名」;
    /// for a file with errors, how many there are.
    /// </summary>
    public string Summary => IsValid
        ? $"新規 {CsvValues.Count(NewEmployees.Count)} 名、変更 {CsvValues.Count(Updates.Count)} 名" +
          $"（異動 {CsvValues.Count(OrgMoves.Count)}、職層変更 {CsvValues.Count(JobLevelChanges.Count)}）、" +
          $"退職 {CsvValues.Count(Leavers.Count)} 名、変更なし {CsvValues.Count(UnchangedCount)} 名" +
          (LeaveChanges.Count > 0 ? $"、休業の変更 {CsvValues.Count(LeaveChanges.Count)} 名" : "")
        : $"エラー {CsvValues.Count(Errors.Count)} 件のため取り込めません。";
}

/// <summary>The dry run of a roster file: nothing has been changed.</summary>
public sealed class RosterPreview : RosterReport
{
    internal RosterPreview(RosterCsv file, RosterPlan? plan) : base(file, plan) { }
}

/// <summary>The outcome of applying a roster file.</summary>
public sealed class RosterImportResult : RosterReport
{
    internal RosterImportResult(RosterCsv file, RosterPlan? plan) : base(file, plan)
    {
        Applied = plan is not null;
        CreatedEmployeeNumbers = [.. NewEmployees.Select(c => c.EmployeeNumber)];
    }

    /// <summary>False when the file had errors: then nothing at all was changed.</summary>
    public bool Applied { get; }

    public int Created => NewEmployees.Count;
    public int Updated => Updates.Count;
    public int Deactivated => Leavers.Count;
    public int Unchanged => UnchangedCount;

    /// <summary>The 職員番号 of the people created, so the caller can give them sign-in accounts.</summary>
    public IReadOnlyList<string> CreatedEmployeeNumbers { get; }
}
