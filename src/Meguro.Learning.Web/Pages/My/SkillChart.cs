using System.Globalization;
using Meguro.Learning.Domain.Skills;

namespace Meguro.Learning.Web.Pages.My;

/// <summary>
/// Geometry of the マイスキル bar chart, drawn as inline SVG by the server (no chart library, nothing
/// for the CSP to allow). Each skill gets its name on one line and its bar under it rather than a
/// label column beside the bars: the drawing is scaled to the screen width, and a narrow layout keeps
/// the text readable on a phone. All sizes are SVG user units; colours and fonts are in theme.css.
/// </summary>
public sealed class SkillChart
{
    public const int Width = 440;
    public const int PlotLeft = 24;
    public const int PlotRight = Width - 16;
    public const int BarHeight = 18;
    private const int AxisHeight = 44;
    private const int CategoryHeight = 30;
    private const int SkillHeight = 46;
    private const int BottomPadding = 8;

    public sealed record Tick(int Level, double X, string Name);

    public sealed record Category(string Name, double Y);

    /// <summary>One skill: <see cref="LabelY"/> is the baseline of its name, <see cref="BarY"/> the top of its bar.</summary>
    public sealed record Bar(string Code, string Name, int Level, string LevelName, double LabelY, double BarY, double BarWidth)
    {
        public double ValueY => BarY + BarHeight - 4;
    }

    private SkillChart(IReadOnlyList<Tick> ticks, IReadOnlyList<Category> categories, IReadOnlyList<Bar> bars, double height)
    {
        Ticks = ticks;
        Categories = categories;
        Bars = bars;
        Height = height;
    }

    public IReadOnlyList<Tick> Ticks { get; }
    public IReadOnlyList<Category> Categories { get; }
    public IReadOnlyList<Bar> Bars { get; }
    public double Height { get; }
    public static double AxisNumberY => 16;
    public static double AxisNameY => 34;
    public static double PlotWidth => PlotRight - PlotLeft;

    /// <summary>A coordinate as SVG wants it whatever the reader's culture ("12.5", never "12,5").</summary>
    public static string U(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static double XOf(double level) => PlotLeft + PlotWidth * level / SkillLevel.Max;

    public static SkillChart For(IReadOnlyList<SkillsModel.CategoryStanding> standings, Func<int, string> levelName)
    {
        ArgumentNullException.ThrowIfNull(standings);
        ArgumentNullException.ThrowIfNull(levelName);
        var ticks = Enumerable.Range(0, SkillLevel.Max + 1).Select(l => new Tick(l, XOf(l), l == 0 ? "" : levelName(l))).ToList();
        var categories = new List<Category>();
        var bars = new List<Bar>();
        double y = AxisHeight;
        foreach (var category in standings)
        {
            categories.Add(new Category(category.Name, y + 20));
            y += CategoryHeight;
            foreach (var skill in category.Skills)
            {
                bars.Add(new Bar(skill.Code, skill.Name, skill.Level, levelName(skill.Level), y + 14, y + 20, XOf(skill.Level) - PlotLeft));
                y += SkillHeight;
            }
        }
        return new SkillChart(ticks, categories, bars, y + BottomPadding);
    }
}
