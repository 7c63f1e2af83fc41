using Npgsql;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>Drops a benchmark's database at the end of a run.</summary>
internal static class BenchDatabase
{
    /// <summary>
    /// <c>DROP DATABASE … WITH (FORCE)</c> ends the run's own leftover connections; PostgreSQL refuses it (42501) to a
    /// role that is not a superuser when an autovacuum worker is busy in the database (the worker's process belongs to
    /// no role the benchmark's user may signal). A plain DROP then asks the worker to stop and waits for it, so that is
    /// the fallback, tried a few times.
    /// </summary>
    public static async Task DropAsync(string adminConnectionString, string name)
    {
        var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
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
