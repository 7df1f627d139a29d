using Meguro.Learning.Demo;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Meguro.Learning.Web.Tests.Browser;

/// <summary>The demo 所属長 (戸籍住民課長) in a real browser: the skill matrix by keyboard, and the drill-down pages under axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ManagerBrowserTests(BrowserFixture site)
{
    [Fact]
    public async Task The_manager_reaches_the_skill_matrix_by_keyboard_and_reads_levels_targets_and_gap_markers()
    {
        var staff = await StaffWithEvidenceAsync();
        await using var session = await site.SignInAsync(DemoPersonas.Manager);
        var page = session.Page;
        await page.GotoAsync("/manager");

        await TabToAsync(page, "a[href='/manager/skills']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/manager/skills", StringComparison.Ordinal));
        await TabToAsync(page, "#category");
        await TabToAsync(page, "form.filters button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("category=dss-l", StringComparison.Ordinal));
        await TabToAsync(page, "div.table-wrap[role=region]");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("スキルマトリクス");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "スキルマトリクス: マインド・スタンス", Exact = false });
        await Assertions.Expect(table.GetByRole(AriaRole.Columnheader, new() { Name = "生成AIを使う上でのマインド・スタンス" })).ToBeVisibleAsync();
        var row = table.Locator("tbody tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = staff, Exact = false }) });
        await Assertions.Expect(row.Locator("td").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^2 / \d"));
        await Assertions.Expect(table.Locator(".gap-marker").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^▲[1-4]$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "表の見方" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "manager-skills");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        Assert.Empty(session.ForeignRequests());
    }

    [Fact]
    public async Task The_unit_and_person_drill_downs_have_no_axe_violations()
    {
        await StaffWithEvidenceAsync();
        await using var session = await site.SignInAsync(DemoPersonas.Manager);
        var page = session.Page;

        await page.GotoAsync("/manager");
        await page.GetByRole(AriaRole.Table, new() { Name = "所属別の状況" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("/manager/units/", page.Url, StringComparison.Ordinal);
        await ScreenshotAsync(page, "manager-unit");
        await AccessibilityTests.AssertNoViolationsAsync(page);

        await page.GotoAsync("/manager/skills");
        await page.Locator("table.heatmap tbody a").First.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("/manager/people/", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "スキル（現在のレベルと目標）" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "manager-person");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        Assert.Empty(session.ForeignRequests());
    }

    /// <summary>For a person to look at: tests/run sets SCREENSHOT_DIR and keeps the pictures with the results.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("SCREENSHOT_DIR") is { Length: > 0 } dir)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = false });
        }
    }

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has the focus (fails after 60 presses).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{selector} cannot be reached with the Tab key");
    }

    /// <summary>
    /// A 係員 of the manager's 課 (not a demo persona) with evidence of level 2 in 生成AIを使う上でのマインド・スタンス,
    /// written once per browser fixture; returns their name.
    /// </summary>
    private async Task<string> StaffWithEvidenceAsync()
    {
        var staff = await site.WithDbAsync(async db =>
        {
            var managerId = await db.Employees.Where(e => e.EmployeeNumber == DemoPersonas.Manager.EmployeeNumber).Select(e => e.Id).SingleAsync();
            var path = await db.ManagerAssignments.Where(a => a.EmployeeId == managerId).Select(a => a.OrgUnit.Path).FirstAsync();
            var personas = DemoPersonas.All.Select(p => p.EmployeeNumber).ToList();
            return await db.Employees
                .Where(e => e.IsActive && e.OrgUnit.Path.StartsWith(path) && e.JobLevel.Code == "kakariin" && !personas.Contains(e.EmployeeNumber))
                .OrderBy(e => e.Id).Select(e => new { e.Id, e.Name }).FirstAsync();
        });
        var has = await site.WithDbAsync(db => db.EmployeeSkillLevels.AnyAsync(l => l.EmployeeId == staff.Id && db.Skills.Any(s => s.Id == l.SkillId && s.Code == "dssl.mind.generative-ai")));
        if (!has)
        {
            // A past cycle of its own, so it cannot collide with a course the demo assigned; evidence without expiry.
            await Completion.Of(staff.Id, "generative-ai").ForFiscalYear(2020).ExpiringOn(null).Grants("dssl.mind.generative-ai", 2)
                .WithoutCertificate().SaveAsync(site.Services);
        }
        return staff.Name;
    }
}
