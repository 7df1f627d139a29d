using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Web.Infrastructure;
using Meguro.Learning.Web.Tests.Pages.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Meguro.Learning.Web.Tests.Infrastructure;

/// <summary>The embedded demo as <c>dotnet run</c> starts it: demo staff, the shipped curricula assigned, then part of it finished.</summary>
public sealed class DemoWithCurriculaApp() : AppFixture(DatabaseKind.Sqlite, seedDemo: true,
    settings: new Dictionary<string, string> { ["Content:ImportCurriculaOnStartup"] = "true" });

public sealed class DemoProgressSeedTests(DemoWithCurriculaApp app) : IClassFixture<DemoWithCurriculaApp>
{
    [Fact]
    public async Task A_fresh_demo_has_a_realistic_share_finished_this_fiscal_year_with_evidence_certificates_and_summaries()
    {
        var today = Jst.Today(TimeProvider.System);
        var (assigned, completed, certificates, evidence, levels, finishedRows) = await app.WithDbAsync(async db => (
            await db.Enrollments.CountAsync(e => e.CurriculumCode != null),
            await db.Enrollments.Where(e => e.CurriculumCode != null && e.Status == EnrollmentStatus.Completed).Select(e => e.CompletedAtUtc!.Value).ToListAsync(),
            await db.Certificates.CountAsync(),
            await db.SkillRecords.CountAsync(),
            await db.EmployeeSkillLevels.CountAsync(),
            await db.ProgressSummaries.CountAsync(s => s.FiscalYear == Jst.FiscalYear(today) && s.CompletedOn != null)));

        Assert.InRange(completed.Count / (double)assigned, 0.5, 0.8);
        Assert.All(completed, at => Assert.InRange(DateOnly.FromDateTime(Jst.FromUtc(at)), Jst.FiscalYearStart(Jst.FiscalYear(today)), today));
        Assert.Equal(completed.Count, certificates);
        Assert.True(evidence > completed.Count, $"{evidence} skill records for {completed.Count} completions");
        Assert.True(levels > 0);
        Assert.True(finishedRows > 0);

        // And the city report is not empty: people in scope, some complete, DSS-L levels reached.
        var client = await app.RunAsUserAsync(Roles.HR);
        var html = await client.GetStringAsync("/reports");
        var city = ReportTables.FromHtml(html, "departments")[^1];
        Assert.Equal("全庁", city[0]);
        Assert.True(int.Parse(city[1], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) > 2000, $"{city[1]} people in scope");
        Assert.NotEqual("0", city[2]);
        Assert.Contains(ReportTables.FromHtml(html, "dssl").Skip(1), row => row[2] != "0");
        // The shipped content sets no skill targets (yet): the page says so instead of showing an empty coverage.
        var hasTargets = await app.WithDbAsync(db => db.SkillTargets.AnyAsync());
        Assert.Equal(!hasTargets, html.Contains("スキル目標（目標レベル）がまだ設定されていないため", StringComparison.Ordinal));
        Assert.Equal(hasTargets, ReportTables.FromHtml(html, "departments")[0].Contains("スキル目標達成率"));
    }

    [Fact]
    public async Task It_never_runs_again_on_a_database_with_progress_nor_in_production()
    {
        var before = await app.WithDbAsync(db => db.Enrollments.CountAsync(e => e.Status == EnrollmentStatus.Completed));

        var again = 0;
        await app.WithScopeAsync(async sp => again = await sp.GetRequiredService<DemoProgressSeeder>().SeedAsync(CancellationToken.None));

        Assert.Equal(0, again);
        Assert.Equal(before, await app.WithDbAsync(db => db.Enrollments.CountAsync(e => e.Status == EnrollmentStatus.Completed)));
        using var scope = app.Services.CreateScope();
        var production = ActivatorUtilities.CreateInstance<DemoProgressSeeder>(scope.ServiceProvider, new ProductionEnvironment());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => production.SeedAsync(CancellationToken.None));
        Assert.Contains("本番環境", error.Message, StringComparison.Ordinal);
    }

    private sealed class ProductionEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "Meguro.Learning.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
