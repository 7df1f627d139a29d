using System.Globalization;
using System.Text;

namespace Meguro.Learning.Benchmarks;

/// <summary>Writes docs/performance.md: one row per measurement with its baseline, ratio, goal and verdict.</summary>
public static class PerformanceReport
{
    /// <summary>The goals of issue #7, so that a run which skips some says so instead of looking complete.</summary>
    private static readonly string[] AllGoals =
    [
        "1. Markdown", "2. Lesson page", "3. Quiz burst", "4. Reminder run", "5. Roster import", "6. Reports", "7. Hangfire on PostgreSQL", "8. Memory",
    ];

    /// <summary>The machine's cores: <see cref="Environment.ProcessorCount"/> counts only those this (pinned) process may use.</summary>
    private static int MachineCores() =>
        File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor", StringComparison.Ordinal)) : Environment.ProcessorCount;

    public static void Write(string file, IReadOnlyList<Measurement> results, TextWriter log)
    {
        var text = new StringBuilder();
        text.AppendLine("# Performance");
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Measured by `tests/bench` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {MachineCores()} cores, .NET {Environment.Version}. ") +
            "Each baseline is measured in the same run on the same machine; the ratio is ours ÷ baseline. " +
            "The app runs on core 0, the load generator on core 1 (the job-server goal names 2 cores: there the app has both). What was found and fixed where a goal was missed, " +
            "with the figures before and after: [performance-history.md](performance-history.md).");
        text.AppendLine();
        text.AppendLine("| Goal | Measurement | Ours | Baseline | Ratio | Target | Result | Notes |");
        text.AppendLine("|---|---|---:|---:|---:|---|---|---|");
        foreach (var m in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Goal} | {m.Name} | {Measurement.Format(m.Ours)} {m.Unit} | {(m.Baseline is { } b ? Measurement.Format(b) + " " + m.Unit : "—")} | " +
                $"{(m.Ratio is { } r ? Measurement.Format(r) + "×" : "—")} | {m.GoalText} | {(m.Passed ? "pass" : "**FAIL**")} | {m.Notes} |");
        }
        var missing = AllGoals.Where(g => results.All(m => !m.Goal.StartsWith(g, StringComparison.Ordinal))).ToList();
        if (missing.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Not measured in this run: " + string.Join("; ", missing) + ".");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        text.AppendLine();
        text.AppendLine("Reproduce: `tests/bench` (all goals, about 40 minutes), or `tests/bench --only <ids>` with ids markdown, lesson, quiz, reports, reminders, roster, hangfire.");
        File.WriteAllText(file, text.ToString());
        log.WriteLine($"wrote {file}");
    }
}
