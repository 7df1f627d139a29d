using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Meguro.Learning.Demo;
using Meguro.Learning.Jobs;
using Meguro.Learning.Jobs.Mail;
using Meguro.Learning.Roster;
using Meguro.Learning.Roster.Csv;
using Meguro.Learning.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meguro.Learning.Benchmarks;

/// <summary>
/// A fresh, migrated database with the app's own services (no web host): job levels from content/
/// and the demo organisation imported, as an operator's first day would leave it.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private BenchDatabase(TestDatabase database, ServiceProvider services)
    {
        _database = database;
        Services = services;
    }

    public ServiceProvider Services { get; }
    public string ConnectionString => _database.ConnectionString;
    public DatabaseKind Kind => _database.Kind;

    public static async Task<BenchDatabase> CreateAsync(DatabaseKind kind)
    {
        var database = await TestDatabase.CreateAsync(kind);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings()).Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddLearningData(configuration)
            .AddLearningContent(configuration)
            .AddRosterImport()
            .AddLearningJobs()
            .AddLearningMail(configuration)
            .AddSingleton(HolidayCatalog.Load(BenchOptions.FindContentRoot()))
            .BuildServiceProvider();
        var bench = new BenchDatabase(database, services);
        await bench.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            if (kind == DatabaseKind.Sqlite)
            {
                DataServiceCollectionExtensions.EnsureSqliteDirectory(database.ConnectionString);
            }
            await db.Database.MigrateAsync();
            await sp.GetRequiredService<JobLevelCatalog>().SyncAsync(BenchOptions.FindContentRoot());
            await sp.GetRequiredService<SkillCatalog>().SyncAsync(BenchOptions.FindContentRoot());
            var org = await sp.GetRequiredService<OrgUnitImportService>().ApplyAsync(
                System.Text.Encoding.UTF8.GetBytes(DemoOrganization.ToCsv()), CsvEncoding.Utf8, "bench");
            if (!org.Applied)
            {
                throw new InvalidOperationException("The demo organisation did not import: " + string.Join("; ", org.Errors));
            }
        });
        return bench;
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
