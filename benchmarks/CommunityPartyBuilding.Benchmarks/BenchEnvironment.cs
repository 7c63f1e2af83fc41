using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// Everything the benchmarks share, created once per process (BenchmarkDotNet runs in-process here, and calls each
/// benchmark case's [GlobalSetup]; starting the portal and seeding 5,000 units once is enough): a dedicated database,
/// the portal on Kestrel, the seeded street, a signed-in principal for the handler and a bearer token for the API.
/// </summary>
public sealed class BenchEnvironment : IAsyncDisposable
{
    public const string DefaultAdminConnection = "Host=127.0.0.1;Port=55432;Username=portal;Password=portal;Database=postgres";
    public const string StaffEmail = "staff.donghu@example.org";
    public const int UnitsInStreet = 5_000;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static BenchEnvironment? current;

    private BenchEnvironment(string adminConnection, string databaseName, string connectionString, BenchPortal portal)
    {
        AdminConnection = adminConnection;
        DatabaseName = databaseName;
        ConnectionString = connectionString;
        Portal = portal;
    }

    public string AdminConnection { get; }

    public string DatabaseName { get; }

    public string ConnectionString { get; }

    public BenchPortal Portal { get; }

    public Guid StreetId { get; private set; }

    /// <summary>staff.donghu@example.org as the app's claims factory builds them (what a cookie or token carries).</summary>
    public ClaimsPrincipal StaffPrincipal { get; private set; } = new();

    /// <summary>The baseline: the list by hand with Npgsql (its own data source on the same database).</summary>
    public BareSqlUnitList BareSql { get; private set; } = null!;

    /// <summary>The same by hand, with the community name joined rather than sub-selected.</summary>
    public BareSqlUnitList BareSqlJoin { get; private set; } = null!;

    /// <summary>Keep-alive client to 127.0.0.1 with staff.donghu's bearer token.</summary>
    public HttpClient Api { get; private set; } = new();

    public static async Task<BenchEnvironment> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return current ??= await CreateAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Disposes the shared environment, if one was created (end of Program.Main).</summary>
    public static async Task DisposeCurrentAsync()
    {
        if (current is { } environment)
        {
            current = null;
            await environment.DisposeAsync();
        }
    }

    private static async Task<BenchEnvironment> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable("PORTAL_BENCH_POSTGRES");
        admin = string.IsNullOrWhiteSpace(admin) ? DefaultAdminConnection : admin;
        var name = "cpb_bench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        Log($"database {name} created");
        var portal = new BenchPortal(connectionString);
        var environment = new BenchEnvironment(admin, name, connectionString, portal);
        try
        {
            portal.Start();
            Log($"portal listening on {portal.BaseAddress}");
            await environment.SeedAsync();
            await environment.SignInAsync();
            environment.BareSql = BareSqlUnitList.Create(connectionString);
            environment.BareSqlJoin = BareSqlUnitList.Create(connectionString, joinCommunity: true);
            return environment;
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
    }

