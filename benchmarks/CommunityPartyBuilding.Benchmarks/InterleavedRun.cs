using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// A second, cruder measurement that holds up on a busy machine: for each case, <see cref="Rounds"/> rounds in which
/// every way runs once, in an order that rotates from round to round, each call timed alone. BenchmarkDotNet measures
/// one way after the other, so a burst of load from other processes lands on one way and skews its ratio; here every
/// way sees the same bursts, and medians ignore them. Bounded: Rounds × ways × cases calls, after one warm-up round.
/// </summary>
public static class InterleavedRun
{
    public const int Rounds = 60;

    public static async Task WriteAsync(BenchEnvironment environment, string path)
    {
        var benchmarks = new UnitListBenchmarks();
        var ways = new (string Name, Func<Task> Call)[]
        {
            ("bare SQL", () => benchmarks.BareSql()),
            ("bare SQL, join", () => benchmarks.BareSqlJoin()),
            ("GetUnits handler", () => benchmarks.Handler()),
            ("HTTP API", () => benchmarks.Api()),
        };

        var report = new StringBuilder();
        report.AppendLine("# Unit list: interleaved medians (generated)");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Written by `scripts/bench.sh` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average before: {LoadAverage()}. For each case, {Rounds} rounds in which each way runs once (the order rotates each round), each call timed alone with a stopwatch; the median and 90th percentile of the {Rounds} times, and the ratio of medians to the bare SQL. See docs/performance.md.");
        report.AppendLine();
        report.AppendLine("| Case | Way | Median | P90 | Ratio of medians |");
        report.AppendLine("|---|---|---:|---:|---:|");
        var started = Stopwatch.StartNew();
        foreach (var listCase in ListCase.All)
        {
            benchmarks.Case = listCase;
            benchmarks.Setup();
            foreach (var (_, call) in ways)
            {
                await call();
            }

            var times = await TimeRotatingAsync([.. ways.Select(w => w.Call)], Rounds);

            var baseline = Percentile(times[0], 0.5);
            for (var way = 0; way < ways.Length; way++)
            {
                var median = Percentile(times[way], 0.5);
                report.AppendLine(CultureInfo.InvariantCulture, $"| {listCase} | {ways[way].Name} | {median:0.00} ms | {Percentile(times[way], 0.9):0.00} ms | {median / baseline:0.00} |");
            }
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{ListCase.All.Count * ways.Length * Rounds} timed calls in {started.Elapsed.TotalSeconds:0} s; load average after: {LoadAverage()}.");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, report.ToString());
        BenchEnvironment.Log($"interleaved medians written to {path}");
    }

    /// <summary>
    /// Times each call <paramref name="rounds"/> times, every round calling each once in an order that rotates, so
    /// that a busy moment of the machine falls on all of them alike. Milliseconds per call, per call.
    /// </summary>
    internal static async Task<List<double>[]> TimeRotatingAsync(IReadOnlyList<Func<Task>> calls, int rounds)
    {
        var times = calls.Select(_ => new List<double>(rounds)).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < calls.Count; i++)
            {
                var way = (round + i) % calls.Count;
                var stopwatch = Stopwatch.StartNew();
                await calls[way]();
                times[way].Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        return times;
    }

    internal static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(fraction * sorted.Count))];
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
