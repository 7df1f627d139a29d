using System.Globalization;
using System.Text;

namespace Meguro.Learning.Benchmarks;

/// <summary>Writes docs/performance.md: one row per measurement with its baseline, ratio, goal and verdict.</summary>
public static class PerformanceReport
{
    public static void Write(string file, IReadOnlyList<Measurement> results, TextWriter log)
    {
        var text = new StringBuilder();
        text.AppendLine("# Performance");
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Measured by `tests/bench` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}. ") +
            "Each baseline is measured in the same run on the same machine; the ratio is ours ÷ baseline.");
        text.AppendLine();
        text.AppendLine("| Goal | Measurement | Ours | Baseline | Ratio | Target | Result | Notes |");
        text.AppendLine("|---|---|---:|---:|---:|---|---|---|");
        foreach (var m in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Goal} | {m.Name} | {Measurement.Format(m.Ours)} {m.Unit} | {(m.Baseline is { } b ? Measurement.Format(b) + " " + m.Unit : "—")} | " +
                $"{(m.Ratio is { } r ? Measurement.Format(r) + "×" : "—")} | {m.GoalText} | {(m.Passed ? "pass" : "**FAIL**")} | {m.Notes} |");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text.ToString());
        log.WriteLine($"wrote {file}");
    }
}
