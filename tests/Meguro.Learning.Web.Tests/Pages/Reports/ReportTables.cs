using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Meguro.Learning.Web.Tests.Pages.Reports;

/// <summary>Reads report tables back as rows of cell texts: from the page's HTML and from a CSV download.</summary>
public static partial class ReportTables
{
    /// <summary>The body rows of <c>&lt;table id="table-{id}"&gt;</c>, each cell's text decoded.</summary>
    public static List<string[]> FromHtml(string html, string id)
    {
        var table = TablePattern().Matches(html).Single(m => m.Groups["id"].Value == id).Groups["body"].Value;
        return [.. RowPattern().Matches(table).Select(r => CellPattern().Matches(r.Groups[1].Value)
            .Select(c => WebUtility.HtmlDecode(TagPattern().Replace(c.Groups[1].Value, "")).Trim()).ToArray())];
    }

    /// <summary>Header and rows of a CSV with no quoted fields (the report tables have none).</summary>
    public static List<string[]> FromCsv(string csv) =>
        [.. csv.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Select(l => l.Split(','))];

    /// <summary>The same figures as the page shows them: an empty number or percentage is "—" on the page, empty in CSV.</summary>
    public static string[] Csv(params string[] displayed) => [.. displayed.Select(c => c == "—" ? "" : c)];

    public static async Task<(byte[] Bytes, string ContentType)> DownloadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.ToString() ?? "");
    }

    public static string Utf8(byte[] bytes) => new UTF8Encoding(false).GetString(bytes.AsSpan(3));

    [GeneratedRegex("<table class=\"report-table\" id=\"table-(?<id>[a-z-]+)\">(?<body>.*?)</table>", RegexOptions.Singleline)]
    private static partial Regex TablePattern();

    [GeneratedRegex("<tr(?: [^>]*)?>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<t[hd](?: [^>]*)?>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
