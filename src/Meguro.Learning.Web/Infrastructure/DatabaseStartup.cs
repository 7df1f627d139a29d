using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Meguro.Learning.Data.Configuration;
using Meguro.Learning.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Web.Infrastructure;

public static class DatabaseStartup
{
    /// <summary>
    /// Migrates the database, loads reference data from <c>content/</c> and, in the embedded
    /// default only, seeds the demo organisation. Runs before the app takes requests.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
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

        var contentRoot = ContentOptions.Locate(
            services.GetRequiredService<IOptions<ContentOptions>>().Value.Root,
            app.Environment.ContentRootPath,
            AppContext.BaseDirectory);
        await services.GetRequiredService<JobLevelCatalog>().SyncAsync(contentRoot);

        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
