using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyBuilding.IntegrationTests.Features.Agreements.AgreementTestData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Agreements;

/// <summary>A unit leader can never log for, read or attach to another unit's activities; other streets see nothing.</summary>
[Trait("Clock", "DateSensitive")]
public class AgreementScopeTests(PortalApp app) : PortalTest(app)
{
    private static readonly HttpStatusCode[] Refused = [HttpStatusCode.Forbidden, HttpStatusCode.NotFound];

    [Fact]
    public async Task Every_agreement_and_activity_route_refuses_callers_outside_their_scope()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        var unit1 = await UnitIdAsync(App, "东湖区人民检察院");
        var unit2 = await UnitIdAsync(App, "国网东湖供电公司");
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var leader1 = await App.ApiAsAsync("leader1@example.org");
        using var leader2 = await App.ApiAsAsync("leader2@example.org");
        using var xichengStaff = await App.ApiAsAsync("staff.xicheng@example.org");
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        using var anonymous = App.Anonymous();

        var agreement2 = (await CreateAgreementAsync(staff, donghu, Agreement(unit2))).GetProperty("id").GetGuid();
        var commitment2 = await App.QueryAsync(db => db.Commitments.Where(c => c.AgreementId == agreement2).Select(c => c.Id).SingleAsync());
        var activity2 = await LogActivityAsync(leader2, unit2, Activity(App.Clock.Today, commitment2));
        var photo2 = (await (await leader2.PostAsync($"/api/v1/activities/{activity2}/photos", File(Png(), "p.png"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var activities = await App.QueryAsync(db => db.Activities.CountAsync());
        var photos = await App.QueryAsync(db => db.ActivityPhotos.CountAsync());

        // Leader 1 and unit 2.
        Assert.Contains((await leader1.PostAsJsonAsync($"/api/v1/units/{unit2}/activities", Activity(App.Clock.Today))).StatusCode, Refused);
        Assert.Contains((await leader1.PostAsJsonAsync($"/api/v1/units/{unit1}/activities", Activity(App.Clock.Today, commitment2))).StatusCode, new[] { HttpStatusCode.UnprocessableEntity });
        Assert.Equal(HttpStatusCode.NotFound, (await leader1.GetAsync($"/api/v1/activities/{activity2}")).StatusCode);
        Assert.Contains((await leader1.PutAsJsonAsync($"/api/v1/activities/{activity2}", Activity(App.Clock.Today))).StatusCode, Refused);
        Assert.Contains((await leader1.PostAsync($"/api/v1/activities/{activity2}/photos", File(Png(), "x.png"))).StatusCode, Refused);
        Assert.Equal(HttpStatusCode.NotFound, (await leader1.GetAsync($"/api/v1/photos/{photo2}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader1.GetAsync($"/api/v1/photos/{photo2}?thumbnail=true")).StatusCode);
        Assert.Contains((await leader1.DeleteAsync($"/api/v1/photos/{photo2}")).StatusCode, Refused);
        Assert.Equal(HttpStatusCode.NotFound, (await leader1.GetAsync($"/api/v1/agreements/{agreement2}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader1.GetAsync($"/api/v1/agreements/{agreement2}/fulfilment")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader1.GetAsync($"/api/v1/agreements/{agreement2}/scan")).StatusCode);
        Assert.Contains((await leader1.PostAsync($"/api/v1/activities/{activity2}/verify", null)).StatusCode, Refused);
        Assert.Contains((await leader1.PostAsJsonAsync($"/api/v1/activities/{activity2}/return", new { reason = "x" })).StatusCode, Refused);
        var ledger = await leader1.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/activities?pageSize=500");
        Assert.All(ledger.GetProperty("items").EnumerateArray(), a => Assert.Equal(unit1, a.GetProperty("unitId").GetGuid()));
        var list = await leader1.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/agreements?pageSize=500");
        Assert.All(list.GetProperty("items").EnumerateArray(), a => Assert.Equal(unit1, a.GetProperty("unitId").GetGuid()));

        // A leader may not verify even their own unit's activity, nor create agreements.
        var own = await LogActivityAsync(leader1, unit1, Activity(App.Clock.Today));
        Assert.Contains((await leader1.PostAsync($"/api/v1/activities/{own}/verify", null)).StatusCode, Refused);
        Assert.Contains((await leader1.PostAsJsonAsync($"/api/v1/streets/{donghu}/agreements", Agreement(unit1))).StatusCode, Refused);

        // Another street's staff see nothing of 东湖.
        Assert.Equal(HttpStatusCode.NotFound, (await xichengStaff.GetAsync($"/api/v1/agreements/{agreement2}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xichengStaff.GetAsync($"/api/v1/activities/{activity2}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xichengStaff.GetAsync($"/api/v1/streets/{donghu}/activities")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xichengStaff.GetAsync($"/api/v1/streets/{donghu}/agreements")).StatusCode);
        Assert.Contains((await xichengStaff.PostAsync($"/api/v1/activities/{activity2}/verify", null)).StatusCode, Refused);
        Assert.Contains((await xichengStaff.PostAsJsonAsync($"/api/v1/units/{unit2}/activities", Activity(App.Clock.Today))).StatusCode, Refused);
        Assert.Contains((await xichengStaff.PostAsJsonAsync($"/api/v1/streets/{xicheng}/agreements", Agreement(unit2))).StatusCode, new[] { HttpStatusCode.UnprocessableEntity });

        // The organisation department reads but never writes.
        Assert.Equal(HttpStatusCode.OK, (await orgDept.GetAsync($"/api/v1/agreements/{agreement2}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await orgDept.GetAsync($"/api/v1/photos/{photo2}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await orgDept.PostAsync($"/api/v1/activities/{activity2}/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await orgDept.PostAsync($"/api/v1/agreements/{agreement2}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await orgDept.PostAsJsonAsync($"/api/v1/units/{unit2}/activities", Activity(App.Clock.Today))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/photos/{photo2}")).StatusCode);

        // Nothing refused was stored, and activity 2 is untouched.
        Assert.Equal(activities + 1, await App.QueryAsync(db => db.Activities.CountAsync()));
        Assert.Equal(photos, await App.QueryAsync(db => db.ActivityPhotos.CountAsync()));
        Assert.Equal("submitted", (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{activity2}")).GetProperty("activity").GetProperty("status").GetString());
    }
}
