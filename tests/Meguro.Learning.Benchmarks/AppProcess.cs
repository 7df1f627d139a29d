using System.Diagnostics;
using System.Net.Sockets;

namespace Meguro.Learning.Benchmarks;

/// <summary>
/// The real app, started from its Release build as a separate process on loopback and pinned to
/// core 0, while the benchmark (the load generator) pins itself to the other cores — so load and
/// server do not compete for one core, as the issue asks.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;

    public static Task<AppProcess> StartAsync(string connectionString, TextWriter log, params string[] settings) =>
        StartAsync(connectionString, Directory.CreateTempSubdirectory("meguro-bench-app-").FullName, log, settings);

    /// <summary>
    /// Starts the app with its Data Protection keys and mail pickup under <paramref name="dataDirectory"/>
    /// (<see cref="KeysPath"/>: a <see cref="SessionMinter"/> given the same folder signs people in for it).
    /// </summary>
    public static Task<AppProcess> StartAsync(string connectionString, string dataDirectory, TextWriter log, params string[] settings) =>
        StartPinnedAsync(connectionString, dataDirectory, ServerCore, log, settings);

    /// <summary>
    /// The app on both cores: for the job-server goal, which names 2 cores and has no load generator
    /// of its own to keep apart (the 2,000 jobs are enqueued before the clock matters).
    /// </summary>
    public static Task<AppProcess> StartOnAllCoresAsync(string connectionString, TextWriter log, params string[] settings) =>
        StartPinnedAsync(connectionString, Directory.CreateTempSubdirectory("meguro-bench-app-").FullName, AllCores, log, settings);

    private static async Task<AppProcess> StartPinnedAsync(string connectionString, string dataDirectory, string cores, TextWriter log, string[] settings)
    {
        var root = BenchOptions.FindRepositoryRoot();
        var dll = Path.Combine(root, "src", "Meguro.Learning.Web", "bin", "Release", "net10.0", "Meguro.Learning.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution in Release first (tests/bench does).");
        }
        string[] arguments = ["--Database:Provider=PostgreSQL", $"--ConnectionStrings:Default={connectionString}",
            $"--Content:Root={Path.Combine(root, "content")}", $"--Web:DataProtectionKeysPath={KeysPath(dataDirectory)}",
            $"--Mail:PickupDirectory={Path.Combine(dataDirectory, "mail")}", "--Logging:LogLevel:Default=Warning",
            $"--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command={(Environment.GetEnvironmentVariable("BENCH_APP_LOG") == "1" ? "Information" : "Warning")}", .. settings];
        return await StartProcessAsync(dll, arguments, "/healthz", cores, log);
    }

    /// <summary>
    /// The baseline server of goal 2: a bare Kestrel (this benchmark's own <c>serve-static</c> mode)
    /// serving the files of <paramref name="directory"/> with the static-file middleware, on the same core.
    /// </summary>
    public static Task<AppProcess> StartStaticFileServerAsync(string directory, string probePath, TextWriter log) =>
        StartProcessAsync(typeof(AppProcess).Assembly.Location, ["serve-static", directory], probePath, ServerCore, log);

    public static string KeysPath(string dataDirectory) => Path.Combine(dataDirectory, "keys");

    private static async Task<AppProcess> StartProcessAsync(string dll, IEnumerable<string> arguments, string probePath, string cores, TextWriter log)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("taskset")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-c", cores, "dotnet", dll }.Concat(arguments).Concat(["--urls", $"http://127.0.0.1:{port}"]))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        // BENCH_APP_LOG=1 shows the app's own log (with SQL and its timings, see StartAsync): for finding causes.
        var showLog = Environment.GetEnvironmentVariable("BENCH_APP_LOG") == "1";
        process.OutputDataReceived += (_, e) => { if (showLog && e.Data is not null) { log.WriteLine("app: " + e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine("app: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var until = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode} while starting.");
            }
            try
            {
                if ((await client.GetAsync(probePath)).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The server did not answer {probePath} within 5 minutes.");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>The server's core; tests/bench runs this process (the load) on the other one.</summary>
    private const string ServerCore = "0";
    private const string AllCores = "0,1";

    /// <summary>The app's working set now, from /proc (what the operator's monitor shows).</summary>
    public long WorkingSetBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>Samples the working set every <paramref name="interval"/> until disposed; <see cref="PeakWorkingSet.Bytes"/> is the highest seen.</summary>
    public PeakWorkingSet WatchWorkingSet(TimeSpan interval) => new(this, interval);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The highest working set of an <see cref="AppProcess"/> while this is alive (goal 8, and flat memory of goal 6).</summary>
public sealed class PeakWorkingSet : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    internal PeakWorkingSet(AppProcess app, TimeSpan interval)
    {
        _peak = app.WorkingSetBytes();
        _sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), app.WorkingSetBytes()));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public long Bytes => Interlocked.Read(ref _peak);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
