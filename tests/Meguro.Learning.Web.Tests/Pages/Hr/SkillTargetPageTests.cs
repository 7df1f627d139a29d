using System.Globalization;
using System.Net;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain.Reporting;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Tests.Pages.Hr;

/// <summary>
/// /hr/skill-targets: HR edits the grid job level × skill; a save is HR's (the file no longer overrides
/// it) and audited; a forged post changes nothing. The targets start as the shipped targets.yml left them.
/// Each test uses cells of its own, because the targets are shared by the whole database.
/// </summary>
public abstract class SkillTargetPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Page = "/hr/skill-targets?category=dss-l/data";

    private Task<(int Skill, int JobLevel)> CellAsync(string skill, string jobLevel) => app.WithDbAsync(async db =>
        (await db.Skills.Where(s => s.Code == skill).Select(s => s.Id).SingleAsync(), await db.JobLevels.Where(l => l.Code == jobLevel).Select(l => l.Id).SingleAsync()));

    private Task<SkillTarget?> TargetAsync((int Skill, int JobLevel) cell) =>
        app.WithDbAsync(db => db.SkillTargets.AsNoTracking().SingleOrDefaultAsync(t => t.SkillId == cell.Skill && t.JobLevelId == cell.JobLevel));

    private static string Key((int Skill, int JobLevel) cell) => string.Create(CultureInfo.InvariantCulture, $"Targets[{cell.Skill}-{cell.JobLevel}]");

    [Fact]
    public async Task HR_changes_a_target_which_becomes_HR_s_and_is_audited_with_before_and_after()
    {
        var cell = await CellAsync("dssl.data.read", "kakariin");
        var cleared = await CellAsync("dssl.data.read", "bucho");
        using var hr = await app.RunAsUserAsync(Roles.HR);
        var initial = await TargetAsync(cell);
        Assert.Equal((1, SkillTargetOrigin.File), (initial!.TargetLevel, initial.Origin));

        var response = await AppFixture.PostFormAsync(hr, Page, Page, new Dictionary<string, string>
        {
            ["category"] = "dss-l/data",
            [Key(cell)] = "3",
            [Key(cleared)] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = await TargetAsync(cell);
        Assert.Equal((3, SkillTargetOrigin.HR), (target!.TargetLevel, target.Origin));
        Assert.Null(await TargetAsync(cleared));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "スキル目標の変更").OrderBy(a => a.Id).LastAsync());
        Assert.Contains("係員 × データを読む・説明する: 1 → 3", audit.Details, StringComparison.Ordinal);
        Assert.Contains("部長 × データを読む・説明する: 3 → なし", audit.Details, StringComparison.Ordinal);
        Assert.Equal("What（データ）", audit.Target);
        var page = await hr.GetStringAsync(Page);
        Assert.Contains("目標レベルを保存しました。", page, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> ForgedCells => new()
    {
        { "999999-{L}", "2", "スキル 999999 はありません" },
        { "{S}-999999", "2", "職層 999999 はありません" },
        { "{S}-{L}", "5", "目標レベル「5」は使えません" },
        { "{S}-{L}", "-1", "目標レベル「-1」は使えません" },
        { "abc", "2", "「abc」は目標の欄ではありません" },
    };

    [Theory]
    [MemberData(nameof(ForgedCells))]
    public async Task A_forged_post_changes_nothing_and_says_why_in_Japanese(string forgedKey, string value, string message)
    {
        var honest = await CellAsync("dssl.data.handle", "shunin");
        var target = await CellAsync("dssl.data.decide", "shunin");
        var beforeHonest = (await TargetAsync(honest))!.TargetLevel;
        var beforeTarget = (await TargetAsync(target))!.TargetLevel;
        using var hr = await app.RunAsUserAsync(Roles.HR);
        var key = "Targets[" + forgedKey
            .Replace("{S}", target.Skill.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{L}", target.JobLevel.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) + "]";

        var response = await AppFixture.PostFormAsync(hr, Page, Page, new Dictionary<string, string>
        {
            ["category"] = "dss-l/data",
            [Key(honest)] = beforeHonest == 4 ? "3" : "4",
            [key] = value,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("送信された内容に誤りがあるため、保存しませんでした", html, StringComparison.Ordinal);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Equal((beforeHonest, SkillTargetOrigin.File), ((await TargetAsync(honest))!.TargetLevel, (await TargetAsync(honest))!.Origin));
        Assert.Equal(beforeTarget, (await TargetAsync(target))!.TargetLevel);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var cell = await CellAsync("dssl.data.society", "kakaricho");
        var before = (await TargetAsync(cell))!.TargetLevel;
        using var hr = await app.RunAsUserAsync(Roles.HR);

        var response = await hr.PostAsync(Page, new FormUrlEncodedContent(new Dictionary<string, string> { [Key(cell)] = before == 4 ? "3" : "4" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((before, SkillTargetOrigin.File), ((await TargetAsync(cell))!.TargetLevel, (await TargetAsync(cell))!.Origin));
    }

    [Theory]
    [InlineData(Roles.Learner)]
    [InlineData(Roles.Manager)]
    public async Task Only_HR_reaches_the_page(string role)
    {
        using var client = await app.RunAsUserAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Page)).StatusCode);
    }

    [Fact]
    public async Task The_grid_shows_every_job_level_for_every_skill_of_the_category_with_labelled_choices()
    {
        using var hr = await app.RunAsUserAsync(Roles.HR);

        var html = await hr.GetStringAsync(Page);

        Assert.Equal(["スキル", "係員", "主任", "係長", "課長補佐", "課長", "部長"], HtmlTables.Rows(html)[0]);
        Assert.Contains("の「データによって判断する」の目標レベル</label>", html, StringComparison.Ordinal);
    }
}

public sealed class SkillTargetPageTestsOnSqlite(SqliteApp app) : SkillTargetPageTests<SqliteApp>(app);

public sealed class SkillTargetPageTestsOnPostgres(PostgresApp app) : SkillTargetPageTests<PostgresApp>(app);
