using System.Net;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Tests.Pages.Certificates;

/// <summary>修了証 at /certificates/{code}, and the form that finds one by its code.</summary>
public abstract class CertificatePageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string OwnerText = "印刷する";
    private const string VerifiedText = "この修了証は目黒区 職員デジタル研修で発行されたものです。";

    [Fact]
    public async Task The_owner_sees_the_certificate_with_a_print_button()
    {
        var (owner, me) = await app.RunAsEmployeeAsync();
        var done = await Completion.Of(me, "generative-ai").On(new DateOnly(2025, 8, 20)).WithScore(92.5m).SaveAsync(app.Services);
        var name = await NameOfAsync(me);

        var response = await owner.GetAsync($"/certificates/{done.CertificateCode}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1 class=\"page-title\">修了証</h1>", html, StringComparison.Ordinal);
        Assert.Contains(name, html, StringComparison.Ordinal);
        Assert.Contains($"{done.CourseTitle}（第 {done.VersionNumber} 版）", html, StringComparison.Ordinal);
        Assert.Contains("2025年8月20日", html, StringComparison.Ordinal);
        Assert.Contains("92.5%", html, StringComparison.Ordinal);
        Assert.Contains("（有効期限なし）", html, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/certificates/{done.CertificateCode}", html, StringComparison.Ordinal);
        Assert.Contains(OwnerText, html, StringComparison.Ordinal);
        // The static assets pipeline may fingerprint the file name (print.{hash}.js).
        Assert.Matches("<script src=\"/js/print(\\.[a-z0-9]+)?\\.js\"", html);
        Assert.DoesNotContain(VerifiedText, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_staff_member_and_an_account_of_any_role_can_verify_it()
    {
        var (_, owner) = await app.RunAsEmployeeAsync();
        var (colleague, _) = await app.RunAsEmployeeAsync();
        using var hr = await app.RunAsUserAsync(Roles.HR);
        var done = await Completion.Of(owner, "data-literacy").SaveAsync(app.Services);
        var name = await NameOfAsync(owner);

        foreach (var client in new[] { colleague, hr })
        {
            var response = await client.GetAsync($"/certificates/{done.CertificateCode}");
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(name, html, StringComparison.Ordinal);
            Assert.Contains(VerifiedText, html, StringComparison.Ordinal);
            Assert.DoesNotContain(OwnerText, html, StringComparison.Ordinal);
            Assert.DoesNotContain("得点", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/certificates/{0}")]
    [InlineData("/certificates?code={0}")]
    public async Task A_code_typed_in_lower_case_with_spaces_redirects_to_the_canonical_url(string url)
    {
        var (client, me) = await app.RunAsEmployeeAsync();
        var done = await Completion.Of(me, "data-literacy").SaveAsync(app.Services);
        var typed = " " + done.CertificateCode!.ToLowerInvariant().Replace('-', ' ') + " ";

        var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, Uri.EscapeDataString(typed)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/certificates/{done.CertificateCode}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_code_typed_in_full_width_characters_is_the_same_code()
    {
        var (client, me) = await app.RunAsEmployeeAsync();
        var done = await Completion.Of(me, "data-literacy").SaveAsync(app.Services);
        var fullWidth = new string(done.CertificateCode!.Select(c => c == '-' ? '－' : (char)(c + 0xFEE0)).ToArray());

        var response = await client.GetAsync("/certificates?code=" + Uri.EscapeDataString(fullWidth));

        Assert.Equal($"/certificates/{done.CertificateCode}", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("0000-0000-0000")]
    [InlineData("not-a-code")]
    public async Task An_unknown_code_is_a_404_that_says_the_code_was_not_found(string code)
    {
        var (client, _) = await app.RunAsEmployeeAsync();

        var response = await client.GetAsync($"/certificates/{code}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains($"確認コード「{code}」の修了証は見つかりませんでした。", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/certificates\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var (_, me) = await app.RunAsEmployeeAsync();
        var done = await Completion.Of(me, "data-literacy").SaveAsync(app.Services);
        using var anonymous = app.CreateClient();

        var page = await anonymous.GetAsync($"/certificates/{done.CertificateCode}");
        var form = await anonymous.GetAsync("/certificates");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
    }

    [Fact]
    public async Task An_expired_certificate_says_so()
    {
        var (client, me) = await app.RunAsEmployeeAsync();
        var done = await Completion.Of(me, "information-security").ForFiscalYear(2024).On(new DateOnly(2024, 6, 3)).SaveAsync(app.Services);

        var html = await client.GetStringAsync($"/certificates/{done.CertificateCode}");

        Assert.Contains("期限切れ</strong>", html, StringComparison.Ordinal);
        Assert.Contains("（有効期限 2025年3月31日）", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">有効</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_within_its_fiscal_year_shows_until_when_it_is_valid()
    {
        var (client, me) = await app.RunAsEmployeeAsync();
        var fiscalYear = Meguro.Learning.Domain.Jst.FiscalYear(Meguro.Learning.Domain.Jst.Today(TimeProvider.System));
        var done = await Completion.Of(me, "information-security").ForFiscalYear(fiscalYear).SaveAsync(app.Services);

        var html = await client.GetStringAsync($"/certificates/{done.CertificateCode}");

        Assert.Contains($"有効</strong> 有効期限 {fiscalYear + 1}年3月31日", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "確認コードを入力してください。")]
    [InlineData("7K2M-QX9D", "確認コードは英数字12文字です")]
    public async Task Invalid_input_in_the_form_is_explained_next_to_the_field(string typed, string message)
    {
        var (client, _) = await app.RunAsEmployeeAsync();

        var response = await client.GetAsync("/certificates?code=" + Uri.EscapeDataString(typed));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"code-error code-hint\"", html, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"field-error\" id=\"code-error\">{message}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_empty_form_has_a_labelled_field_and_no_error()
    {
        var (client, _) = await app.RunAsEmployeeAsync();

        var html = await client.GetStringAsync("/certificates");

        Assert.Contains("<label for=\"code\">確認コード</label>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-invalid", html, StringComparison.Ordinal);
    }

    private Task<string> NameOfAsync(int employeeId) =>
        app.WithDbAsync(db => db.Employees.Where(e => e.Id == employeeId).Select(e => e.Name).SingleAsync());
}

public sealed class CertificatePageTestsOnSqlite(SqliteApp app) : CertificatePageTests<SqliteApp>(app);

public sealed class CertificatePageTestsOnPostgres(PostgresApp app) : CertificatePageTests<PostgresApp>(app);
