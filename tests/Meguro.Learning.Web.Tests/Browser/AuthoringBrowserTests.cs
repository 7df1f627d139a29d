using Meguro.Learning.Demo;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Meguro.Learning.Web.Tests.Browser;

/// <summary>
/// The course editor as an author uses it in a real browser: live preview while typing, save,
/// publish, and a learner reading the new text; axe on every authoring page; nothing from other hosts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AuthoringBrowserTests(BrowserFixture site)
{
    public static TheoryData<string> Pages => new()
    {
        "/authoring",
        "/authoring/new",
        "/authoring/data-literacy",
        "/authoring/data-literacy?file=02-tidy-tables.md",
        "/authoring/data-literacy/publish",
        "/authoring/data-literacy/media",
        "/authoring/data-literacy/versions",
        "/authoring/data-literacy/export",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Authoring_page_has_no_axe_violations_and_requests_nothing_from_other_hosts(string path)
    {
        await using var session = await site.SignInAsync(DemoPersonas.ContentEditor);

        var response = await session.Page.GotoAsync(path);
        await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(response!.Ok, $"{path} answered {response.Status}");
        await AccessibilityTests.AssertNoViolationsAsync(session.Page);
        Assert.Empty(session.ForeignRequests());
    }

    [Fact]
    public async Task Editor_works_at_phone_width_without_sideways_scrolling()
    {
        await using var session = await site.SignInAsync(DemoPersonas.ContentEditor);
        await session.Page.SetViewportSizeAsync(375, 740);

        await session.Page.GotoAsync("/authoring/data-literacy?file=02-tidy-tables.md");
        await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var overflow = await session.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the editor scrolls sideways at 375 px");
        await AccessibilityTests.AssertNoViolationsAsync(session.Page);
    }

    [Fact]
    public async Task Editor_changes_a_lesson_with_live_preview_publishes_it_and_a_learner_reads_the_new_text()
    {
        const string added = "ブラウザのエディタで追記した一文です。";
        await using var editor = await site.SignInAsync(DemoPersonas.ContentEditor);
        var page = editor.Page;
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) refused.Add(message.Text);
        };

        await page.GotoAsync("/authoring/information-security?file=01-why-security.md");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var text = page.GetByLabel("「01-why-security.md」の内容（Markdown）");
        var original = await text.InputValueAsync();
        await text.FillAsync(original + "\n" + added + "\n");

        // The live preview (authoring.js) renders the typed text without a page load.
        await Assertions.Expect(page.Locator("#preview-region .preview-body")).ToContainTextAsync(added);
        Assert.Equal("polite", await page.Locator("#preview-region").GetAttributeAsync("aria-live"));

        await page.GetByRole(AriaRole.Button, new() { Name = "下書きを保存" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("下書きを保存しました。");

        await page.GetByRole(AriaRole.Link, new() { Name = "確認して公開", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("問題は見つかりませんでした。公開できます。")).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "公開する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("版として公開しました");

        // The diff of the last two versions shows the added line, and passes axe.
        await page.GetByRole(AriaRole.Button, new() { Name = "比べる" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.diff ins", new() { HasText = added })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
        Assert.Empty(refused);
        Assert.Empty(editor.ForeignRequests());

        await using var learner = await site.SignInAsync(DemoPersonas.Learner);
        await learner.Page.GotoAsync("/courses/information-security/lessons/why-security");
        await Assertions.Expect(learner.Page.Locator("article")).ToContainTextAsync(added);
        Assert.Empty(learner.ForeignRequests());
    }
}
