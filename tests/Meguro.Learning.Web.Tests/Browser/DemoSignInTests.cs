using Meguro.Learning.Demo;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Meguro.Learning.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DemoSignInTests(BrowserFixture site)
{
    public static TheoryData<string, string, string> Landings => new()
    {
        { "learner", "/my", "マイ学習" },
        { "manager", "/manager", "チームの状況" },
        { "hr", "/hr", "人事・研修" },
        { "editor", "/authoring", "教材作成" },
        { "admin", "/admin", "システム管理" },
    };

    [Theory]
    [MemberData(nameof(Landings))]
    public async Task Each_demo_account_signs_in_and_lands_on_its_role_home(string userName, string home, string heading)
    {
        var persona = DemoPersonas.All.Single(p => p.UserName == userName);

        await using var session = await site.SignInThroughFormAsync(persona);

        Assert.Equal(home, new Uri(session.Page.Url).AbsolutePath);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await Assertions.Expect(session.Page.Locator(".account")).ToContainTextAsync(persona.Name);
        Assert.Empty(session.ForeignRequests());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_Japanese_message()
    {
        await using var session = await site.NewSessionAsync();
        await session.Page.GotoAsync("/account/login");

        await session.Page.GetByLabel("職員番号またはユーザー名").FillAsync("learner");
        await session.Page.GetByLabel("パスワード").FillAsync("wrong-password-1");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("正しくありません");
        Assert.Equal("/account/login", new Uri(session.Page.Url).AbsolutePath);
    }

    [Fact]
    public async Task The_skip_link_is_the_first_stop_for_a_keyboard_and_moves_focus_to_the_content()
    {
        await using var session = await site.SignInAsync(DemoPersonas.Learner);
        var page = session.Page;

        await page.Keyboard.PressAsync("Tab");
        var first = await page.EvaluateAsync<string>("document.activeElement.textContent.trim()");
        await page.Keyboard.PressAsync("Enter");
        var focusedId = await page.EvaluateAsync<string>("document.activeElement.id");

        Assert.Equal("本文へ移動", first);
        Assert.Equal("main", focusedId);
    }
}
