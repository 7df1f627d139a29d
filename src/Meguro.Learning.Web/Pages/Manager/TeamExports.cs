using Meguro.Learning.Domain.People;
using Meguro.Learning.Web.Reports;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Meguro.Learning.Web.Pages.Manager;

/// <summary>
/// CSV/XLSX downloads of the team pages through the same <see cref="ReportExporter"/> as the city
/// report: a download carries the page's own query (unit, 年度, category), so it holds exactly the
/// scoped figures the page shows, and is audited when it names people.
/// </summary>
public static class TeamExports
{
    public const string ReportName = "チームレポート";

    /// <summary>The download links of a table: the current page's URL with <c>table</c> and <c>format</c> added.</summary>
    public static IReadOnlyList<(string Label, string Url)> Links(HttpRequest request, string tableId) =>
        [.. new[] { ReportFormat.Csv, ReportFormat.CsvShiftJis, ReportFormat.Xlsx }.Select(format =>
        {
            var query = QueryHelpers.ParseQuery(request.QueryString.Value)
                .Where(q => q.Key is not ("table" or "format"))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                .Append(new("table", tableId))
                .Append(new("format", format.QueryValue()));
            return (format.DisplayName(), request.Path + new QueryBuilder(query!).ToQueryString().Value);
        })];

    /// <summary>
    /// Null when the request asks for no download (show the page); otherwise the file, or a 400/422
    /// with <paramref name="error"/> set for the page to show.
    /// </summary>
    public static async Task<IActionResult?> TryExportAsync(
        PageModel page, ReportExporter exporter, IReadOnlyList<ReportTable> tables, string filters, Action<string> error, IStringLocalizer L, CancellationToken ct)
    {
        var table = page.Request.Query["table"].ToString();
        var format = page.Request.Query["format"].ToString();
        if (table.Length == 0 && format.Length == 0)
        {
            return null;
        }
        if (!ReportFormats.TryParse(format, out var parsed) || tables.FirstOrDefault(t => t.Id == table) is not { } chosen)
        {
            error(L["出力する表または形式の指定が正しくありません。"]);
            page.Response.StatusCode = StatusCodes.Status400BadRequest;
            return page.Page();
        }
        var result = await exporter.ExportAsync(page.User, chosen, parsed, new ReportExportRequest(ReportName, $"team-{chosen.Id}", filters), ct);
        if (result.File is { } file)
        {
            return file;
        }
        var refusal = result.Refusal!;
        error(L["{0}行目『{1}』の『{2}』は Shift_JIS で表せません。UTF-8 を選んでください。", refusal.Line, refusal.Column, refusal.Character]);
        page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page.Page();
    }

    public static IReadOnlyList<ReportTable> Overview(TeamOverview.Result report, IStringLocalizer L) =>
    [
        ReportTable.Of("curricula", L["カリキュラム別の必修コース修了率"],
            [new(L["カリキュラム"]), new(L["修了コース（件）"], CellKind.Number), new(L["必修コース（件）"], CellKind.Number), new(L["修了率"], CellKind.Percent),
             new(L["全て修了した職員（人）"], CellKind.Number), new(L["対象職員（人）"], CellKind.Number)],
            [.. report.Curricula.Select(c => ReportRow.Of(ReportCell.Of(c.Name), ReportCell.Of(c.Completed), ReportCell.Of(c.Required),
                ReportCell.Percent(c.Completed, c.Required), ReportCell.Of(c.CompletePeople), ReportCell.Of(c.People)))]),
        ReportTable.Of("units", L["所属別の状況"],
            [new(L["所属"]), new(L["在籍職員（人）"], CellKind.Number), new(L["必修コース（件）"], CellKind.Number), new(L["修了コース（件）"], CellKind.Number),
             new(L["修了率"], CellKind.Percent), new(L["期限超過の職員（人）"], CellKind.Number), new(L["休職・休業中（人）"], CellKind.Number)],
            [.. report.Units.Select(u => ReportRow.Of(ReportCell.Of(u.DirectMembers ? L["{0}（直属）", u.Name] : u.Name), ReportCell.Of(u.Staff),
                ReportCell.Of(u.Required), ReportCell.Of(u.Completed), ReportCell.Percent(u.Completed, u.Required), ReportCell.Of(u.Overdue), ReportCell.Of(u.OnLeave)))]),
        ReportTable.Of("leave", L["休職・休業中の職員"],
            [new(L["氏名"]), new(L["所属"]), new(L["種別"]), new(L["開始日"], CellKind.Date), new(L["終了日"], CellKind.Date)],
            [.. report.OnLeave.Select(l => ReportRow.Of(ReportCell.Of(l.Name), ReportCell.Of(l.OrgUnit), ReportCell.Of(l.Kind.ToJapanese()),
                ReportCell.Of(l.Start), ReportCell.Of(l.End)))],
            containsPersonalData: true),
    ];

    public static string OverviewFilters(string? heading, int fiscalYear) => $"{heading ?? "区全体"}・{fiscalYear}年度";
}

/// <summary>The download links under one table of a team page (partial <c>_TeamDownloads</c>).</summary>
public sealed record TeamDownloads(string TableId, string Caption);
