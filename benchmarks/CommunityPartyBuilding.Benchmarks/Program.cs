using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Perfolizer.Horology;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// scripts/bench.sh runs this in Release. Steps: create the database and start the portal (BenchEnvironment), check that
/// the three ways return the same rows for every case, write the SQL/EXPLAIN report, time the ways interleaved
/// (InterleavedRun), run BenchmarkDotNet in-process, drop the database. Arguments go to BenchmarkDotNet (e.g. --filter '*Api*'); --sql-only stops after the SQL report,
/// --quick after the interleaved timings (no BenchmarkDotNet).
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var root = RepositoryRoot();
        if (args.FirstOrDefault() == "ballots")
        {
            return await BallotLoad.RunAsync(args[1..], root);
        }

        if (args.FirstOrDefault() == "overload")
        {
            return await OverloadRun.RunAsync(args[1..], root);
        }

        if (args.FirstOrDefault() == "--circuits")
        {
            // PORTAL_BENCH_CIRCUIT_CONFIGS (comma-separated, default all) and PORTAL_BENCH_CIRCUIT_LEVELS (default 50,100,200) narrow a run.
            var configs = Environment.GetEnvironmentVariable("PORTAL_BENCH_CIRCUIT_CONFIGS") is { Length: > 0 } c
                ? c.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : CircuitsRun.Configurations.Select(x => x.Name).ToArray();
            var levels = Environment.GetEnvironmentVariable("PORTAL_BENCH_CIRCUIT_LEVELS") is { Length: > 0 } l
                ? l.Split(',').Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
                : [50, 100, 200];
            return await CircuitsRun.RunAsync(root, Path.Combine(root, "artifacts", "benchmarks", "results", "circuits.md"), configs, levels);
        }

        if (args.FirstOrDefault() == "reports-memory")
        {
            return await ReportRun.RunMemoryScenarioAsync(args[1]);
        }

        var artifacts = Path.Combine(root, "artifacts", "benchmarks");
        var sqlOnly = args.Contains("--sql-only");
        var quick = args.Contains("--quick");
        var dashboardOnly = args.Contains("--dashboard");
        var reportsOnly = args.Contains("--reports");
        var plain = args.Length == 0;
        args = args.Where(a => a is not "--sql-only" and not "--quick" and not "--dashboard" and not "--reports").ToArray();
        try
        {
            if (reportsOnly)
            {
                return await RunReportsAsync(artifacts, quick, args);
            }

            if (dashboardOnly)
            {
                return await RunDashboardAsync(artifacts, sqlOnly, quick, args);
            }

            var environment = await BenchEnvironment.GetAsync();
            var matches = await CheckSameRowsAsync(environment);
            await SqlReport.WriteAsync(environment, matches, Path.Combine(artifacts, "results", "unit-list-sql.md"));
            if (sqlOnly)
            {
                return 0;
            }

            await InterleavedRun.WriteAsync(environment, Path.Combine(artifacts, "results", "unit-list-interleaved.md"));
            if (quick)
            {
                return 0;
            }

            // In-process: the benchmarks share the running portal and the seeded database (an out-of-process toolchain
            // would start the portal and seed once per benchmark case). Bounded: 3 warm-up and 12 measured iterations
            // of about 250 ms per benchmark case: 32 cases take about 3 minutes.
            var failed = RunBenchmarkDotNet<UnitListBenchmarks>(
                InProcess.WithIterationTime(TimeInterval.FromMilliseconds(250)).WithWarmupCount(3).WithIterationCount(12),
                artifacts, args.Length == 0 ? ["--filter", "*UnitList*"] : args) != 0;

            // A plain run (scripts/bench.sh without arguments) measures the dashboard and the reports too, after the unit list.
            if (!plain)
            {
                return failed ? 1 : 0;
            }

            var dashboard = await RunDashboardAsync(artifacts, false, false, []);
            var reports = await RunReportsAsync(artifacts, false, []);
            return Math.Max(failed ? 1 : 0, Math.Max(dashboard, reports));
        }
        finally
        {
            await BenchEnvironment.DisposeCurrentAsync();
        }
    }

    /// <summary>
    /// The dashboard benchmark (scripts/bench.sh --dashboard): generate 500,000 activities and the rest into the street
    /// of 5,000 units, check handler and API agree, write the SQL/EXPLAIN/index report, the interleaved medians, then
    /// BenchmarkDotNet (bounded: 2 warm-up and 8 measured iterations of about 500 ms per case and way, about 3 minutes).
    /// </summary>
    private static async Task<int> RunDashboardAsync(string artifacts, bool sqlOnly, bool quick, string[] args)
    {
        var environment = await BenchEnvironment.GetAsync();
        await environment.EnsureDashboardDataAsync();
        await DashboardReport.CheckAsync(environment);
        await DashboardReport.WriteSqlAsync(environment, Path.Combine(artifacts, "results", "dashboard-sql.md"));
        if (sqlOnly)
        {
            return 0;
        }

        await DashboardReport.WriteInterleavedAsync(environment, Path.Combine(artifacts, "results", "dashboard-interleaved.md"));
        if (quick)
        {
            return 0;
        }

        return RunBenchmarkDotNet<DashboardBenchmarks>(
            InProcess.WithIterationTime(TimeInterval.FromMilliseconds(500)).WithWarmupCount(2).WithIterationCount(8),
            artifacts, args.Length == 0 ? ["--filter", "*Dashboard*"] : args);
    }

    /// <summary>
    /// The reports benchmark (scripts/bench.sh --reports, issue #7; no database): the read-back checks, interleaved
    /// medians and peak memory (<see cref="ReportRun"/>), then BenchmarkDotNet (bounded: 2 warm-up and 10 measured
    /// iterations per case, one render per iteration; about 2 minutes).
    /// </summary>
    private static async Task<int> RunReportsAsync(string artifacts, bool quick, string[] args)
    {
        await ReportRun.WriteAsync(Path.Combine(artifacts, "results", "report-render.md"));
        if (quick)
        {
            return 0;
        }

        return RunBenchmarkDotNet<ReportBenchmarks>(
            InProcess.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(2).WithIterationCount(10),
            artifacts, args.Length == 0 ? ["--filter", "*ReportBenchmarks*"] : args);
    }

    /// <summary>
    /// In-process: the benchmarks share what the run set up (the running portal, the seeded database, the fonts); an
    /// out-of-process toolchain would set it up again for every case.
    /// </summary>
    private static Job InProcess => Job.Default.WithToolchain(InProcessEmitToolchain.Instance);

    /// <summary>Runs one benchmark class with the memory diagnoser and the median column; 1 when a case failed.</summary>
    private static int RunBenchmarkDotNet<T>(Job job, string artifacts, string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(job.WithId("InProcess"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(artifacts);
        var summaries = BenchmarkSwitcher.FromTypes([typeof(T)]).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>Bare SQL, handler and API must return the same rows in the same order, or the ratios mean nothing.</summary>
    private static async Task<List<(ListCase Case, int Total, int Items, int JsonBytes)>> CheckSameRowsAsync(BenchEnvironment environment)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        var accessor = environment.Portal.Services.GetRequiredService<IHttpContextAccessor>();
        var matches = new List<(ListCase, int, int, int)>();
        var statements = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var listCase in ListCase.All)
        {
            PagedResult<UnitDto> bare, handled, api;
            using (var counter = new StatementCounter())
            {
                bare = await environment.BareSql.QueryAsync(environment.StreetId, listCase);
                statements["bare SQL"] = counter.Statements;
            }

            var joined = await environment.BareSqlJoin.QueryAsync(environment.StreetId, listCase);
            using (var counter = new StatementCounter())
            {
                await using var scope = environment.Portal.Services.CreateAsyncScope();
                accessor.HttpContext = new DefaultHttpContext { User = environment.StaffPrincipal };
                handled = await scope.ServiceProvider.GetRequiredService<GetUnits>().HandleAsync(environment.StreetId, listCase.ToQuery());
                accessor.HttpContext = null;
                statements["GetUnits handler"] = counter.Statements;
            }

            byte[] body;
            using (var counter = new StatementCounter())
            {
                body = await environment.Api.GetByteArrayAsync(listCase.ApiPath(environment.StreetId));
                statements["HTTP API"] = counter.Statements;
            }

            api = JsonSerializer.Deserialize<PagedResult<UnitDto>>(body, json) ?? throw new InvalidOperationException("Empty API response.");

            foreach (var (name, other) in new[] { ("bare SQL with a join", joined), ("handler", handled), ("API", api) })
            {
                if (other.Total != bare.Total || !other.Items.SequenceEqual(bare.Items))
                {
                    throw new InvalidOperationException($"{listCase}: the {name} returned other rows than the bare SQL (total {other.Total} vs {bare.Total}).");
                }
            }

            BenchEnvironment.Log($"{listCase}: {bare.Total} matches, {bare.Items.Count} rows on the page, {body.Length} bytes of JSON; bare SQL, handler and API agree");
            matches.Add((listCase, bare.Total, bare.Items.Count, body.Length));
        }

        foreach (var (way, sent) in statements)
        {
            BenchEnvironment.Log($"{way}: {sent.Count} statements per list ({ListCase.All[^1]}):");
            foreach (var statement in sent)
            {
                BenchEnvironment.Log("    " + statement);
            }
        }

        StatementsPerList = statements;
        return matches;
    }

    /// <summary>Statements each way sent for the last case, for the SQL report.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> StatementsPerList { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CommunityPartyBuilding.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
