using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// Issue #18's overload test: N clients (default 200) for a fixed time (default 30 s) on loopback against the real
/// portal, each scenario in a portal and database of its own (demo data), baseline and change in the same run:
/// the street dashboard with the figures' cache off and on; the finalised annual report issued on every download
/// (the reissue route, which is what every download did before) with an unbounded queue, then with the default
/// maximum wait (503 instead of long waits), and served from storage, with the stored bytes kept in memory and read from
/// PostgreSQL on every download. Clients drain each body into a buffer of their own (LoopbackLoad). A client that gets 503 waits its Retry-After
/// (bounded by the run's end), as a browser or script should. Only ever talks to 127.0.0.1; stops by itself.
/// Run: scripts/bench.sh overload [seconds] [clients] → docs/benchmarks/overload.md
/// </summary>
public static class OverloadRun
{
    private sealed record Scenario(string Name, string Method, bool Report, IReadOnlyDictionary<string, string> Settings);

    private sealed record Result(Scenario Scenario, LoadRun Load, long Issued)
    {
        public TimeSpan Elapsed => Load.Elapsed;

        public IReadOnlyDictionary<int, int> Statuses => Load.Statuses;

        public int Ok => Load.Count(200);

        public int Refused => Load.Count(503);

        public double[] OkMs => Load.Ms(200);

        public double[] RefusedMs => Load.Ms(503);

        public int Failed => Load.Failed;
    }

