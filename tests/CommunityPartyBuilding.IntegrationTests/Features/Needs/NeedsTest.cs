using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;

namespace CommunityPartyBuilding.IntegrationTests.Features.Needs;

/// <summary>
/// What the needs tests start from: 东湖街道 with its community 东湖社区 (where they enter needs), the units of the demo's
/// leader1 and leader2 there, and API clients as the demo users who act on needs.
/// </summary>
public abstract class NeedsTest(PortalApp app) : PortalTest(app)
{
    /// <summary>东湖街道 and its community 东湖社区 (the community staff's).</summary>
    protected async Task<(Guid Street, Guid Community)> DonghuAsync()
    {
        var street = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        return (street, await App.CommunityIdAsync(street, "东湖社区"));
    }

    /// <summary>东湖社区's id.</summary>
    protected async Task<Guid> DonghuCommunityAsync() => (await DonghuAsync()).Community;

    /// <summary>leader1's unit (<see cref="UnitData.Leader1Unit"/>) and leader2's (<see cref="UnitData.Leader2Unit"/>), both in 东湖.</summary>
    protected async Task<(Guid Unit, Guid OtherUnit)> UnitsAsync() => (await App.UnitIdAsync(UnitData.Leader1Unit), await App.UnitIdAsync(UnitData.Leader2Unit));

    /// <summary>东湖街道's staff (staff.donghu).</summary>
    protected Task<HttpClient> StaffAsync() => App.ApiAsAsync("staff.donghu@example.org");

    /// <summary>东湖社区's staff (community.donghu).</summary>
    protected Task<HttpClient> CommunityStaffAsync() => App.ApiAsAsync("community.donghu@example.org");

    /// <summary>leader1, the leader of <see cref="UnitData.Leader1Unit"/>.</summary>
    protected Task<HttpClient> LeaderAsync() => App.ApiAsAsync("leader1@example.org");

    /// <summary>leader2, the leader of <see cref="UnitData.Leader2Unit"/>.</summary>
    protected Task<HttpClient> OtherLeaderAsync() => App.ApiAsAsync("leader2@example.org");
}
