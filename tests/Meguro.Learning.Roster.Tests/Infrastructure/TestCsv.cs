using System.Text;
using Meguro.Learning.Content;
using Meguro.Learning.Demo;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Roster.Tests.Infrastructure;

/// <summary>Builds CSV files the way HR systems write them, and the in-memory reference data the readers check against.</summary>
public static class TestCsv
{
    /// <summary>
    /// Taken from the provider directly rather than registered globally: the importer must register
    /// CP932 itself, and a global registration here would hide it if it did not.
    /// </summary>
    public static Encoding ShiftJis { get; } = CodePagesEncodingProvider.Instance.GetEncoding(932)!;

    public static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    public static byte[] Utf8WithBom(string text) => [0xEF, 0xBB, 0xBF, .. Utf8(text)];

    public static byte[] Sjis(string text) => ShiftJis.GetBytes(text);

    /// <summary>Header plus rows, CRLF line ends.</summary>
    public static string RosterText(params string[] rows) => Lines(DemoRoster.CsvHeader, rows);

    public static string OrganizationText(params string[] rows) => Lines(DemoOrganization.CsvHeader, rows);

    public static string Lines(string header, params string[] rows) =>
        string.Concat(new[] { header }.Concat(rows).Select(r => r + "\r\n"));

    /// <summary>A valid roster row for the demo 戸籍住民課 › 住民記録係 with the given 職員番号.</summary>
    public static string Row(string number, string name = "目黒　花子", string orgCode = "B04-K02-T01", string jobLevel = "係員",
        string employmentType = "正規", string appointmentEnd = "", string hiredOn = "2019-04-01", string head = "", string email = "",
        string kana = "メグロ　ハナコ") =>
        string.Join(",", number, name, kana, email, orgCode, jobLevel, employmentType, appointmentEnd, hiredOn, head);

    /// <summary>The demo organisation and the content's job levels as plain entities (no database).</summary>
    public static RosterReference DemoReference(params string[] closedCodes)
    {
        var units = new Dictionary<string, OrgUnit>();
        foreach (var u in DemoOrganization.Units)
        {
            var unit = new OrgUnit(u.Code, u.Name, u.Kind, u.ParentCode is null ? null : units[u.ParentCode]);
            if (closedCodes.Contains(u.Code))
            {
                unit.Deactivate();
            }
            units.Add(u.Code, unit);
        }
        var yaml = File.ReadAllText(Path.Combine(ContentOptions.Locate("", AppContext.BaseDirectory), JobLevelCatalog.FileName));
        var levels = JobLevelCatalog.Parse(yaml).Select(d => new JobLevel(d.Code, d.Name, d.Rank, d.Managerial));
        return new RosterReference(units.Values, levels);
    }
}
