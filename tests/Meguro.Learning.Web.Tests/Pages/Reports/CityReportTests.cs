using System.Globalization;
using System.Net;
using System.Text;
using ClosedXML.Excel;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Web.Reports;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Meguro.Learning.Web.Tests.Pages.Reports.ReportTables;

namespace Meguro.Learning.Web.Tests.Pages.Reports;

/// <summary>
/// A small city whose figures were worked out by hand (see the comments at each expectation). It uses
/// the last complete fiscal year <see cref="Year"/> (and the one before for the other-year check), so
/// every month of the trend is known and the expected figures hold whatever day the tests run.
/// </summary>
public abstract class ReportCityApp(DatabaseKind kind) : AppFixture(kind)
{
    public static int Year => Jst.FiscalYear(Jst.Today(TimeProvider.System)) - 1;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var y = Year;
        DateOnly D(int month, int day) => new(month >= 4 ? y : y + 1, month, day);
        const string Sec = "information-security", Pi = "personal-information", Dx = "meguro-dx-basics";
        await new ReportCityBuilder(this)
            .Department("A", "総務部").Section("A1", "人事課", "A").Team("A1a", "研修係", "A1").Section("A2", "髙﨑情報課", "A")
            .Department("B", "区民生活部").Section("B1", "戸籍住民課", "B").Team("B1a", "住民記録係", "B1")
            .Curriculum("sec", "情報セキュリティ研修", Sec, Pi).Curriculum("dx", "𠮷野DX研修", Dx)
            // p1 研修係 係員 正規: sec done (Jun 10), dx done (Jul 5). Also last year's sec, half done.
            .Person("p1", "A1a", "kakariin").Required("p1", "sec", Sec, y, D(5, 20)).Required("p1", "sec", Pi, y, D(6, 10)).Required("p1", "dx", Dx, y, D(7, 5))
            .Required("p1", "sec", Sec, y - 1, new DateOnly(y - 1, 7, 1)).Required("p1", "sec", Pi, y - 1)
            // p2 研修係 主任 会計年度任用: sec 1 of 2, dx open.
            .Person("p2", "A1a", "shunin", EmploymentType.FiscalYearAppointed).Required("p2", "sec", Sec, y, D(5, 1)).Required("p2", "sec", Pi, y).Required("p2", "dx", Dx, y)
            // p3 人事課 課長 正規: sec done (Apr 25).
            .Person("p3", "A1", "kacho").Required("p3", "sec", Sec, y, D(4, 20)).Required("p3", "sec", Pi, y, D(4, 25))
            // p4 髙﨑情報課 係員 正規: sec done (Oct 15; first course Sep 1), dx done (Aug 3).
            .Person("p4", "A2", "kakariin").Required("p4", "sec", Sec, y, D(9, 1)).Required("p4", "sec", Pi, y, D(10, 15)).Required("p4", "dx", Dx, y, D(8, 3))
            // p5 髙﨑情報課 係員 再任用: sec nothing done.
            .Person("p5", "A2", "kakariin", EmploymentType.Reappointed).Required("p5", "sec", Sec, y).Required("p5", "sec", Pi, y)
            // p6 総務部 directly, 部長: sec done (Feb 2 of the next calendar year).
            .Person("p6", "A", "bucho").Required("p6", "sec", Sec, y, D(1, 15)).Required("p6", "sec", Pi, y, D(2, 2))
            // p7 住民記録係 係員 会計年度任用: sec done (Dec 10).
            .Person("p7", "B1a", "kakariin", EmploymentType.FiscalYearAppointed).Required("p7", "sec", Sec, y, D(12, 1)).Required("p7", "sec", Pi, y, D(12, 10))
            // p8 住民記録係 係員 正規: sec open, dx exempt (not counted at all).
            .Person("p8", "B1a", "kakariin").Required("p8", "sec", Sec, y).Required("p8", "sec", Pi, y).Required("p8", "dx", Dx, y, exempt: true)
            // p9 戸籍住民課 係長 正規: sec done (Jun 30).
            .Person("p9", "B1", "kakaricho").Required("p9", "sec", Sec, y, D(6, 1)).Required("p9", "sec", Pi, y, D(6, 30))
            // p10 戸籍住民課 主任 正規: nothing this year (staff only); last year's sec done.
            .Person("p10", "B1", "shunin").Required("p10", "sec", Sec, y - 1, new DateOnly(y - 1, 5, 10)).Required("p10", "sec", Pi, y - 1, new DateOnly(y - 1, 6, 10))
            // Skills. Area "How（留意点）": p1 2, p3 3 (and 1 in another skill of the area), p4 2, p7 1. "What（データ）": p1 1, p4 4. Mind: p9 2.
            .Evidence("p1", Pi, y, "dssl.care.security", 2).Evidence("p1", Pi, y, "dssl.data.read", 1)
            .Evidence("p3", Pi, y, "dssl.care.security", 3).Evidence("p3", Pi, y, "dssl.care.morals", 1)
            .Evidence("p4", Pi, y, "dssl.data.read", 4).Evidence("p4", Pi, y, "dssl.care.security", 2)
            .Evidence("p7", Pi, y, "dssl.care.security", 1)
            .Evidence("p9", Pi, y, "dssl.mind.adaptation", 2)
            // Targets: 係員 security 2 and data.read 1; 課長 security 3. Met by p1, p4 (係員) and p3 (課長); not by p5, p7, p8.
            .Target("kakariin", "dssl.care.security", 2).Target("kakariin", "dssl.data.read", 1).Target("kacho", "dssl.care.security", 3)
            .SaveAsync();
    }
}

