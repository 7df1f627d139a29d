using System.Diagnostics;
using System.Text;
using Meguro.Learning.Demo;
using Meguro.Learning.Roster;
using Meguro.Learning.Roster.Csv;
using Meguro.Learning.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Meguro.Learning.Benchmarks;

/// <summary>
/// Goal 5: a first roster of 100,000 people imported on PostgreSQL (read, checked, planned, written,
/// audited — everything HR's 適用 does) against a raw <c>COPY … FROM STDIN (FORMAT csv)</c> of the
/// very same file into a table of text columns, on the same server in the same run.
/// </summary>
public static class RosterBenchmark
{
    public static async Task<IReadOnlyList<Measurement>> RunAsync(int size, TextWriter log)
    {
        var csv = Encoding.UTF8.GetBytes(DemoRoster.ToCsv(DemoRoster.DefaultSeed, size));
        var rows = csv.Count(b => b == (byte)'\n') - 1;

        await using var bench = await BenchDatabase.CreateAsync(DatabaseKind.PostgreSQL);
        var baseline = await RawCopyAsync(bench.ConnectionString, csv);

        var watch = Stopwatch.StartNew();
        var result = await bench.WithScopeAsync(sp => sp.GetRequiredService<RosterImportService>().ApplyAsync(csv, CsvEncoding.Utf8, "bench"));
        var firstLoad = watch.Elapsed;
        if (!result.Applied || result.Created != rows)
        {
            throw new InvalidOperationException($"The roster did not import as expected: {result.Summary} {string.Join("; ", result.Errors.Take(3))}");
        }
        watch.Restart();
        var again = await bench.WithScopeAsync(sp => sp.GetRequiredService<RosterImportService>().ApplyAsync(csv, CsvEncoding.Utf8, "bench"));
        var unchanged = watch.Elapsed;

        log.WriteLine($"roster: {rows:N0} rows ({csv.Length / 1024.0 / 1024.0:N1} MiB); first load {firstLoad.TotalSeconds:N2} s, re-import {unchanged.TotalSeconds:N2} s ({again.Summary}), raw COPY {baseline.TotalSeconds:N2} s");
        var oursRate = rows / firstLoad.TotalSeconds;
        var copyRate = rows / baseline.TotalSeconds;
        return
        [
            new Measurement("5. Roster import", $"First load of {rows:N0} rows on PostgreSQL (s)", firstLoad.TotalSeconds, null, "s", GoalKind.AtMost, 5),
            new Measurement("5. Roster import", "Import rate (rows/s) vs raw COPY of the same CSV", oursRate, copyRate, "rows/s", GoalKind.RatioAtLeast, 0.7),
            new Measurement("5. Roster import", $"Re-import of the same {rows:N0} rows, nothing changes (s)", unchanged.TotalSeconds, null, "s", GoalKind.AtMost, 5),
        ];
    }

    private static async Task<TimeSpan> RawCopyAsync(string connectionString, byte[] csv)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            "CREATE TABLE bench_roster (number text, name text, kana text, email text, org text, level text, type text, appointment_end text, hired text, head text)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }
        var text = Encoding.UTF8.GetString(csv);
        var watch = Stopwatch.StartNew();
        await using (var copy = await connection.BeginTextImportAsync("COPY bench_roster FROM STDIN (FORMAT csv, HEADER true)"))
        {
            await copy.WriteAsync(text);
        }
        var elapsed = watch.Elapsed;
        await using (var drop = new NpgsqlCommand("DROP TABLE bench_roster", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }
        return elapsed;
    }
}
