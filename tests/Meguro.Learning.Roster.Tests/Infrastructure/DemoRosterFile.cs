using Meguro.Learning.Demo;

namespace Meguro.Learning.Roster.Tests.Infrastructure;

/// <summary>
/// The demo roster as editable rows, for files that differ from it in a known way (one move, one
/// promotion, one leaver…). The demo CSV never quotes a field, so splitting on commas is exact.
/// </summary>
public sealed class DemoRosterFile
{
    public const int Number = 0, Name = 1, OrgCode = 4, JobLevel = 5, EmploymentType = 6, UnitHead = 9;

    private DemoRosterFile(List<string[]> rows) => Rows = rows;

    public List<string[]> Rows { get; }

    public static DemoRosterFile Load()
    {
        var lines = DemoRoster.ToCsv().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(DemoRoster.CsvHeader, lines[0]);
        return new DemoRosterFile([.. lines.Skip(1).Select(l => l.Split(','))]);
    }

    public DemoRosterFile Copy() => new([.. Rows.Select(r => (string[])r.Clone())]);

    public string[] Row(string employeeNumber) => Rows.Single(r => r[Number] == employeeNumber);

    /// <summary>The file line of a row (the header is line 1).</summary>
    public int LineOf(string employeeNumber) => Rows.FindIndex(r => r[Number] == employeeNumber) + 2;

    /// <summary>Ordinary staff: regular 係員 who head nothing; safe to move, promote or remove.</summary>
    public IEnumerable<string[]> OrdinaryStaff =>
        Rows.Where(r => r[JobLevel] == "係員" && r[EmploymentType] == "正規" && r[UnitHead] == "" && !r[Number].StartsWith("9000", StringComparison.Ordinal));

    public string ToCsv() => TestCsv.Lines(DemoRoster.CsvHeader, [.. Rows.Select(r => string.Join(",", r))]);

    public byte[] ToUtf8() => TestCsv.Utf8(ToCsv());
}
