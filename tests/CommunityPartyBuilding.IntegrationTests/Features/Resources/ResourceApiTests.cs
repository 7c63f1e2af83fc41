using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Resources;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Resources;

/// <summary>资源清单 over HTTP: who registers, edits and withdraws a unit's resources, who reads the street's list, and bad input.</summary>
public class ResourceApiTests(PortalApp app) : PortalTest(app)
{
    private static object Body(string title = "三楼多功能会议室", string kind = "venue", decimal? capacity = 40, string? measure = null,
        IEnumerable<Guid>? communityIds = null, uint? version = null) => new
    {
        kind,
        title,
        description = "有投影和音响",
        capacity,
        measure,
        availability = "工作日 9:00–17:00",
        communityIds = communityIds ?? [],
        version,
    };

    private static async Task<JsonElement> StreetListAsync(HttpClient client, Guid streetId, string query = "") =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{streetId}/resources?pageSize=500{query}");

    private static string[] Titles(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("unitName").GetString() + "/" + r.GetProperty("title").GetString()).ToArray();

    [Fact]
    public async Task A_unit_leader_registers_edits_and_withdraws_a_resource_of_their_unit_and_staff_see_it_in_the_street_list()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var unitId = await App.UnitIdAsync(Leader1Unit);
        var binjiang = await App.CommunityIdAsync(donghu, "滨江社区");
        using var leader = await App.ApiAsAsync("leader1@example.org");
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");

        var created = await leader.PostAsJsonAsync($"/api/v1/units/{unitId}/resources", Body(communityIds: [binjiang]));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var resource = await created.JsonAsync();
        var id = resource.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/resources/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(("venue", "三楼多功能会议室", 40m, "seats", "active"), (resource.GetProperty("kind").GetString(), resource.GetProperty("title").GetString(),
            resource.GetProperty("capacity").GetDecimal(), resource.GetProperty("measure").GetString(), resource.GetProperty("status").GetString()));
        Assert.Equal(Leader1Unit, resource.GetProperty("unitName").GetString());
        Assert.Equal("滨江社区", Assert.Single(resource.GetProperty("communities").EnumerateArray()).GetProperty("name").GetString());

