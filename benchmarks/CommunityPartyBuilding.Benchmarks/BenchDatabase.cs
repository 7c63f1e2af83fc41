using System.Globalization;
using Npgsql;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>The benchmarks' plain SQL: a run's own database (created, dropped), one statement, one figure.</summary>
internal static class BenchDatabase
{
    /// <summary>A new, empty database for one run (UTF-8), which <see cref="DropAsync"/> removes at its end.</summary>
    public static Task CreateAsync(string adminConnectionString, string name) =>
        ExecuteAsync(adminConnectionString, $"CREATE DATABASE {Quote(name)} ENCODING 'UTF8'");

    /// <summary>One statement on a connection of its own.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A count (or any whole number) on a connection of its own.</summary>
    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return Convert.ToInt64(await ScalarAsync(connection, sql), CultureInfo.InvariantCulture);
    }

    /// <summary>The first column of the first row on an open connection, as it comes (null for none).</summary>
    public static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>The same, of a type known to the caller (a count is a <c>long</c>).</summary>
    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql) => (T)(await ScalarAsync(connection, sql))!;

    /// <summary>The same, as text (empty for none): for the reports' descriptions of the data.</summary>
    public static async Task<string> TextAsync(NpgsqlConnection connection, string sql) =>
        Convert.ToString(await ScalarAsync(connection, sql), CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// <c>DROP DATABASE … WITH (FORCE)</c> ends the run's own leftover connections; PostgreSQL refuses it (42501) to a
    /// role that is not a superuser when an autovacuum worker is busy in the database (the worker's process belongs to
    /// no role the benchmark's user may signal). A plain DROP then asks the worker to stop and waits for it, so that is
    /// the fallback, tried a few times.
    /// </summary>
    public static async Task DropAsync(string adminConnectionString, string name)
    {
        var quoted = Quote(name);
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        try
        {
            await using var force = new NpgsqlCommand($"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", connection);
            await force.ExecuteNonQueryAsync();
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            Console.WriteLine($"[bench] DROP DATABASE {name} WITH (FORCE) refused ({e.MessageText}); dropping without FORCE");
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var plain = new NpgsqlCommand($"DROP DATABASE IF EXISTS {quoted}", connection);
                await plain.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (attempt < 5 && e.SqlState == PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }
}