    private async Task SeedAsync()
    {
        await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        StreetId = await db.Streets.Where(s => s.Name == DemoSeeder.DonghuStreet).Select(s => s.Id).SingleAsync();
        var communities = await db.Communities.Where(c => c.StreetId == StreetId).OrderBy(c => c.Name).Select(c => c.Id).ToListAsync();
        var taken = (await db.MemberUnits.Where(u => u.StreetId == StreetId).Select(u => u.CreditCode).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var toAdd = UnitsInStreet - taken.Count;
        var units = UnitGenerator.Generate(toAdd, communities, taken);

        var started = System.Diagnostics.Stopwatch.StartNew();
        await CopyUnitsAsync(ConnectionString, StreetId, units);
        Log($"{units.Count} units copied into 东湖街道 ({UnitsInStreet} in all) and analysed in {started.ElapsedMilliseconds} ms");
    }

    /// <summary>Copies generated units into a street (binary COPY), then VACUUM ANALYZE: a settled table, as in production.</summary>
    public static async Task CopyUnitsAsync(string connectionString, Guid streetId, IReadOnlyList<GeneratedUnit> units)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var importer = await connection.BeginBinaryImportAsync(
            """
            COPY "MemberUnits" ("Id", "StreetId", "Name", "CreditCode", "Category", "PartyOrganisationName", "PartyOrganisationType",
                "PartyMemberCount", "Address", "CommunityId", "ContactPerson", "ContactPhone", "JoinedOn", "Status", "WithdrawnOn",
                "WithdrawalReason") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var u in units)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(u.Id, NpgsqlDbType.Uuid);
                await importer.WriteAsync(streetId, NpgsqlDbType.Uuid);
                await importer.WriteAsync(u.Name, NpgsqlDbType.Varchar);
                await importer.WriteAsync(u.CreditCode, NpgsqlDbType.Char);
                await importer.WriteAsync(u.Category.ToString(), NpgsqlDbType.Varchar);
                await importer.WriteAsync(u.PartyOrganisationName, NpgsqlDbType.Varchar);
                await importer.WriteAsync(u.PartyOrganisationType.ToString(), NpgsqlDbType.Varchar);
                await importer.WriteAsync(u.PartyMemberCount, NpgsqlDbType.Integer);
                await importer.WriteAsync(u.Address, NpgsqlDbType.Varchar);
                await WriteNullableAsync(importer, u.CommunityId, NpgsqlDbType.Uuid);
                await importer.WriteAsync(u.ContactPerson, NpgsqlDbType.Varchar);
                await importer.WriteAsync(u.ContactPhone, NpgsqlDbType.Varchar);
                await importer.WriteAsync(u.JoinedOn, NpgsqlDbType.Date);
                await importer.WriteAsync(u.Status.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(importer, u.WithdrawnOn, NpgsqlDbType.Date);
                await WriteNullableAsync(importer, u.WithdrawalReason, NpgsqlDbType.Varchar);
            }

            await importer.CompleteAsync();
        }

        // A settled table, as in production: statistics current, visibility map set (VACUUM cannot share a batch).
        foreach (var sql in new[] { "VACUUM ANALYZE \"MemberUnits\"", "ANALYZE \"Communities\"", "ANALYZE \"Streets\"" })
        {
            await using var analyze = new NpgsqlCommand(sql, connection);
            await analyze.ExecuteNonQueryAsync();
        }
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
        where T : struct => value is { } v ? importer.WriteAsync(v, type) : importer.WriteNullAsync();

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type) =>
        value is null ? importer.WriteNullAsync() : importer.WriteAsync(value, type);

    private async Task SignInAsync()
    {
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync(StaffEmail) ?? throw new InvalidOperationException($"{StaffEmail} was not seeded.");
            StaffPrincipal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
        }

        Api = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromHours(1), UseCookies = false })
        {
            BaseAddress = Portal.BaseAddress,
        };
        using var response = await Api.PostAsJsonAsync("/api/v1/tokens", new { email = StaffEmail, password = DemoSeeder.DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>() ?? throw new InvalidOperationException("No token.");
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
    }

    /// <summary>Whether the dashboard's activities, agreements and campaigns have been generated (only the dashboard benchmark needs them).</summary>
    private bool dashboardSeeded;

    public const string OrgDeptEmail = "orgdept@example.org";

    /// <summary>orgdept@example.org as the app's claims factory builds them (the dashboard benchmark's department table).</summary>
    public ClaimsPrincipal OrgDeptPrincipal { get; private set; } = new();

    /// <summary>Keep-alive client with orgdept@example.org's bearer token.</summary>
    public HttpClient OrgDeptApi { get; private set; } = new();

    public Guid DepartmentId { get; private set; }

    /// <summary>Generates the dashboard benchmark's data once per process (DashboardData) and signs in the organisation department.</summary>
    public async Task EnsureDashboardDataAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (dashboardSeeded)
            {
                return;
            }

            await DashboardData.SeedAsync(this);
            await using (var scope = Portal.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
                var user = await users.FindByEmailAsync(OrgDeptEmail) ?? throw new InvalidOperationException($"{OrgDeptEmail} was not seeded.");
                OrgDeptPrincipal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
                DepartmentId = user.OrganisationDepartmentId ?? throw new InvalidOperationException("No department.");
            }

            OrgDeptApi = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromHours(1), UseCookies = false })
            {
                BaseAddress = Portal.BaseAddress,
            };
            using var response = await OrgDeptApi.PostAsJsonAsync("/api/v1/tokens", new { email = OrgDeptEmail, password = DemoSeeder.DemoPassword });
            response.EnsureSuccessStatusCode();
            var token = await response.Content.ReadFromJsonAsync<TokenBody>() ?? throw new InvalidOperationException("No token.");
            OrgDeptApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
            dashboardSeeded = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        OrgDeptApi.Dispose();
        Api.Dispose();
        foreach (var bare in new[] { BareSql, BareSqlJoin })
        {
            if (bare is not null)
            {
                await bare.DisposeAsync();
            }
        }

        await Portal.DisposeAsync();
        if (Environment.GetEnvironmentVariable("PORTAL_BENCH_KEEP_DB") == "1")
        {
            Log($"PORTAL_BENCH_KEEP_DB=1: database {DatabaseName} kept");
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
        Log($"database {DatabaseName} dropped");
    }

    public static void Log(string message) => Console.WriteLine($"[bench] {message}");

    private sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);
}

/// <summary>The list cases measured: a search term (or none) and a page; 50 rows a page, name order, active units.</summary>
public sealed record ListCase(string? Search, int Page) : IComparable<ListCase>, IComparable
{
    public const int PageSize = 50;

    /// <summary>
    /// No search; a common term (有限公司, most companies: page 50 exists); a common two-character term (科技: about 13
    /// pages, so page 50 is past the end); a selective four-character term (环保科技); a credit-code prefix.
    /// </summary>
    public static IReadOnlyList<ListCase> All { get; } =
    [
        new(null, 1), new(null, 50),
        new("有限公司", 1), new("有限公司", 50),
        new("科技", 1), new("科技", 50),
        new("环保科技", 1),
        new("91330102A", 1),
    ];

    public UnitQuery ToQuery() => new() { Search = Search, Page = Page, PageSize = PageSize };

    public string ApiPath(Guid streetId) =>
        $"/api/v1/streets/{streetId}/units?page={Page}&pageSize={PageSize}" + (Search is null ? "" : "&search=" + Uri.EscapeDataString(Search));

    /// <summary>How BenchmarkDotNet shows the parameter (it cuts longer ones): "科技 p1", or "all p50" without a search.</summary>
    public override string ToString() => (Search ?? "all") + " p" + Page.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>BenchmarkDotNet orders parameter values with this: the order of <see cref="All"/>.</summary>
    public int CompareTo(ListCase? other) => other is null ? 1 : IndexOf(this).CompareTo(IndexOf(other));

    public int CompareTo(object? obj) => CompareTo(obj as ListCase);

    public static bool operator <(ListCase left, ListCase right) => left.CompareTo(right) < 0;

    public static bool operator <=(ListCase left, ListCase right) => left.CompareTo(right) <= 0;

    public static bool operator >(ListCase left, ListCase right) => left.CompareTo(right) > 0;

    public static bool operator >=(ListCase left, ListCase right) => left.CompareTo(right) >= 0;

    private static int IndexOf(ListCase listCase) => All.ToList().IndexOf(listCase);
}
