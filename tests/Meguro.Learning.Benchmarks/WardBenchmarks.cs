using System.Diagnostics;

namespace Meguro.Learning.Benchmarks;

/// <summary>
/// The goals measured over HTTP on the ward's site (3,000 staff): the lesson page (2), the quiz
/// burst (3) with the app's memory during it (8), and the manager's report of a unit of about 500
/// people (6). One site serves them all, so it is seeded once.
/// </summary>
public static class WardBenchmarks
{
    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchOptions options, TextWriter log)
    {
        var results = new List<Measurement>();
        await using var site = await WardSite.CreateAsync(options.WardSize, log);
        var watch = Stopwatch.StartNew();
        var sessions = await site.SessionsAsync(await site.StaffUserNamesAsync(options.WardSize));
        log.WriteLine($"site: {sessions.Count:N0} sessions signed in by the app's SignInManager in {watch.Elapsed.TotalSeconds:N1} s");

        QuizBurstBenchmark.Burst? burst = null;
        await using (var app = await site.StartAppAsync(log))
        {
            log.WriteLine($"site: app started (courses and curricula imported), working set {app.WorkingSetBytes() / 1048576.0:N0} MB");
            if (options.Wants("lesson"))
            {
                results.AddRange(await LessonPageBenchmark.RunAsync(site, app, sessions, log));
            }
            if (options.Wants("team-report"))
            {
                results.AddRange(await ReportBenchmark.ManagerReportAsync(site, app, log));
            }
            if (options.Wants("quiz"))
            {
                burst = await QuizBurstBenchmark.RunAsync(app, sessions, seed: 1, log, "scoring job");
            }
        }
        if (burst is not null)
        {
            await using var app = await site.StartAppAsync(log, "--Quizzes:ScoreInRequest=true");
            var baseline = await QuizBurstBenchmark.RunAsync(app, sessions, seed: 2, log, "scoring in the request");
            var n = burst.Learners;
            results.AddRange(
            [
                new Measurement("3. Quiz burst", $"{n:N0} learners with think time: last submit after the burst began (s)", burst.LastSubmit.TotalSeconds, null, "s", GoalKind.AtMost, 300,
                    "arrivals spread over 60 s, 30–150 s thinking with one autosave"),
                new Measurement("3. Quiz burst", "Failed requests during the burst", burst.Errors, null, "errors", GoalKind.AtMost, 0,
                    burst.ErrorSamples.FirstOrDefault() ?? ""),
                new Measurement("3. Quiz burst", "Submit request p99 (ms)", burst.Submit.Percentile(99), null, "ms", GoalKind.AtMost, 1000, $"p50 {burst.Submit.Percentile(50):N0} ms"),
                new Measurement("3. Quiz burst", "Submit → scored result visible p99 (ms), asked for as quiz.js does (a request held until scored, at most 10 s)", burst.Result.Percentile(99), null, "ms", GoalKind.AtMost, 1000,
                    $"p50 {burst.Result.Percentile(50):N0} ms"),
                new Measurement("3. Quiz burst", "Submit → result p99, scoring job vs scoring in the submit request (same burst, app restarted)", burst.Result.Percentile(99), baseline.Result.Percentile(99), "ms",
                    GoalKind.RatioAtMost, 3, $"baseline p50 {baseline.Result.Percentile(50):N0} ms, {baseline.Errors} errors, {baseline.Skipped} had passed"),
                new Measurement("8. Memory", $"App working set, peak during the quiz burst of {n:N0} learners (MB)", burst.PeakWorkingSet / 1048576.0, null, "MB", GoalKind.AtMost, 400,
                    "sampled every 0.5 s from /proc"),
            ]);
        }
        return results;
    }
}
