using System.Globalization;

namespace Meguro.Learning.Web.Pages.Reports;

/// <summary>
/// Geometry of the monthly trend (cumulative % complete at each month end), drawn as inline SVG by
/// the server like the マイスキル chart: no chart library, nothing for the CSP to allow. A month not
/// reached yet has no point, so the line stops at the current month. All sizes are SVG user units;
/// colours and fonts are in theme.css. The table under the chart repeats every figure.
/// </summary>
public sealed class TrendChart
{
    public const int Width = 640;
    public const int Height = 280;
    public const int PlotLeft = 52;
    public const int PlotRight = Width - 16;
    public const int PlotTop = 16;
    public const int PlotBottom = Height - 40;

    public sealed record Tick(double Y, string Label);

    public sealed record Point(double X, double Y, string MonthLabel, string ValueLabel);

    public sealed record MonthLabel(double X, string Text);

    private TrendChart(IReadOnlyList<Tick> ticks, IReadOnlyList<MonthLabel> months, IReadOnlyList<Point> points)
    {
        Ticks = ticks;
        Months = months;
        Points = points;
    }

    public IReadOnlyList<Tick> Ticks { get; }
    public IReadOnlyList<MonthLabel> Months { get; }
    public IReadOnlyList<Point> Points { get; }

    /// <summary>The polyline's points attribute ("x,y x,y …").</summary>
    public string Polyline => string.Join(" ", Points.Select(p => $"{U(p.X)},{U(p.Y)}"));

    public static double MonthLabelY => PlotBottom + 22;

    /// <summary>A coordinate as SVG wants it whatever the reader's culture ("12.5", never "12,5").</summary>
    public static string U(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static double YOf(decimal ratio) => PlotBottom - (PlotBottom - PlotTop) * (double)ratio;

    /// <param name="months">Twelve month ends, April first: the short axis label, the full label, the ratio (null when not reached yet) and its text.</param>
    public static TrendChart For(IReadOnlyList<(string Axis, string Label, decimal? Ratio, string Value)> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        var step = (PlotRight - PlotLeft) / (double)Math.Max(1, months.Count - 1);
        var ticks = new[] { 0m, 0.25m, 0.5m, 0.75m, 1m }.Select(r => new Tick(YOf(r), (r * 100).ToString("0", CultureInfo.InvariantCulture) + "%")).ToList();
        var labels = months.Select((m, i) => new MonthLabel(PlotLeft + step * i, m.Axis)).ToList();
        var points = months
            .Select((m, i) => (m, i))
            .Where(x => x.m.Ratio is not null)
            .Select(x => new Point(PlotLeft + step * x.i, YOf(x.m.Ratio!.Value), x.m.Label, x.m.Value))
            .ToList();
        return new TrendChart(ticks, labels, points);
    }
}
