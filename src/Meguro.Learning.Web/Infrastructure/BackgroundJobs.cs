using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Meguro.Learning.Data.Configuration;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Jobs;

namespace Meguro.Learning.Web.Infrastructure;

public enum JobStorageKind
{
    /// <summary>PostgreSQL storage when the app database is PostgreSQL, in-memory otherwise.</summary>
    Auto,
    InMemory,
    PostgreSql,
}

/// <summary>Bound from the <c>BackgroundJobs</c> section.</summary>
public sealed class BackgroundJobOptions
{
    public const string SectionName = "BackgroundJobs";

    public JobStorageKind Storage { get; set; } = JobStorageKind.Auto;

    /// <summary>Run a job server in this process. A node may serve pages only by setting this to false.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>
    /// Workers of the job server. Unset: on PostgreSQL 5 per core, at least 10 and at most 20 — each
    /// job mostly waits on round trips and commits, so short jobs need several in flight (2 workers ran
    /// 32 no-op jobs/s on 2 cores; on a one-core node 5 workers left a quiz burst's results waiting,
    /// p99 0.59 s against 0.36 s with 10; 20 on 2 cores ran fewer jobs/s than 10, see
    /// docs/performance-history.md) — and 2 with the in-memory store.
    /// </summary>
    public int? WorkerCount { get; set; }

    /// <summary>
    /// How often an idle node looks for delayed and recurring jobs due, and (as a fallback to
    /// LISTEN/NOTIFY) for queued ones, on PostgreSQL. Polling every second made an idle node send ~19
    /// queries/s; every 15 s, a 2-core node (10 workers, each polling) still sent 5.1/s. Queued jobs
    /// start at once regardless (LISTEN/NOTIFY); a retry or a recurring job may start up to this much late.
    /// </summary>
    public TimeSpan PostgreSqlPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Connection string for PostgreSQL job storage; defaults to <c>ConnectionStrings:Default</c>.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>
/// The only place that chooses the job storage (composition root). The in-memory store is the
/// embedded default: losing queued jobs on restart is safe because every job is idempotent and
/// re-derived from the application database by the recurring sweeps.
/// </summary>
public static class BackgroundJobs
{
    public const string DashboardPath = "/admin/jobs";

    public static WebApplicationBuilder AddBackgroundJobServer(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BackgroundJobOptions.SectionName).Get<BackgroundJobOptions>() ?? new();
        builder.Services.AddOptions<BackgroundJobOptions>().Bind(builder.Configuration.GetSection(BackgroundJobOptions.SectionName));
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new();
        var storage = options.Storage == JobStorageKind.Auto
            ? (database.Provider == DatabaseProvider.PostgreSQL ? JobStorageKind.PostgreSql : JobStorageKind.InMemory)
            : options.Storage;
        var connectionString = options.ConnectionString ?? builder.Configuration.GetConnectionString("Default");

        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (storage == JobStorageKind.PostgreSql)
            {
                config.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(ForJobStorage(connectionString)),
                    new PostgreSqlStorageOptions
                    {
                        SchemaName = "hangfire",
                        // LISTEN/NOTIFY wakes every waiting worker as soon as a job is enqueued, so
                        // the poll interval can stay long and an idle node issues few queries. It costs
                        // each fetch a LISTEN on a second connection; without it, a job enqueued in
                        // this process wakes only one waiting worker and the rest sleep until their
                        // next poll (a burst of 3,000 quiz submissions was scored at 2 per second).
                        EnableLongPolling = true,
                        QueuePollInterval = options.PostgreSqlPollInterval,
                        UseSlidingInvisibilityTimeout = true,
                        InvisibilityTimeout = TimeSpan.FromMinutes(5),
                        PrepareSchemaIfNecessary = true,
                    });
            }
            else
            {
                config.UseInMemoryStorage(new InMemoryStorageOptions());
            }
        });
        builder.Services.AddSingleton(new JobStorageDescription(storage));

        if (options.RunServer)
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = storage == JobStorageKind.InMemory
                    ? Math.Min(options.WorkerCount ?? 2, 2)
                    : options.WorkerCount ?? Math.Clamp(5 * Environment.ProcessorCount, 10, 20);
                o.SchedulePollingInterval = storage == JobStorageKind.InMemory ? TimeSpan.FromSeconds(1) : options.PostgreSqlPollInterval;
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }
        return builder;
    }

    /// <summary>
    /// The connection string of Hangfire's own storage. Its bookkeeping (queue, states, counters)
    /// commits without waiting for the WAL flush: every job is idempotent and re-derived from the
    /// application database, so losing the last fraction of a second of job states in a power cut
    /// costs at most a job run again — while waiting for a flush on each of a job's several commits
    /// capped a node at a few dozen jobs/s. The application's own data keeps full durability: this
    /// only applies to Hangfire's connections. (They are reset when returned to the pool, as usual:
    /// the workers LISTEN on pooled connections, and a LISTEN left on an idle one would hold back
    /// the server's notification queue.)
    /// </summary>
    public static string? ForJobStorage(string? connectionString)
    {
        if (connectionString is null)
        {
            return null;
        }
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(Data.PostgresConnectionStrings.WithPreparedStatements(connectionString));
        builder.Options = string.Join(' ', new[] { builder.Options, "-c synchronous_commit=off" }.Where(o => !string.IsNullOrWhiteSpace(o)));
        return builder.ConnectionString;
    }

    public static WebApplication UseBackgroundJobDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AdministratorsOnlyFilter()],
            AppPath = "/admin",
            DashboardTitle = "バックグラウンドジョブ",
            DisplayStorageConnectionString = false,
        });
        JobsServiceCollectionExtensions.ScheduleRecurringJobs(app.Services.GetRequiredService<IRecurringJobManager>());
        return app;
    }

    private sealed class AdministratorsOnlyFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            return http.User.IsInRole(Roles.Administrator);
        }
    }
}

/// <summary>Which job storage this process uses, for /healthz and the admin page.</summary>
public sealed record JobStorageDescription(JobStorageKind Storage);
