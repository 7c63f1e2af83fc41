using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.Playwright;
using Npgsql;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// The circuits benchmark (issue #18, scripts/bench.sh --circuits). The portal runs as its own process (so that its
/// resident memory is its own, and each GC configuration gets a fresh process) on 127.0.0.1 with
/// <c>Diagnostics:Circuits=true</c>; the load generator is one headless Chromium (Playwright) whose pages share a few
/// renderer processes. For each GC configuration: a baseline with no circuit open (after a warm-up), then 50, 100 and
/// 200 signed-in circuits held open (a third staff on the units list, a third staff on the street dashboard, a third
/// unit leaders on their home), the portal's memory read from the process itself after a forced full collection, and
/// at each level four of the units-list circuits interact (search, next page, open a record and back) a bounded number
/// of times while the rest idle. Interaction times are taken server-side (each inbound circuit activity from arrival to
/// completion, by hub method) and client-side (action to result visible). Then every page closes and the memory after
/// the load is read; then HTTP loads on the same process and the memory after them (CircuitsLoad.cs). Bounded: fixed counts, a timeout per wait, and scripts/bench.sh's overall timeout.
/// </summary>
public static partial class CircuitsRun
{
    private const string StaffEmail = "staff.donghu@example.org";
    private const string LeaderEmail = "leader1@example.org";
    private const int Interacting = 4;
    private const int CyclesPerLevel = 4;
    private const int PerKind = 30;
    private static readonly string[] Terms = ["科技", "有限公司", "环保科技", "服务"];

    /// <summary>A GC configuration: the environment the portal process starts with.</summary>
    public sealed record GcConfiguration(string Name, string Description, IReadOnlyDictionary<string, string> Environment);

    public static IReadOnlyList<GcConfiguration> Configurations { get; } =
    [
        new("default", "the runtime's default for ASP.NET Core: Server GC, DATAS on (.NET 10)", new Dictionary<string, string>()),
        new("server-no-datas", "Server GC with DATAS off (DOTNET_GCDynamicAdaptationMode=0): one heap per core, as before .NET 9",
            new Dictionary<string, string> { ["DOTNET_GCDynamicAdaptationMode"] = "0" }),
        new("1gb", "for a 1 GB container: heap hard limit 640 MB (DOTNET_GCHeapHardLimit=0x28000000), DOTNET_GCConserveMemory=5",
            new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x28000000", ["DOTNET_GCConserveMemory"] = "5" }),
        new("4gb", "for a 4 GB container: heap hard limit 3 GB (DOTNET_GCHeapHardLimit=0xC0000000)",
            new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0xC0000000" }),
    ];

    public static async Task<int> RunAsync(string root, string output, IReadOnlyList<string> configurationNames, IReadOnlyList<int> levels)
    {
        var admin = System.Environment.GetEnvironmentVariable("PORTAL_BENCH_POSTGRES");
        admin = string.IsNullOrWhiteSpace(admin) ? BenchEnvironment.DefaultAdminConnection : admin;
        var database = "cpb_circuits_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        await BenchDatabase.CreateAsync(admin, database);
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        var report = new StringBuilder();
        var loadBefore = LoadAverage();
        var started = Stopwatch.StartNew();
        try
        {
            var results = new List<ConfigurationResult>();
            var seeded = false;
            foreach (var name in configurationNames)
            {
                var configuration = Configurations.Single(c => c.Name == name);
                await using var portal = await PortalProcess.StartAsync(root, connectionString, configuration);
                if (!seeded)
                {
                    await SeedUnitsAsync(connectionString);
                    seeded = true;
                }

                results.Add(await MeasureAsync(portal, configuration, levels, byKind: results.Count == 0));
            }

            Write(report, results, levels, loadBefore, LoadAverage(), started.Elapsed);
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            await File.WriteAllTextAsync(output, report.ToString());
            Console.WriteLine(report);
            return results.All(r => r.Complete) ? 0 : 1;
        }
        finally
        {
            if (System.Environment.GetEnvironmentVariable("PORTAL_BENCH_KEEP_DB") != "1")
            {
                NpgsqlConnection.ClearAllPools();
                await BenchDatabase.DropAsync(admin, database);
                BenchEnvironment.Log($"database {database} dropped");
            }
        }
    }

    private static async Task SeedUnitsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Guid street;
        await using (var command = new NpgsqlCommand("""SELECT "Id" FROM "Streets" WHERE "Name" = @n""", connection))
        {
            command.Parameters.AddWithValue("n", DemoSeeder.DonghuStreet);
            street = (Guid)(await command.ExecuteScalarAsync())!;
        }

        var communities = new List<Guid>();
        await using (var command = new NpgsqlCommand("""SELECT "Id" FROM "Communities" WHERE "StreetId" = @s ORDER BY "Name" """, connection))
        {
            command.Parameters.AddWithValue("s", street);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                communities.Add(reader.GetGuid(0));
            }
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("""SELECT "CreditCode" FROM "MemberUnits" WHERE "StreetId" = @s""", connection))
        {
            command.Parameters.AddWithValue("s", street);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                taken.Add(reader.GetString(0));
            }
        }

