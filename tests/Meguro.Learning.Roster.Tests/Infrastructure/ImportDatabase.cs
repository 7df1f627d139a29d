using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Roster.Tests.Infrastructure;

/// <summary>
/// A migrated database with the job levels of <c>content/job-levels.yml</c>, and the services as the
/// app composes them (AddLearningData, AddLearningContent, AddRosterImport). Each <see cref="InScopeAsync{T}"/>
/// is a fresh scope with its own DbContext, like one web request.
/// </summary>
public sealed class ImportDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly ServiceProvider _services;

    private ImportDatabase(TestDatabase database, ServiceProvider services)
    {
        _database = database;
        _services = services;
    }

    public DatabaseKind Kind => _database.Kind;

    public static async Task<ImportDatabase> CreateAsync(DatabaseKind kind)
    {
        var database = await TestDatabase.CreateAsync(kind);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = kind == DatabaseKind.PostgreSQL ? "PostgreSQL" : "Sqlite",
                ["ConnectionStrings:Default"] = database.ConnectionString,
            })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddLearningData(configuration)
            .AddLearningContent(configuration)
            .AddRosterImport()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var result = new ImportDatabase(database, services);
        await result.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<LearningDbContext>().Database.MigrateAsync();
            return await sp.GetRequiredService<JobLevelCatalog>().SyncAsync(ContentOptions.Locate("", AppContext.BaseDirectory));
        });
        return result;
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> WithDbAsync<T>(Func<LearningDbContext, Task<T>> work) =>
        InScopeAsync(sp => work(sp.GetRequiredService<LearningDbContext>()));

    public Task<RosterPreview> PreviewRosterAsync(byte[] csv, CsvEncoding encoding = CsvEncoding.Auto) =>
        InScopeAsync(sp => sp.GetRequiredService<RosterImportService>().PreviewAsync(csv, encoding));

    public Task<RosterImportResult> ApplyRosterAsync(byte[] csv, CsvEncoding encoding = CsvEncoding.Auto) =>
        InScopeAsync(sp => sp.GetRequiredService<RosterImportService>().ApplyAsync(csv, encoding, "hr-test"));

    public Task<OrgUnitPreview> PreviewOrganizationAsync(byte[] csv, CsvEncoding encoding = CsvEncoding.Auto) =>
        InScopeAsync(sp => sp.GetRequiredService<OrgUnitImportService>().PreviewAsync(csv, encoding));

    public Task<OrgUnitImportResult> ApplyOrganizationAsync(byte[] csv, CsvEncoding encoding = CsvEncoding.Auto) =>
        InScopeAsync(sp => sp.GetRequiredService<OrgUnitImportService>().ApplyAsync(csv, encoding, "hr-test"));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
