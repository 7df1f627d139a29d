using System.Net;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Web.Tests.Infrastructure;

namespace Meguro.Learning.Web.Tests.Pages;

public abstract class AuthorizationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    public static TheoryData<string> StaffOnlyPages => new() { "/hr", "/hr/roster", "/admin", "/admin/audit", "/admin/users", "/admin/content", "/admin/jobs", "/authoring", "/manager", "/reports", "/reports?table=departments&format=csv" };

    [Theory]
    [MemberData(nameof(StaffOnlyPages))]
    public async Task Learner_gets_403_on_pages_of_other_roles(string path)
    {
        using var client = await app.RunAsUserAsync(Roles.Learner);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Forbidden_page_explains_in_Japanese()
    {
        using var client = await app.RunAsUserAsync(Roles.Learner);

        var body = await (await client.GetAsync("/hr")).Content.ReadAsStringAsync();

        Assert.Contains("権限がありません", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.HR, "/hr")]
    [InlineData(Roles.Administrator, "/admin")]
    [InlineData(Roles.Administrator, "/admin/audit")]
    [InlineData(Roles.HR, "/admin/audit")]
    [InlineData(Roles.HR, "/reports")]
    [InlineData(Roles.Administrator, "/reports")]
    [InlineData(Roles.ContentEditor, "/authoring")]
    [InlineData(Roles.Manager, "/manager")]
    public async Task Each_role_reaches_its_own_pages(string role, string path)
    {
        using var client = await app.RunAsUserAsync(Roles.Learner, role);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Job_dashboard_is_for_administrators_only()
    {
        using var hr = await app.RunAsUserAsync(Roles.HR);
        using var admin = await app.RunAsUserAsync(Roles.Administrator);
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync("/admin/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/jobs")).StatusCode);
        var redirect = await anonymous.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/account/login", new Uri(new Uri("http://localhost"), redirect.Headers.Location!).AbsolutePath);
    }
}

public sealed class AuthorizationTestsOnSqlite(SqliteApp app) : AuthorizationTests<SqliteApp>(app);

public sealed class AuthorizationTestsOnPostgres(PostgresApp app) : AuthorizationTests<PostgresApp>(app);
