namespace Meguro.Learning.Benchmarks;

public sealed record BenchOptions(IReadOnlySet<string>? Only, string OutputFile, int NationalSize, int WardSize)
{
    /// <summary>Staff at national scale; <c>--national N</c> makes a quicker trial run.</summary>
    public const int DefaultNationalSize = 100_000;

    /// <summary>Staff of the ward (Meguro City); <c>--ward N</c> makes a quicker trial run.</summary>
    public const int DefaultWardSize = 3_000;

    /// <summary>Whether to measure <paramref name="id"/>; <c>reports</c> stands for both <c>team-report</c> and <c>city-report</c>.</summary>
    public bool Wants(string id) => Only is null || Only.Contains(id) || (id is "team-report" or "city-report" && Only.Contains("reports"));

    public static BenchOptions Parse(string[] args)
    {
        HashSet<string>? only = null;
        var national = DefaultNationalSize;
        var ward = DefaultWardSize;
        var output = Path.Combine(FindRepositoryRoot(), "docs", "performance.md");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--only" when i + 1 < args.Length:
                    only = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    break;
                case "--national" when i + 1 < args.Length:
                    national = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--ward" when i + 1 < args.Length:
                    ward = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--output" when i + 1 < args.Length:
                    output = Path.GetFullPath(args[++i]);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument: {args[i]}");
            }
        }
        return new BenchOptions(only, output, national, ward);
    }

    public static string FindContentRoot() => Path.Combine(FindRepositoryRoot(), "content");

    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Meguro.Learning.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmarks from a clone of the repository.");
    }
}
