using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Meguro.Learning.Demo;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Meguro.Learning.Web.Tests.Browser;

/// <summary>
/// JIS X 8341-3 AA in practice: axe-core (WCAG 2.x A and AA rules) on every page that exists,
/// as the person who can reach it, and proof that no page asked another host for anything.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture site)
{
    public static TheoryData<string?, string> Pages => new()
    {
        { null, "/account/login" },
        { null, "/error?code=404" },
        { "learner", "/my" },
        { "learner", "/account/password" },
        { "manager", "/manager" },
        { "manager", "/manager/overdue" },
        { "manager", "/manager/skills" },
        { "manager", "/manager/skills?category=meguro/principles" },
        { "hr", "/manager" },
        { "hr", "/hr/skill-targets" },
        { "hr", "/hr" },
        { "hr", "/hr/roster" },
        { "hr", "/hr/reminders" },
        { "hr", "/admin/audit" },
        { "hr", "/reports" },
        { "admin", "/reports" },
        { "learner", "/notifications" },
        { "editor", "/authoring" },
        { "admin", "/admin" },
        { "admin", "/admin/audit" },
        { "admin", "/admin/users" },
        { "admin", "/admin/users?q=900001" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_has_no_axe_violations_and_requests_nothing_from_other_hosts(string? userName, string path)
    {
        await using var session = userName is null
            ? await site.NewSessionAsync()
            : await site.SignInAsync(DemoPersonas.All.Single(p => p.UserName == userName));

        var response = await session.Page.GotoAsync(path);
        await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.NotNull(response);
        Assert.Equal("ja", await session.Page.GetAttributeAsync("html", "lang"));
        await AssertNoViolationsAsync(session.Page);
        Assert.Empty(session.ForeignRequests());
    }

    [Fact]
    public async Task Account_page_of_the_administrator_view_has_no_violations()
    {
        await using var session = await site.SignInAsync(DemoPersonas.Administrator);
        await session.Page.GotoAsync("/admin/users?q=learner");
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "learner", Exact = true }).ClickAsync();
        await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("learner");
        await AssertNoViolationsAsync(session.Page);
        Assert.Empty(session.ForeignRequests());
    }

    [Fact]
    public async Task Phone_width_layout_has_no_violations_and_no_sideways_scrolling()
    {
        await using var session = await site.NewSessionAsync(width: 375, height: 740);
        await session.Page.GotoAsync("/account/login");

        var overflow = await session.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");

        Assert.False(overflow, "the login page scrolls sideways at 375 px");
        await AssertNoViolationsAsync(session.Page);
    }

    [Fact]
    public async Task The_theme_stylesheet_is_served_and_applied()
    {
        await using var session = await site.NewSessionAsync();
        await session.Page.GotoAsync("/account/login");

        var header = await session.Page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.site-header')).backgroundColor");

        // The brand colour (#00536b) proves the theme's CSS arrived: an empty or missing stylesheet
        // would leave axe checking an unstyled page.
        Assert.Equal("rgb(0, 83, 107)", header);
    }

    [Fact]
    public async Task Job_dashboard_works_under_the_content_security_policy()
    {
        await using var session = await site.SignInAsync(DemoPersonas.Administrator);
        var refused = new List<string>();
        session.Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) refused.Add(message.Text);
        };

        await session.Page.GotoAsync("/admin/jobs/recurring");
        await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Assertions.Expect(session.Page.GetByText("housekeeping").First).ToBeVisibleAsync();
        Assert.Empty(refused);
        Assert.Empty(session.ForeignRequests());
    }

    internal static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var report = string.Join(Environment.NewLine, result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}"));
        Assert.True(result.Violations.Length == 0, $"axe found violations on {page.Url}:{Environment.NewLine}{report}");
    }
}
