using System.Diagnostics;
using System.Net;
using System.Runtime;

namespace Meguro.Learning.Benchmarks;

/// <summary>Latencies of one load phase, in milliseconds.</summary>
public sealed class Latencies
{
    private readonly List<double> _values;
    private readonly Lock _lock = new();

    /// <param name="expected">How many values the phase will add: the list is not grown (and copied on the large-object heap) while it measures.</param>
    public Latencies(int expected = 0) => _values = new List<double>(expected);

    public void Add(double milliseconds)
    {
        lock (_lock)
        {
            _values.Add(milliseconds);
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _values.Count;
            }
        }
    }

    /// <summary>The <paramref name="p"/>-th percentile (nearest rank), e.g. 99 for p99.</summary>
    public double Percentile(double p)
    {
        lock (_lock)
        {
            if (_values.Count == 0)
            {
                return double.NaN;
            }
            var sorted = _values.Order().ToList();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
        }
    }
}

/// <summary>What a load phase achieved.</summary>
public sealed record LoadResult(int Requests, int Errors, TimeSpan Elapsed, Latencies Latencies)
{
    /// <summary>How long the closed loop warmed up before it was measured.</summary>
    public TimeSpan WarmUp { get; init; }

    /// <summary>The hypervisor's steal time per core during the measured phase (<see cref="HostCpu"/>).</summary>
    public string Steal { get; init; } = "not measured";

    /// <summary>
    /// For a fixed-rate phase: the seconds (counted from its start, by when the request was due) in
    /// which requests took over <see cref="HttpLoad.SlowMilliseconds"/>, with how many did, so a tail can
    /// be told apart as one pause, a recurring one or a slow spell.
    /// </summary>
    public string SlowSeconds { get; init; } = "";

    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}

/// <summary>
/// The load generator: HttpClient on loopback from this process, which tests/bench pins to a core
/// the server does not use. Bounded in count and time. Cookies are sent by hand so that one
/// connection pool serves many simulated people, each with their own session.
/// </summary>
public sealed class HttpLoad : IDisposable
{
    private readonly HttpClient _client;

