using System.Globalization;
using Meguro.Learning.Content.Quizzes;
using Meguro.Learning.Demo;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Meguro.Learning.Web.Tests.Browser;

/// <summary>Taking a quiz in Chromium: by keyboard alone, with autosave through a lost connection, and axe on every state.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QuizBrowserTests(BrowserFixture site)
{
    [Fact]
    public async Task A_quiz_can_be_taken_by_keyboard_alone_and_the_result_appears_by_itself()
    {
        var slug = await new QuizCourseBuilder().PublishAsync(site);
        await using var session = await site.SignInAsync(DemoPersonas.Learner);
        var page = session.Page;
        await page.GotoAsync($"/courses/{slug}/quiz");

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "受験を開始する" }));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/quiz/attempts/", StringComparison.Ordinal));
        await AccessibilityTests.AssertNoViolationsAsync(page);
        var sheet = await AnswerSheet.ForAsync(site, AttemptId(page.Url));
        var answers = sheet.AllCorrect();
        for (var n = 0; n < sheet.Draw.Questions.Count; n++)
        {
            await AnswerByKeyboardAsync(page, sheet, n, answers);
        }
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "提出する" }));
        await page.Keyboard.PressAsync("Enter");

        var result = page.Locator("#attempt-result");
        await Assertions.Expect(result).ToContainTextAsync("合格", new() { Timeout = 15_000 });
        await Assertions.Expect(result).ToContainTextAsync("得点 100%");
        await Assertions.Expect(result).ToContainTextAsync("三層の対策と呼びます。");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        Assert.Empty(session.ForeignRequests());
    }

    [Fact]
    public async Task Answers_typed_while_the_connection_is_lost_are_saved_when_it_returns()
    {
        var slug = await new QuizCourseBuilder().PublishAsync(site);
        await using var session = await site.SignInAsync(DemoPersonas.Learner);
        var page = session.Page;
        await page.GotoAsync($"/courses/{slug}/quiz");
        await page.GetByRole(AriaRole.Button, new() { Name = "受験を開始する" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/quiz/attempts/", StringComparison.Ordinal));
        var sheet = await AnswerSheet.ForAsync(site, AttemptId(page.Url));
        var term = sheet.Draw.Questions.ToList().FindIndex(q => q.QuestionId == "term");
        var status = page.Locator("#autosave-status");

        await session.Context.SetOfflineAsync(true);
        await page.Locator($"[name=a{term}]").FillAsync("シャドーIT");
        await Assertions.Expect(status).ToContainTextAsync("接続できないため");
        await session.Context.SetOfflineAsync(false);
        await page.EvaluateAsync("window.dispatchEvent(new Event('online'))");
        await Assertions.Expect(status).ToContainTextAsync("自動保存しました", new() { Timeout = 10_000 });
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator($"[name=a{term}]")).ToHaveValueAsync("シャドーIT");
    }

    [Fact]
    public async Task The_quiz_page_and_the_course_page_with_the_quiz_have_no_axe_violations()
    {
        var slug = await new QuizCourseBuilder().WithAttempts(3).WithTimeLimit(20).PublishAsync(site);
        await using var session = await site.SignInAsync(DemoPersonas.Learner);

        foreach (var path in new[] { $"/courses/{slug}", $"/courses/{slug}/quiz", "/courses/information-security/quiz" })
        {
            var response = await session.Page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await AccessibilityTests.AssertNoViolationsAsync(session.Page);
        }
    }

    private static long AttemptId(string url) => long.Parse(url[(url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>Answers question <paramref name="n"/> using only the keys a keyboard user would press.</summary>
    private static async Task AnswerByKeyboardAsync(IPage page, AnswerSheet sheet, int n, IReadOnlyDictionary<string, string> answers)
    {
        var drawn = sheet.Draw.Questions[n];
        var field = AttemptForm.FieldName(n);
        var inputs = page.Locator($"[name={field}]");
        var type = await inputs.CountAsync() > 0 ? await inputs.First.GetAttributeAsync("type") : null;
        switch (type)
        {
            case "radio":
                // Tab enters the group on its first option; the arrow keys move and select within it.
                var target = drawn.ChoiceOrder.ToList().IndexOf(answers[field]);
                await TabToAsync(page, inputs.First);
                if (target == 0)
                {
                    await page.Keyboard.PressAsync("Space");
                }
                for (var i = 0; i < target; i++)
                {
                    await page.Keyboard.PressAsync("ArrowDown");
                }
                break;
            case "checkbox":
                foreach (var id in answers[field].Split('\u001f'))
                {
                    await TabToAsync(page, page.Locator($"[name={field}][value=\"{id}\"]"));
                    await page.Keyboard.PressAsync("Space");
                }
                break;
            case "text":
                await TabToAsync(page, inputs.First);
                await page.Keyboard.InsertTextAsync(answers[field]);
                break;
            default:
                for (var k = 0; answers.ContainsKey(AttemptForm.FieldName(n, k)); k++)
                {
                    var select = page.Locator($"[name={AttemptForm.FieldName(n, k)}]");
                    await TabToAsync(page, select);
                    // Option 0 is 「選んでください」: the right-hand option r is r + 1 presses down.
                    var presses = int.Parse(answers[AttemptForm.FieldName(n, k)], CultureInfo.InvariantCulture) + 1;
                    for (var i = 0; i < presses; i++)
                    {
                        await page.Keyboard.PressAsync("ArrowDown");
                    }
                }
                break;
        }
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus: proves it is reachable by keyboard.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        throw new InvalidOperationException("The element cannot be reached with the Tab key.");
    }
}
