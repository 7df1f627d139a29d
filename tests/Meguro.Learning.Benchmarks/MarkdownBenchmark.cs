using System.Diagnostics;
using Markdig;
using Meguro.Learning.Content;

namespace Meguro.Learning.Benchmarks;

/// <summary>
/// Goal 1: our lesson pipeline (Markdig with our extensions, link checks, HtmlSanitizer) against
/// Markdig's default pipeline, on the shipped courses plus the CommonMark spec text.
/// Rounds alternate between the two so that a busy moment of the machine hits both alike.
/// </summary>
public static class MarkdownBenchmark
{
    public static Measurement Run(string contentRoot, TextWriter log)
    {
        var corpus = Directory.EnumerateFiles(Path.Combine(contentRoot, "courses"), "*.md", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .Append(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "commonmark-spec.txt")))
            .ToList();
        var bytes = corpus.Sum(t => (long)System.Text.Encoding.UTF8.GetByteCount(t));
        var ours = new CourseMarkdown();
        var context = new MarkdownContext("bench", 1, new Dictionary<string, string>(), new HashSet<string>(), "bench.md");
        void Ours() { foreach (var text in corpus) { ours.Render(text, context); } }
        void Baseline() { foreach (var text in corpus) { Markdown.ToHtml(text); } }

        // Until the framework's precompiled code has been recompiled where hot (tiering): a steady state.
        // On one core the runtime waits a quiet second before it starts that, and it competes with the
        // rounds for the core: after 2 s both pipelines ran at 52–57 MB/s (Markdig's default), after
        // 15 s at 78–80 MB/s.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(15))
        {
            Ours();
            Baseline();
        }
        var oursTime = TimeSpan.Zero;
        var baselineTime = TimeSpan.Zero;
        var rounds = 0;
        var total = Stopwatch.StartNew();
        while (total.Elapsed < TimeSpan.FromSeconds(8) || rounds < 5)
        {
            oursTime += Time(Ours);
            baselineTime += Time(Baseline);
            rounds++;
        }
        var megabytes = bytes * rounds / 1_000_000.0;
        var oursRate = megabytes / oursTime.TotalSeconds;
        var baselineRate = megabytes / baselineTime.TotalSeconds;
        log.WriteLine($"markdown: corpus {corpus.Count} files, {bytes:N0} bytes, {rounds} rounds; ours {oursRate:N2} MB/s, Markdig default {baselineRate:N2} MB/s");
        return new Measurement("1. Markdown", "Lesson pipeline throughput (MB/s) vs Markdig default pipeline", oursRate, baselineRate, "MB/s",
            GoalKind.RatioAtLeast, 0.75, $"corpus: {corpus.Count - 1} course files + CommonMark spec, {bytes / 1024.0:N0} KiB");
    }

    private static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }
}
