using BenchmarkDotNet.Attributes;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// The member-unit list of 东湖街道 (5,000 units) for each <see cref="ListCase"/>, three ways: the bare SQL (baseline),
/// the GetUnits handler called directly, and GET /api/v1/streets/{id}/units over HTTP to 127.0.0.1.
/// The Ratio column is each way's mean over the bare SQL's mean for the same case, measured in the same run.
/// </summary>
public class UnitListBenchmarks
{
    private BenchEnvironment environment = null!;
    private IHttpContextAccessor httpContextAccessor = null!;
    private DefaultHttpContext staffContext = null!;
    private string apiPath = "";

    [ParamsSource(nameof(Cases))]
    public ListCase Case { get; set; } = null!;

    public static IEnumerable<ListCase> Cases => ListCase.All;

    [GlobalSetup]
    public void Setup()
    {
        environment = BenchEnvironment.GetAsync().GetAwaiter().GetResult();
        httpContextAccessor = environment.Portal.Services.GetRequiredService<IHttpContextAccessor>();
        staffContext = new DefaultHttpContext { User = environment.StaffPrincipal };
        apiPath = Case.ApiPath(environment.StreetId);
    }

    /// <summary>Count + page by hand with Npgsql, read into UnitDto records.</summary>
    [Benchmark(Baseline = true, Description = "bare SQL")]
    public Task<PagedResult<UnitDto>> BareSql() => environment.BareSql.QueryAsync(environment.StreetId, Case);

    /// <summary>Not a layer of the app: the bare SQL with the community name by LEFT JOIN (what the query's shape costs).</summary>
    [Benchmark(Description = "bare SQL, join")]
    public Task<PagedResult<UnitDto>> BareSqlJoin() => environment.BareSqlJoin.QueryAsync(environment.StreetId, Case);

    /// <summary>What the API endpoint runs, minus HTTP: a DI scope, the signed-in staff member, GetUnits.HandleAsync.</summary>
    [Benchmark(Description = "GetUnits handler")]
    public async Task<PagedResult<UnitDto>> Handler()
    {
        await using var scope = environment.Portal.Services.CreateAsyncScope();
        httpContextAccessor.HttpContext = staffContext;
        var handler = scope.ServiceProvider.GetRequiredService<GetUnits>();
        return await handler.HandleAsync(environment.StreetId, Case.ToQuery());
    }

    /// <summary>GET over a kept-alive HTTP/1.1 connection with a bearer token; the JSON body is read in full, not parsed.</summary>
    [Benchmark(Description = "HTTP API")]
    public async Task<int> Api()
    {
        using var response = await environment.Api.GetAsync(apiPath);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync();
        return body.Length;
    }
}
