using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// Writes docs/benchmarks/unit-list-sql.md: the statements EF Core sends for each list case, EXPLAIN (ANALYZE, BUFFERS)
/// of the count and page statements, and what each index on "MemberUnits" is worth: the same statements re-planned
/// inside a transaction where one index is dropped (or a candidate index created), then rolled back.
/// </summary>
public static partial class SqlReport
{
    private const int Runs = 7;

    /// <summary>A candidate index: makes the credit-code prefix branch of the search indexable (see docs/performance.md).</summary>
    public const string CandidateIndex = "IX_MemberUnits_StreetId_CreditCode_Pattern";

    private const string CandidateDefinition = $"""CREATE INDEX "{CandidateIndex}" ON "MemberUnits" ("StreetId", "CreditCode" bpchar_pattern_ops)""";

    public static async Task WriteAsync(BenchEnvironment environment, IReadOnlyList<(ListCase Case, int Total, int Items, int JsonBytes)> matches, string path)
    {
        var report = new StringBuilder();
        await using var connection = new NpgsqlConnection(environment.ConnectionString);
        await connection.OpenAsync();

        report.AppendLine("# Unit list: SQL, plans and indexes (generated)");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Written by `scripts/bench.sh` (benchmarks/CommunityPartyBuilding.Benchmarks, `SqlReport`) on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; read docs/performance.md first.");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- Server: {await BenchDatabase.TextAsync(connection, "SELECT version()")}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Database collation: {await BenchDatabase.TextAsync(connection, "SELECT datcollate FROM pg_database WHERE datname = current_database()")}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- \"MemberUnits\": {await BenchDatabase.TextAsync(connection, "SELECT count(*) FROM \"MemberUnits\"")} rows, {await BenchDatabase.TextAsync(connection, "SELECT pg_size_pretty(pg_table_size('\"MemberUnits\"'))")}; 东湖街道: {await BenchDatabase.TextAsync(connection, $"SELECT count(*) FROM \"MemberUnits\" WHERE \"StreetId\" = '{environment.StreetId}'")} units, {await BenchDatabase.TextAsync(connection, $"SELECT count(*) FROM \"MemberUnits\" WHERE \"StreetId\" = '{environment.StreetId}' AND \"Status\" = 'Active'")} active");
        report.AppendLine();
        report.AppendLine("Indexes on \"MemberUnits\":");
        report.AppendLine();
        await using (var indexes = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'MemberUnits' ORDER BY indexname", connection))
        await using (var reader = await indexes.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"- `{reader.GetString(1)}`");
            }
        }

        report.AppendLine();
        report.AppendLine("## Match counts (active units of 东湖街道, page size 50)");
        report.AppendLine();
        report.AppendLine("| Case | Total matches | Rows on the page | API response (JSON) |");
        report.AppendLine("|---|---:|---:|---:|");
        foreach (var (listCase, total, items, jsonBytes) in matches)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {listCase} | {total} | {items} | {jsonBytes:N0} bytes |");
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"## Statements per list, each way ({matches[^1].Case})");
        report.AppendLine();
        report.AppendLine("Counted from Npgsql's ActivitySource during one call (pre-flight, not while measuring):");
        report.AppendLine();
        foreach (var (way, statements) in BenchProgram.StatementsPerList)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"- {way}: {statements.Count}");
            foreach (var statement in statements)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  - `{statement}`");
            }
        }

        var captured = new List<(ListCase Case, CapturedCommand Count, CapturedCommand Page)>();
        foreach (var (listCase, _, _, _) in matches)
        {
            var (_, commands) = await EfSqlCapture.RunAsync(environment.ConnectionString, environment.StaffPrincipal, environment.StreetId, listCase.ToQuery());
            if (commands.Count != 3)
            {
                throw new InvalidOperationException($"GetUnits sent {commands.Count} statements for {listCase}; expected 3 (scope check, count, page).");
            }

            if (captured.Count == 0 || listCase.Search is not null && captured.All(c => c.Case.Search is null))
            {
                report.AppendLine();
                report.AppendLine(CultureInfo.InvariantCulture, $"## Statements GetUnits sends ({listCase})");
                report.AppendLine();
                report.AppendLine("```sql");
                foreach (var command in commands)
                {
                    report.AppendLine(command.Describe());
                    report.AppendLine();
                }

                report.AppendLine("```");
            }

            captured.Add((listCase, commands[1], commands[2]));
        }

        report.AppendLine();
        report.AppendLine("## EXPLAIN (ANALYZE, BUFFERS), schema as migrated");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"The statements EF Core sent, with their parameters; each plan is the last of {Runs} runs, the time is the median execution time of the {Runs}.");
        foreach (var (listCase, count, page) in captured)
        {
            foreach (var (label, command) in new[] { ("count", count), ("page", page) })
            {
                var (plan, median) = await ExplainAsync(connection, command);
                report.AppendLine();
                report.AppendLine(CultureInfo.InvariantCulture, $"### {listCase}: {label} ({median:0.00} ms)");
                report.AppendLine();
                report.AppendLine("```");
                report.AppendLine(plan);
                report.AppendLine("```");
            }
        }

        await WriteWhatIfAsync(connection, captured, report);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, report.ToString());
        BenchEnvironment.Log($"SQL report written to {path}");
    }

    private static async Task WriteWhatIfAsync(NpgsqlConnection connection, List<(ListCase Case, CapturedCommand Count, CapturedCommand Page)> captured, StringBuilder report)
    {
        var existing = new List<string>();
        await using (var indexes = new NpgsqlCommand("SELECT indexname FROM pg_indexes WHERE tablename = 'MemberUnits' AND indexname <> 'PK_MemberUnits' ORDER BY indexname", connection))
        await using (var reader = await indexes.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                existing.Add(reader.GetString(0));
            }
        }

        var variants = new List<(string Label, string? Sql)> { ("as migrated", null) };
        variants.AddRange(existing.Where(i => i is "IX_MemberUnits_Name" or "IX_MemberUnits_StreetId_Status_Name" or CandidateIndex)
            .Select(i => ($"without `{i}`", (string?)$"DROP INDEX \"{i}\"")));
        if (!existing.Contains(CandidateIndex))
        {
            variants.Add(($"with `{CandidateIndex}` (candidate)", CandidateDefinition));
        }

        report.AppendLine();
        report.AppendLine("## What each index is worth");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Median execution time (ms) of {Runs} runs of EXPLAIN (ANALYZE, TIMING OFF), and the access path, for each statement with the schema as migrated and with one index dropped or a candidate index added (inside a transaction that is rolled back).");
        report.AppendLine(existing.Contains(CandidateIndex)
            ? $"`{CandidateIndex}` is the index added by migration MemberUnitCreditCodePrefixIndex (docs/performance.md)."
            : $"Candidate: `{CandidateDefinition}`.");
        report.AppendLine();
        report.AppendLine("| Case | Statement | " + string.Join(" | ", variants.Select(v => v.Label)) + " |");
        report.AppendLine("|---|---|" + string.Concat(variants.Select(_ => "---|")));
        foreach (var (listCase, count, page) in captured)
        {
            foreach (var (label, command) in new[] { ("count", count), ("page", page) })
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

                    var (plan, median) = await ExplainAsync(connection, command, transaction, timing: false);
                    cells.Add(string.Create(CultureInfo.InvariantCulture, $"{median:0.00} ({AccessPath(plan)})"));
                    await transaction.RollbackAsync();
                }

                report.AppendLine(CultureInfo.InvariantCulture, $"| {listCase} | {label} | {string.Join(" | ", cells)} |");
            }
        }
    }

    /// <summary>timing: false measures with EXPLAIN (ANALYZE, TIMING OFF): per-node clocks cost much with thousands of subplan loops.</summary>
    internal static async Task<(string Plan, double MedianMs)> ExplainAsync(NpgsqlConnection connection, CapturedCommand command, NpgsqlTransaction? transaction = null, bool timing = true, int runs = Runs)
    {
        var times = new List<double>();
        var plan = "";
        for (var run = 0; run < runs; run++)
        {
            await using var explain = command.ToCommand(connection, timing ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN (ANALYZE, TIMING OFF) ");
            explain.Transaction = transaction;
            var lines = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    lines.Add(reader.GetString(0));
                }
            }

            plan = string.Join('\n', lines);
            times.Add(double.Parse(ExecutionTime().Match(plan).Groups[1].Value, CultureInfo.InvariantCulture));
        }

        times.Sort();
        return (plan, times[times.Count / 2]);
    }

    /// <summary>"seq scan", or the indexes used on "MemberUnits" (the community-name subplan is left out).</summary>
    private static string AccessPath(string plan)
    {
        var paths = new List<string>();
        foreach (Match match in ScanNode().Matches(plan))
        {
            var (kind, target) = (match.Groups[1].Value, match.Groups[2].Value.Trim('"'));
            if (target.StartsWith("Communities", StringComparison.Ordinal) || target.StartsWith("PK_Communities", StringComparison.Ordinal))
            {
                continue;
            }

            var shortKind = kind switch
            {
                "Seq Scan on" => "seq scan",
                "Bitmap Index Scan on" => "bitmap",
                "Index Only Scan using" => "index-only",
                _ => "index",
            };
            paths.Add(shortKind == "seq scan" ? shortKind : $"{shortKind} {target.Replace("IX_MemberUnits_", "", StringComparison.Ordinal)}");
        }

        return string.Join(" + ", paths.Distinct());
    }

    [GeneratedRegex(@"Execution Time: ([0-9.]+) ms")]
    private static partial Regex ExecutionTime();

    [GeneratedRegex(@"(Seq Scan on|Bitmap Index Scan on|Index Only Scan using|Index Scan using) (""[^""]+""|\S+)")]
    private static partial Regex ScanNode();
}
