using System.Text.RegularExpressions;
using Meguro.Learning.Demo;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Meguro.Learning.Web.Tests.Browser;

/// <summary>マイスキル and a 修了証 in a real browser, as the demo learner: accessible, on a phone, and on paper.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SkillsBrowserTests(BrowserFixture site)
{
    [Fact]
    public async Task My_skills_is_accessible_fits_a_phone_and_prints_without_navigation()
    {
        await LearnerCertificateAsync();
        await using var session = await site.SignInAsync(DemoPersonas.Learner);
        var page = session.Page;

        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "マイスキル" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("マイスキル");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "スキルごとの現在のレベル（0〜4）" })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await ScreenshotAsync(page, "my-skills");
        await page.SetViewportSizeAsync(375, 740);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        await ScreenshotAsync(page, "my-skills-phone", fullPage: false);
        Assert.False(overflow, "/my/skills scrolls sideways at 375 px (the wide tables should scroll inside .table-wrap)");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".site-nav")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("svg.skill-chart")).ToBeVisibleAsync();
        Assert.Empty(session.ForeignRequests());
    }

    [Fact]
    public async Task The_owner_prints_a_certificate_on_one_A4_page_without_navigation()
    {
        var code = await LearnerCertificateAsync();
        await using var session = await site.SignInAsync(DemoPersonas.Learner);
        var page = session.Page;

        await page.GotoAsync($"/certificates/{code}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("修了証");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "印刷する" })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await ScreenshotAsync(page, "certificate");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await ScreenshotAsync(page, "certificate-print");
        await Assertions.Expect(page.Locator(".site-nav")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "印刷する" })).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("article.certificate")).ToBeVisibleAsync();
        var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new() { PreferCSSPageSize = true }));
        Assert.Equal(1, PdfPage().Count(pdf));
        Assert.Empty(session.ForeignRequests());
    }

    [Fact]
    public async Task A_colleague_sees_the_verification_text_instead_of_the_print_button()
    {
        var code = await LearnerCertificateAsync();
        await using var session = await site.SignInAsync(DemoPersonas.Manager);
        var page = session.Page;

        await page.GotoAsync("/certificates");
        await page.GetByLabel("確認コード").FillAsync(code.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "照合する" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.EndsWith($"/certificates/{code}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("この修了証は目黒区 職員デジタル研修で発行されたものです。", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "印刷する" })).ToHaveCountAsync(0);
        await AccessibilityTests.AssertNoViolationsAsync(page);
    }

    /// <summary>
    /// Evidence and a certificate for the demo learner, written once per browser fixture: a course none
    /// of the other browser tests enrols the learner in, and a past year of the yearly security course.
    /// </summary>
    private async Task<string> LearnerCertificateAsync()
    {
        var learner = await site.WithDbAsync(db => db.Employees
            .Where(e => e.EmployeeNumber == DemoPersonas.Learner.EmployeeNumber).Select(e => e.Id).SingleAsync());
        var existing = await site.WithDbAsync(db => db.Certificates
            .Where(c => c.EmployeeId == learner).OrderBy(c => c.Id).Select(c => c.Code).FirstOrDefaultAsync());
        if (existing is not null)
        {
            return existing;
        }
        var done = await Completion.Of(learner, "data-literacy").On(new DateOnly(2025, 6, 2)).WithScore(85).SaveAsync(site.Services);
        await Completion.Of(learner, "information-security").ForFiscalYear(2024).On(new DateOnly(2024, 5, 10)).SaveAsync(site.Services);
        return done.CertificateCode!;
    }

    /// <summary>For a person to look at: tests/run sets SCREENSHOT_DIR and keeps the pictures with the results.</summary>
    private static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        if (Environment.GetEnvironmentVariable("SCREENSHOT_DIR") is { Length: > 0 } dir)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = fullPage });
        }
    }

    /// <summary>A page object of the PDF ("/Type /Page", not the "/Type /Pages" tree).</summary>
    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PdfPage();
}
