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
/// the app's own job server runs through 2,000 queued ones. The goal names 2 cores, so here the
/// app runs on both (the other goals pin it to one, away from the load generator).
/// </summary>
public static class HangfireBenchmark
{
    private const int Jobs = 2000;

    public static async Task<IReadOnlyList<Measurement>> RunAsync(TextWriter log)
    {
        await using var bench = await BenchDatabase.CreateAsync(DatabaseKind.PostgreSQL);
        double idleRate;
        await using (var idle = await AppProcess.StartOnAllCoresAsync(bench.ConnectionString, log))
        {
            // Start-up work (recurring job registration, first scheduler passes) settles first.
            await Task.Delay(TimeSpan.FromSeconds(15));
            var window = TimeSpan.FromSeconds(60);
            var before = await TransactionsAsync(bench.ConnectionString);
            await Task.Delay(window);
            var after = await TransactionsAsync(bench.ConnectionString);
            // Our own two readings are transactions too.
            idleRate = (after - before - 1) / window.TotalSeconds;
            log.WriteLine($"hangfire: idle app {idleRate:N2} transactions/s over {window.TotalSeconds:N0} s");
        }

        // 2,000 jobs wait in the queue before the app starts, so the figure is the job server's own
        // pace from its first job to its last — not the enqueuing, nor the wait for a poll: the app
        // wakes its workers at once for the jobs it enqueues itself, but not for another process's.
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false };
        // Enqueued as the app enqueues (its Hangfire connections do not wait for the WAL flush).
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(Web.Infrastructure.BackgroundJobs.ForJobStorage(bench.ConnectionString)!, options), options);
        var client = new BackgroundJobClient(storage);
        var monitor = storage.GetMonitoringApi();
        var succeededBefore = monitor.SucceededListCount();
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, Jobs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (_, _) =>
        {
            client.Enqueue(() => GC.KeepAlive(null));
            return ValueTask.CompletedTask;
        });
        var enqueued = watch.Elapsed;

        await using var app = await AppProcess.StartOnAllCoresAsync(bench.ConnectionString, log);
        long Done() => monitor.SucceededListCount() - succeededBefore;
        watch.Restart();
        long atFirst;
        while ((atFirst = Done()) == 0)
        {
            await WaitAsync(watch, "the first job");
        }
        var first = watch.Elapsed;
        while (Done() < Jobs)
        {
            await WaitAsync(watch, $"all {Jobs:N0} jobs (done: {Done():N0})");
        }
        var rate = (Jobs - atFirst) / (watch.Elapsed - first).TotalSeconds;
        log.WriteLine($"hangfire: {Jobs:N0} no-op jobs enqueued in {enqueued.TotalSeconds:N2} s; the started app ran them from {first.TotalSeconds:N2} s to {watch.Elapsed.TotalSeconds:N2} s ({rate:N0} jobs/s)");
        return
        [
            new Measurement("7. Hangfire on PostgreSQL", "Queries per second of an idle app node (transactions in pg_stat_database)", idleRate, null, "q/s", GoalKind.AtMost, 5),
            new Measurement("7. Hangfire on PostgreSQL", $"No-op jobs run per second ({Jobs:N0} queued, from the first to the last, app on both cores)", rate, null, "jobs/s", GoalKind.AtLeast, 200),
        ];
    }

    private static async Task WaitAsync(Stopwatch watch, string what)
    {
        if (watch.Elapsed > TimeSpan.FromMinutes(5))
        {
            throw new TimeoutException($"Waited 5 minutes for {what}.");
        }
        await Task.Delay(20);
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
