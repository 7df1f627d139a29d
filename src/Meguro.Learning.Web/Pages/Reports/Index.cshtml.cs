using Meguro.Learning.Jobs.Curricula;
using System.Globalization;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Web.Infrastructure;
using Meguro.Learning.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Meguro.Learning.Web.Pages.Reports;

/// <summary>
/// 全庁レポート: completion and skill coverage of the whole city for one fiscal year, by 部, 課, 職層
/// and 雇用区分, the monthly trend and the DSS-L level figures. HR and administrators only. Every
/// table downloads as CSV (UTF-8 or Shift_JIS) or XLSX from the same URL with <c>table=</c> and
/// <c>format=</c>, and every download is written to the audit log.
/// </summary>
public sealed class IndexModel(CityReportQuery query, CurriculumNames curriculumNames, ReportExporter exporter, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>The earliest year accepted: nothing older exists, and a typo like 20266 gets a message, not an error page.</summary>
    public const int FirstYear = 2000;

    public const string ReportName = "全庁レポート";

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Curriculum { get; set; }
    [BindProperty(SupportsGet = true)] public string? Table { get; set; }
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    public int FiscalYear { get; private set; }
    public int CurrentFiscalYear { get; private set; }
    public string? Error { get; private set; }
    public CityReportQuery.Result Report { get; private set; } = null!;
    public IReadOnlyList<ReportTable> Tables { get; private set; } = [];
    public TrendChart Trend { get; private set; } = null!;

    public ReportTable TableById(string id) => Tables.Single(t => t.Id == id);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        CurrentFiscalYear = Jst.FiscalYear(Jst.Today(clock));
        FiscalYear = Year ?? CurrentFiscalYear;
        // Model binding leaves Year null for text such as "abc"; that is the default year, not an error.
        if (FiscalYear < FirstYear || FiscalYear > CurrentFiscalYear + 1)
        {
            Error = L["年度は{0}〜{1}の範囲で指定してください。{2}の集計を表示しています。", FirstYear, CurrentFiscalYear + 1, Display.FiscalYear(CurrentFiscalYear)];
            FiscalYear = CurrentFiscalYear;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Curriculum = string.IsNullOrWhiteSpace(Curriculum) ? null : Curriculum.Trim();
        if (Table == PeopleTableId && Error is null)
        {
            // Only the list of people: none of the aggregates the page shows are needed for it.
            return await ExportAsync(PeopleTable(), ct);
        }
        await LoadReportAsync(ct);
        if (Table is null && Format is null)
        {
            return Page();
        }
        if (Error is not null)
        {
            return Page();
        }
        return await ExportAsync(Tables.FirstOrDefault(t => t.Id == Table), ct);
    }

    /// <summary>The id of the list of people, which is only downloaded (it can hold 100,000 rows).</summary>
    public const string PeopleTableId = "people";

    private async Task<IActionResult> ExportAsync(ReportTable? table, CancellationToken ct)
    {
        if (!ReportFormats.TryParse(Format, out var format) || table is null)
        {
            Error = L["出力する表または形式の指定が正しくありません。"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await PageWithReportAsync(ct);
        }
        var result = await exporter.ExportAsync(User, table, format,
            new ReportExportRequest(ReportName, $"city-report-{FiscalYear}-{table.Id}", await AuditFiltersAsync(ct)), ct);
        if (result.File is { } file)
        {
            return file;
        }
        var refusal = result.Refusal!;
        Error = L["{0}行目『{1}』の『{2}』は Shift_JIS で表せません。UTF-8 を選んでください。", refusal.Line, refusal.Column, refusal.Character];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await PageWithReportAsync(ct);
    }

    /// <summary>The page itself, after a refused download; the list of people skips loading the report until here.</summary>
    private async Task<IActionResult> PageWithReportAsync(CancellationToken ct)
    {
        if (Tables.Count == 0)
        {
            await LoadReportAsync(ct);
        }
        return Page();
    }

    private async Task LoadReportAsync(CancellationToken ct)
    {
        Report = await query.RunAsync(FiscalYear, Curriculum, ct);
        Tables = BuildTables();
        Trend = BuildTrend();
    }

    /// <summary>職員別の受講状況: one row per person and curriculum of the year, streamed from the database into the file.</summary>
    private ReportTable PeopleTable()
    {
        var today = Jst.Today(clock);
        async IAsyncEnumerable<ReportRow> Rows([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            await foreach (var p in query.PeopleAsync(FiscalYear, Curriculum, ct))
            {
                var state = p.Completed >= p.Required ? L["修了"] : p.EarliestOpenDue is { } due && due < today ? L["期限超過"] : L["未修了"];
                yield return ReportRow.Of(ReportCell.Of(p.EmployeeNumber), ReportCell.Of(p.Name), ReportCell.Of(p.OrgUnitCode), ReportCell.Of(p.OrgUnit),
                    ReportCell.Of(p.JobLevel), ReportCell.Of(p.EmploymentType.ToJapanese()), ReportCell.Of(p.Curriculum),
                    ReportCell.Of(p.Required), ReportCell.Of(p.Completed), ReportCell.Of(state.Value), ReportCell.Of(p.EarliestOpenDue), ReportCell.Of(p.CompletedOn));
            }
        }
        return ReportTable.Streamed(PeopleTableId, L["職員別の受講状況"],
            [new(L["職員番号"]), new(L["氏名"]), new(L["所属コード"]), new(L["所属"]), new(L["職層"]), new(L["雇用区分"]), new(L["カリキュラム"]),
             new(L["必修コース（件）"], CellKind.Number), new(L["修了コース（件）"], CellKind.Number), new(L["状況"]),
             new(L["未修了の最も早い期限"], CellKind.Date), new(L["修了日"], CellKind.Date)],
            Rows(), containsPersonalData: true);
    }

    private TrendChart BuildTrend() =>
        TrendChart.For([.. Report.Trend.Select(p => (MonthAxis(p), MonthName(p), p.Completed is { } done ? ReportCell.Percent(done, p.Total).Number : null, PercentText(p)))]);

    /// <summary>The export link of a table in a format, with the filters the page shows.</summary>
    public string ExportUrl(ReportTable table, ReportFormat format) => ExportUrl(table.Id, format);

    public string ExportUrl(string tableId, ReportFormat format)
    {
        var query = new Dictionary<string, string?>
        {
            ["year"] = FiscalYear.ToString(CultureInfo.InvariantCulture),
            ["curriculum"] = Report.CurriculumCode,
            ["table"] = tableId,
            ["format"] = format.QueryValue(),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/reports", query.Where(q => q.Value is not null)!);
    }

    public string CurriculumName => Report.CurriculumCode is { } code
        ? Report.Curricula.FirstOrDefault(c => c.Code == code).Name ?? code
        : L["すべてのカリキュラム（合計）"];

    /// <summary>The audit log is kept in Japanese whatever language the reader uses.</summary>
    private async Task<string> AuditFiltersAsync(CancellationToken ct) =>
        $"{FiscalYear}年度・カリキュラム: {(Curriculum is { } code ? (await curriculumNames.AllAsync(ct)).GetValueOrDefault(code, code) : "すべて")}";

    private string MonthName(CityReportQuery.TrendPoint p) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
            ? new DateOnly(p.Year, p.Month, 1).ToString("MMM yyyy", CultureInfo.InvariantCulture)
            : $"{p.Year}年{p.Month}月";

    private static string MonthAxis(CityReportQuery.TrendPoint p) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
            ? new DateOnly(p.Year, p.Month, 1).ToString("MMM", CultureInfo.InvariantCulture)
            : $"{p.Month}月";

    private static string PercentText(CityReportQuery.TrendPoint p) =>
        p.Completed is { } done ? ReportCell.Percent(done, p.Total).ToDisplayText() : "—";

    private List<ReportTable> BuildTables()
    {
        var report = Report;
        var completion = new List<ReportColumn>
        {
            new(L["対象者（人）"], CellKind.Number),
            new(L["修了者（人）"], CellKind.Number),
            new(L["修了率（人）"], CellKind.Percent),
            new(L["必修コース（件）"], CellKind.Number),
            new(L["修了コース（件）"], CellKind.Number),
            new(L["修了率（コース）"], CellKind.Percent),
        };
        var groupColumns = new List<ReportColumn>(completion) { new(L["在籍職員（人）"], CellKind.Number) };
        if (report.HasSkillTargets)
        {
            groupColumns.Add(new(L["スキル目標のある職員（人）"], CellKind.Number));
            groupColumns.Add(new(L["スキル目標達成者（人）"], CellKind.Number));
            groupColumns.Add(new(L["スキル目標達成率"], CellKind.Percent));
        }

        IEnumerable<ReportCell> Completion(CityReportQuery.Figures f) =>
        [
            ReportCell.Of(f.People), ReportCell.Of(f.Complete), ReportCell.Percent(f.Complete, f.People),
            ReportCell.Of(f.Required), ReportCell.Of(f.Completed), ReportCell.Percent(f.Completed, f.Required),
        ];
        IEnumerable<ReportCell> GroupCells(CityReportQuery.Figures f) => report.HasSkillTargets
            ? [.. Completion(f), ReportCell.Of(f.Staff), ReportCell.Of(f.TargetStaff), ReportCell.Of(f.MeetingTargets), ReportCell.Percent(f.MeetingTargets, f.TargetStaff)]
            : [.. Completion(f), ReportCell.Of(f.Staff)];

        ReportTable GroupTable(string id, string caption, string[] labelHeaders, IReadOnlyList<CityReportQuery.Group> groups)
        {
            var rows = groups.Select(g => new ReportRow([.. g.Labels.Select(ReportCell.Of), .. GroupCells(g.Figures)])).ToList();
            rows.Add(new ReportRow([ReportCell.Of(L["全庁"]), .. labelHeaders.Skip(1).Select(_ => ReportCell.Of("")), .. GroupCells(report.Total)], IsTotal: true));
            return ReportTable.Of(id, caption, [.. labelHeaders.Select(h => new ReportColumn(h)), .. groupColumns], rows);
        }

        var curricula = ReportTable.Of("curricula", L["カリキュラム別の修了状況"], [new(L["カリキュラム"]), .. completion],
            [.. report.ByCurriculum.Select(c => c.Code == ""
                ? new ReportRow([ReportCell.Of(L["合計（職員は重複なし）"]), .. Completion(c.Figures)], IsTotal: true)
                : new ReportRow([ReportCell.Of(c.Name), .. Completion(c.Figures)]))]);

        var trend = ReportTable.Of("trend", L["月末ごとの累計修了率"],
            [new(L["月"]), new(L["修了（累計）"], CellKind.Number), new(L["対象（職員×カリキュラム）"], CellKind.Number), new(L["累計修了率"], CellKind.Percent)],
            [.. report.Trend.Select(p => ReportRow.Of(
                ReportCell.Of(MonthName(p)),
                p.Completed is { } done ? ReportCell.Of(done) : new ReportCell(CellKind.Number, null, null, null),
                ReportCell.Of(p.Total),
                p.Completed is { } d ? ReportCell.Percent(d, p.Total) : ReportCell.NoPercent))]);

        var levelColumns = new List<ReportColumn> { new(L["領域"]), new(L["在籍職員（人）"], CellKind.Number) };
        for (var level = 1; level <= 4; level++)
        {
            levelColumns.Add(new(L["レベル{0}以上（人）", level], CellKind.Number));
            levelColumns.Add(new(L["レベル{0}以上の割合", level], CellKind.Percent));
        }
        var dssl = ReportTable.Of("dssl", L["DSS-L 領域ごとのレベル到達者数"], levelColumns,
            [.. report.DssL.Select(a => new ReportRow([ReportCell.Of(a.Name), ReportCell.Of(a.Staff),
                .. a.AtLeast.SelectMany(n => new[] { ReportCell.Of(n), ReportCell.Percent(n, a.Staff) })]))]);

        return
        [
            curricula,
            GroupTable("departments", L["部別"], [L["部"]], report.ByDepartment),
            GroupTable("sections", L["課別"], [L["部"], L["課"]], report.BySection),
            GroupTable("job-levels", L["職層別"], [L["職層"]], report.ByJobLevel),
            GroupTable("employment-types", L["雇用区分別"], [L["雇用区分"]], report.ByEmploymentType),
            trend,
            dssl,
        ];
    }
}
