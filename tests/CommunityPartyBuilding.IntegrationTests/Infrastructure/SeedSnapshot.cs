using System.Globalization;
using System.Text;
using Npgsql;

namespace CommunityPartyBuilding.IntegrationTests.Infrastructure;

/// <summary>
/// A copy of the freshly seeded rows of every table, kept in the schema <c>seed_snapshot</c> of the test database, and
/// put back with one TRUNCATE and one INSERT statement (the inserts are data-modifying CTEs of a single statement, so
/// PostgreSQL checks the foreign keys once at its end and the tables' order does not matter, cycles included).
/// Seeding reads the clock (today's meetings, claims lapsing in two days, check-in codes of today), so a snapshot
/// serves only while the clock is within a few minutes of the moment it was seeded and on the same business date;
/// after that the next reset seeds again and takes a new snapshot. A clock pinned by <c>PORTAL_TEST_CLOCK</c> goes back
/// to the same instant at every reset, a little before the snapshot was taken: the snapshot fits it too, and
/// <see cref="PortalApp.ResetAsync"/> moves the clock on to <see cref="TakenAt"/>, where the first test after seeding began.
/// </summary>
internal sealed class SeedSnapshot
{
    private const string Schema = "seed_snapshot";
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly DateTimeOffset takenAt;
    private readonly string restoreSql;

    private SeedSnapshot(DateTimeOffset takenAt, string restoreSql)
    {
        this.takenAt = takenAt;
        this.restoreSql = restoreSql;
    }

    /// <summary>The clock's reading when the seeded rows were copied.</summary>
    public DateTimeOffset TakenAt => takenAt;

    public bool Fits(DateTimeOffset now) =>
        (now - takenAt).Duration() < Freshness && BusinessDate(now) == BusinessDate(takenAt);

    public static async Task<SeedSnapshot> TakeAsync(NpgsqlConnection connection, DateTimeOffset now, IReadOnlyCollection<string> ignored)
    {
        var columns = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            """
            SELECT c.table_name, c.column_name
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
            ORDER BY c.table_name, c.ordinal_position
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (!ignored.Contains(table))
                {
                    (columns.TryGetValue(table, out var list) ? list : columns[table] = []).Add(reader.GetString(1));
                }
            }
        }

        var copy = new StringBuilder($"DROP SCHEMA IF EXISTS {Schema} CASCADE; CREATE SCHEMA {Schema};");
        foreach (var table in columns.Keys)
        {
            copy.Append(CultureInfo.InvariantCulture, $"CREATE TABLE {Schema}.{Quote(table)} AS SELECT * FROM public.{Quote(table)};");
        }

        await using (var command = new NpgsqlCommand(copy.ToString(), connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        var filled = new List<string>();
        await using (var command = new NpgsqlCommand(
            string.Join(" UNION ALL ", columns.Keys.Select(t => $"SELECT '{t}' WHERE EXISTS (SELECT 1 FROM {Schema}.{Quote(t)})")), connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                filled.Add(reader.GetString(0));
            }
        }

        // No RESTART IDENTITY: the sequences stay past the restored rows' values.
        var restore = new StringBuilder("TRUNCATE TABLE ");
        restore.AppendJoin(", ", columns.Keys.Select(t => "public." + Quote(t))).Append(';');
        if (filled.Count > 0)
        {
            restore.Append("WITH ");
            restore.AppendJoin(", ", filled.Select((table, i) =>
            {
                var list = string.Join(", ", columns[table].Select(Quote));
                return $"i{i} AS (INSERT INTO public.{Quote(table)} ({list}) OVERRIDING SYSTEM VALUE SELECT {list} FROM {Schema}.{Quote(table)})";
            }));
            restore.Append(" SELECT 1;");
        }

        return new SeedSnapshot(now, restore.ToString());
    }

    public async Task RestoreAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(restoreSql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static DateOnly BusinessDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Shanghai).DateTime);

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
