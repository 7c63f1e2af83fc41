using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using CommunityPartyBuilding.Web.Features.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>What is measured: the street dashboard of this year and of last year (staff.donghu), the department table (orgdept).</summary>
public sealed record DashboardCase(string Name, bool Department, int YearsBack) : IComparable<DashboardCase>, IComparable
{
    public static IReadOnlyList<DashboardCase> All { get; } =
    [
        new("street, this year", false, 0),
        new("street, last year", false, 1),
        new("department, this year", true, 0),
    ];

    public int? Year => YearsBack == 0 ? null : DateTime.UtcNow.Year - YearsBack;

    public string ApiPath(BenchEnvironment environment) => (Department
        ? $"/api/v1/organisation-departments/{environment.DepartmentId}/streets"
        : $"/api/v1/streets/{environment.StreetId}/dashboard") + (Year is { } y ? $"?year={y}" : "");

    public ClaimsPrincipal Principal(BenchEnvironment environment) => Department ? environment.OrgDeptPrincipal : environment.StaffPrincipal;

    public HttpClient Api(BenchEnvironment environment) => Department ? environment.OrgDeptApi : environment.Api;

    /// <summary>The handler the endpoint calls, in a DI scope of the running portal.</summary>
    public async Task<object> RunHandlerAsync(IServiceProvider services, BenchEnvironment environment) => Department
        ? await services.GetRequiredService<GetDepartmentOverview>().HandleAsync(environment.DepartmentId, Year)
        : await services.GetRequiredService<GetStreetDashboard>().HandleAsync(environment.StreetId, Year);

    /// <summary>The statements the handler sends, captured once with an interceptor on a private context factory.</summary>
    public Task<(object Result, IReadOnlyList<CapturedCommand> Commands)> CaptureAsync(BenchEnvironment environment) =>
        EfSqlCapture.CaptureAsync<object>(environment.ConnectionString, Principal(environment), async (factory, scope, calendar) => Department
            ? await new GetDepartmentOverview(factory, scope, calendar, NoCache()).HandleAsync(environment.DepartmentId, Year)
            : await new GetStreetDashboard(factory, scope, calendar, NoCache()).HandleAsync(environment.StreetId, Year));

    /// <summary>The figures' cache turned off: this benchmark measures the computation (the overload run measures the cache).</summary>
    private static FigureCache NoCache() => new(new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()),
        new FigureVersions(), Microsoft.Extensions.Options.Options.Create(new DashboardOptions { CacheSeconds = 0 }), TimeProvider.System);

    public override string ToString() => Name;

    public int CompareTo(DashboardCase? other) => other is null ? 1 : All.ToList().IndexOf(this).CompareTo(All.ToList().IndexOf(other));

    public int CompareTo(object? obj) => CompareTo(obj as DashboardCase);

    public static bool operator <(DashboardCase left, DashboardCase right) => left.CompareTo(right) < 0;

    public static bool operator <=(DashboardCase left, DashboardCase right) => left.CompareTo(right) <= 0;

    public static bool operator >(DashboardCase left, DashboardCase right) => left.CompareTo(right) > 0;

    public static bool operator >=(DashboardCase left, DashboardCase right) => left.CompareTo(right) >= 0;
}

/// <summary>
/// The baseline: the very statements the handler sends (captured, with their parameters), minus its first one (the
/// scope check, which is part of what the handler costs), replayed through Npgsql on its own data source, every value
/// of every row read. What remains between this and the handler is EF Core, the DTOs, the scope check and the DI scope.
/// </summary>
public sealed class BareSqlReplay : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly IReadOnlyList<CapturedCommand> statements;

    public BareSqlReplay(string connectionString, IReadOnlyList<CapturedCommand> captured)
    {
        dataSource = NpgsqlDataSource.Create(connectionString);
        statements = captured.Skip(1).ToList();
    }

    public IReadOnlyList<CapturedCommand> Statements => statements;

    /// <summary>Runs every statement on one connection; returns the number of values read.</summary>
    public async Task<int> RunAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var values = 0;
        foreach (var statement in statements)
        {
            await using var command = statement.ToCommand(connection);
            await using var reader = await command.ExecuteReaderAsync();
            var buffer = new object[reader.FieldCount];
            while (await reader.ReadAsync())
            {
                values += reader.GetValues(buffer);
            }
        }

        return values;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}

/// <summary>
/// The dashboard with 5,000 units and 500,000 activities in the street, three ways: the bare SQL aggregates (baseline),
/// the handler called directly, and the HTTP API. The Ratio column is each way's mean over the bare SQL's.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet creates the field in [GlobalSetup] and disposes it in [GlobalCleanup]; it never calls Dispose.")]
public class DashboardBenchmarks
{
    private BenchEnvironment environment = null!;
    private IHttpContextAccessor httpContextAccessor = null!;
    private DefaultHttpContext context = null!;
    private BareSqlReplay bare = null!;
    private string apiPath = "";
    private HttpClient api = null!;

    [ParamsSource(nameof(Cases))]
    public DashboardCase Case { get; set; } = null!;

    public static IEnumerable<DashboardCase> Cases => DashboardCase.All;

    [GlobalSetup]
    public void Setup()
    {
        environment = BenchEnvironment.GetAsync().GetAwaiter().GetResult();
        environment.EnsureDashboardDataAsync().GetAwaiter().GetResult();
        httpContextAccessor = environment.Portal.Services.GetRequiredService<IHttpContextAccessor>();
        context = new DefaultHttpContext { User = Case.Principal(environment) };
        var (_, commands) = Case.CaptureAsync(environment).GetAwaiter().GetResult();
        bare = new BareSqlReplay(environment.ConnectionString, commands);
        apiPath = Case.ApiPath(environment);
        api = Case.Api(environment);
    }

    [GlobalCleanup]
    public void Cleanup() => bare.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "bare SQL aggregates")]
    public Task<int> BareSql() => bare.RunAsync();

    [Benchmark(Description = "handler")]
    public async Task<object> Handler()
    {
        await using var scope = environment.Portal.Services.CreateAsyncScope();
        httpContextAccessor.HttpContext = context;
        return await Case.RunHandlerAsync(scope.ServiceProvider, environment);
    }

    [Benchmark(Description = "HTTP API")]
    public async Task<int> Api()
    {
        using var response = await api.GetAsync(apiPath);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }
}
