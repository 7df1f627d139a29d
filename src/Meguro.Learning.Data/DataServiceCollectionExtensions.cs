using Meguro.Learning.Data.Configuration;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Data.Reporting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Data;

public static class DataServiceCollectionExtensions
{
    public const string DefaultSqliteConnection = "Data Source=.data/meguro-learning.db";

    /// <summary>
    /// Registers the application database and ASP.NET Core Identity. Both provider contexts are
    /// registered so that <c>dotnet ef --context …</c> finds each (no design-time factories: they
    /// would miss Identity's key-length settings, see platform notes gotcha 6); the app itself
    /// resolves <see cref="LearningDbContext"/>, which is the configured one.
    /// </summary>
    public static IServiceCollection AddLearningData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Default");

        var sqlite = options.Provider == DatabaseProvider.Sqlite ? connectionString ?? DefaultSqliteConnection : DefaultSqliteConnection;
        var postgres = options.Provider == DatabaseProvider.PostgreSQL
            ? PostgresConnectionStrings.ForApplication(connectionString ?? throw new InvalidOperationException("Database:Provider が PostgreSQL のときは ConnectionStrings:Default が必要です。"))
            : "Host=localhost;Database=meguro_learning";

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ProgressSummaryInterceptor>();
        services.AddScoped<ReportSummaries>();
        services.AddDbContext<SqliteLearningDbContext>((sp, o) => o
            .UseSqlite(sqlite, s => s.MigrationsHistoryTable("__EFMigrationsHistory"))
            .AddInterceptors([sp.GetRequiredService<ProgressSummaryInterceptor>(), .. sp.GetServices<IInterceptor>()]));
        services.AddDbContext<PostgresLearningDbContext>((sp, o) => o
            .UseNpgsql(postgres)
            .AddInterceptors([sp.GetRequiredService<ProgressSummaryInterceptor>(), .. sp.GetServices<IInterceptor>()]));
        services.AddScoped<LearningDbContext>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
        {
            DatabaseProvider.PostgreSQL => sp.GetRequiredService<PostgresLearningDbContext>(),
            _ => sp.GetRequiredService<SqliteLearningDbContext>(),
        });

        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Stores.MaxLengthForKeys = 128;
            })
            .AddEntityFrameworkStores<LearningDbContext>()
            .AddDefaultTokenProviders();

        return services;
    }

    /// <summary>Makes sure the folder of a SQLite file exists before EF opens it.</summary>
    public static void EnsureSqliteDirectory(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
    }
}