    /// <param name="maxConnections">
    /// The most connections opened to the server. A fixed arrival rate that meets a hiccup queues its
    /// requests here (their latency still runs from when they were due) instead of opening a burst of
    /// new connections that the server must accept at the worst moment.
    /// </param>
    public HttpLoad(Uri baseAddress, int maxConnections = 512)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        };
        _client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client => _client;

    public static HttpRequestMessage Get(string url, string? cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        return request;
    }

    /// <summary>
    /// The most the server sustains: <paramref name="concurrency"/> requests always in flight for
    /// <paramref name="duration"/>, once the server has reached its steady state under this load.
    /// <para>
    /// Warm-up runs in rounds of the same shape, not counted, for at least <see cref="MinWarmUp"/> and
    /// then until two rounds in a row agree within 2 % (at most <see cref="MaxWarmUp"/>). A server that
    /// has just started is still recompiling its hot code: on one core the runtime waits for a quiet
    /// second before it optimizes the framework's precompiled code, so this comes in steps, with
    /// plateaus of 10–15 s between them. The lesson page served 4,700–6,500 requests/s in the first
    /// rounds and ~12,500 after 55 s. A node of the ward runs for weeks, so the steady state is what is
    /// measured, for both servers alike.
    /// </para>
    /// </summary>
    public async Task<LoadResult> ClosedLoopAsync(Func<int, HttpRequestMessage> request, int concurrency, TimeSpan duration, TextWriter log)
    {
        var warmUp = Stopwatch.StartNew();
        var rounds = new List<double>();
        while (true)
        {
            var (count, _, elapsed) = await RunClosedAsync(request, concurrency, WarmUpRound, new Latencies());
            rounds.Add(count / elapsed.TotalSeconds);
            var settled = rounds.Count >= 2 && Math.Abs(rounds[^1] - rounds[^2]) <= 0.02 * rounds[^2];
            if (warmUp.Elapsed >= MaxWarmUp || settled && warmUp.Elapsed >= MinWarmUp)
            {
                break;
            }
        }
        var warmedFor = warmUp.Elapsed;
        log.WriteLine($"warm-up: {warmedFor.TotalSeconds:N0} s, requests/s per round: {string.Join(", ", rounds.Select(r => r.ToString("N0")))}");
        var latencies = new Latencies();
        var (requests, errors, measured) = await RunClosedAsync(request, concurrency, duration, latencies);
        return new LoadResult(requests, errors, measured, latencies) { WarmUp = warmedFor };
    }

    public static readonly TimeSpan WarmUpRound = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MinWarmUp = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(120);
    public static readonly TimeSpan OpenLoopWarmUp = TimeSpan.FromSeconds(10);

    private async Task<(int Count, int Errors, TimeSpan Elapsed)> RunClosedAsync(Func<int, HttpRequestMessage> request, int concurrency, TimeSpan duration, Latencies latencies)
    {
        var count = 0;
        var errors = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var n = worker;
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await SendAsync(request(n));
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref count);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
                n += concurrency;
            }
        }));
        return (count, errors, watch.Elapsed);
    }

    /// <summary>
    /// A fixed arrival rate, whatever the server does (open loop). Each latency runs from the moment
    /// the request was due, not when it was sent, so a stalled server cannot hide its queue.
    /// <para>
    /// The same rate runs for <see cref="OpenLoopWarmUp"/> first, not counted. A fixed rate opens
    /// connections a closed loop of 32 never did, and on one core the runtime then recompiled the code
    /// they run: `dotnet-counters` showed 127 methods (0.11 s of JIT) in one second of the measured
    /// phase after 75 s of closed-loop warm-up, which made the whole p99.
    /// </para>
    /// </summary>
    public async Task<LoadResult> OpenLoopAsync(Func<int, HttpRequestMessage> request, double perSecond, TimeSpan duration)
    {
        // A blocking full collection in this process would stall the clock of every request due
        // meanwhile and show as the server's tail (one 150 ms stall is the whole p99 of 15 s).
        var latencyMode = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        try
        {
            await RunOpenAsync(request, perSecond, OpenLoopWarmUp);
            var steal = HostCpu.StealMilliseconds();
            var result = await RunOpenAsync(request, perSecond, duration);
            return result with { Steal = HostCpu.Describe(steal, HostCpu.StealMilliseconds()) };
        }
        finally
        {
            GCSettings.LatencyMode = latencyMode;
        }
    }

    /// <summary>The latency goal of the fixed-rate phase: requests slower than this are counted per second.</summary>
    public const double SlowMilliseconds = 20;

    private async Task<LoadResult> RunOpenAsync(Func<int, HttpRequestMessage> request, double perSecond, TimeSpan duration)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var latencies = new Latencies(total);
        var slowBySecond = new int[(int)Math.Ceiling(duration.TotalSeconds) + 1];
        var errors = 0;
        // Requests in flight are counted, not kept in a list: a list of 100,000 finished sends kept
        // every request message alive, and the collections that moved them (in this process) were
        // the tail of the latencies: 50–60 ms at p99 for the static file at 8,000 requests/s.
        var pending = 1;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
            // Started here rather than through Task.Run: the loader has one core, and a work item per
            // request made its own queue (not the server's) the tail of the latencies.
            Interlocked.Increment(ref pending);
            _ = SendDueAsync(request(i), due);
        }
        Finished();
        await allDone.Task;
        var slow = string.Join(", ", slowBySecond.Select((count, second) => (count, second)).Where(s => s.count > 0).Select(s => $"{s.second} s: {s.count}"));
        return new LoadResult(total, errors, Stopwatch.GetElapsedTime(start), latencies) { SlowSeconds = slow.Length == 0 ? "none" : slow };

        async Task SendDueAsync(HttpRequestMessage message, TimeSpan due)
        {
            try
            {
                var ok = await SendAsync(message);
                var latency = (Stopwatch.GetElapsedTime(start) - due).TotalMilliseconds;
                latencies.Add(latency);
                if (latency > SlowMilliseconds)
                {
                    Interlocked.Increment(ref slowBySecond[(int)due.TotalSeconds]);
                }
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            finally
            {
                Finished();
            }
        }

        void Finished()
        {
            if (Interlocked.Decrement(ref pending) == 0)
            {
                allDone.SetResult();
            }
        }
    }

    private async Task<bool> SendAsync(HttpRequestMessage request)
    {
        try
        {
            using (request)
            using (var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead))
            {
                return response.StatusCode == HttpStatusCode.OK;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();
}