        // On the unit's list and in the street's list, found by the community it serves and by a search for the unit.
        var ofUnit = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/units/{unitId}/resources");
        Assert.Contains(ofUnit.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        Assert.Contains(Leader1Unit + "/三楼多功能会议室", Titles(await StreetListAsync(staff, donghu, $"&communityId={binjiang}")));
        Assert.Contains(Leader1Unit + "/三楼多功能会议室", Titles(await StreetListAsync(staff, donghu, "&kind=venue&search=" + Uri.EscapeDataString("检察院"))));
        Assert.DoesNotContain(Leader1Unit + "/三楼多功能会议室", Titles(await StreetListAsync(staff, donghu, "&kind=funds")));

        // An edit with the version read; the same version again is stale.
        var version = resource.GetProperty("version").GetUInt32();
        var edited = await leader.PutAsJsonAsync($"/api/v1/resources/{id}", Body("三楼会议室（新装修）", capacity: 60, version: version));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var after = await edited.JsonAsync();
        Assert.Equal(("三楼会议室（新装修）", 60m, 0), (after.GetProperty("title").GetString(), after.GetProperty("capacity").GetDecimal(), after.GetProperty("communities").GetArrayLength()));
        var stale = await leader.PutAsJsonAsync($"/api/v1/resources/{id}", Body("又改了", version: version));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        // Withdrawn: out of the lists unless asked for, not editable, and a second withdrawal changes nothing.
        var withdrawn = await leader.DeleteAsync($"/api/v1/resources/{id}");
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("withdrawn", (await withdrawn.JsonAsync()).GetProperty("status").GetString());
        Assert.DoesNotContain(Leader1Unit + "/三楼会议室（新装修）", Titles(await StreetListAsync(staff, donghu)));
        Assert.Contains(Leader1Unit + "/三楼会议室（新装修）", Titles(await StreetListAsync(staff, donghu, "&includeWithdrawn=true")));
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PutAsJsonAsync($"/api/v1/resources/{id}", Body())).StatusCode);
        var before = await App.SnapshotAsync();
        Assert.Equal(HttpStatusCode.OK, (await leader.DeleteAsync($"/api/v1/resources/{id}")).StatusCode);
        Assert.Equal(before, await App.SnapshotAsync());

        // Every change is in the audit log, by the leader.
        var audit = await App.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(UnitResource) && e.EntityId == id.ToString()).Select(e => new { e.Action, e.UserName }).ToListAsync());
        Assert.Equal(3, audit.Count);
        Assert.All(audit, e => Assert.Equal("leader1@example.org", e.UserName));
    }

    [Fact]
    public async Task Nobody_writes_another_units_or_another_streets_resources_and_a_refusal_changes_nothing()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var ownUnit = await App.UnitIdAsync(Leader1Unit);
        var otherUnit = await App.UnitIdAsync(Leader2Unit);
        var otherResource = await App.QueryAsync(db => db.UnitResources.Where(r => r.UnitId == otherUnit).Select(r => r.Id).FirstAsync());
        var xichengUnit = await App.UnitIdAsync(Leader3Unit);
        var xichengResource = await App.QueryAsync(db => db.UnitResources.Where(r => r.UnitId == xichengUnit).Select(r => r.Id).FirstAsync());
        using var leader = await App.ApiAsAsync("leader1@example.org");
        using var donghuStaff = await App.ApiAsAsync("staff.donghu@example.org");
        using var department = await App.ApiAsAsync("orgdept@example.org");
        var before = await App.SnapshotAsync();

        // Another unit of the same street: not visible to this leader, so not found.
        Assert.Equal(HttpStatusCode.NotFound, (await leader.PostAsJsonAsync($"/api/v1/units/{otherUnit}/resources", Body())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.PutAsJsonAsync($"/api/v1/resources/{otherResource}", Body())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.DeleteAsync($"/api/v1/resources/{otherResource}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/resources/{otherResource}")).StatusCode);

        // Another street's staff read nothing of 西城 and write nothing there.
        Assert.Equal(HttpStatusCode.NotFound, (await donghuStaff.GetAsync($"/api/v1/resources/{xichengResource}")).StatusCode);
        var foreign = await donghuStaff.PutAsJsonAsync($"/api/v1/resources/{xichengResource}", Body());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("未找到该资源", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var foreignDelete = await donghuStaff.DeleteAsync($"/api/v1/resources/{xichengResource}");
        Assert.Equal(HttpStatusCode.NotFound, foreignDelete.StatusCode);
        Assert.Contains("未找到该资源", await foreignDelete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await donghuStaff.PostAsJsonAsync($"/api/v1/units/{xichengUnit}/resources", Body())).StatusCode);

        // The department reads its streets' resources but changes nothing; a leader does not list the street's.
        Assert.Equal(HttpStatusCode.OK, (await department.GetAsync($"/api/v1/resources/{otherResource}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await department.PostAsJsonAsync($"/api/v1/units/{otherUnit}/resources", Body())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await department.DeleteAsync($"/api/v1/resources/{otherResource}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/v1/streets/{donghu}/resources")).StatusCode);

        // The leader's own unit: allowed (the refusals above were about scope, not the body).
        Assert.Equal(HttpStatusCode.Created, (await leader.PostAsJsonAsync($"/api/v1/units/{ownUnit}/resources", Body())).StatusCode);
        Assert.NotEqual(before, await App.SnapshotAsync());
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_changes_nothing()
    {
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        var unitId = await App.UnitIdAsync(Leader1Unit);
        var withdrawnUnit = await App.UnitIdAsync(WithdrawnUnit);
        var xichengCommunity = await App.QueryAsync(db => db.Communities.Where(c => c.StreetId == xicheng).Select(c => c.Id).FirstAsync());
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var before = await App.SnapshotAsync();

        async Task<string[]> ErrorsAsync(object body)
        {
            var response = await staff.PostAsJsonAsync($"/api/v1/units/{unitId}/resources", body);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        }

        Assert.Equal(["kind", "title"], await ErrorsAsync(new { title = " ", capacity = 10 }));
        Assert.Equal(["title"], await ErrorsAsync(Body(title: new string('会', ResourceRules.TitleMaxLength + 1))));
        Assert.Equal(["capacity"], await ErrorsAsync(Body(capacity: -1)));
        Assert.Equal(["capacity"], await ErrorsAsync(Body(capacity: 10.5m)));
        Assert.Equal(["measure"], await ErrorsAsync(Body(kind: "funds", measure: "seats")));
        Assert.Equal(["communityIds"], await ErrorsAsync(Body(communityIds: [xichengCommunity])));
        Assert.Equal(["communityIds"], await ErrorsAsync(Body(communityIds: [Guid.NewGuid()])));

        // An unknown kind in the body does not bind (400, a problem naming the body); in a query it is a bad value (422).
        // A withdrawn unit offers nothing new (409).
        var unknownKind = await staff.PostAsJsonAsync($"/api/v1/units/{unitId}/resources", Body(kind: "parking"));
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Equal("application/problem+json", unknownKind.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/v1/units/{withdrawnUnit}/resources", Body())).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.GetAsync($"/api/v1/streets/{xicheng}/resources?kind=parking")).StatusCode);
        Assert.Equal(before, await App.SnapshotAsync());
    }

    [Fact]
    public async Task The_street_list_serves_matching_whole_street_resources_show_under_every_community()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var taoyuan = await App.CommunityIdAsync(donghu, "桃源社区");
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");

        var all = await StreetListAsync(staff, donghu);
        var inTaoyuan = await StreetListAsync(staff, donghu, $"&communityId={taoyuan}");
        var items = inTaoyuan.GetProperty("items").EnumerateArray().ToList();

        Assert.True(all.GetProperty("total").GetInt32() > inTaoyuan.GetProperty("total").GetInt32());
        Assert.NotEmpty(items);
        Assert.All(items, r =>
        {
            var communities = r.GetProperty("communities").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
            Assert.True(communities.Count == 0 || communities.Contains(taoyuan));
        });
        Assert.Contains(items, r => r.GetProperty("communities").GetArrayLength() == 0);
        Assert.Contains(items, r => r.GetProperty("communities").GetArrayLength() > 0);

        // Paged: the second page of two continues the first.
        var first = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/resources?page=1&pageSize=2");
        var second = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/resources?page=2&pageSize=2");
        Assert.Equal(all.GetProperty("total").GetInt32(), first.GetProperty("total").GetInt32());
        Assert.Equal(Titles(all).Take(4), Titles(first).Concat(Titles(second)));
    }
}
