using Meguro.Learning.Demo;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Meguro.Learning.Web.Tests.Browser;

/// <summary>A learner's way through the demo: catalogue → course → lesson → progress, by mouse and by keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LearningBrowserTests(BrowserFixture site)
{
    [Fact]
    public async Task Catalogue_to_lesson_to_progress()
    {
        await using var session = await site.SignInAsync(DemoPersonas.Learner);
        var page = session.Page;

        await page.GotoAsync("/courses");
        await page.GetByLabel("キーワード").FillAsync("生成AI");
        await page.GetByRole(AriaRole.Button, new() { Name = "探す" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "生成AIの利用と留意点" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "受講登録する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("受講登録しました");
        await page.GetByRole(AriaRole.Link, new() { Name = "学習を始める" }).ClickAsync();
        var firstLesson = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "学習済みにする" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("学習済みにしました");
        var secondLesson = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync();
        await page.GotoAsync("/my");

        Assert.NotEqual(firstLesson, secondLesson);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "生成AIの利用と留意点", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("生成AIの利用と留意点 の進捗")).ToHaveAttributeAsync("value", "20");
        Assert.Empty(session.ForeignRequests());
    }

    [Fact]
    public async Task A_lesson_can_be_marked_done_by_keyboard_alone()
    {
        await using var session = await site.SignInAsync(DemoPersonas.Hr);
        var page = session.Page;
        await page.GotoAsync("/courses/personal-information");
        await page.GetByRole(AriaRole.Button, new() { Name = "受講登録する" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.GetByRole(AriaRole.Link, new() { Name = "学習を始める" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await page.GetByRole(AriaRole.Button, new() { Name = "学習済みにする" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("学習済みにしました");
    }

    public static TheoryData<string> LearnerPages => new()
    {
        "/courses",
        "/courses?q=%E3%82%BB%E3%82%AD%E3%83%A5%E3%83%AA%E3%83%86%E3%82%A3",
        "/courses/information-security",
        "/courses/information-security/lessons/three-layers",
        "/courses/data-literacy/lessons/tidy-tables",
        "/courses/digital-inclusion",
    };

    [Theory]
    [MemberData(nameof(LearnerPages))]
    public async Task Learner_pages_have_no_axe_violations_and_load_nothing_from_other_hosts(string path)
    {
        await using var session = await site.SignInAsync(DemoPersonas.Learner);

        var response = await session.Page.GotoAsync(path);
        await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal(200, response!.Status);
        await AccessibilityTests.AssertNoViolationsAsync(session.Page);
        Assert.Empty(session.ForeignRequests());
    }

    [Fact]
    public async Task Every_lesson_of_every_course_renders_accessibly()
    {
        await using var session = await site.SignInAsync(DemoPersonas.Manager);
        var page = session.Page;
        await page.GotoAsync("/courses");
        // Only the shipped courses: other browser tests publish small quiz courses of their own.
        var courses = (await page.Locator(".course-cards h2 a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            .Where(href => !href.StartsWith("/courses/quiz-test-", StringComparison.Ordinal)).ToArray();
        var checkedLessons = 0;

        foreach (var course in courses)
        {
            await page.GotoAsync(course);
            var lessons = await page.Locator(".lesson-list a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            foreach (var lesson in lessons)
            {
                await page.GotoAsync(lesson);
                await AccessibilityTests.AssertNoViolationsAsync(page);
                var brokenImages = await page.EvaluateAsync<int>("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length");
                Assert.True(brokenImages == 0, $"{lesson}: {brokenImages} image(s) did not load");
                checkedLessons++;
            }
        }

        Assert.Equal(9, courses.Length);
        Assert.True(checkedLessons >= 27, $"only {checkedLessons} lessons checked");
        Assert.Empty(session.ForeignRequests());
    }

    [Fact]
    public async Task A_lesson_fits_a_phone_and_prints_without_navigation()
    {
        await using var session = await site.SignInAsync(DemoPersonas.Learner);
        var page = session.Page;
        await page.SetViewportSizeAsync(375, 740);
        await page.GotoAsync("/courses/information-security/lessons/three-layers");

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        Assert.False(overflow, "the lesson scrolls sideways at 375 px");
        await Assertions.Expect(page.Locator(".site-nav")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".toc")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("article.lesson-body")).ToBeVisibleAsync();
    }
}
