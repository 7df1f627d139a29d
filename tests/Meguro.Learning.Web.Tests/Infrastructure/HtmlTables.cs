using System.Net;
using System.Text.RegularExpressions;

namespace Meguro.Learning.Web.Tests.Infrastructure;

/// <summary>
/// The rows of the tables on a page as plain text cells (tags removed, entities decoded, spaces
/// collapsed), so a test can check a figure in the row it belongs to rather than somewhere on the page.
/// </summary>
public static partial class HtmlTables
{
    public static IReadOnlyList<string[]> Rows(string html) =>
        [.. RowPattern().Matches(html).Select(row => CellPattern().Matches(row.Groups[1].Value).Select(c => Text(c.Groups[1].Value)).ToArray())];

    /// <summary>The one row whose first cell is <paramref name="firstCell"/>.</summary>
    public static string[] Row(string html, string firstCell)
    {
        var rows = Rows(html).Where(r => r.Length > 0 && r[0] == firstCell).ToList();
        Assert.True(rows.Count == 1, $"expected one row starting with '{firstCell}', found {rows.Count}");
        return rows[0];
    }

    public static string Text(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    [GeneratedRegex("<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("[ \t\r\n]+")]
    private static partial Regex Spaces();
}
