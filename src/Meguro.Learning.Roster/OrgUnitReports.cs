using Meguro.Learning.Roster.Csv;

namespace Meguro.Learning.Roster;

public enum OrgUnitChangeKind
{
    /// <summary>新設</summary>
    New = 1,
    /// <summary>変更: 名称変更, 移動 (another 上位所属) or 再開.</summary>
    Update = 2,
    /// <summary>廃止: missing from the file; deactivated, never deleted.</summary>
    Deactivation = 3,
}

/// <summary>What the import does (or did) to one unit.</summary>
/// <param name="Line">The unit's line in the file; null for a unit that is closed because the file lacks it.</param>
/// <param name="Description">Japanese, e.g. 「名称: 企画課 → 政策企画課、上位所属: 総務部 → 企画経営部」.</param>
public sealed record OrgUnitChange(OrgUnitChangeKind Kind, string Code, string Name, int? Line, string Description)
{
    public bool Renamed { get; init; }
    public bool Moved { get; init; }
    public bool Reactivated { get; init; }
}

/// <summary>What an organisation file does, as previewed and as applied (built by the same code).</summary>
public abstract class OrgUnitReport
{
    private protected OrgUnitReport(OrgUnitCsv file, OrgUnitPlan? plan, IReadOnlyList<ImportIssue>? errors = null)
    {
        Errors = errors ?? file.Errors;
        EncodingName = file.EncodingName;
        RowCount = file.RowCount;
        NewUnits = plan?.New ?? [];
        Updates = plan?.Updates ?? [];
        Deactivations = plan?.Deactivations ?? [];
        UnchangedCount = plan?.Unchanged ?? 0;
    }

    public IReadOnlyList<ImportIssue> Errors { get; }
    public bool IsValid => Errors.Count == 0;
    public string EncodingName { get; }
    public int RowCount { get; }
    public IReadOnlyList<OrgUnitChange> NewUnits { get; }
    public IReadOnlyList<OrgUnitChange> Updates { get; }
    public IReadOnlyList<OrgUnitChange> Deactivations { get; }
    public int UnchangedCount { get; }
    public int ChangeCount => NewUnits.Count + Updates.Count + Deactivations.Count;

    /// <summary>e.g. 「新設 3 件、変更 2 件（名称変更 1、移動 1、再開 0）、廃止 1 件、変更なし 150 件」.</summary>
    public string Summary => IsValid
        ? $"新設 {CsvValues.Count(NewUnits.Count)} 件、変更 {CsvValues.Count(Updates.Count)} 件" +
          $"（名称変更 {CsvValues.Count(Updates.Count(u => u.Renamed))}、移動 {CsvValues.Count(Updates.Count(u => u.Moved))}、" +
          $"再開 {CsvValues.Count(Updates.Count(u => u.Reactivated))}）、" +
          $"廃止 {CsvValues.Count(Deactivations.Count)} 件、変更なし {CsvValues.Count(UnchangedCount)} 件"
        : $"エラー {CsvValues.Count(Errors.Count)} 件のため取り込めません。";
}

public sealed class OrgUnitPreview : OrgUnitReport
{
    internal OrgUnitPreview(OrgUnitCsv file, OrgUnitPlan? plan, IReadOnlyList<ImportIssue>? errors = null) : base(file, plan, errors) { }
}

public sealed class OrgUnitImportResult : OrgUnitReport
{
    internal OrgUnitImportResult(OrgUnitCsv file, OrgUnitPlan? plan, IReadOnlyList<ImportIssue>? errors = null) : base(file, plan, errors)
    {
        Applied = plan is not null && IsValid;
    }

    /// <summary>False when the file had errors: then nothing at all was changed.</summary>
    public bool Applied { get; }

    public int Created => NewUnits.Count;
    public int Updated => Updates.Count;
    public int Deactivated => Deactivations.Count;
    public int Unchanged => UnchangedCount;
}
