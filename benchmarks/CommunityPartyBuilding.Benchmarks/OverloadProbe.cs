using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// Where an overload scenario's time goes: the SQL statements per request (Npgsql's activities, grouped by text),
/// the server's own time per request (ASP.NET Core's activity, from the request's arrival to its end) against the
/// client's, and the thread pool while the clients run. First 20 requests one after another, then the load.
/// </summary>
public sealed class OverloadProbe : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentDictionary<string, (int Count, double Ms)> statements = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<double> serverMs = [];
    private readonly ConcurrentBag<double> sequentialMs = [];
    private readonly List<(int Threads, long Pending)> pool = [];
    private readonly StringBuilder sequentialStatements = new();
    private int commands;
    private int requests;
    private int sequentialCommands;
    private Timer? sampler;
    private TimeSpan cpuAtStart;
    private Stopwatch? wall;

    public OverloadProbe()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(listener);
    }

    private void Stopped(Activity activity)
    {
        if (activity.Source.Name == "Npgsql")
        {
            Interlocked.Increment(ref commands);
            var text = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName;
            text = text.ReplaceLineEndings(" ");
            text = text.Length > 160 ? text[..160] + "…" : text;
            statements.AddOrUpdate(text, (1, activity.Duration.TotalMilliseconds), (_, v) => (v.Count + 1, v.Ms + activity.Duration.TotalMilliseconds));
        }
        else if (activity.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn")
        {
            Interlocked.Increment(ref requests);
            serverMs.Add(activity.Duration.TotalMilliseconds);
        }
    }

    public async Task SequentialAsync(Func<HttpRequestMessage> request, HttpClient client)
    {
        Reset();
        for (var i = 0; i < 20; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var message = request();
            using var response = await client.SendAsync(message);
            await response.Content.ReadAsByteArrayAsync();
            sequentialMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        await Task.Delay(200);
        sequentialCommands = commands;
        sequentialStatements.AppendLine(CultureInfo.InvariantCulture, $"One client, 20 requests: {commands} SQL statements ({commands / 20.0:0.0} per request), client p50 {Percentile([.. sequentialMs], 0.5):0.0} ms, server p50 {Percentile([.. serverMs], 0.5):0.0} ms");
        foreach (var (text, (count, ms)) in statements.OrderByDescending(s => s.Value.Count))
        {
            sequentialStatements.AppendLine(CultureInfo.InvariantCulture, $"  {count / 20.0,5:0.0}/req {ms / count,7:0.00} ms  {text}");
        }
    }

    public void StartLoad()
    {
        Reset();
        cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        wall = Stopwatch.StartNew();
        sampler = new Timer(_ =>
        {
            lock (pool)
            {
                pool.Add((ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount));
            }
        }, null, 0, 500);
    }

    private void Reset()
    {
        statements.Clear();
        serverMs.Clear();
        Interlocked.Exchange(ref commands, 0);
        Interlocked.Exchange(ref requests, 0);
    }

    public string Report(double[] clientOkMs, int answered)
    {
        sampler?.Dispose();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
        var text = new StringBuilder(sequentialStatements.ToString());
        var server = serverMs.ToArray();
        text.AppendLine(CultureInfo.InvariantCulture, $"Load: {answered} answers, {requests} server requests, {commands} SQL statements ({(requests == 0 ? 0 : commands / (double)requests):0.0} per request)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  client 200s p50/p95 {Percentile(clientOkMs, 0.5):0} / {Percentile(clientOkMs, 0.95):0} ms; server (all) p50/p95 {Percentile(server, 0.5):0} / {Percentile(server, 0.95):0} ms");
        text.AppendLine(CultureInfo.InvariantCulture, $"  process CPU {cpu.TotalSeconds:0.0} s over {wall?.Elapsed.TotalSeconds:0.0} s wall ({cpu / (wall?.Elapsed ?? TimeSpan.FromSeconds(1)):0.00} cores); load average {File.ReadAllText("/proc/loadavg").Trim()}");
        lock (pool)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  thread pool: threads max {pool.Max(p => p.Threads)}, pending work items max {pool.Max(p => p.Pending)}, median {pool.Select(p => (double)p.Pending).Order().ElementAt(pool.Count / 2)}");
        }

        foreach (var (statement, (count, ms)) in statements.OrderByDescending(s => s.Value.Ms).Take(12))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {count,7} × {ms / count,8:0.00} ms  {statement}");
        }

        return text.ToString();
    }

    private static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];
    }

    public void Dispose()
    {
        sampler?.Dispose();
        listener.Dispose();
    }
}
