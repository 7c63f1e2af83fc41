using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.Web.Features.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// docs/benchmarks/dashboard-sql.md (the statements each handler sends, EXPLAIN (ANALYZE, BUFFERS) of each, what each
/// index on "Activities" is worth) and dashboard-interleaved.md (bare SQL, handler and API timed in rotating rounds).
/// </summary>
public static partial class DashboardReport
{
    private const int ExplainRuns = 5;

    /// <summary>The API's JSON settings: camelCase, enums as camelCase strings.</summary>
    private static readonly JsonSerializerOptions Web = CreateWeb();
    public const int Rounds = 30;

    /// <summary>Indexes whose worth the report measures: dropped one at a time inside a rolled-back transaction.</summary>
    private static readonly string[] ActivityIndexes =
    [
        "IX_Activities_StreetId_HeldOn_Dashboard",
        "IX_Activities_CommitmentId_Status_HeldOn",
        "IX_Activities_StreetId_Status_HeldOn",
    ];

    public static async Task WriteSqlAsync(BenchEnvironment environment, string path)
    {
        await using var connection = new NpgsqlConnection(environment.ConnectionString);
        await connection.OpenAsync();
        var street = environment.StreetId;
        var year = DateTime.UtcNow.Year;
        var report = new StringBuilder();
        report.AppendLine("# Dashboard: SQL, plans and indexes (generated)");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Written by `scripts/bench.sh --dashboard` (benchmarks/CommunityPartyBuilding.Benchmarks, `DashboardReport`) on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; read docs/performance.md first.");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- Server: {await BenchDatabase.TextAsync(connection, "SELECT version()")}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- 东湖街道: {await BenchDatabase.TextAsync(connection, $"SELECT count(*) FROM \"MemberUnits\" WHERE \"StreetId\" = '{street}'")} units; " +
            $"{await BenchDatabase.TextAsync(connection, $"SELECT count(*) FROM \"Activities\" WHERE \"StreetId\" = '{street}'")} activities " +
            $"({await BenchDatabase.TextAsync(connection, $"SELECT count(*) FROM \"Activities\" WHERE \"StreetId\" = '{street}' AND \"HeldOn\" >= DATE '{year}-01-01'")} held this year, " +
            $"{await BenchDatabase.TextAsync(connection, $"SELECT count(*) FROM \"Activities\" WHERE \"StreetId\" = '{street}' AND \"CommitmentId\" IS NOT NULL")} towards a commitment, " +
            $"{await BenchDatabase.TextAsync(connection, $"SELECT count(*) FROM \"Activities\" WHERE \"StreetId\" = '{street}' AND \"Status\" = 'Submitted'")} awaiting verification); " +
            $"{await BenchDatabase.TextAsync(connection, $"SELECT count(*) FROM \"Agreements\" WHERE \"StreetId\" = '{street}'")} agreements, " +
            $"{await BenchDatabase.TextAsync(connection, $"SELECT count(*) FROM \"Commitments\" WHERE \"StreetId\" = '{street}'")} commitments, " +
            $"{await BenchDatabase.TextAsync(connection, $"SELECT count(*) FROM \"Ballots\" WHERE \"StreetId\" = '{street}'")} ballots, " +
            $"{await BenchDatabase.TextAsync(connection, $"SELECT count(*) FROM \"UnitAssessments\" WHERE \"StreetId\" = '{street}'")} assessments");
        report.AppendLine(CultureInfo.InvariantCulture, $"- \"Activities\": {await BenchDatabase.TextAsync(connection, "SELECT pg_size_pretty(pg_table_size('\"Activities\"'))")} (table), indexes:");
        await using (var indexes = new NpgsqlCommand("SELECT indexdef || ' — ' || pg_size_pretty(pg_relation_size(quote_ident(indexname)::regclass)) FROM pg_indexes WHERE tablename = 'Activities' ORDER BY indexname", connection))
        await using (var reader = await indexes.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  - `{reader.GetString(0)}`");
            }
        }

        var whatIf = new List<(DashboardCase Case, int Index, CapturedCommand Command)>();
        foreach (var dashboardCase in DashboardCase.All)
        {
            var (result, commands) = await dashboardCase.CaptureAsync(environment);
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"## {dashboardCase}: {commands.Count} statements");
            report.AppendLine();
            report.AppendLine("What the handler returned (JSON, abridged):");
            report.AppendLine();
            report.AppendLine("```json");
            var json = JsonSerializer.Serialize(result, result.GetType(), Web);
            report.AppendLine(json.Length > 1500 ? json[..1500] + " …" : json);
            report.AppendLine("```");
            var total = 0d;
            for (var i = 0; i < commands.Count; i++)
            {
                var (plan, median) = await SqlReport.ExplainAsync(connection, commands[i], runs: ExplainRuns);
                total += median;
                report.AppendLine();
                report.AppendLine(CultureInfo.InvariantCulture, $"### {dashboardCase} #{i + 1}: {median:0.00} ms on the server{(i == 0 ? " (scope check)" : "")}");
                report.AppendLine();
                report.AppendLine("```sql");
                report.AppendLine(commands[i].Describe());
                report.AppendLine("```");
                report.AppendLine();
                report.AppendLine("```");
                report.AppendLine(plan);
                report.AppendLine("```");
                if (dashboardCase.YearsBack == 0 && i > 0 && commands[i].Sql.Contains("\"Activities\"", StringComparison.Ordinal))
                {
                    whatIf.Add((dashboardCase, i + 1, commands[i]));
                }
            }

            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"**{dashboardCase}: {total:0.0} ms of execution on the server in all** (sum of the medians above).");
            BenchEnvironment.Log($"{dashboardCase}: {commands.Count} statements, {total:0.0} ms of server execution");
        }

        await WriteWhatIfAsync(connection, whatIf, report);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, report.ToString());
        BenchEnvironment.Log($"dashboard SQL report written to {path}");
    }

    private static async Task WriteWhatIfAsync(NpgsqlConnection connection, List<(DashboardCase Case, int Index, CapturedCommand Command)> statements, StringBuilder report)
    {
        var existing = new List<string>();
        await using (var indexes = new NpgsqlCommand("SELECT indexname FROM pg_indexes WHERE tablename = 'Activities'", connection))
        await using (var reader = await indexes.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                existing.Add(reader.GetString(0));
            }
        }

        var variants = new List<(string Label, string? Sql)> { ("as migrated", null) };
        variants.AddRange(ActivityIndexes.Where(existing.Contains).Select(i => ($"without `{i}`", (string?)$"DROP INDEX \"{i}\"")));
        if (existing.Contains("IX_Activities_CommitmentId_Status_HeldOn"))
        {
            // What migration DashboardIndexes replaced: (CommitmentId, Status) without the covering columns.
            variants.Add(("with the former `(CommitmentId, Status)` instead",
                "DROP INDEX \"IX_Activities_CommitmentId_Status_HeldOn\"; CREATE INDEX \"IX_Activities_CommitmentId_Status\" ON \"Activities\" (\"CommitmentId\", \"Status\")"));
        }

        // Every variant is planned without parallel workers: their start-up costs this machine about 150 ms per statement,
        // which would hide what an index is worth. The last column is the plan as PostgreSQL chooses it, in parallel.
        variants = variants.Select(v => (v.Label, (string?)("SET LOCAL max_parallel_workers_per_gather = 0" + (v.Sql is null ? "" : "; " + v.Sql)))).ToList();
        variants.Add(("as migrated, parallel workers allowed (as planned)", null));

        report.AppendLine();
        report.AppendLine("## What each index on \"Activities\" is worth (this year: street, then department)");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Median execution time (ms) of {ExplainRuns} runs of EXPLAIN (ANALYZE, TIMING OFF) of each statement that reads \"Activities\", with the schema as migrated and with one index dropped (or the former one restored) inside a transaction that is rolled back; in brackets the access path to \"Activities\". All columns but the last are planned without parallel workers (`SET LOCAL max_parallel_workers_per_gather = 0`): on this machine starting them costs about 150 ms, which would hide what an index is worth. The last column is the plan PostgreSQL chooses, in parallel.");
        report.AppendLine();
        report.AppendLine("| Statement | " + string.Join(" | ", variants.Select(v => v.Label)) + " |");
        report.AppendLine("|---|" + string.Concat(variants.Select(_ => "---|")));
        foreach (var (whatIfCase, index, command) in statements)
        {
            var cells = new List<string>();
            foreach (var (_, sql) in variants)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                if (sql is not null)
                {
                    await using var change = new NpgsqlCommand(sql, connection, transaction);
                    await change.ExecuteNonQueryAsync();
                }

                var (plan, median) = await SqlReport.ExplainAsync(connection, command, transaction, timing: false, runs: ExplainRuns);
                cells.Add(string.Create(CultureInfo.InvariantCulture, $"{median:0.00} ({AccessPath(plan)})"));
                await transaction.RollbackAsync();
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"| {(whatIfCase.Department ? "department" : "street")} #{index} `{Summary(command.Sql)}` | {string.Join(" | ", cells)} |");
        }
    }

    /// <summary>Bare SQL, handler and API of each case in rotating rounds, each call timed alone; medians and their ratios.</summary>
    public static async Task WriteInterleavedAsync(BenchEnvironment environment, string path)
    {
        var report = new StringBuilder();
        report.AppendLine("# Dashboard: interleaved medians (generated)");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Written by `scripts/bench.sh --dashboard` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average before: {InterleavedRun.LoadAverage()}. For each case, {Rounds} rounds in which each way runs once (the order rotates each round), each call timed alone; the median and 90th percentile, and the ratio of medians to the bare SQL aggregates. See docs/performance.md.");
        report.AppendLine();
        report.AppendLine("| Case | Way | Median | P90 | Ratio of medians |");
        report.AppendLine("|---|---|---:|---:|---:|");
        var started = Stopwatch.StartNew();
        foreach (var dashboardCase in DashboardCase.All)
        {
            var benchmarks = new DashboardBenchmarks { Case = dashboardCase };
            benchmarks.Setup();
            try
            {
                var ways = new (string Name, Func<Task> Call)[]
                {
                    ("bare SQL aggregates", () => benchmarks.BareSql()),
                    ("handler", () => benchmarks.Handler()),
                    ("HTTP API", () => benchmarks.Api()),
                };
                foreach (var (_, call) in ways)
                {
                    await call();
                }

                var times = await InterleavedRun.TimeRotatingAsync([.. ways.Select(w => w.Call)], Rounds);

                var baseline = InterleavedRun.Percentile(times[0], 0.5);
                for (var way = 0; way < ways.Length; way++)
                {
                    var median = InterleavedRun.Percentile(times[way], 0.5);
                    report.AppendLine(CultureInfo.InvariantCulture, $"| {dashboardCase} | {ways[way].Name} | {median:0.00} ms | {InterleavedRun.Percentile(times[way], 0.9):0.00} ms | {median / baseline:0.00} |");
                }
            }
            finally
            {
                benchmarks.Cleanup();
            }
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{DashboardCase.All.Count * 3 * Rounds} timed calls in {started.Elapsed.TotalSeconds:0} s; load average after: {InterleavedRun.LoadAverage()}.");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, report.ToString());
        BenchEnvironment.Log($"dashboard interleaved medians written to {path}");
    }

    /// <summary>The handler, called in-process as the benchmark does, returns the same figures as the API (pre-flight).</summary>
    public static async Task CheckAsync(BenchEnvironment environment)
    {
        foreach (var dashboardCase in DashboardCase.All)
        {
            var accessor = environment.Portal.Services.GetRequiredService<IHttpContextAccessor>();
            await using var scope = environment.Portal.Services.CreateAsyncScope();
            accessor.HttpContext = new DefaultHttpContext { User = dashboardCase.Principal(environment) };
            var handled = await dashboardCase.RunHandlerAsync(scope.ServiceProvider, environment);
            accessor.HttpContext = null;
            var body = await dashboardCase.Api(environment).GetStringAsync(dashboardCase.ApiPath(environment));
            var mine = JsonSerializer.Serialize(handled, handled.GetType(), Web);
            var at = Enumerable.Range(0, Math.Min(mine.Length, body.Length)).FirstOrDefault(i => mine[i] != body[i], -1);
            BenchEnvironment.Log(mine == body
                ? $"{dashboardCase}: handler and API return the same figures ({body.Length:N0} bytes of JSON)"
                : $"{dashboardCase}: WARNING the handler's figures serialise differently from the API's answer, from character {at}: {Snippet(mine, at)} / {Snippet(body, at)}");

            if (handled is StreetDashboard d)
            {
                BenchEnvironment.Log($"{dashboardCase}: {d.Units.Active} units, {d.Activities.Verified:N0} verified / {d.Activities.Pending:N0} pending activities, " +
                    $"{d.Agreements.Active:N0} agreements ({d.Agreements.Commitments:N0} commitments, mean {d.Agreements.MeanFulfilment:P1}), {d.Resolutions.Total} resolutions, ballots {d.Evaluation?.Ballots}");
            }
        }
    }

    private static string AccessPath(string plan)
    {
        var paths = new List<string>();
        foreach (Match match in ScanNode().Matches(plan))
        {
            var (kind, target) = (match.Groups[1].Value, match.Groups[2].Value.Trim('"'));
            if (!target.Contains("Activities", StringComparison.Ordinal))
            {
                continue;
            }

            paths.Add(kind switch
            {
                "Seq Scan on" => "seq scan",
                "Bitmap Index Scan on" => "bitmap " + target.Replace("IX_Activities_", "", StringComparison.Ordinal),
                "Index Only Scan using" => "index-only " + target.Replace("IX_Activities_", "", StringComparison.Ordinal),
                _ => "index " + target.Replace("IX_Activities_", "", StringComparison.Ordinal),
            });
        }

        return string.Join(" + ", paths.Distinct());
    }

    private static string Summary(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 70 ? flat[..70] + "…" : flat;
    }

    private static string Snippet(string text, int at) => at < 0 ? "(length)" : text.Substring(Math.Max(0, at - 30), Math.Min(60, text.Length - Math.Max(0, at - 30)));

    private static JsonSerializerOptions CreateWeb()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        };
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    [GeneratedRegex(@"(Seq Scan on|Bitmap Index Scan on|Index Only Scan using|Index Scan using) (""[^""]+""|\S+)")]
    private static partial Regex ScanNode();
}