    public static async Task<int> RunAsync(string[] args, string root)
    {
        var seconds = Math.Clamp(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30, 5, 120);
        var clients = Math.Clamp(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200, 1, 256);
        var unbounded = new Dictionary<string, string>
        {
            ["Portal:Reports:MaxQueueWaitSeconds"] = "600",
            ["Portal:Reports:ExpensiveConcurrency"] = "10000",
            ["Portal:Reports:ExpensiveQueueLimit"] = "100000",
        };
        Scenario[] scenarios =
        [
            new("dashboard, cache off (baseline)", "GET", false, new Dictionary<string, string> { ["Portal:Dashboard:CacheSeconds"] = "0" }),
            new("dashboard, cache on (60 s)", "GET", false, new Dictionary<string, string> { ["Portal:Dashboard:CacheSeconds"] = "60" }),
            new("annual report issued on every download, unbounded wait (baseline)", "POST", true, unbounded),
            new("annual report issued on every download, default max wait 10 s", "POST", true, new Dictionary<string, string>()),
            new("annual report served from storage (default settings)", "GET", true, new Dictionary<string, string>()),
            new("annual report served from storage, bytes read from PostgreSQL on every download (copy cache off)", "GET", true,
                new Dictionary<string, string> { ["Portal:Reports:CopyCacheMegabytes"] = "0" }),
        ];

        var admin = Environment.GetEnvironmentVariable("PORTAL_BENCH_POSTGRES") ?? BenchEnvironment.DefaultAdminConnection;
        if (args.Length > 2 && args[2] == "probe")
        {
            // scripts/bench.sh overload SECONDS CLIENTS probe INDEX: one scenario, with the SQL statements and server-side
            // times counted (OverloadProbe), printed only.
            var index = int.Parse(args[3], CultureInfo.InvariantCulture);
            using var probe = new OverloadProbe();
            var probed = await RunScenarioAsync(admin, scenarios[index], seconds, clients, probe);
            Console.WriteLine(probe.Report(probed.OkMs, probed.Ok + probed.Refused));
            return 0;
        }

        var loadBefore = (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[..3];
        var results = new List<Result>();
        foreach (var scenario in scenarios)
        {
            results.Add(await RunScenarioAsync(admin, scenario, seconds, clients));
            var last = results[^1];
            BenchEnvironment.Log($"{scenario.Name}: 200×{last.Ok}, 503×{last.Refused}, p95 {Percentile(last.OkMs, 0.95):0} ms");
        }

        var loadAfter = (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[..3];
        var report = Report(results, seconds, clients, string.Join(" ", loadBefore), string.Join(" ", loadAfter));
        Console.WriteLine(report);
        var docs = Path.Combine(root, "docs", "benchmarks");
        Directory.CreateDirectory(docs);
        await File.WriteAllTextAsync(Path.Combine(docs, "overload.md"), report);
        BenchEnvironment.Log("written to docs/benchmarks/overload.md");
        return 0;
    }

    private static async Task<Result> RunScenarioAsync(string admin, Scenario scenario, int seconds, int clients, OverloadProbe? probe = null)
    {
        var name = "cpb_overload_" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        await BenchDatabase.CreateAsync(admin, name);
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 100 }.ConnectionString;
        try
        {
            await using var portal = new BenchPortal(connection, scenario.Settings);
            portal.Start();
            using var client = BenchApi.LoopbackClient(portal.BaseAddress, clients);
            var streetId = await BenchApi.SignInAsStaffAsync(client);
            string path;
            if (scenario.Report)
            {
                var campaign = (await BenchApi.CampaignAsync(client, streetId, "published", "finalised")).GetProperty("id").GetString();
                path = scenario.Method == "POST" ? $"/api/v1/evaluations/{campaign}/report/reissue" : $"/api/v1/evaluations/{campaign}/report.pdf";
            }
            else
            {
                path = $"/api/v1/streets/{streetId}/dashboard";
            }

            // One warm request (JIT, first render or first issue), then the clients.
            using (var warm = new HttpRequestMessage(new HttpMethod(scenario.Method), path))
            {
                (await client.SendAsync(warm)).EnsureSuccessStatusCode();
            }

            if (probe is not null)
            {
                await probe.SequentialAsync(() => new HttpRequestMessage(new HttpMethod(scenario.Method), path), client);
                probe.StartLoad();
            }

            var issuedBefore = await BenchDatabase.CountAsync(connection, "SELECT count(*) FROM \"IssuedReports\"");
            var load = await LoopbackLoad.RunAsync(client, clients, TimeSpan.FromSeconds(seconds), () => new HttpRequestMessage(new HttpMethod(scenario.Method), path), waitRetryAfter: true);
            var issued = await BenchDatabase.CountAsync(connection, "SELECT count(*) FROM \"IssuedReports\"") - issuedBefore;
            return new Result(scenario, load, issued);
        }
        finally
        {
            await BenchDatabase.DropAsync(admin, name);
        }
    }

    private static double Percentile(double[] values, double p) => LoopbackLoad.Percentile(values, p);

    private static string Report(List<Result> results, int seconds, int clients, string loadBefore, string loadAfter)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Overload: {clients} clients for {seconds} s per scenario (issue #18)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; load average (1, 5, 15 min) before {loadBefore}, after {loadAfter}");
        text.AppendLine("- Each scenario: its own portal (in this process, Kestrel on 127.0.0.1) and database with the demo data; one warm request first; clients wait Retry-After after a 503 and drain each body into a buffer of their own (no copy per answer).");
        text.AppendLine();
        text.AppendLine("| scenario | requests/s (200) | 200 | 503 | failed | p50 ms | p95 ms | p99 ms | max ms | 503 p95 ms | reports issued |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var others = string.Join(", ", r.Statuses.Where(s => s.Key is not (200 or 503)).Select(s => $"{s.Key}×{s.Value}"));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario.Name}{(others.Length > 0 ? $" (also {others})" : "")} | {r.Ok / r.Elapsed.TotalSeconds:0.0} | {r.Ok} | {r.Refused} | {r.Failed} | {Percentile(r.OkMs, 0.50):0} | {Percentile(r.OkMs, 0.95):0} | {Percentile(r.OkMs, 0.99):0} | {(r.OkMs.Length == 0 ? double.NaN : r.OkMs.Max()):0} | {Percentile(r.RefusedMs, 0.95):0} | {r.Issued} |");
        }

        text.AppendLine();
        double Ratio(int a, int b) => Percentile(results[a].OkMs, 0.95) / Percentile(results[b].OkMs, 0.95);
        text.AppendLine(CultureInfo.InvariantCulture, $"p95 ratios: dashboard cache on / off {Ratio(1, 0):0.000}; report served / issued on every download (unbounded) {Ratio(4, 2):0.000}; issued with max wait / unbounded {Ratio(3, 2):0.00}; served with the copy cache / without {Ratio(4, 5):0.00}.");
        return text.ToString();
    }
}
