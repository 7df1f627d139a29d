using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Roster.Csv;

namespace Meguro.Learning.Roster;

/// <summary>One valid row of the organisation file.</summary>
/// <param name="ParentCode">上位所属コード; null for a 部.</param>
public sealed record OrgUnitRecord(int Line, string Code, string Name, OrgUnitKind Kind, string? ParentCode);

/// <summary>An organisation file as read: the valid rows, and everything wrong with the others.</summary>
public sealed class OrgUnitCsv
{
    internal OrgUnitCsv(IReadOnlyList<OrgUnitRecord> records, IReadOnlyList<ImportIssue> errors, string encodingName, int rowCount)
    {
        Records = records;
        Errors = errors;
        EncodingName = encodingName;
        RowCount = rowCount;
    }

    public IReadOnlyList<OrgUnitRecord> Records { get; }
    public IReadOnlyList<ImportIssue> Errors { get; }
    public bool IsValid => Errors.Count == 0;
    public string EncodingName { get; }
    public int RowCount { get; }
}

/// <summary>
/// Reads the 組織 CSV: <c>所属コード,所属名,種別,上位所属コード</c>. Only what a row says on its own is
/// checked here; whether a parent exists is for <see cref="OrgUnitImportService"/>, which also knows
/// the database.
/// </summary>
public static class OrgUnitCsvReader
{
    public const string CodeColumn = "所属コード";
    public const string NameColumn = "所属名";
    public const string KindColumn = "種別";
    public const string ParentCodeColumn = "上位所属コード";

    public static IReadOnlyList<string> Columns { get; } = [CodeColumn, NameColumn, KindColumn, ParentCodeColumn];

    // Column lengths of the OrgUnits table.
    private const int MaxCodeLength = 32;
    private const int MaxNameLength = 100;

    public static OrgUnitCsv Read(byte[] csv, CsvEncoding encoding)
    {
        var errors = new List<ImportIssue>();
        var records = new List<OrgUnitRecord>();
        using var sheet = CsvSheet.Open(csv, encoding, Columns, errors);
        if (sheet is null)
        {
            return new OrgUnitCsv(records, errors, "", 0);
        }

        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowCount = 0;
        foreach (var row in sheet.Rows())
        {
            rowCount++;
            var line = row.Line;
            var before = errors.Count;
            void Error(string message) => errors.Add(ImportIssue.At(line, message));
            var (code, name, kindText, parentCode) = (row.Values[0], row.Values[1], row.Values[2], row.Values[3]);

            if (code.Length == 0)
            {
                Error("所属コードが空です。");
            }
            else if (code.Length > MaxCodeLength || code.Contains('/', StringComparison.Ordinal))
            {
                // "/" separates the codes of OrgUnit.Path, so it cannot be part of one.
                Error($"所属コード「{code}」は使えません（{MaxCodeLength}文字まで、「/」は使えません）。");
            }
            else if (firstLineOf.TryGetValue(code, out var firstLine))
            {
                Error($"所属コード「{code}」が重複しています（{firstLine}行目と{line}行目）。");
            }
            else
            {
                firstLineOf[code] = line;
            }

            if (name.Length == 0)
            {
                Error("所属名が空です。");
            }
            else if (name.Length > MaxNameLength)
            {
                Error($"所属名が長すぎます（{MaxNameLength}文字まで）。");
            }

            var kindOk = OrgUnitKindNames.TryParseJapanese(kindText, out var kind);
            if (!kindOk)
            {
                Error(kindText.Length == 0 ? "種別が空です（部・課・係のいずれか）。" : $"種別「{kindText}」は読み取れません（部・課・係のいずれか）。");
            }
            else if (kind == OrgUnitKind.Department && parentCode.Length > 0)
            {
                Error($"部は最上位の所属です。上位所属コード「{parentCode}」は空欄にしてください。");
            }
            else if (kind != OrgUnitKind.Department && parentCode.Length == 0)
            {
                Error($"{kind.ToJapanese()}には上位所属コードが必要です。");
            }
            else if (parentCode.Length > 0 && parentCode == code)
            {
                Error($"上位所属コード「{parentCode}」が自分自身です。");
            }

            if (errors.Count == before)
            {
                records.Add(new OrgUnitRecord(line, code, name, kind, parentCode.Length == 0 ? null : parentCode));
            }
        }
        if (rowCount == 0 && errors.Count == 0)
        {
            // An empty organisation file would close every unit.
            errors.Add(ImportIssue.At(0, "データ行がありません。見出し行だけのファイルは取り込めません。"));
        }
        return new OrgUnitCsv(records, RosterCsvReader.Sorted(errors), sheet.EncodingName, rowCount);
    }
}