public sealed class SqliteReportCityApp() : ReportCityApp(DatabaseKind.Sqlite);

public sealed class PostgresReportCityApp() : ReportCityApp(DatabaseKind.PostgreSQL);

public abstract class CityReportTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ReportCityApp
{
    private static int Year => ReportCityApp.Year;
    private static string Url(string query = "") => $"/reports?year={Year}{query}";

    private static readonly string[] GroupHeaders =
        ["対象者（人）", "修了者（人）", "修了率（人）", "必修コース（件）", "修了コース（件）", "修了率（コース）", "在籍職員（人）", "スキル目標のある職員（人）", "スキル目標達成者（人）", "スキル目標達成率"];

    // 9 people in scope (p1–p9), 6 complete (p1 p3 p4 p6 p7 p9); 21 required courses, 15 done; 10 staff, 6 with targets, 3 meet them.
    private static readonly string[] CityTotal = ["9", "6", "66.7%", "21", "15", "71.4%", "10", "6", "3", "50.0%"];

    public static readonly Dictionary<string, string[][]> Expected = new()
    {
        ["departments"] =
        [
            ["部", .. GroupHeaders],
            // p1–p6: p1 p3 p4 p6 complete; required 3+3+2+3+2+2, done 3+1+2+3+0+2; targets p1 p3 p4 p5, met p1 p3 p4.
            ["総務部", "6", "4", "66.7%", "15", "11", "73.3%", "6", "4", "3", "75.0%"],
            // p7–p9 (+ p10 staff): p7 p9 complete; 2+2+2 required, 2+0+2 done; targets p7 p8, none met.
            ["区民生活部", "3", "2", "66.7%", "6", "4", "66.7%", "4", "2", "0", "0.0%"],
            ["全庁", .. CityTotal],
        ],
        ["sections"] =
        [
            ["部", "課", .. GroupHeaders],
            ["総務部", "（部に直属）", "1", "1", "100.0%", "2", "2", "100.0%", "1", "0", "0", "—"],
            // 研修係 adds up into 人事課: p1 p2 p3.
            ["総務部", "人事課", "3", "2", "66.7%", "8", "6", "75.0%", "3", "2", "2", "100.0%"],
            ["総務部", "髙﨑情報課", "2", "1", "50.0%", "5", "3", "60.0%", "2", "2", "1", "50.0%"],
            ["区民生活部", "戸籍住民課", "3", "2", "66.7%", "6", "4", "66.7%", "4", "2", "0", "0.0%"],
            ["全庁", "", .. CityTotal],
        ],
        ["job-levels"] =
        [
            ["職層", .. GroupHeaders],
            // p1 p4 p5 p7 p8: required 3+3+2+2+2 (p8's dx exempt), done 3+3+0+2+0.
            ["係員", "5", "3", "60.0%", "12", "8", "66.7%", "5", "5", "2", "40.0%"],
            ["主任", "1", "0", "0.0%", "3", "1", "33.3%", "2", "0", "0", "—"],
            ["係長", "1", "1", "100.0%", "2", "2", "100.0%", "1", "0", "0", "—"],
            ["課長", "1", "1", "100.0%", "2", "2", "100.0%", "1", "1", "1", "100.0%"],
            ["部長", "1", "1", "100.0%", "2", "2", "100.0%", "1", "0", "0", "—"],
            ["全庁", .. CityTotal],
        ],
        ["employment-types"] =
        [
            ["雇用区分", .. GroupHeaders],
            ["正規", "6", "5", "83.3%", "14", "12", "85.7%", "7", "4", "3", "75.0%"],
            ["会計年度任用", "2", "1", "50.0%", "5", "3", "60.0%", "2", "1", "0", "0.0%"],
            ["再任用", "1", "0", "0.0%", "2", "0", "0.0%", "1", "1", "0", "0.0%"],
            ["全庁", .. CityTotal],
        ],
        ["curricula"] =
        [
            ["カリキュラム", "対象者（人）", "修了者（人）", "修了率（人）", "必修コース（件）", "修了コース（件）", "修了率（コース）"],
            ["𠮷野DX研修", "3", "2", "66.7%", "3", "2", "66.7%"],
            ["情報セキュリティ研修", "9", "6", "66.7%", "18", "13", "72.2%"],
            ["合計（職員は重複なし）", "9", "6", "66.7%", "21", "15", "71.4%"],
        ],
        // 12 person × curriculum rows; done by month end: Apr p3, Jun p1 p9, Jul p1 dx, Aug p4 dx, Oct p4, Dec p7, Feb p6.
        ["trend"] =
        [
            ["月", "修了（累計）", "対象（職員×カリキュラム）", "累計修了率"],
            .. new (int Month, int Done, string Rate)[]
            {
                (4, 1, "8.3%"), (5, 1, "8.3%"), (6, 3, "25.0%"), (7, 4, "33.3%"), (8, 5, "41.7%"), (9, 5, "41.7%"),
                (10, 6, "50.0%"), (11, 6, "50.0%"), (12, 7, "58.3%"), (1, 7, "58.3%"), (2, 8, "66.7%"), (3, 8, "66.7%"),
            }.Select(m => new[] { $"{(m.Month >= 4 ? Year : Year + 1)}年{m.Month}月", m.Done.ToString(CultureInfo.InvariantCulture), "12", m.Rate }),
        ],
        ["dssl"] =
        [
            ["領域", "在籍職員（人）", "レベル1以上（人）", "レベル1以上の割合", "レベル2以上（人）", "レベル2以上の割合", "レベル3以上（人）", "レベル3以上の割合", "レベル4以上（人）", "レベル4以上の割合"],
            ["マインド・スタンス", "10", "1", "10.0%", "1", "10.0%", "0", "0.0%", "0", "0.0%"],
            ["Why（DXの背景）", "10", "0", "0.0%", "0", "0.0%", "0", "0.0%", "0", "0.0%"],
            // p1 (1) and p4 (4).
            ["What（データ）", "10", "2", "20.0%", "1", "10.0%", "1", "10.0%", "1", "10.0%"],
            ["What（デジタル技術）", "10", "0", "0.0%", "0", "0.0%", "0", "0.0%", "0", "0.0%"],
            ["How（活用事例・利用方法）", "10", "0", "0.0%", "0", "0.0%", "0", "0.0%", "0", "0.0%"],
            // p1 2, p3 3 (his other skill's 1 does not count him twice), p4 2, p7 1.
            ["How（留意点）", "10", "4", "40.0%", "3", "30.0%", "1", "10.0%", "0", "0.0%"],
        ],
    };

