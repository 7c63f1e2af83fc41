using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>What one load run saw: its length, the answers by status with each answer's time, and the transport failures.</summary>
public sealed record LoadRun(TimeSpan Elapsed, IReadOnlyDictionary<int, int> Statuses, IReadOnlyDictionary<int, double[]> LatenciesMs, int Failed)
{
    public int Count(int status) => Statuses.GetValueOrDefault(status);

    /// <summary>The times (ms) of the answers with this status.</summary>
    public double[] Ms(int status) => LatenciesMs.GetValueOrDefault(status) ?? [];

    /// <summary>The times (ms) of every answer, whatever its status.</summary>
    public double[] AllMs() => [.. LatenciesMs.Values.SelectMany(v => v)];
}

/// <summary>
/// The load generator of the HTTP benchmarks (BallotLoad, OverloadRun): a number of clients share one HttpClient, each
/// sending one request after another until the time is up or the requests run out (<c>next</c> answers null), so a run
/// is bounded in time and in count. Each answer is timed from sending until its body is read; transport failures and
/// time-outs are counted, not timed. Only ever talks to 127.0.0.1: a client with any other base address is refused.
/// </summary>
public static class LoopbackLoad
{
    /// <param name="client">Keep-alive client whose base address is on loopback.</param>
    /// <param name="clients">How many requests are in flight at once.</param>
    /// <param name="duration">No request is sent after this time.</param>
    /// <param name="next">The next request to send, or null when there are no more.</param>
    /// <param name="waitRetryAfter">After a 503, the client waits its Retry-After (1 s without one, never past the run's end), as a browser or script should.</param>
    public static async Task<LoadRun> RunAsync(HttpClient client, int clients, TimeSpan duration, Func<HttpRequestMessage?> next, bool waitRetryAfter = false)
    {
        if (client.BaseAddress is not { IsLoopback: true })
        {
            throw new InvalidOperationException($"The load generator only talks to 127.0.0.1, not {client.BaseAddress}.");
        }

        var latencies = new ConcurrentDictionary<int, ConcurrentBag<double>>();
        var statuses = new ConcurrentDictionary<int, int>();
        var failed = 0;
        var stopwatch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(async _ =>
        {
            // Each client reads bodies into its own buffer and drops them, as a browser does with a download it saves:
            // the portal runs in this process, so copying every 600 KB PDF into a new array would charge the client's
            // garbage to the server's collector.
            var buffer = new byte[64 * 1024];
            while (stopwatch.Elapsed < duration)
            {
                using var request = next();
                if (request is null)
                {
                    break;
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    await DrainAsync(response, buffer);
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var status = (int)response.StatusCode;
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    latencies.GetOrAdd(status, _ => []).Add(ms);
                    if (waitRetryAfter && response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                        var left = duration - stopwatch.Elapsed;
                        if (left > TimeSpan.Zero)
                        {
                            await Task.Delay(wait < left ? wait : left);
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
                catch (TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }).ToList();
        await Task.WhenAll(tasks);
        stopwatch.Stop();
        return new LoadRun(stopwatch.Elapsed, new Dictionary<int, int>(statuses), latencies.ToDictionary(l => l.Key, l => l.Value.ToArray()), failed);
    }

    private static async Task DrainAsync(HttpResponseMessage response, byte[] buffer)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        while (await body.ReadAsync(buffer) > 0)
        {
        }
    }

    /// <summary>The nearest-rank percentile (p from 0 to 1) of the values; NaN when there are none.</summary>
    public static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];
    }
}
