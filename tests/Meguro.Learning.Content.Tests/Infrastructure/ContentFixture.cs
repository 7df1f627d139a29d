using Meguro.Learning.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Content.Tests.Infrastructure;

/// <summary>Where the shipped <c>content/</c> folder is, and helpers to work on a throwaway copy of it.</summary>
public static class RepositoryContent
{
    public static string Root { get; } = ContentOptions.Locate("", AppContext.BaseDirectory);

    public static string CoursesFolder => Path.Combine(Root, CourseImporter.CoursesFolder);

    /// <summary>A copy of content/ in the temp folder that a test may change; deleted on dispose.</summary>
    public static TempContent Copy()
    {
        var target = Path.Combine(Path.GetTempPath(), $"meguro-content-{Guid.NewGuid():N}");
        foreach (var file in Directory.GetFiles(Root, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return new TempContent(target);
    }
}

public sealed class TempContent(string root) : IDisposable
{
    public string Root => root;

    public string CourseFile(string slug, string path) => Path.Combine(root, CourseImporter.CoursesFolder, slug, path);

    public void Dispose() => Directory.Delete(root, recursive: true);
}

/// <summary>
/// A migrated database with the job levels and skills catalogue of the shipped content, and the
/// services composed by the app's own <c>AddLearningData</c> and <c>AddLearningContent</c> (no mocks;
/// Identity's key lengths must match the migrations, platform notes gotcha 6).
/// </summary>
public sealed class ContentDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ContentDatabase(TestDatabase database)
    {
        Database = database;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings()).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddLearningData(configuration)
            .AddLearningContent(configuration)
            .BuildServiceProvider();
    }

    public TestDatabase Database { get; }

    public static async Task<ContentDatabase> CreateAsync(DatabaseKind kind, bool loadCatalogues = true)
    {
        var database = new ContentDatabase(await TestDatabase.CreateAsync(kind));
        await database.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<LearningDbContext>().Database.MigrateAsync();
            if (loadCatalogues)
            {
                await sp.GetRequiredService<JobLevelCatalog>().SyncAsync(RepositoryContent.Root);
                await sp.GetRequiredService<SkillCatalog>().SyncAsync(RepositoryContent.Root);
            }
            return 0;
        });
        return database;
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> WithDbAsync<T>(Func<LearningDbContext, Task<T>> work) =>
        InScopeAsync(sp => work(sp.GetRequiredService<LearningDbContext>()));

    public Task<T> WithImporterAsync<T>(Func<CourseImporter, Task<T>> work) =>
        InScopeAsync(sp => work(sp.GetRequiredService<CourseImporter>()));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
