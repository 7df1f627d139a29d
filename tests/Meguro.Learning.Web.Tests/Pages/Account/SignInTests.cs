using System.Net;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Meguro.Learning.Web.Tests.Pages.Account;

public abstract class SignInTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_the_sign_in_page()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/my");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correct_password_signs_in_and_lands_on_the_role_home()
    {
        var userName = await app.CreateUserAsync(Roles.Learner, Roles.HR);
        using var client = app.CreateClient();

        var signIn = await AppFixture.SignInAsync(client, userName, AppFixture.TestPassword);
        var home = await client.GetAsync(signIn.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/hr", home.Headers.Location?.OriginalString);
        var page = await client.GetStringAsync("/hr");
        Assert.Contains("在籍職員", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_locked_after_sign_in_is_signed_out_when_its_security_stamp_is_next_checked()
    {
        var userName = await app.CreateUserAsync(Roles.Learner);
        using var client = app.CreateClient();
        await AppFixture.SignInAsync(client, userName, AppFixture.TestPassword);
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
        });
        var stampCheck = app.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var realClock = stampCheck.TimeProvider;

        // Identity checks the stamp once per ValidationInterval (30 minutes) after the cookie was issued.
        var beforeDue = await client.GetAsync("/my");
        stampCheck.TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow + stampCheck.ValidationInterval + TimeSpan.FromMinutes(1));
        HttpResponseMessage due;
        try
        {
            due = await client.GetAsync("/my");
        }
        finally
        {
            stampCheck.TimeProvider = realClock;
        }
        var afterwards = await client.GetAsync("/my");

        Assert.Equal(HttpStatusCode.OK, beforeDue.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, due.StatusCode);
        Assert.StartsWith("/account/login", due.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_shows_a_Japanese_message_and_does_not_sign_in()
    {
        var userName = await app.CreateUserAsync(Roles.Learner);
        using var client = app.CreateClient();

        var response = await AppFixture.SignInAsync(client, userName, "wrong-password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("パスワードが正しくありません", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/my")).StatusCode);
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_against_the_right_password()
    {
        var userName = await app.CreateUserAsync(Roles.Learner);
        using var client = app.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            await AppFixture.SignInAsync(client, userName, $"wrong-password-{i}");
        }
        var response = await AppFixture.SignInAsync(client, userName, AppFixture.TestPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ロックされています", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/my")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_form_without_antiforgery_token_is_rejected()
    {
        var userName = await app.CreateUserAsync(Roles.Learner);
        using var client = app.CreateClient();

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = AppFixture.TestPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        using var client = await app.RunAsUserAsync(Roles.Learner);

        await AppFixture.PostFormAsync(client, "/account/logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/my")).StatusCode);
    }
}

public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests<SqliteApp>(app);

public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests<PostgresApp>(app);
