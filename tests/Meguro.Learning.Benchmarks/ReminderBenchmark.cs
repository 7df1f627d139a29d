using System.Diagnostics;
using System.Text;
using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Meguro.Learning.Demo;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Jobs.Mail;
using Meguro.Learning.Jobs.Reminders;
using Meguro.Learning.Roster;
using Meguro.Learning.Roster.Csv;
using Meguro.Learning.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Meguro.Learning.Benchmarks;

/// <summary>
/// Goal 4: the daily reminder run over 100,000 and 1,000,000 open enrollments of 100,000 staff on
/// PostgreSQL, against a raw scan of the rows the run has to look at (open, due within its window).
/// Due dates are spread over ±60 days around the run day, so about one in ten enrollments gets a
/// reminder that day — thousands of mails, steps and notices written by the run.
/// </summary>
public static class ReminderBenchmark
{
    /// <summary>A Wednesday that is a business day: 2026-12-09 08:30 JST.</summary>
    private static readonly DateTimeOffset RunAt = new(2026, 12, 8, 23, 30, 0, TimeSpan.Zero);

    public static async Task<IReadOnlyList<Measurement>> RunAsync(int staff, TextWriter log)
    {
        await using var bench = await BenchDatabase.CreateAsync(DatabaseKind.PostgreSQL);
        var roster = await bench.WithScopeAsync(sp => sp.GetRequiredService<RosterImportService>().ApplyAsync(
            Encoding.UTF8.GetBytes(DemoRoster.ToCsv(DemoRoster.DefaultSeed, staff)), CsvEncoding.Utf8, "bench"));
        await bench.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<CourseImporter>().ImportAllAsync(BenchOptions.FindContentRoot(), "bench");
            await sp.GetRequiredService<MailTemplates>().SeedDefaultsAsync();
        });
        log.WriteLine($"reminders: {roster.Created:N0} staff imported");

        var small = await MeasureAsync(bench, perPerson: 1, log);
        var large = await MeasureAsync(bench, perPerson: 10, log);
        return
        [
            new Measurement("4. Reminder run", $"Run over {small.Enrollments:N0} enrollments ({small.Reminders:N0} reminders sent) (s)", small.Run.TotalSeconds, null, "s", GoalKind.AtMost, 10),
            new Measurement("4. Reminder run", $"Run over {small.Enrollments:N0} enrollments vs raw index scan of the same rows", small.Run.TotalSeconds, small.Scan.TotalSeconds, "s", GoalKind.RatioAtMost, 3,
                $"the run writes a step, a mail and a notice per reminder; the scan only reads. Writing those {small.RowsWritten:N0} rows alone, as a raw COPY " +
                $"into tables LIKE theirs with their foreign keys, took {small.RawWrite.TotalSeconds:N3} s = {small.RawWrite / small.Scan:N1}× the scan; the run took {small.Run / small.RawWrite:N1}× that raw COPY"),
            new Measurement("4. Reminder run", $"Rerun of the same day over {small.Enrollments:N0} enrollments (nothing left to send) vs raw index scan", small.Rerun.TotalSeconds, small.Scan.TotalSeconds, "s", GoalKind.RatioAtMost, 3),
            new Measurement("4. Reminder run", $"Run over {large.Enrollments:N0} enrollments vs the {small.Enrollments:N0} run", large.Run.TotalSeconds, small.Run.TotalSeconds, "s", GoalKind.RatioAtMost, 11,
                $"{large.Reminders:N0} reminders sent"),
        ];
    }

    private sealed record Result(int Enrollments, int Reminders, TimeSpan Run, TimeSpan Scan, TimeSpan Rerun, TimeSpan RawWrite, long RowsWritten);

    private static async Task<Result> MeasureAsync(BenchDatabase bench, int perPerson, TextWriter log)
    {
        var count = await SeedEnrollmentsAsync(bench, perPerson);
        var horizon = DateOnly.FromDateTime(RunAt.UtcDateTime).AddDays(40);
        var scan = await RawScanAsync(bench.ConnectionString, horizon);
        // The day before (a business day) sends the backlog of a first run; the measured run is then
        // an ordinary day's: steps due today only.
        await bench.WithScopeAsync(sp => ActivatorUtilities.CreateInstance<ReminderJob>(sp, (TimeProvider)new FakeTimeProvider(RunAt.AddDays(-1))).RunAsync());
        var clock = new FakeTimeProvider(RunAt);
        var before = await LastIdsAsync(bench.ConnectionString);
        var watch = Stopwatch.StartNew();
        var run = await bench.WithScopeAsync(sp => ActivatorUtilities.CreateInstance<ReminderJob>(sp, (TimeProvider)clock).RunAsync());
        var elapsed = watch.Elapsed;
        // The same day again (a second node, a retry): everything is already sent, so this is the
        // set-based read of the run with nothing to write.
        watch.Restart();
        await bench.WithScopeAsync(sp => ActivatorUtilities.CreateInstance<ReminderJob>(sp, (TimeProvider)clock).RunAsync());
        var rerun = watch.Elapsed;
        var (rawWrite, rows) = await RawWriteAsync(bench.ConnectionString, before);
        log.WriteLine($"reminders: {count:N0} enrollments, run {elapsed.TotalSeconds:N2} s ({run.LearnerReminders:N0} reminders, {run.Escalations:N0} escalations, {run.Digests:N0} digests), raw scan {scan.TotalSeconds:N3} s, rerun {rerun.TotalSeconds:N2} s, raw COPY of the {rows:N0} rows it wrote {rawWrite.TotalSeconds:N3} s");
        return new Result(count, run.LearnerReminders, elapsed, scan, rerun, rawWrite, rows);
    }

    /// <summary>Replaces all enrollments with <paramref name="perPerson"/> open ones per person, written with COPY.</summary>
    private static async Task<int> SeedEnrollmentsAsync(BenchDatabase bench, int perPerson)
    {
        var (employees, courses) = await bench.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            return (await db.Employees.Select(e => e.Id).OrderBy(id => id).ToListAsync(), await db.Courses.Select(c => c.Id).OrderBy(id => id).ToListAsync());
        });
        await using var connection = new NpgsqlConnection(bench.ConnectionString);
        await connection.OpenAsync();
        await using (var clear = new NpgsqlCommand("""TRUNCATE "Enrollments", "OutboxMails", "Notifications" CASCADE""", connection))
        {
            await clear.ExecuteNonQueryAsync();
        }
        var random = new Random(20261209);
        var runDay = DateOnly.FromDateTime(RunAt.UtcDateTime);
        var assigned = RunAt.UtcDateTime.AddDays(-90);
        var rows = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            """COPY "Enrollments" ("EmployeeId", "CourseId", "Source", "Cycle", "AssignedAtUtc", "DueDate", "Status", "CurriculumCode") FROM STDIN (FORMAT BINARY)"""))
        {
            // Writing millions of rows ends with one long wait for the server's commit of the COPY; the
            // 30 s default failed a run of 2,000,000 on a slow disk.
            writer.Timeout = TimeSpan.FromMinutes(10);
            foreach (var employee in employees)
            {
                for (var k = 0; k < perPerson; k++)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(employee, NpgsqlDbType.Integer);
                    await writer.WriteAsync(courses[k % courses.Count], NpgsqlDbType.Integer);
                    await writer.WriteAsync((int)EnrollmentSource.Curriculum, NpgsqlDbType.Integer);
                    await writer.WriteAsync(k < courses.Count ? 0 : Jst.FiscalYear(runDay) + k / courses.Count, NpgsqlDbType.Integer);
                    await writer.WriteAsync(assigned, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(runDay.AddDays(random.Next(-60, 61)), NpgsqlDbType.Date);
                    await writer.WriteAsync((int)EnrollmentStatus.Active, NpgsqlDbType.Integer);
                    await writer.WriteAsync("all-staff", NpgsqlDbType.Varchar);
                    rows++;
                }
            }
            await writer.CompleteAsync();
        }
        await using (var analyze = new NpgsqlCommand("""ANALYZE "Enrollments" """, connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }
        return rows;
    }

    /// <summary>The last id of each table the run writes to, so the rows of the measured run can be told apart.</summary>
    private static async Task<Dictionary<string, long>> LastIdsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in WrittenTables)
        {
            await using var command = new NpgsqlCommand($"SELECT coalesce(max(\"Id\"), 0) FROM \"{table}\"", connection);
            last[table] = (long)(await command.ExecuteScalarAsync())!;
        }
        return last;
    }

    private static readonly string[] WrittenTables = ["OutboxMails", "Notifications", "ReminderDeliveries"];

    /// <summary>
    /// The least that writing the measured run's rows can cost: the same rows, read back as COPY text
    /// beforehand, written with one raw COPY per table into empty tables made LIKE the real ones
    /// INCLUDING ALL, with their foreign keys (the same indexes and checks), in one transaction. It
    /// leaves out everything else a run needs — finding the steps due, rendering the mails, the
    /// enrollments' copy of their steps.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, long Rows)> RawWriteAsync(string connectionString, IReadOnlyDictionary<string, long> before)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        long rows = 0;
        foreach (var table in WrittenTables)
        {
            await using (var create = new NpgsqlCommand($"DROP TABLE IF EXISTS bench_{table} CASCADE; CREATE TABLE bench_{table} (LIKE \"{table}\" INCLUDING ALL)", connection))
            {
                await create.ExecuteNonQueryAsync();
            }
            await AddForeignKeysAsync(connection, table);
            using var export = await connection.BeginTextExportAsync($"COPY (SELECT * FROM \"{table}\" WHERE \"Id\" > {before[table]}) TO STDOUT");
            texts[table] = await export.ReadToEndAsync();
            rows += texts[table].Count(c => c == '\n');
        }
        var watch = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            foreach (var table in WrittenTables)
            {
                await using var import = await connection.BeginTextImportAsync($"COPY bench_{table} FROM STDIN");
                await import.WriteAsync(texts[table]);
            }
            await transaction.CommitAsync();
        }
        var elapsed = watch.Elapsed;
        await using (var drop = new NpgsqlCommand(string.Join(' ', WrittenTables.Select(t => $"DROP TABLE bench_{t} CASCADE;")), connection))
        {
            await drop.ExecuteNonQueryAsync();
        }
        return (elapsed, rows);
    }

    /// <summary>
    /// The table's foreign keys on its copy (LIKE does not take them), each checked for every row as in
    /// the real table; a reference to another written table points at that table's copy.
    /// </summary>
    private static async Task AddForeignKeysAsync(NpgsqlConnection connection, string table)
    {
        var definitions = new List<string>();
        await using (var read = new NpgsqlCommand("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid = @table::regclass", connection))
        {
            read.Parameters.AddWithValue("table", $"\"{table}\"");
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                definitions.Add(WrittenTables.Aggregate(reader.GetString(0), (d, t) => d.Replace($"REFERENCES \"{t}\"", $"REFERENCES bench_{t}", StringComparison.Ordinal)));
            }
        }
        foreach (var definition in definitions)
        {
            await using var add = new NpgsqlCommand($"ALTER TABLE bench_{table} ADD {definition}", connection);
            await add.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The baseline: reading the ids and due dates of the rows the run considers, nothing else.</summary>
    private static async Task<TimeSpan> RawScanAsync(string connectionString, DateOnly horizon)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand(
                """SELECT "Id", "EmployeeId", "DueDate", "CourseId" FROM "Enrollments" WHERE "Status" = 1 AND "DueDate" IS NOT NULL AND "DueDate" <= @horizon""", connection);
            command.Parameters.AddWithValue("horizon", horizon);
            await using var reader = await command.ExecuteReaderAsync();
            var n = 0;
            while (await reader.ReadAsync())
            {
                n += reader.GetInt32(0) & 1;
            }
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }
        return best;
    }
}
