using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// Issue #6's load test: a bounded load generator on loopback casts ballots with distinct codes against the real portal
/// (POST /api/v1/ballots) for a fixed time, then checks that the ballots stored equal the 201 answers. The baseline is a
/// bare endpoint in this process that inserts one row per request into the same PostgreSQL server, measured the same way
/// in the same run. Stops by itself after the time limit or when the codes run out; only ever talks to 127.0.0.1.
/// Run: scripts/bench.sh ballots [seconds] [workers]
/// </summary>
public static class BallotLoad
{
    private const int RatingsPerBallot = 8;

    public static async Task<int> RunAsync(string[] args, string root)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
        var workers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
        seconds = Math.Clamp(seconds, 5, 300);
        workers = Math.Clamp(workers, 1, 256);

        // Every request comes from 127.0.0.1: lift the per-address ballot limit for the run (the per-code limit stays).
        Environment.SetEnvironmentVariable("Portal__RateLimits__Ballots__PerClientPerMinute", "100000000");
        Environment.SetEnvironmentVariable("Portal__RateLimits__Ballots__FailuresPerClientPer10Minutes", "100000000");

        var admin = Environment.GetEnvironmentVariable("PORTAL_BENCH_POSTGRES") ?? BenchEnvironment.DefaultAdminConnection;
        var name = "cpb_ballots_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        await BenchDatabase.CreateAsync(admin, name);
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 100 }.ConnectionString;
        try
        {
            await using var portal = new BenchPortal(connection);
            portal.Start();
            BenchEnvironment.Log($"portal on {portal.BaseAddress}; database {name}");

            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = portal.BaseAddress,
                Timeout = TimeSpan.FromSeconds(30),
            };
            var (campaignId, units, codes) = await PrepareAsync(client, expected: seconds * 1500);
            var body = (string code) => JsonContent.Create(new
            {
                code,
                ratings = units.Take(RatingsPerBallot).Select((u, i) => new { unitId = u, rating = i % 3 == 0 ? "basicallySatisfied" : "satisfied" }),
            });

            var before = await BenchDatabase.CountAsync(connection, $"SELECT count(*) FROM \"Ballots\" WHERE \"CampaignId\" = '{campaignId}' AND \"Channel\" = 'Online'");
            var beforeRatings = await BenchDatabase.CountAsync(connection, $"SELECT count(*) FROM \"BallotRatings\" WHERE \"CampaignId\" = '{campaignId}'");

            // Baseline first (warms PostgreSQL too), then the portal; each after a short warm-up of its own.
            await using var bare = await BareEndpoint.StartAsync(connection);
            using var bareClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2 }) { BaseAddress = bare.BaseAddress };
            var bareCodes = new ConcurrentQueue<string>(Enumerable.Range(0, 400_000).Select(i => "B" + i.ToString(CultureInfo.InvariantCulture)));
            await LoadAsync(bareClient, "/bare", bareCodes, body, workers, TimeSpan.FromSeconds(3));
            var baseline = await LoadAsync(bareClient, "/bare", bareCodes, body, workers, TimeSpan.FromSeconds(seconds));
            var bareRows = await BenchDatabase.CountAsync(connection, "SELECT count(*) FROM bench_bare_ballot");

            var queue = new ConcurrentQueue<string>(codes);
            var warm = await LoadAsync(client, "/api/v1/ballots", queue, body, workers, TimeSpan.FromSeconds(3));
            var portalRun = await LoadAsync(client, "/api/v1/ballots", queue, body, workers, TimeSpan.FromSeconds(seconds));

            var stored = await BenchDatabase.CountAsync(connection, $"SELECT count(*) FROM \"Ballots\" WHERE \"CampaignId\" = '{campaignId}' AND \"Channel\" = 'Online'") - before;
            var storedRatings = await BenchDatabase.CountAsync(connection, $"SELECT count(*) FROM \"BallotRatings\" WHERE \"CampaignId\" = '{campaignId}'") - beforeRatings;
            var accepted = Accepted(warm) + Accepted(portalRun);
            var lost = accepted != stored || storedRatings != stored * RatingsPerBallot;

            var report = Report(seconds, workers, baseline, bareRows, portalRun, accepted, stored, storedRatings, codes.Count - queue.Count);
            Console.WriteLine(report);
            var docs = Path.Combine(root, "docs", "benchmarks");
            Directory.CreateDirectory(docs);
            await File.WriteAllTextAsync(Path.Combine(docs, "ballot-load.md"), report);
            BenchEnvironment.Log("written to docs/benchmarks/ballot-load.md");
            return lost ? 1 : 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (Environment.GetEnvironmentVariable("PORTAL_BENCH_KEEP_DB") != "1")
            {
                await BenchDatabase.DropAsync(admin, name);
            }
        }
    }

    /// <summary>Ballots with the queue's codes until the time is up or the codes run out.</summary>
    private static Task<LoadRun> LoadAsync(HttpClient client, string path, ConcurrentQueue<string> codes, Func<string, HttpContent> body, int workers, TimeSpan duration) =>
        LoopbackLoad.RunAsync(client, workers, duration, () => codes.TryDequeue(out var code) ? new HttpRequestMessage(HttpMethod.Post, path) { Content = body(code) } : null);

    private static int Accepted(LoadRun run) => run.Count(StatusCodes.Status201Created);

    private static double PerSecond(LoadRun run) => Accepted(run) / run.Elapsed.TotalSeconds;

    private static double Percentile(LoadRun run, double p) => LoopbackLoad.Percentile(run.AllMs(), p);

    /// <summary>The demo's open campaign, its units, and enough fresh codes issued through the API as staff.</summary>
    private static async Task<(string CampaignId, List<string> Units, List<string> Codes)> PrepareAsync(HttpClient client, int expected)
    {
        using var staff = new HttpClient { BaseAddress = client.BaseAddress };
        var streetId = await BenchApi.SignInAsStaffAsync(staff);
        var campaign = await BenchApi.CampaignAsync(staff, streetId, "open");
        var campaignId = campaign.GetProperty("id").GetString()!;
        var units = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{streetId}/units?pageSize=500&status=active"))
            .GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetString()!).ToList();
        var codes = new List<string>();
        while (codes.Count < expected)
        {
            var issued = await staff.PostAsJsonAsync($"/api/v1/evaluations/{campaignId}/codes", new { count = 2000 });
            issued.EnsureSuccessStatusCode();
            codes.AddRange((await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").EnumerateArray().Select(c => c.GetString()!));
        }

        BenchEnvironment.Log($"campaign {campaignId}: {units.Count} units, {codes.Count} codes issued");
        return (campaignId, units, codes);
    }

    private static string Report(int seconds, int workers, LoadRun bare, long bareRows, LoadRun portal, int accepted, long stored, long storedRatings, int codesUsed)
    {
        static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
        static string Codes(IReadOnlyDictionary<int, int> s) => string.Join(", ", s.OrderBy(k => k.Key).Select(k => $"{k.Key}: {k.Value}"));
        var sb = new StringBuilder();
        sb.AppendLine("# Ballot load (issue #6)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; {workers} concurrent clients on 127.0.0.1; {seconds} s per run after a 3 s warm-up.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Each ballot rates {RatingsPerBallot} units with a distinct, fresh code (POST /api/v1/ballots, the production pipeline: rate limits, code lookup, one transaction with the redemption row).");
        sb.AppendLine("- Baseline: a bare endpoint in the same process that parses the same JSON body and inserts one row (Npgsql, no EF, no checks) into the same PostgreSQL.");
        sb.AppendLine();
        sb.AppendLine("| | requests/s accepted | p50 ms | p95 ms | p99 ms | answers |");
        sb.AppendLine("|---|---:|---:|---:|---:|---|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| bare insert | {F(PerSecond(bare))} | {F(Percentile(bare, .5))} | {F(Percentile(bare, .95))} | {F(Percentile(bare, .99))} | {Codes(bare.Statuses)} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| portal ballot | {F(PerSecond(portal))} | {F(Percentile(portal, .5))} | {F(Percentile(portal, .95))} | {F(Percentile(portal, .99))} | {Codes(portal.Statuses)} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| ratio portal / bare | {PerSecond(portal) / PerSecond(bare):0.00} | {Percentile(portal, .5) / Percentile(bare, .5):0.00} | {Percentile(portal, .95) / Percentile(bare, .95):0.00} | {Percentile(portal, .99) / Percentile(bare, .99):0.00} | |");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Integrity: {accepted} ballots answered 201 (warm-up included), {stored} stored, {storedRatings} ratings stored (= {RatingsPerBallot} × {stored}: {(storedRatings == stored * RatingsPerBallot ? "yes" : "NO")}); {codesUsed} codes consumed; transport failures {portal.Failed}. Bare rows stored: {bareRows}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Result: {(accepted == stored ? "nothing lost, nothing counted twice" : "MISMATCH")}; sustained {F(PerSecond(portal))} ballots/s (target ≥ 300).");
        return sb.ToString();
    }

    /// <summary>The baseline: Kestrel on 127.0.0.1 with one endpoint that reads the body and inserts one row.</summary>
    private sealed class BareEndpoint : IAsyncDisposable
    {
        private readonly WebApplication app;

        private BareEndpoint(WebApplication app, Uri baseAddress)
        {
            this.app = app;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<BareEndpoint> StartAsync(string connectionString)
        {
            await BenchDatabase.ExecuteAsync(connectionString, "CREATE TABLE IF NOT EXISTS bench_bare_ballot (id uuid PRIMARY KEY, code text NOT NULL, body jsonb NOT NULL, cast_at timestamptz NOT NULL)");
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var dataSource = NpgsqlDataSource.Create(connectionString);
            var app = builder.Build();
            app.MapPost("/bare", async (HttpRequest request) =>
            {
                var body = await JsonDocument.ParseAsync(request.Body);
                await using var command = dataSource.CreateCommand("INSERT INTO bench_bare_ballot (id, code, body, cast_at) VALUES ($1, $2, $3::jsonb, now())");
                command.Parameters.AddWithValue(Guid.NewGuid());
                command.Parameters.AddWithValue(body.RootElement.GetProperty("code").GetString() ?? "");
                command.Parameters.AddWithValue(body.RootElement.GetRawText());
                await command.ExecuteNonQueryAsync();
                return Results.StatusCode(StatusCodes.Status201Created);
            });
            await app.StartAsync();
            var address = app.Urls.First();
            return new BareEndpoint(app, new Uri(address));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
