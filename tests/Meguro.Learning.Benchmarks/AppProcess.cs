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

    public static async Task<AppProcess> StartAsync(string connectionString, TextWriter log, params string[] settings)
    {
        var root = BenchOptions.FindRepositoryRoot();
        var dll = Path.Combine(root, "src", "Meguro.Learning.Web", "bin", "Release", "net10.0", "Meguro.Learning.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution in Release first (tests/bench does).");
        }
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("meguro-bench-app-").FullName;
        var start = new ProcessStartInfo("taskset")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-c", "0", "dotnet", dll, "--urls", $"http://127.0.0.1:{port}",
                     "--Database:Provider=PostgreSQL", $"--ConnectionStrings:Default={connectionString}",
                     $"--Content:Root={Path.Combine(root, "content")}", $"--Web:DataProtectionKeysPath={Path.Combine(data, "keys")}",
                     $"--Mail:PickupDirectory={Path.Combine(data, "mail")}", "--Logging:LogLevel:Default=Warning" }.Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine("app: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var until = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} while starting.");
            }
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("The app did not answer /healthz within 3 minutes.");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>The app's working set now, from /proc (what the operator's monitor shows).</summary>
    public long WorkingSetBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

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
