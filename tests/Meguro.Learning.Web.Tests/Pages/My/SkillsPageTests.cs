using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain;
using Meguro.Learning.Web.Tests.Infrastructure;

namespace Meguro.Learning.Web.Tests.Pages.My;

/// <summary>マイスキル through HTTP: levels derived from the evidence, the history, the chart and table, the 修了証 list.</summary>
public abstract class SkillsPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string ReadData = "dssl.data.read";
    private const string Security = "dssl.care.security";
    private static readonly DateOnly Today = Jst.Today(TimeProvider.System);

    [Fact]
    public async Task The_current_level_is_the_highest_valid_one_and_expired_evidence_does_not_count()
    {
        var (client, me) = await app.RunAsEmployeeAsync();
        var level2 = await Completion.Of(me, "data-literacy").On(new DateOnly(2025, 6, 2)).Grants(ReadData, 2).SaveAsync(app.Services);
        await Completion.Of(me, "meguro-dx-basics").On(new DateOnly(2025, 9, 1)).Grants(ReadData, 1).SaveAsync(app.Services);
        await Completion.Of(me, "business-improvement").On(new DateOnly(2025, 7, 1)).Grants(ReadData, 3).ExpiringOn(Today.AddDays(-1)).SaveAsync(app.Services);
        await Completion.Of(me, "information-security").ForFiscalYear(2024).On(new DateOnly(2024, 5, 10)).SaveAsync(app.Services);

        var page = await GetPageAsync(client);

        var readData = Row(page, ReadData);
        Assert.Equal("2", readData.QuerySelector("td[data-level]")!.GetAttribute("data-level"));
        Assert.Contains("2（理解している）", readData.TextContent, StringComparison.Ordinal);
        Assert.Contains("2025年6月2日", readData.TextContent, StringComparison.Ordinal);
        Assert.Contains(level2.CourseTitle, readData.TextContent, StringComparison.Ordinal);
        var security = Row(page, Security);
        Assert.Equal("0", security.QuerySelector("td[data-level]")!.GetAttribute("data-level"));
        Assert.Contains("有効な記録なし", security.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_shows_every_row_newest_first_with_course_version_score_and_expiry()
    {
        var (client, me) = await app.RunAsEmployeeAsync();
        await Completion.Of(me, "data-literacy").On(new DateOnly(2025, 6, 2)).Grants(ReadData, 2).SaveAsync(app.Services);
        var scored = await Completion.Of(me, "meguro-dx-basics").On(new DateOnly(2025, 9, 1)).Grants(ReadData, 1).Grants("meguro.quick-win", 2)
            .WithScore(87.5m).SaveAsync(app.Services);
        await Completion.Of(me, "information-security").ForFiscalYear(2024).On(new DateOnly(2024, 5, 10))
            .Grants(Security, 3).Grants("meguro.safety", 3).SaveAsync(app.Services);

        var page = await GetPageAsync(client);

        var rows = page.QuerySelectorAll("table.skill-history tbody tr");
        Assert.Equal(5, rows.Length);
        Assert.Equal(["2025年9月1日", "2025年9月1日", "2025年6月2日", "2024年5月10日", "2024年5月10日"], rows.Select(r => r.Children[0].TextContent.Trim()));
        Assert.Contains($"{scored.CourseTitle}（第 {scored.VersionNumber} 版）", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("87.5%", rows[0].QuerySelector("td.num")!.TextContent.Trim());
        Assert.Equal("—", rows[2].QuerySelector("td.num")!.TextContent.Trim());
        Assert.All(rows.Take(3), r => Assert.Null(r.QuerySelector(".badge--expired")));
        Assert.All(rows.Skip(3), r =>
        {
            Assert.Contains("2025年3月31日", r.TextContent, StringComparison.Ordinal);
            Assert.Equal("期限切れ", r.QuerySelector(".badge--expired")!.TextContent);
        });
    }

    [Fact]
    public async Task The_chart_and_the_table_carry_the_same_figures()
    {
        var (client, me) = await app.RunAsEmployeeAsync();
        await Completion.Of(me, "data-literacy").On(new DateOnly(2025, 6, 2)).SaveAsync(app.Services);
        await Completion.Of(me, "generative-ai").On(new DateOnly(2025, 8, 20)).SaveAsync(app.Services);
        await Completion.Of(me, "information-security").ForFiscalYear(2024).On(new DateOnly(2024, 5, 10)).SaveAsync(app.Services);

        var page = await GetPageAsync(client);

        var svg = page.QuerySelector("svg.skill-chart")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("title", svg.QuerySelector("#" + svg.GetAttribute("aria-labelledby"))!.LocalName);
        Assert.Equal("desc", svg.QuerySelector("#" + svg.GetAttribute("aria-describedby"))!.LocalName);
        var bars = svg.QuerySelectorAll("g.skill-chart__row")
            .Select(g => (Skill: g.GetAttribute("data-skill")!, Level: g.GetAttribute("data-level")!, Text: g.QuerySelector(".skill-chart__value")!.TextContent))
            .ToList();
        var table = page.QuerySelectorAll("table.skill-levels tbody tr")
            .Select(tr => (Skill: tr.GetAttribute("data-skill")!, Level: tr.QuerySelector("td[data-level]")!.GetAttribute("data-level")!))
            .ToList();
        Assert.Equal(table, bars.Select(b => (b.Skill, b.Level)));
        Assert.All(bars, b => Assert.StartsWith(b.Level, b.Text, StringComparison.Ordinal));
        Assert.Contains(bars, b => b.Level == "0");
        Assert.Contains(bars, b => b.Level == "1");
        Assert.Contains("データを読む・説明する: レベル2", svg.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificates_are_listed_with_issue_date_and_a_link_to_their_page()
    {
        var (client, me) = await app.RunAsEmployeeAsync();
        var done = await Completion.Of(me, "generative-ai").On(new DateOnly(2025, 8, 20)).SaveAsync(app.Services);

        var page = await GetPageAsync(client);

        var row = Assert.Single(page.QuerySelectorAll("table.my-certificates tbody tr"));
        Assert.Contains(done.CourseTitle, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2025年8月20日", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/certificates/{done.CertificateCode}", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Another_employees_evidence_never_appears_and_an_empty_record_says_so()
    {
        var (client, _) = await app.RunAsEmployeeAsync();
        var (_, colleague) = await app.RunAsEmployeeAsync();
        var theirs = await Completion.Of(colleague, "generative-ai").WithScore(90).SaveAsync(app.Services);

        var html = await client.GetStringAsync("/my/skills");

        Assert.DoesNotContain(theirs.CourseTitle, html, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.CertificateCode!, html, StringComparison.Ordinal);
        Assert.DoesNotContain("skill-chart", html, StringComparison.Ordinal);
        Assert.Contains("まだスキルの記録はありません。", html, StringComparison.Ordinal);
        Assert.Contains("まだ修了証はありません。", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_is_in_the_main_navigation_and_linked_from_my_learning()
    {
        var (client, _) = await app.RunAsEmployeeAsync();

        var my = await client.GetStringAsync("/my");
        var skills = new HtmlParser().ParseDocument(await client.GetStringAsync("/my/skills"));

        Assert.Contains("<a href=\"/my/skills\">マイスキルを見る</a>", my, StringComparison.Ordinal);
        var current = Assert.Single(skills.QuerySelectorAll(".site-nav a[aria-current=page]"));
        Assert.Equal("/my/skills", current.GetAttribute("href"));
    }

    [Fact]
    public async Task An_account_without_an_employee_record_is_told_so()
    {
        using var client = await app.RunAsUserAsync(Roles.HR);

        var html = await client.GetStringAsync("/my/skills");

        Assert.Contains("このアカウントは職員名簿に紐付いていません。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("skill-chart", html, StringComparison.Ordinal);
    }

    private static async Task<IDocument> GetPageAsync(HttpClient client) =>
        new HtmlParser().ParseDocument(await client.GetStringAsync("/my/skills"));

    private static IElement Row(IDocument page, string skillCode) =>
        page.QuerySelector($"table.skill-levels tr[data-skill='{skillCode}']")
        ?? throw new Xunit.Sdk.XunitException($"no row for {skillCode} in the levels table");
}

public sealed class SkillsPageTestsOnSqlite(SqliteApp app) : SkillsPageTests<SqliteApp>(app);

public sealed class SkillsPageTestsOnPostgres(PostgresApp app) : SkillsPageTests<PostgresApp>(app);
