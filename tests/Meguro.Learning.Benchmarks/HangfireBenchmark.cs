using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Meguro.Learning.Testing;
using Npgsql;

namespace Meguro.Learning.Benchmarks;

/// <summary>
/// Goal 7: the app's Hangfire on PostgreSQL — the queries an idle node sends (counted as
/// transactions in pg_stat_database while nothing happens), and how many no-op jobs per second
/// the app's own job server runs when 2,000 are enqueued at once. The goal names 2 cores, so here the
/// app runs on both (the other goals pin it to one, away from the load generator).
/// </summary>
public static class HangfireBenchmark
{
    private const int Jobs = 2000;

    public static async Task<IReadOnlyList<Measurement>> RunAsync(TextWriter log)
    {
        await using var bench = await BenchDatabase.CreateAsync(DatabaseKind.PostgreSQL);
        await using var app = await AppProcess.StartOnAllCoresAsync(bench.ConnectionString, log);

        // Start-up work (recurring job registration, first scheduler passes) settles first.
        await Task.Delay(TimeSpan.FromSeconds(15));
        var window = TimeSpan.FromSeconds(60);
        var before = await TransactionsAsync(bench.ConnectionString);
        await Task.Delay(window);
        var after = await TransactionsAsync(bench.ConnectionString);
        // Our own two readings are transactions too.
        var idleRate = (after - before - 1) / window.TotalSeconds;
        log.WriteLine($"hangfire: idle app {idleRate:N2} transactions/s over {window.TotalSeconds:N0} s");

        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(bench.ConnectionString, options), options);
        var client = new BackgroundJobClient(storage);
        var monitor = storage.GetMonitoringApi();
        var succeededBefore = monitor.SucceededListCount();
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, Jobs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, (_, _) =>
        {
            client.Enqueue(() => GC.KeepAlive(null));
            return ValueTask.CompletedTask;
        });
        var enqueued = watch.Elapsed;
        while (monitor.SucceededListCount() - succeededBefore < Jobs)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"Only {monitor.SucceededListCount() - succeededBefore} of {Jobs} jobs ran in 5 minutes.");
            }
            await Task.Delay(50);
        }
        var elapsed = watch.Elapsed;
        var rate = Jobs / elapsed.TotalSeconds;
        log.WriteLine($"hangfire: {Jobs:N0} no-op jobs enqueued in {enqueued.TotalSeconds:N2} s, all run after {elapsed.TotalSeconds:N2} s ({rate:N0} jobs/s)");
        return
        [
            new Measurement("7. Hangfire on PostgreSQL", "Queries per second of an idle app node (transactions in pg_stat_database)", idleRate, null, "q/s", GoalKind.AtMost, 5),
            new Measurement("7. Hangfire on PostgreSQL", $"No-op jobs run per second ({Jobs:N0} enqueued at once, app on both cores)", rate, null, "jobs/s", GoalKind.AtLeast, 200),
        ];
    }

    private static async Task<long> TransactionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Statistics are flushed lazily by each backend; this makes the counters current for reading.
        await using (var snapshot = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection))
        {
            await snapshot.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