        var units = UnitGenerator.Generate(BenchEnvironment.UnitsInStreet - taken.Count, communities, taken);
        await BenchEnvironment.CopyUnitsAsync(connectionString, street, units);
        BenchEnvironment.Log($"{units.Count} units copied into {DemoSeeder.DonghuStreet}");
    }

    private static async Task<ConfigurationResult> MeasureAsync(PortalProcess portal, GcConfiguration configuration, IReadOnlyList<int> levels, bool byKind)
    {
        var result = new ConfigurationResult(configuration);
        result.Idle = await portal.SnapshotAsync(reset: true);
        BenchEnvironment.Log($"[{configuration.Name}] idle: {Mb(result.Idle.WorkingSetBytes)} resident, {Mb(result.Idle.ManagedBytes)} managed");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Pages share four renderer processes: 200 pages with one renderer each would not fit on the machine.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--renderer-process-limit=4", "--disable-extensions"],
        });
        var staff = await SignedInContextAsync(browser, portal.BaseAddress, StaffEmail);
        var leader = await SignedInContextAsync(browser, portal.BaseAddress, LeaderEmail);
        var streetId = await StreetIdAsync(staff, portal.BaseAddress);
        var unitsUrl = new Uri(portal.BaseAddress, $"/streets/{streetId}/units");
        var dashboardUrl = new Uri(portal.BaseAddress, $"/streets/{streetId}/dashboard");
        var homeUrl = new Uri(portal.BaseAddress, "/");

        // Warm-up: every page kind once, an interaction cycle, then closed; the baseline is taken with no circuit open.
        var warm = new List<IPage>();
        foreach (var (context, url) in new[] { (staff, unitsUrl), (staff, dashboardUrl), (leader, homeUrl) })
        {
            warm.Add(await OpenAsync(context, url));
        }

        await InteractAsync(warm[0], 0, new List<double>(), new List<double>(), new List<double>());
        foreach (var page in warm)
        {
            await LeaveAsync(page);
        }

        await WaitForCircuitsAsync(portal, 0);
        result.Baseline = await portal.SnapshotAsync(reset: true);
        BenchEnvironment.Log($"[{configuration.Name}] baseline (no circuit, warmed up): {Mb(result.Baseline.WorkingSetBytes)} resident, {Mb(result.Baseline.ManagedBytes)} managed");

        // Where the memory goes, by page: PerKind circuits of one kind at a time, against a baseline taken just before.
        if (byKind)
        {
            foreach (var (kind, context, url) in new[] { ("units list (staff)", staff, unitsUrl), ("street dashboard (staff)", staff, dashboardUrl), ("home (unit leader)", leader, homeUrl) })
            {
                var before = await portal.SnapshotAsync(reset: true);
                var opened = new List<IPage>();
                for (var i = 0; i < PerKind; i++)
                {
                    opened.Add(await OpenAsync(context, url));
                }

                await WaitForCircuitsAsync(portal, PerKind);
                var with = await portal.SnapshotAsync(reset: true);
                foreach (var page in opened)
                {
                    await LeaveAsync(page);
                }

                await WaitForCircuitsAsync(portal, 0);
                result.Kinds.Add((kind, before, with));
                BenchEnvironment.Log($"[{configuration.Name}] {kind}: {(with.ManagedBytes - before.ManagedBytes) / 1024.0 / PerKind:F0} KB managed per circuit");
            }
        }

        var pages = new List<IPage>();
        var generator = new GeneratorUsage(portal.ProcessId);
        foreach (var level in levels)
        {
            var opening = Stopwatch.StartNew();
            generator.Start();
            while (pages.Count < level)
            {
                // Interacting pages first (units list), then units list, dashboard and leader home in turn.
                var i = pages.Count;
                var (context, url) = i < Interacting ? (staff, unitsUrl) : (i % 3) switch
                {
                    0 => (staff, unitsUrl),
                    1 => (staff, dashboardUrl),
                    _ => (leader, homeUrl),
                };
                pages.Add(await OpenAsync(context, url));
            }

            var openSeconds = opening.Elapsed.TotalSeconds;
            await WaitForCircuitsAsync(portal, level);
            var idle = await portal.SnapshotAsync(reset: true);

            // A few interact while the rest idle.
            var search = new List<double>();
            var next = new List<double>();
            var record = new List<double>();
            var interacting = Stopwatch.StartNew();
            await Task.WhenAll(pages.Take(Interacting).Select((page, n) => Task.Run(async () =>
            {
                for (var cycle = 0; cycle < CyclesPerLevel; cycle++)
                {
                    await InteractAsync(page, n + cycle, search, next, record);
                }
            })));
            var interactSeconds = interacting.Elapsed.TotalSeconds;
            var busy = await portal.SnapshotAsync(reset: true);
            var usage = generator.Stop();
            result.Levels.Add(new LevelResult(level, openSeconds, idle, busy, interactSeconds, search, next, record, usage, LoadAverage()));
            BenchEnvironment.Log($"[{configuration.Name}] {level} circuits: {Mb(idle.WorkingSetBytes)} resident, {Mb(idle.ManagedBytes)} managed; "
                + $"search p95 {Percentile(search, 0.95):F0} ms (client); interactions p95 {busy.Activities.GetValueOrDefault("interaction")?.P95Ms:F0} ms (server)");
        }

        if (int.TryParse(System.Environment.GetEnvironmentVariable("PORTAL_BENCH_CIRCUIT_HOLD"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var hold) && hold > 0)
        {
            // For a heap snapshot (dotnet-gcdump collect -p PID) with every circuit open; bounded at 10 minutes.
            BenchEnvironment.Log($"[{configuration.Name}] holding {pages.Count} circuits open for {Math.Min(hold, 600)} s: portal pid {portal.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(hold, 600)));
        }

        foreach (var page in pages)
        {
            await LeaveAsync(page);
        }

        await WaitForCircuitsAsync(portal, 0);
        result.After = await portal.SnapshotAsync(reset: true);
        BenchEnvironment.Log($"[{configuration.Name}] after: {Mb(result.After.WorkingSetBytes)} resident, {Mb(result.After.ManagedBytes)} managed");
        if (HttpLoadWanted)
        {
            result.Loads.AddRange(await LoadAsync(portal, configuration));
        }

        result.Complete = true;
        return result;
    }

    private static async Task<IBrowserContext> SignedInContextAsync(IBrowser browser, Uri baseAddress, string email)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", DemoSeeder.DemoPassword);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await page.CloseAsync();
        return context;
    }

    private static async Task<Guid> StreetIdAsync(IBrowserContext staff, Uri baseAddress)
    {
        var page = await staff.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            var href = await page.Locator("a[href*='/units']").First.GetAttributeAsync("href") ?? "";
            var id = href.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipWhile(p => p != "streets").Skip(1).FirstOrDefault();
            return Guid.TryParse(id, out var street) ? street : throw new InvalidOperationException($"No street in the units link '{href}' on {baseAddress}.");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, Uri url)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString());
        await page.WaitForSelectorAsync("#portal-interactive", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        return page;
    }

    /// <summary>
    /// Leaves the page the way a person does (navigating away, so that Blazor's unload handler sends its disconnect
    /// beacon from a live page and the server ends the circuit at once), then closes it. Closing a busy page directly
    /// often dropped the beacon: the circuit then only lost its connection and stayed in memory, retained for
    /// reconnection (CircuitOptions.DisconnectedCircuitRetentionPeriod), which blurred the next measurement.
    /// </summary>
    private static async Task LeaveAsync(IPage page)
    {
        await page.GotoAsync("about:blank");
        await page.CloseAsync();
    }

    /// <summary>Search (typed, then Enter: no debounce wait), next page, open the first record and come back.</summary>
    private static async Task InteractAsync(IPage page, int n, List<double> search, List<double> next, List<double> record)
    {
        var rows = page.Locator(".unit-table tbody tr");
        var term = Terms[n % Terms.Length];
        var watch = Stopwatch.StartNew();
        await page.FillAsync("#unit-search", term);
        await page.PressAsync("#unit-search", "Enter");
        await page.WaitForFunctionAsync(
            "t => { const a = document.querySelector('.unit-table tbody tr a'); return a && a.textContent.includes(t); }", term);
        Add(search, watch);
        await Task.Delay(300);

        var first = await rows.First.InnerTextAsync();
        watch.Restart();
        await page.Locator(".mud-table-pagination-actions button").Nth(2).ClickAsync();
        await page.WaitForFunctionAsync(
            "f => { const r = document.querySelector('.unit-table tbody tr'); return r && r.innerText !== f; }", first);
        Add(next, watch);
        await Task.Delay(300);

        watch.Restart();
        await page.Locator(".unit-table tbody tr a").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/units/", StringComparison.Ordinal) && !url.EndsWith("/units", StringComparison.Ordinal));
        await page.WaitForSelectorAsync(".unit-table", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.WaitForSelectorAsync("h1");
        Add(record, watch);
        await Task.Delay(300);
        // Back through the menu's link (the row's link and its row click each add a history entry).
        await page.Locator("a[href$='/units']").First.ClickAsync();
        await page.WaitForSelectorAsync(".unit-table tbody tr a");
        await Task.Delay(300);
    }

    private static void Add(List<double> list, Stopwatch watch)
    {
        lock (list)
        {
            list.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    private static async Task WaitForCircuitsAsync(PortalProcess portal, int expected)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            var snapshot = await portal.SnapshotAsync(reset: false, collect: false);
            if (snapshot.CircuitsOpen == expected)
            {
                return;
            }

            await Task.Delay(500);
        }

        BenchEnvironment.Log($"warning: {expected} circuits expected after 30 s, the portal counts {(await portal.SnapshotAsync(false, false)).CircuitsOpen}");
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => a + " " + b);

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture) + " MB";

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static void Write(StringBuilder md, List<ConfigurationResult> results, IReadOnlyList<int> levels, string loadBefore, string loadAfter, TimeSpan elapsed)
    {
        var ci = CultureInfo.InvariantCulture;
        md.AppendLine("# Circuits benchmark (issue #18)");
        md.AppendLine();
        md.AppendLine(ci, $"Written by `scripts/bench.sh --circuits` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {System.Environment.ProcessorCount} cores, shared with other sessions: "
            + $"load average (1, 5, 15 min) {loadBefore} before, {loadAfter} after; run {elapsed.TotalMinutes:F1} min.");
        md.AppendLine();
        md.AppendLine("The portal runs as its own process on 127.0.0.1 (Production settings, `Diagnostics:Circuits=true`); 5,000 units in the street. "
            + "Memory is read by the portal itself (`GET /_diagnostics/circuits`): managed = `GC.GetTotalMemory` after a forced, compacting full collection; "
            + "resident = `Process.WorkingSet64`. Circuits: a third staff on the units list, a third staff on the street dashboard, a third a unit leader on the home page "
            + $"(one headless Chromium, pages sharing 4 renderer processes). At each level {Interacting} units-list circuits interact {CyclesPerLevel} times "
            + "(search typed then Enter, next page, open the first record and back, 0.3 s pauses) while the rest idle.");
        md.AppendLine();
        md.AppendLine("Server-side times are each inbound circuit activity from its arrival to its completion (for a browser event: the handler with its awaited "
            + "work and the render batch it queues), by hub method. `OnLocationChanged` covers the router's synchronous render only: a page's own loading "
            + "continues after it, so the record's full time is the client-side one. Client-side: from the action to the result visible in the page.");
        md.AppendLine();
        foreach (var r in results)
        {
            md.AppendLine(ci, $"## {r.Configuration.Name}: {r.Configuration.Description}");
            md.AppendLine();
            if (r.Baseline is null || r.Idle is null)
            {
                md.AppendLine("Incomplete.");
                continue;
            }

            md.AppendLine(ci, $"Server GC: {r.Baseline.ServerGc}; DATAS (GCDynamicAdaptationMode): {r.Baseline.DynamicAdaptationMode?.ToString(ci) ?? "default"}; "
                + $"heap hard limit: {(r.Baseline.HeapHardLimit is > 0 ? Mb(r.Baseline.HeapHardLimit.Value) : "none")}.");
            md.AppendLine();
            md.AppendLine("| state | circuits | resident | managed (after full GC) | GC committed | resident per circuit vs baseline | managed per circuit vs baseline |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            md.AppendLine(ci, $"| portal idle after start | 0 | {Mb(r.Idle.WorkingSetBytes)} | {Mb(r.Idle.ManagedBytes)} | {Mb(r.Idle.CommittedBytes)} | | |");
            md.AppendLine(ci, $"| baseline (warmed up, no circuit) | 0 | {Mb(r.Baseline.WorkingSetBytes)} | {Mb(r.Baseline.ManagedBytes)} | {Mb(r.Baseline.CommittedBytes)} | | |");
            foreach (var l in r.Levels)
            {
                md.AppendLine(ci, $"| {l.Circuits} open, idle | {l.Idle.CircuitsOpen} | {Mb(l.Idle.WorkingSetBytes)} | {Mb(l.Idle.ManagedBytes)} | {Mb(l.Idle.CommittedBytes)} | "
                    + $"{Kb((l.Idle.WorkingSetBytes - r.Baseline.WorkingSetBytes) / (double)l.Circuits)} | {Kb((l.Idle.ManagedBytes - r.Baseline.ManagedBytes) / (double)l.Circuits)} |");
                md.AppendLine(ci, $"| {l.Circuits} open, after interacting | {l.Busy.CircuitsOpen} | {Mb(l.Busy.WorkingSetBytes)} | {Mb(l.Busy.ManagedBytes)} | {Mb(l.Busy.CommittedBytes)} | | |");
            }

            if (r.After is { } after)
            {
                md.AppendLine(ci, $"| after the load, every page closed | {after.CircuitsOpen} | {Mb(after.WorkingSetBytes)} | {Mb(after.ManagedBytes)} | {Mb(after.CommittedBytes)} | | |");
            }

            if (r.Kinds.Count > 0)
            {
                md.AppendLine();
                md.AppendLine(ci, $"By page ({PerKind} circuits of one kind, against the state just before them):");
                md.AppendLine();
                md.AppendLine("| page | managed per circuit | resident per circuit |");
                md.AppendLine("| --- | ---: | ---: |");
                foreach (var (kind, before, with) in r.Kinds)
                {
                    md.AppendLine(ci, $"| {kind} | {Kb((with.ManagedBytes - before.ManagedBytes) / (double)PerKind)} | {Kb((with.WorkingSetBytes - before.WorkingSetBytes) / (double)PerKind)} |");
                }
            }

            WriteLoads(md, r);

            md.AppendLine();
            md.AppendLine("| circuits | search p50 / p95 (client) | next page p50 / p95 (client) | open a record p50 / p95 (client) | interactions p50 / p95 (server: event handlers and page loads, n) | location changes p50 / p95 (server, n) | opening the pages | portal CPU | load generator CPU, peak resident | load average after |");
            md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var l in r.Levels)
            {
                var events = l.Busy.Activities.GetValueOrDefault("interaction");
                var locations = l.Busy.Activities.GetValueOrDefault("OnLocationChanged");
                md.AppendLine(ci, $"| {l.Circuits} | {Pair(l.Search)} | {Pair(l.Next)} | {Pair(l.Record)} | "
                    + $"{(events is null ? "—" : $"{events.P50Ms:F0} / {events.P95Ms:F0} ms ({events.Count})")} | "
                    + $"{(locations is null ? "—" : $"{locations.P50Ms:F0} / {locations.P95Ms:F0} ms ({locations.Count})")} | "
                    + $"{l.OpenSeconds:F0} s | {l.Usage.PortalCpuSeconds:F0} s | {l.Usage.GeneratorCpuSeconds:F0} s CPU, {Mb(l.Usage.GeneratorPeakRss)} | {l.LoadAfter} |");
            }

            md.AppendLine();
            md.AppendLine("Every inbound activity kind while interacting (server, arrival to completion), p50 / p95 / max (count):");
            md.AppendLine();
            foreach (var l in r.Levels)
            {
                md.Append(ci, $"- {l.Circuits} circuits: ").AppendLine(string.Join("; ", l.Busy.Activities.Select(a =>
                    string.Create(ci, $"{a.Key} {a.Value.P50Ms:F1} / {a.Value.P95Ms:F0} / {a.Value.MaxMs:F0} ms ({a.Value.Count})"))));
            }

            md.AppendLine();
        }

        static string Pair(List<double> v) => v.Count == 0 ? "—" : $"{Percentile(v, 0.5):F0} / {Percentile(v, 0.95):F0} ms";
        static string Kb(double bytes) => (bytes / 1024).ToString("F0", CultureInfo.InvariantCulture) + " KB";
    }

    private sealed class ConfigurationResult(GcConfiguration configuration)
    {
        public GcConfiguration Configuration { get; } = configuration;

        public Snapshot? Idle { get; set; }

        public Snapshot? Baseline { get; set; }

        public Snapshot? After { get; set; }

        public List<LevelResult> Levels { get; } = [];

        public List<(string Kind, Snapshot Before, Snapshot With)> Kinds { get; } = [];

        public List<LoadPhase> Loads { get; } = [];

        public bool Complete { get; set; }
    }

    private sealed record LevelResult(
        int Circuits, double OpenSeconds, Snapshot Idle, Snapshot Busy, double InteractSeconds,
        List<double> Search, List<double> Next, List<double> Record, Usage Usage, string LoadAfter);

    public sealed record Timings(int Count, double P50Ms, double P95Ms, double MaxMs);

    public sealed record Snapshot(
        long CircuitsOpen, long CircuitsOpened, long ManagedBytes, long HeapSizeBytes, long CommittedBytes, long FragmentedBytes,
        long TotalAvailableBytes, bool ServerGc, long? HeapHardLimit, long? DynamicAdaptationMode, long WorkingSetBytes, long PrivateBytes,
        double CpuMilliseconds, Dictionary<string, Timings> Activities);

    private sealed record Usage(double PortalCpuSeconds, double GeneratorCpuSeconds, long GeneratorPeakRss);

    /// <summary>
    /// CPU time of this process's tree (this process, Playwright's driver, Chromium) apart from the portal, read from /proc,
    /// with the peak resident set of that tree sampled every second.
    /// </summary>
    private sealed class GeneratorUsage(int portalPid)
    {
        private double portalStart;
        private double treeStart;
        private long peak;
        private volatile bool sampling;

        public void Start()
        {
            portalStart = CpuSeconds([portalPid]);
            treeStart = CpuSeconds(Tree());
            peak = 0;
            sampling = true;
            _ = Task.Run(async () =>
            {
                while (sampling)
                {
                    var rss = Tree().Sum(Rss);
                    Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), rss));
                    await Task.Delay(1000, CancellationToken.None);
                }
            }, CancellationToken.None);
        }

        public Usage Stop()
        {
            sampling = false;
            return new Usage(CpuSeconds([portalPid]) - portalStart, CpuSeconds(Tree()) - treeStart, Interlocked.Read(ref peak));
        }

        /// <summary>This process and its descendants, without the portal.</summary>
        private List<int> Tree()
        {
            var parents = new Dictionary<int, int>();
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } stat)
                {
                    parents[pid] = int.Parse(stat[3], CultureInfo.InvariantCulture);
                }
            }

            var tree = new List<int> { System.Environment.ProcessId };
            for (var i = 0; i < tree.Count; i++)
            {
                tree.AddRange(parents.Where(p => p.Value == tree[i] && p.Key != portalPid).Select(p => p.Key));
            }

            return tree;
        }

        private static double CpuSeconds(IEnumerable<int> pids) =>
            pids.Select(Stat).Where(s => s is not null).Sum(s => (double.Parse(s![13], CultureInfo.InvariantCulture) + double.Parse(s[14], CultureInfo.InvariantCulture)) / 100.0);

        private static long Rss(int pid) => Stat(pid) is { } s ? long.Parse(s[23], CultureInfo.InvariantCulture) * 4096 : 0;

        /// <summary>/proc/pid/stat split after the command name (which may hold spaces), re-indexed as in proc(5) from 0.</summary>
        private static string[]? Stat(int pid)
        {
            try
            {
                var text = File.ReadAllText($"/proc/{pid}/stat");
                var close = text.LastIndexOf(')');
                return ["", "", .. text[(close + 2)..].Split(' ')];
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    /// <summary>The portal as a child process on 127.0.0.1 (a free port), with the GC configuration's environment.</summary>
    private sealed class PortalProcess : IAsyncDisposable
    {
        private readonly Process process;
        private readonly HttpClient http;

        private PortalProcess(Process process, Uri baseAddress)
        {
            this.process = process;
            BaseAddress = baseAddress;
            http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        }

        public Uri BaseAddress { get; }

        public int ProcessId => process.Id;

        public static async Task<PortalProcess> StartAsync(string root, string connectionString, GcConfiguration configuration)
        {
            var project = Path.Combine(root, "src", "CommunityPartyBuilding.Web");
            var dll = Path.Combine(project, "bin", "Release", "net10.0", "CommunityPartyBuilding.Web.dll");
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var baseAddress = new Uri($"http://127.0.0.1:{port}");
            var info = new ProcessStartInfo("dotnet", [dll])
            {
                WorkingDirectory = project,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("DOTNET_GC", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_gc", StringComparison.Ordinal)).ToList())
            {
                info.Environment.Remove(key);
            }

            var settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = baseAddress.ToString(),
                ["ConnectionStrings__Portal"] = connectionString,
                ["Portal__MigrateOnStartup"] = "true",
                ["Portal__SeedDemoData"] = "true",
                ["Portal__PublicBaseUrl"] = baseAddress.ToString(),
                ["Portal__DataProtection__AllowUnencryptedKeys"] = "true",
                ["Portal__Reminders__Enabled"] = "false",
                ["AllowedHosts"] = "127.0.0.1",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Diagnostics__Circuits"] = "true",
            };
            foreach (var (key, value) in settings.Concat(configuration.Environment))
            {
                info.Environment[key] = value;
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the portal.");
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine("[portal] " + e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine("[portal] " + e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var portal = new PortalProcess(process, baseAddress);
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The portal exited with {process.ExitCode} while starting.");
                }

                try
                {
                    using var response = await portal.http.GetAsync("/health/live");
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                if (deadline.Elapsed > TimeSpan.FromMinutes(3))
                {
                    await portal.DisposeAsync();
                    throw new TimeoutException("The portal did not answer /health/live within 3 minutes.");
                }

                await Task.Delay(500);
            }

            BenchEnvironment.Log($"[{configuration.Name}] portal (pid {process.Id}) listening on {baseAddress}");
            return portal;
        }

        public async Task<Snapshot> SnapshotAsync(bool reset, bool collect = true)
        {
            var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            return await http.GetFromJsonAsync<Snapshot>($"/_diagnostics/circuits?collect={(collect ? "true" : "false")}&reset={(reset ? "true" : "false")}", json)
                ?? throw new InvalidOperationException("No diagnostics.");
        }

        public async ValueTask DisposeAsync()
        {
            http.Dispose();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
