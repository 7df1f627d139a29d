using Meguro.Learning.Benchmarks;

// The benchmark command: measures each goal of issue #7 against a baseline taken in the same run and
// writes docs/performance.md. Usage: tests/bench [--only markdown,roster,...] [--output FILE]
if (args is ["serve-static", var directory, .. var hostArgs])
{
    await StaticFileServer.RunAsync(directory, hostArgs);
    return 0;
}

var options = BenchOptions.Parse(args);
var log = Console.Out;
var results = new List<Measurement>();
var contentRoot = BenchOptions.FindContentRoot();

// The file is rewritten after each goal, so a run stopped part-way still leaves what it measured.
void Checkpoint() => PerformanceReport.Write(options.OutputFile, results, log);

if (options.Wants("markdown"))
{
    results.Add(MarkdownBenchmark.Run(contentRoot, log));
    Checkpoint();
}
if (options.Wants("lesson") || options.Wants("quiz") || options.Wants("team-report"))
{
    results.AddRange(await WardBenchmarks.RunAsync(options, log));
    Checkpoint();
}
if (options.Wants("city-report"))
{
    results.AddRange(await ReportBenchmark.CityReportAsync(options.NationalSize, log));
    Checkpoint();
}
if (options.Wants("reminders"))
{
    results.AddRange(await ReminderBenchmark.RunAsync(options.NationalSize, log));
    Checkpoint();
}
if (options.Wants("hangfire"))
{
    results.AddRange(await HangfireBenchmark.RunAsync(log));
    Checkpoint();
}
if (options.Wants("roster"))
{
    results.AddRange(await RosterBenchmark.RunAsync(options.NationalSize, log));
    Checkpoint();
}

foreach (var m in results)
{
    log.WriteLine($"{(m.Passed ? "PASS" : "FAIL")}  {m.Goal}  {m.Name}: {Measurement.Format(m.Ours)} {m.Unit}" +
        (m.Ratio is { } r ? $" ({Measurement.Format(r)}× baseline)" : ""));
}
log.WriteLine($"{results.Count(m => m.Passed)} goals met, {results.Count(m => !m.Passed)} missed");
return 0;
