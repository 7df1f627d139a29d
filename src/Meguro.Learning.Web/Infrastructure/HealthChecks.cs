using System.Text.Json;
using Hangfire;
using Meguro.Learning.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Web.Infrastructure;

/// <summary><c>/healthz</c>: the database and the job server, for the load balancer and for operators.</summary>
public static class LearningHealthChecks
{
    public const string Path = "/healthz";

    public static IServiceCollection AddLearningHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<JobServerHealthCheck>("jobs");
        return services;
    }

    public static void MapLearningHealthChecks(this WebApplication app) =>
        app.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteJsonAsync }).AllowAnonymous();

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

internal sealed class DatabaseHealthCheck(LearningDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = db.Database.ProviderName ?? "";
        var data = new Dictionary<string, object> { ["provider"] = provider.Contains("Npgsql", StringComparison.Ordinal) ? "PostgreSQL" : "Sqlite" };
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("データベースに接続できません。", data: data);
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            data["pendingMigrations"] = pending;
            return pending == 0
                ? HealthCheckResult.Healthy("データベースに接続できます。", data)
                : HealthCheckResult.Degraded($"未適用のマイグレーションが {pending} 件あります。", data: data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("データベースの確認中にエラーが発生しました。", ex, data);
        }
    }
}

internal sealed class JobServerHealthCheck(JobStorage storage, JobStorageDescription description, IOptions<BackgroundJobOptions> options, TimeProvider clock)
    : IHealthCheck
{
    /// <summary>Hangfire servers send a heartbeat every 30 s; two missed beats mean the server is gone.</summary>
    private static readonly TimeSpan HeartbeatTolerance = TimeSpan.FromSeconds(70);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["storage"] = description.Storage.ToString() };
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var servers = storage.GetMonitoringApi().Servers();
            var alive = servers.Count(s => s.Heartbeat is { } beat && now - beat < HeartbeatTolerance);
            data["servers"] = alive;
            if (alive > 0)
            {
                return Task.FromResult(HealthCheckResult.Healthy($"ジョブサーバー {alive} 台が稼働中です。", data));
            }
            return Task.FromResult(options.Value.RunServer
                ? HealthCheckResult.Unhealthy("ジョブサーバーが稼働していません。", data: data)
                : HealthCheckResult.Degraded("稼働中のジョブサーバーがありません（このノードはジョブを実行しない設定です）。", data: data));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("ジョブストレージに接続できません。", ex, data));
        }
    }
}
