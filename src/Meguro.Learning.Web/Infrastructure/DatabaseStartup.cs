using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Meguro.Learning.Data.Configuration;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Demo;
using Meguro.Learning.Jobs.Curricula;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Web.Infrastructure;

public static class DatabaseStartup
{
    /// <summary>
    /// Migrates the database, loads reference data from <c>content/</c> and, in the embedded
    /// default only, seeds the demo organisation. Runs before the app takes requests. A command line
    /// run (<c>import …</c>) passes false for both: it imports or seeds only what it was asked to.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool seedDemo = true, bool importCourses = true)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var dbOptions = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = services.GetRequiredService<LearningDbContext>();

        if (dbOptions.Provider == DatabaseProvider.Sqlite)
        {
            DataServiceCollectionExtensions.EnsureSqliteDirectory(db.Database.GetConnectionString()!);
        }
        if (dbOptions.MigrateOnStartup)
        {
            await db.Database.MigrateAsync();
        }

        var contentOptions = services.GetRequiredService<IOptions<ContentOptions>>().Value;
        var contentRoot = ContentOptions.Locate(contentOptions.Root, app.Environment.ContentRootPath, AppContext.BaseDirectory);
        await services.GetRequiredService<JobLevelCatalog>().SyncAsync(contentRoot);
        await services.GetRequiredService<SkillCatalog>().SyncAsync(contentRoot);
        await ImportSkillTargetsAsync(app, services, contentRoot);
        if (importCourses && contentOptions.ImportCoursesOnStartup)
        {
            await ImportCoursesAsync(app, services, contentRoot);
        }

        await services.GetRequiredService<Jobs.Mail.MailTemplates>().SeedDefaultsAsync();

        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var demoSeeded = false;
        if (seedDemo && services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed)
        {
            demoSeeded = await services.GetRequiredService<DemoSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
            app.Lifetime.ApplicationStarted.Register(() => PrintDemoWelcome(app));
        }
        if (importCourses && contentOptions.ImportCurriculaOnStartup)
        {
            await ImportCurriculaAsync(app, services, contentRoot);
        }
        // Only on the demo just seeded, after the curricula assigned its courses: some of them finished.
        if (demoSeeded)
        {
            await services.GetRequiredService<DemoProgressSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
        }

        // A database from before the reports has enrollments but no summaries: fill them once.
        var summaries = services.GetRequiredService<Data.Reporting.ReportSummaries>();
        if (await summaries.NeedsFirstBuildAsync())
        {
            await summaries.RebuildAllAsync(app.Lifetime.ApplicationStopping);
        }
    }

    /// <summary>
    /// After the courses and the roster, so that the engine finds both. A malformed set is logged
    /// with file:line and changes nothing; the app still starts with the stored curricula.
    /// </summary>
    private static async Task ImportCurriculaAsync(WebApplication app, IServiceProvider services, string contentRoot)
    {
        var ct = app.Lifetime.ApplicationStopping;
        var result = await services.GetRequiredService<CurriculumImporter>().ImportAsync(contentRoot, StartupActor, ct);
        if (!result.Succeeded)
        {
            app.Logger.LogWarning("カリキュラムを取り込めませんでした（{Count} 件の問題）:{NewLine}{Issues}",
                result.Issues.Count, Environment.NewLine, string.Join(Environment.NewLine, result.Issues));
            return;
        }
        var assigned = await services.GetRequiredService<AssignmentEngine>().RunAsync(AssignmentScope.Everything, StartupActor, "起動時のカリキュラム取込", ct);
        app.Logger.LogInformation("カリキュラム: {Import}。割当: {Assigned}", result.Summary, assigned.Summary);
    }

    /// <summary>
    /// After the skills and job levels it refers to. A malformed file is logged with file:line and
    /// changes nothing: the app starts with the stored targets, as with a malformed curriculum.
    /// </summary>
    private static async Task ImportSkillTargetsAsync(WebApplication app, IServiceProvider services, string contentRoot)
    {
        var result = await services.GetRequiredService<SkillTargetCatalog>().SyncAsync(contentRoot, StartupActor, app.Lifetime.ApplicationStopping);
        if (!result.Succeeded)
        {
            app.Logger.LogWarning("スキルの目標レベルを取り込めませんでした（{Count} 件の問題）:{NewLine}{Issues}",
                result.Issues.Count, Environment.NewLine, string.Join(Environment.NewLine, result.Issues));
        }
        else if (result.Added + result.Changed + result.Removed > 0)
        {
            app.Logger.LogInformation("スキルの目標レベル: 追加 {Added} 件、変更 {Changed} 件、削除 {Removed} 件（人事が設定した {Kept} 件はそのまま）。",
                result.Added, result.Changed, result.Removed, result.KeptFromHr);
        }
    }

    public const string StartupActor = "システム（起動時の取込）";

    /// <summary>
    /// A malformed course is logged and skipped: the app must still start (with the course's
    /// previous version, if any), and the author sees file:line in the log.
    /// </summary>
    private static async Task ImportCoursesAsync(WebApplication app, IServiceProvider services, string contentRoot)
    {
        var results = await services.GetRequiredService<CourseImporter>()
            .ImportAllAsync(contentRoot, StartupActor, app.Lifetime.ApplicationStopping);
        foreach (var result in results.Where(r => r.Outcome == CourseImportOutcome.Failed))
        {
            app.Logger.LogWarning("コース「{Slug}」を取り込めませんでした（{Count} 件の問題）:{NewLine}{Issues}",
                result.Slug, result.Issues.Count, Environment.NewLine, string.Join(Environment.NewLine, result.Issues));
        }
        var changed = results.Count(r => r.Outcome is CourseImportOutcome.Created or CourseImportOutcome.NewVersion);
        if (changed > 0)
        {
            app.Logger.LogInformation("コースを {Changed} 件公開しました（content/courses の {Total} 件中）。", changed, results.Count);
        }
    }

    /// <summary>What a newcomer needs after the one start command: where to go and how to sign in.</summary>
    private static void PrintDemoWelcome(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var lines = new List<string>
        {
            "",
            "==================================================================",
            " Meguro Learning（目黒区 職員デジタル研修）がデモデータで起動しました",
        };
        lines.AddRange(addresses.Select(a => "   URL: " + a.Replace("[::]", "localhost").Replace("0.0.0.0", "localhost")));
        lines.Add($" デモ用アカウント（パスワードはすべて {DemoPersonas.Password}）:");
        lines.AddRange(DemoPersonas.All.Select(p => $"   {p.UserName,-8} {Roles.JapaneseName(p.Role)}（{p.Name}）"));
        lines.Add(" 終了するには Ctrl+C を押してください。");
        lines.Add("==================================================================");
        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
