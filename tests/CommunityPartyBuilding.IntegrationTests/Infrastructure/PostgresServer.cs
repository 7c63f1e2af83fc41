using Npgsql;
using Testcontainers.PostgreSql;

namespace CommunityPartyBuilding.IntegrationTests.Infrastructure;

/// <summary>
/// Where the tests' databases live: the server named by PORTAL_TEST_POSTGRES (the local cluster scripts/test.sh
/// starts when no Docker engine answers), otherwise a Testcontainers PostgreSQL 15.
/// </summary>
internal static class PostgresServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? adminConnectionString;
    private static PostgreSqlContainer? container;

    public static async Task<string> AdminConnectionStringAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (adminConnectionString is not null)
            {
                return adminConnectionString;
            }

            var fromEnvironment = Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES");
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                adminConnectionString = fromEnvironment;
            }
            else
            {
                container = new PostgreSqlBuilder("postgres:15").Build();
                await container.StartAsync();
                adminConnectionString = container.GetConnectionString();
            }

            return adminConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<(string ConnectionString, string Name)> CreateDatabaseAsync()
    {
        var admin = await AdminConnectionStringAsync();
        var name = "cpb_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 30 };
        return (builder.ConnectionString, name);
    }

    /// <summary>
    /// Best-effort clean-up: an autovacuum worker (which a non-superuser may not terminate) can hold the database for a
    /// moment, so the drop is retried and finally left to the next run rather than failing a test that passed.
    /// </summary>
    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync());
                await connection.OpenAsync();
                // Dropping a database waits for a checkpoint; on a busy shared cluster that took longer than Npgsql's
                // default 30 s once and failed a test that had passed.
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection) { CommandTimeout = 180 };
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (NpgsqlException e) when (e.InnerException is TimeoutException)
            {
                Console.Error.WriteLine($"Test database {name} could not be dropped in time; it is left behind.");
                return;
            }
            catch (PostgresException e) when (e.SqlState is "42501" or "55006" && attempt < 10)
            {
                await Task.Delay(500 * attempt);
            }
            catch (PostgresException e) when (e.SqlState is "42501" or "55006")
            {
                Console.Error.WriteLine($"Test database {name} could not be dropped ({e.MessageText}); it is left behind.");
                return;
            }
        }
    }
}
