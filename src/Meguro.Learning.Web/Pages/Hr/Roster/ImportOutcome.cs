using Meguro.Learning.Roster;

namespace Meguro.Learning.Web.Pages.Hr.Roster;

/// <summary>One row of a change list on the dry-run page.</summary>
public sealed record ImportChangeRow(string Key, string Name, int? Line, string Description);

/// <summary>A titled list of changes (新規, 異動, …).</summary>
public sealed record ImportChangeSection(string Title, IReadOnlyList<ImportChangeRow> Rows);

/// <summary>
/// What the dry-run page shows for either kind of file, so the page does not care whether it is a
/// roster or an organisation file.
/// </summary>
public sealed record ImportOutcome(bool IsValid, string Summary, string EncodingName, IReadOnlyList<ImportIssue> Errors, IReadOnlyList<ImportChangeSection> Sections)
{
    public static ImportOutcome From(RosterReport report) => new(
        report.IsValid,
        report.Summary,
        report.EncodingName,
        report.Errors,
        [
            Section("新規", report.NewEmployees),
            Section("異動（所属の変更）", report.OrgMoves),
            Section("職層の変更", report.JobLevelChanges),
            Section("その他の変更（氏名・メール・雇用区分・所属長・休業など）", report.Updates.Where(u => !u.IsOrgMove && !u.IsJobLevelChange).ToList()),
            Section("退職（無効化）", report.Leavers),
        ]);

    public static ImportOutcome From(OrgUnitReport report) => new(
        report.IsValid,
        report.Summary,
        report.EncodingName,
        report.Errors,
        [
            Section("新設", report.NewUnits),
            Section("変更（名称変更・移動・再開）", report.Updates),
            Section("廃止（無効化）", report.Deactivations),
        ]);

    private static ImportChangeSection Section(string title, IEnumerable<OrgUnitChange> changes) =>
        new(title, changes.Select(c => new ImportChangeRow(c.Code, c.Name, c.Line, c.Description)).ToList());

    private static ImportChangeSection Section(string title, IEnumerable<RosterChange> changes) =>
        new(title, changes.Select(c => new ImportChangeRow(c.EmployeeNumber, c.Name, c.Line, c.Description)).ToList());

    /// <summary>The stored encoding code of an <see cref="Meguro.Learning.Domain.Imports.ImportBatch"/>.</summary>
    public static CsvEncoding ParseEncoding(string code) => code switch
    {
        "utf-8" => CsvEncoding.Utf8,
        "shift_jis" => CsvEncoding.ShiftJis,
        _ => CsvEncoding.Auto,
    };

    public static string EncodingCode(CsvEncoding encoding) => encoding switch
    {
        CsvEncoding.Utf8 => "utf-8",
        CsvEncoding.ShiftJis => "shift_jis",
        _ => "auto",
    };
}
