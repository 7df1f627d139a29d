using System.Globalization;

namespace Meguro.Learning.Benchmarks;

/// <summary>How a goal compares our figure with its baseline.</summary>
public enum GoalKind
{
    /// <summary>Our figure must be at least <c>Limit</c> (e.g. 200 jobs/s).</summary>
    AtLeast,
    /// <summary>Our figure must be at most <c>Limit</c> (e.g. 10 s).</summary>
    AtMost,
    /// <summary>ours / baseline must be at least <c>Limit</c> (throughput ratios).</summary>
    RatioAtLeast,
    /// <summary>ours / baseline must be at most <c>Limit</c> (time ratios).</summary>
    RatioAtMost,
}

/// <summary>One row of docs/performance.md: a figure, the baseline measured in the same run, and the verdict.</summary>
public sealed record Measurement(string Goal, string Name, double Ours, double? Baseline, string Unit, GoalKind Kind, double Limit, string Notes = "")
{
    public double? Ratio => Baseline is > 0 ? Ours / Baseline : null;

    public bool Passed => Kind switch
    {
        GoalKind.AtLeast => Ours >= Limit,
        GoalKind.AtMost => Ours <= Limit,
        GoalKind.RatioAtLeast => Ratio >= Limit,
        GoalKind.RatioAtMost => Ratio <= Limit,
        _ => false,
    };

    public string GoalText => Kind switch
    {
        GoalKind.AtLeast => $"≥ {Format(Limit)} {Unit}",
        GoalKind.AtMost => $"≤ {Format(Limit)} {Unit}",
        GoalKind.RatioAtLeast => $"≥ {Format(Limit)}× baseline",
        _ => $"≤ {Format(Limit)}× baseline",
    };

    public static string Format(double value) => value switch
    {
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
