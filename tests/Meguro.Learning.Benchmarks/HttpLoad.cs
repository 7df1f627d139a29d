using System.Diagnostics;
using System.Net;
using System.Runtime;

namespace Meguro.Learning.Benchmarks;

/// <summary>Latencies of one load phase, in milliseconds.</summary>
public sealed class Latencies
{
    private readonly List<double> _values = [];
    private readonly Lock _lock = new();

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

    public HttpLoad(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 512,
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
    /// <paramref name="duration"/>, after a warm-up of the same shape that is not counted.
    /// </summary>
    public async Task<LoadResult> ClosedLoopAsync(Func<int, HttpRequestMessage> request, int concurrency, TimeSpan warmUp, TimeSpan duration)
    {
        await RunClosedAsync(request, concurrency, warmUp, new Latencies());
        var latencies = new Latencies();
        var (count, errors, elapsed) = await RunClosedAsync(request, concurrency, duration, latencies);
        return new LoadResult(count, errors, elapsed, latencies);
    }

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
    /// </summary>
    public async Task<LoadResult> OpenLoopAsync(Func<int, HttpRequestMessage> request, double perSecond, TimeSpan duration)
    {
        // A blocking full collection in this process would stall the clock of every request due
        // meanwhile and show as the server's tail (one 150 ms stall is the whole p99 of 15 s).
        var latencyMode = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        try
        {
            return await RunOpenAsync(request, perSecond, duration);
        }
        finally
        {
            GCSettings.LatencyMode = latencyMode;
        }
    }

    private async Task<LoadResult> RunOpenAsync(Func<int, HttpRequestMessage> request, double perSecond, TimeSpan duration)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var latencies = new Latencies();
        var errors = 0;
        var inFlight = new List<Task>(total);
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
            inFlight.Add(SendDueAsync(request(i), due));
        }
        await Task.WhenAll(inFlight);
        return new LoadResult(total, errors, Stopwatch.GetElapsedTime(start), latencies);

        async Task SendDueAsync(HttpRequestMessage message, TimeSpan due)
        {
            var ok = await SendAsync(message);
            latencies.Add((Stopwatch.GetElapsedTime(start) - due).TotalMilliseconds);
            if (!ok)
            {
                Interlocked.Increment(ref errors);
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
