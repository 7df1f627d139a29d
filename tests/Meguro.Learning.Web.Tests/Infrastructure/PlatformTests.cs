using System.Net;
using System.Text.Json;
using Hangfire;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Web.Tests.Infrastructure;

public abstract class PlatformTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Fact]
    public async Task Every_migration_is_applied_to_the_empty_database_at_start()
    {
        var (applied, all) = await app.WithDbAsync(async db =>
            ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList()));

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.Equal(6, await app.WithDbAsync(db => db.JobLevels.CountAsync()));
    }

    [Fact]
    public async Task Healthz_reports_database_and_job_server()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(app.Kind == DatabaseKind.PostgreSQL ? "PostgreSQL" : "Sqlite",
            checks.GetProperty("database").GetProperty("data").GetProperty("provider").GetString());
        Assert.Equal("Healthy", checks.GetProperty("jobs").GetProperty("status").GetString());
        Assert.Equal(app.Kind == DatabaseKind.PostgreSQL ? "PostgreSql" : "InMemory",
            checks.GetProperty("jobs").GetProperty("data").GetProperty("storage").GetString());
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/healthz")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_a_self_only_content_security_policy(string path)
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", csp, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("unsafe", csp, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pages_are_Japanese_by_default_and_English_on_request()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var japanese = await client.GetStringAsync("/account/login");
        await AppFixture.PostFormAsync(client, "/account/login", "/culture", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/account/login" });
        var english = await client.GetStringAsync("/account/login");

        Assert.Contains("<html lang=\"ja\">", japanese, StringComparison.Ordinal);
        Assert.Contains("パスワード", japanese, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("Password", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recurring_housekeeping_job_runs_through_the_job_server()
    {
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();

        recurring.Trigger(HousekeepingJob.RecurringJobId);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        DateTime? lastSucceeded = null;
        while (lastSucceeded is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            lastSucceeded = await app.WithDbAsync(db => db.JobRuns.AsNoTracking()
                .Where(r => r.JobName == HousekeepingJob.RecurringJobId)
                .Select(r => r.LastSucceededAtUtc)
                .SingleOrDefaultAsync());
        }
        Assert.NotNull(lastSucceeded);
    }

    [Fact]
    public async Task Admin_page_shows_the_provider_in_use()
    {
        using var client = await app.RunAsUserAsync(Roles.Administrator);

        var page = await client.GetStringAsync("/admin");

        Assert.Contains(app.Kind == DatabaseKind.PostgreSQL ? "PostgreSQL" : "SQLite", page, StringComparison.Ordinal);
    }
}

public sealed class PlatformTestsOnSqlite(SqliteApp app) : PlatformTests<SqliteApp>(app);

public sealed class PlatformTestsOnPostgres(PostgresApp app) : PlatformTests<PostgresApp>(app);