    public static TheoryData<string> TableIds => [.. Expected.Keys];

    [Fact]
    public async Task Hr_sees_every_table_with_the_figures_worked_out_by_hand()
    {
        var client = await app.RunAsUserAsync(Roles.HR);
        var html = await client.GetStringAsync(Url());

        foreach (var (id, rows) in Expected)
        {
            var actual = FromHtml(html, id);
            Assert.True(rows.Length == actual.Count, $"{id}: {actual.Count} rows on the page");
            for (var i = 0; i < rows.Length; i++)
            {
                Assert.Equal(rows[i], actual[i]);
            }
        }
        Assert.Contains("スキル目標達成者は、自分の職層に設定されたすべてのスキルで", html, StringComparison.Ordinal); // the definition is stated
        Assert.DoesNotContain("まだ設定されていない", html, StringComparison.Ordinal);
        Assert.Contains("その領域のスキルのうち現在のレベルが最も高いもの", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"trend-chart\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TableIds))]
    public async Task Each_table_downloads_as_utf8_csv_with_a_bom_and_the_same_figures(string id)
    {
        var client = await app.RunAsUserAsync(Roles.HR);
        var (bytes, type) = await DownloadAsync(client, Url($"&table={id}&format=csv"));

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("text/csv", type, StringComparison.Ordinal);
        var rows = FromCsv(Utf8(bytes));
        Assert.Equal(Expected[id].Select(r => Csv(r)).ToList(), rows);
    }

    [Fact]
    public async Task Xlsx_opens_with_the_same_cells_as_the_csv_numbers_as_numbers()
    {
        var client = await app.RunAsUserAsync(Roles.HR);
        var (bytes, type) = await DownloadAsync(client, Url("&table=sections&format=xlsx"));

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", type);
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheets.Single();
        var expected = Expected["sections"];
        Assert.Equal(expected.Length, sheet.LastRowUsed().RowNumber());
        for (var r = 0; r < expected.Length; r++)
        {
            for (var c = 0; c < expected[r].Length; c++)
            {
                var cell = sheet.Cell(r + 1, c + 1);
                var want = expected[r][c];
                if (r > 0 && want.EndsWith('%'))
                {
                    Assert.Equal(decimal.Parse(want.TrimEnd('%'), CultureInfo.InvariantCulture), Math.Round((decimal)cell.GetDouble() * 100m, 1));
                    Assert.Equal("0.0%", cell.Style.NumberFormat.Format);
                }
                else if (r > 0 && c >= 2 && int.TryParse(want, out var number))
                {
                    Assert.Equal(XLDataType.Number, cell.DataType);
                    Assert.Equal(number, cell.GetDouble());
                }
                else if (want is "" or "—")
                {
                    Assert.True(cell.IsEmpty(), $"cell {r + 1},{c + 1} should be empty");
                }
                else
                {
                    Assert.Equal(want, cell.GetString());
                }
            }
        }
    }

    [Fact]
    public async Task Shift_jis_keeps_the_ibm_extension_kanji_and_refuses_a_character_cp932_lacks_naming_line_column_and_character()
    {
        var client = await app.RunAsUserAsync(Roles.HR);
        var (bytes, type) = await DownloadAsync(client, Url("&table=sections&format=csv-sjis"));

        Assert.Contains("shift_jis", type, StringComparison.Ordinal);
        Assert.NotEqual(0xEF, bytes[0]);
        var text = Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetString(bytes);
        Assert.Equal(Expected["sections"].Select(r => Csv(r)).ToList(), FromCsv(text)); // 髙﨑情報課 comes back as it was

        var refused = await client.GetAsync(Url("&table=curricula&format=csv-sjis"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.StartsWith("text/html", refused.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("2行目『カリキュラム』の『𠮷』は Shift_JIS で表せません。UTF-8 を選んでください。",
            WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var (utf8, _) = await DownloadAsync(client, Url("&table=curricula&format=csv"));
        Assert.Contains("𠮷野DX研修", Utf8(utf8), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_export_writes_an_audit_entry_with_who_which_report_filters_and_row_count_and_a_refused_one_none()
    {
        var userName = await app.CreateUserAsync(Roles.HR);
        var client = app.CreateClient();
        await AppFixture.SignInAsync(client, userName, AppFixture.TestPassword);
        var before = await AuditCountAsync();

        await DownloadAsync(client, Url("&table=departments&format=csv"));
        await DownloadAsync(client, Url("&table=trend&format=xlsx"));
        await client.GetAsync(Url("&table=curricula&format=csv-sjis"));

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == ReportExporter.AuditAction && e.Actor == userName).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(before + 2, await AuditCountAsync());
        Assert.Collection(entries,
            e =>
            {
                Assert.Equal("全庁レポート「部別」", e.Target);
                Assert.Equal($"CSV（UTF-8）・{Year}年度・カリキュラム: すべて・3行", e.Details);
            },
            e =>
            {
                Assert.Equal("全庁レポート「月末ごとの累計修了率」", e.Target);
                Assert.Equal($"Excel（XLSX）・{Year}年度・カリキュラム: すべて・12行", e.Details);
            });
    }

    [Fact]
    public async Task The_list_of_people_downloads_one_row_per_person_and_curriculum_in_unit_order_and_every_download_is_audited()
    {
        var userName = await app.CreateUserAsync(Roles.HR);
        var client = app.CreateClient();
        await AppFixture.SignInAsync(client, userName, AppFixture.TestPassword);

        var (bytes, _) = await DownloadAsync(client, Url("&table=people&format=csv"));

        var rows = FromCsv(Utf8(bytes));
        Assert.Equal(Csv(["職員番号", "氏名", "所属コード", "所属", "職層", "雇用区分", "カリキュラム", "必修コース（件）", "修了コース（件）", "状況", "未修了の最も早い期限", "修了日"]), rows[0]);
        // 総務部 (p6), 人事課 (p3), 研修係 (p1, p2), 髙﨑情報課 (p4, p5), 戸籍住民課 (p9), 住民記録係 (p7, p8); p10 had nothing this
        // year and p8's exempt DX course is no row. Each person's curricula in code order: dx before sec.
        Assert.Equal(["610006", "610003", "610001", "610001", "610002", "610002", "610004", "610004", "610005", "610009", "610007", "610008"],
            rows.Skip(1).Select(r => r[0]).ToList());
        var yearEnd = Jst.FiscalYearEnd(Year).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(Csv(["610001", "報告　p1", "A1a", "研修係", "係員", "正規", "情報セキュリティ研修", "2", "2", "修了", "", $"{Year}-06-10"]), rows[4]);
        Assert.Equal(Csv(["610002", "報告　p2", "A1a", "研修係", "主任", "会計年度任用", "𠮷野DX研修", "1", "0", "期限超過", yearEnd, ""]), rows[5]);
        Assert.Equal(Csv(["610008", "報告　p8", "B1a", "住民記録係", "係員", "正規", "情報セキュリティ研修", "2", "0", "期限超過", yearEnd, ""]), rows[^1]);

        var (dxOnly, _) = await DownloadAsync(client, Url("&curriculum=dx&table=people&format=xlsx"));
        using var workbook = new XLWorkbook(new MemoryStream(dxOnly));
        Assert.Equal(4, workbook.Worksheets.Single().LastRowUsed().RowNumber()); // p1, p2, p4 and the header

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == ReportExporter.AuditAction && e.Actor == userName).OrderBy(e => e.Id).Select(e => e.Target + " " + e.Details).ToListAsync());
        Assert.Equal([$"全庁レポート「職員別の受講状況」 CSV（UTF-8）・{Year}年度・カリキュラム: すべて・12行・個人情報を含む",
            $"全庁レポート「職員別の受講状況」 Excel（XLSX）・{Year}年度・カリキュラム: 𠮷野DX研修・3行・個人情報を含む"], entries);

        var manager = await app.RunAsUserAsync(Roles.Learner, Roles.Manager);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync(Url("&table=people&format=csv"))).StatusCode);
        Assert.Contains("table=people&amp;format=csv", await client.GetStringAsync(Url()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_curriculum_filter_and_the_other_year_show_their_own_figures()
    {
        var client = await app.RunAsUserAsync(Roles.HR);

        // Only 情報セキュリティ研修: p1–p9, 18 required, 13 done.
        var sec = FromHtml(await client.GetStringAsync(Url("&curriculum=sec")), "departments");
        Assert.Equal(["全庁", "9", "6", "66.7%", "18", "13", "72.2%", "10", "6", "3", "50.0%"], sec[^1]);

        // Last year: p10 done (2 of 2), p1 1 of 2.
        var html = await client.GetStringAsync($"/reports?year={Year - 1}");
        Assert.Equal(["全庁", "2", "1", "50.0%", "4", "3", "75.0%", "10", "6", "3", "50.0%"], FromHtml(html, "departments")[^1]);
        Assert.Equal(["区民生活部", "1", "1", "100.0%", "2", "2", "100.0%", "4", "2", "0", "0.0%"], FromHtml(html, "departments")[2]);
    }

    [Fact]
    public async Task Without_a_year_the_page_shows_the_current_fiscal_year()
    {
        var client = await app.RunAsUserAsync(Roles.HR);
        var html = await client.GetStringAsync("/reports");

        var current = Jst.FiscalYear(Jst.Today(TimeProvider.System));
        Assert.Contains($"<option value=\"{current}\" selected=\"selected\">", html, StringComparison.Ordinal);
        // Nothing was assigned for the current year in this city.
        Assert.Equal(["全庁", "0", "0", "—", "0", "0", "—", "10", "6", "3", "50.0%"], FromHtml(html, "departments")[^1]);
    }

    [Theory]
    [InlineData("1999")]
    [InlineData("99999")]
    [InlineData("-1")]
    public async Task A_year_outside_the_sane_range_gets_a_message_not_an_error_and_no_file(string year)
    {
        var client = await app.RunAsUserAsync(Roles.HR);

        var page = await client.GetAsync($"/reports?year={year}");
        var export = await client.GetAsync($"/reports?year={year}&table=departments&format=csv");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("年度は2000〜", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.StartsWith("text/html", export.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("&table=departments&format=pdf")]
    [InlineData("&table=nothing&format=csv")]
    public async Task An_unknown_table_or_format_is_a_bad_request(string query)
    {
        var client = await app.RunAsUserAsync(Roles.HR);

        var response = await client.GetAsync(Url(query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("出力する表または形式の指定が正しくありません。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_and_a_learner_get_403_for_the_page_and_every_export_while_an_administrator_may_read_it()
    {
        var urls = new List<string> { "/reports", Url() };
        urls.AddRange(Expected.Keys.SelectMany(id => new[] { "csv", "csv-sjis", "xlsx" }.Select(f => Url($"&table={id}&format={f}"))));
        var manager = await app.RunAsUserAsync(Roles.Learner, Roles.Manager);
        var learner = await app.RunAsUserAsync(Roles.Learner);
        var before = await AuditCountAsync();

        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(url)).StatusCode);
        }
        Assert.Equal(before, await AuditCountAsync());

        var admin = await app.RunAsUserAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Url())).StatusCode);
        var anonymous = await app.CreateClient().GetAsync(Url("&table=departments&format=csv"));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task Hr_home_and_navigation_link_to_the_report()
    {
        var client = await app.RunAsUserAsync(Roles.HR);

        var html = await client.GetStringAsync("/hr");

        Assert.Contains("<a href=\"/reports\">全庁レポート（", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/reports\">全庁レポート</a>", html, StringComparison.Ordinal);
    }

    private Task<int> AuditCountAsync() => app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == ReportExporter.AuditAction));
}

public sealed class SqliteCityReportTests(SqliteReportCityApp app) : CityReportTests<SqliteReportCityApp>(app);

public sealed class PostgresCityReportTests(PostgresReportCityApp app) : CityReportTests<PostgresReportCityApp>(app);
