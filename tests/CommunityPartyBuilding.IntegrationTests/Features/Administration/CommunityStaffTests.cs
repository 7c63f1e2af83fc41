using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Administration;

/// <summary>社区工作人员 (issue 16.1): who creates these accounts, and what the role reads and may not change.</summary>
public class CommunityStaffTests(PortalApp app) : PortalTest(app)
{
    private static object Account(string email, Guid? communityId, Guid? streetId = null) => new
    {
        email,
        displayName = "桃源社区 李娜",
        role = "communityStaff",
        streetId,
        communityId,
    };

    [Fact]
    public async Task Street_staff_create_community_staff_accounts_for_their_own_streets_communities_only()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        var taoyuan = await App.CommunityIdAsync(donghu, "桃源社区");
        var xichengCommunity = await App.QueryAsync(db => db.Communities.Where(c => c.StreetId == xicheng).Select(c => c.Id).FirstAsync());
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");

        // Naming the community is enough: the account belongs to its street.
        var created = await staff.PostAsJsonAsync("/api/v1/users", Account("taoyuan@example.org", taoyuan));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = await App.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "taoyuan@example.org"));
        Assert.Equal((PortalRole.CommunityStaff, donghu, taoyuan, (Guid?)null), (stored.Role, stored.StreetId!.Value, stored.CommunityId!.Value, stored.UnitId));

        // Listed among the street's accounts, with the community as its scope; staff may lock it.
        var list = await staff.GetFromJsonAsync<JsonElement>("/api/v1/users?pageSize=500");
        var row = Assert.Single(list.GetProperty("items").EnumerateArray(), u => u.GetProperty("email").GetString() == "taoyuan@example.org");
        Assert.Equal(("communityStaff", "桃源社区"), (row.GetProperty("role").GetString(), row.GetProperty("scopeName").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/api/v1/users/{stored.Id}/lock", null)).StatusCode);

        // Another street's community: not theirs (403); a community that does not match the street named: 422; none: 422.
        var before = await App.QueryAsync(db => db.Users.CountAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/v1/users", Account("x1@example.org", xichengCommunity))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsJsonAsync("/api/v1/users", Account("x2@example.org", xichengCommunity, donghu))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsJsonAsync("/api/v1/users", Account("x3@example.org", null, donghu))).StatusCode);
        Assert.Equal(before, await App.QueryAsync(db => db.Users.CountAsync()));

        // Street staff create no other role; an administrator creates community staff anywhere.
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/v1/users", new { email = "x4@example.org", displayName = "某人", role = "streetStaff", streetId = donghu })).StatusCode);
        using var admin = await App.ApiAsAsync("admin@example.org");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/users", Account("xicheng.community@example.org", xichengCommunity))).StatusCode);
    }

    [Fact]
    public async Task Community_staff_read_their_streets_units_resources_and_committee_and_nothing_of_another_street()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        using var staff = await App.ApiAsAsync("community.donghu@example.org");

        var me = await staff.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(("communityStaff", donghu, community), (me.GetProperty("role").GetString(), me.GetProperty("streetId").GetGuid(), me.GetProperty("communityId").GetGuid()));

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/streets/{donghu}/units")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/streets/{donghu}/resources?communityId={community}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/streets/{donghu}/committee")).StatusCode);
        var unit = await App.UnitIdAsync(UnitData.Leader1Unit);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/units/{unit}/resources")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/streets/{xicheng}/units")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/units/{await App.UnitIdAsync(UnitData.Leader3Unit)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/v1/audit")).StatusCode);
    }
}
