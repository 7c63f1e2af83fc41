using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Agreements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunityPartyBuilding.IntegrationTests.Features.Agreements.AgreementTestData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Agreements;

[Trait("Clock", "DateSensitive")]
public class AgreementApiTests(PortalApp app) : PortalTest(app)
{
    /// <summary>The app's business date (the test clock), never the machine's.</summary>
    private DateOnly Today => App.Clock.Today;

    [Fact]
    public async Task Fulfilment_counts_only_verified_activities_by_each_commitments_measure()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var unit = await UnitIdAsync(App, "东湖区人民检察院");
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var leader = await App.ApiAsAsync("leader1@example.org");
        var agreement = await CreateAgreementAsync(staff, donghu, Agreement(unit, commitments:
        [
            Commitment("activities", 4), Commitment("volunteerHours", 50), Commitment("funds", 1000), Commitment("beneficiaries", 100),
        ]));
        var commitments = agreement.GetProperty("commitments").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToArray();

        // Two verified, one still submitted, one returned: only the two verified count.
        var a1 = await LogActivityAsync(leader, unit, Activity(App.Clock.Today, commitments[0], hours: 10));
        var a2 = await LogActivityAsync(leader, unit, Activity(App.Clock.Today, commitments[0], hours: 10));
        await LogActivityAsync(leader, unit, Activity(App.Clock.Today, commitments[0]));
        var a4 = await LogActivityAsync(leader, unit, Activity(App.Clock.Today, commitments[0]));
        var h1 = await LogActivityAsync(leader, unit, Activity(App.Clock.Today, commitments[1], hours: 30.5m));
        var h2 = await LogActivityAsync(leader, unit, Activity(App.Clock.Today, commitments[1], hours: 40));
        var f1 = await LogActivityAsync(leader, unit, Activity(App.Clock.Today, commitments[2], funds: 600));
        var b1 = await LogActivityAsync(leader, unit, Activity(App.Clock.Today, commitments[3], beneficiaries: 35));
        foreach (var id in new[] { a1, a2, h1, h2, f1, b1 })
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/activities/{id}/verify", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/activities/{a4}/return", new { reason = "请补充照片" })).StatusCode);

        var rows = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/agreements/{agreement.GetProperty("id").GetGuid()}/fulfilment");
        var byId = rows.EnumerateArray().ToDictionary(r => r.GetProperty("commitmentId").GetGuid());
        Assert.Equal((2m, 0.5m), (byId[commitments[0]].GetProperty("achieved").GetDecimal(), byId[commitments[0]].GetProperty("fulfilment").GetDecimal()));
        Assert.Equal((70.5m, 1m), (byId[commitments[1]].GetProperty("achieved").GetDecimal(), byId[commitments[1]].GetProperty("fulfilment").GetDecimal()));
        Assert.Equal((600m, 0.6m), (byId[commitments[2]].GetProperty("achieved").GetDecimal(), byId[commitments[2]].GetProperty("fulfilment").GetDecimal()));
        Assert.Equal((35m, 0.35m), (byId[commitments[3]].GetProperty("achieved").GetDecimal(), byId[commitments[3]].GetProperty("fulfilment").GetDecimal()));
        Assert.Equal("activities", byId[commitments[0]].GetProperty("measure").GetString());

        // The returned one, corrected and resubmitted, counts once verified.
        var resubmit = await leader.PutAsJsonAsync($"/api/v1/activities/{a4}", Activity(App.Clock.Today, commitments[0]));
        Assert.Equal("submitted", (await resubmit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await staff.PostAsync($"/api/v1/activities/{a4}/verify", null);
        rows = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/agreements/{agreement.GetProperty("id").GetGuid()}/fulfilment");
        Assert.Equal(3m, rows.EnumerateArray().Single(r => r.GetProperty("commitmentId").GetGuid() == commitments[0]).GetProperty("achieved").GetDecimal());

        // A verified activity is read-only for its unit.
        var edit = await leader.PutAsJsonAsync($"/api/v1/activities/{a1}", Activity(App.Clock.Today, commitments[0], hours: 99));
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
    }

    [Fact]
    public async Task The_lifecycle_refuses_wrong_transitions_with_a_reason()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var unit = await UnitIdAsync(App, "东湖中学");
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var draft = await CreateAgreementAsync(staff, donghu, new { unitId = unit, title = "草案", validFrom = "2026-01-01", validTo = "2027-12-31", commitments = Array.Empty<object>() });
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal("draft", draft.GetProperty("status").GetString());

        var refused = await staff.PostAsync($"/api/v1/agreements/{id}/activate", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("签署日期", problem, StringComparison.Ordinal);
        Assert.Contains("至少有一项承诺", problem, StringComparison.Ordinal);

        var version = draft.GetProperty("version").GetUInt32();
        var updated = await staff.PutAsJsonAsync($"/api/v1/agreements/{id}", new
        {
            unitId = unit, title = "草案", signedOn = "2026-01-08", validFrom = "2026-01-01", validTo = "2027-12-31", version,
            commitments = new[] { new { id = (Guid?)null, category = "venueSharing", contributionType = "venue", description = "开放体育馆", measure = "activities", target = 6m } },
        });
        Assert.True(updated.StatusCode == HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/agreements/{id}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsync($"/api/v1/agreements/{id}/activate", null)).StatusCode);

        var noReason = await staff.PostAsJsonAsync($"/api/v1/agreements/{id}/terminate", new { terminatedOn = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reason = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        var terminated = await staff.PostAsJsonAsync($"/api/v1/agreements/{id}/terminate", new { terminatedOn = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reason = "单位迁出" });
        Assert.Equal("terminated", (await terminated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsJsonAsync($"/api/v1/agreements/{id}/terminate", new { terminatedOn = "2026-06-01", reason = "再次" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutAsJsonAsync($"/api/v1/agreements/{id}", new { unitId = unit, title = "改", validFrom = "2026-01-01", validTo = "2027-12-31" })).StatusCode);
    }

    [Fact]
    public async Task Agreements_expire_after_their_valid_to_date()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var unit = await UnitIdAsync(App, "东湖中学");
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var validTo = Today.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var agreement = await CreateAgreementAsync(staff, donghu, Agreement(unit, validTo: validTo));
        var id = agreement.GetProperty("id").GetGuid();
        Assert.True(agreement.GetProperty("endsSoon").GetBoolean());

        App.Clock.Advance(TimeSpan.FromDays(3));
        using var later = await App.ApiAsAsync("staff.donghu@example.org");
        var seenResponse = await later.GetAsync($"/api/v1/agreements/{id}");
        Assert.True(seenResponse.IsSuccessStatusCode, await seenResponse.Content.ReadAsStringAsync());
        var seen = await seenResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("expired", seen.GetProperty("status").GetString());
        var expiredList = await later.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/agreements?status=expired&pageSize=500");
        Assert.Contains(expiredList.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetGuid() == id);

        // The hourly job stores it, audited as the system.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ExpireDueAgreements>().HandleAsync() >= 1);
        }

        Assert.Equal(AgreementStatus.Expired, await App.QueryAsync(db => db.Agreements.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.Conflict, (await later.PutAsJsonAsync($"/api/v1/agreements/{id}", Agreement(unit))).StatusCode);
    }

    [Fact]
    public async Task Uploads_are_checked_by_content_size_and_count_and_refusals_store_nothing()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var unit = await UnitIdAsync(App, "东湖区人民检察院");
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var leader = await App.ApiAsAsync("leader1@example.org");
        var activity = await LogActivityAsync(leader, unit, Activity(App.Clock.Today));

        async Task<HttpStatusCode> Upload(byte[] bytes, string name) =>
            (await leader.PostAsync($"/api/v1/activities/{activity}/photos", File(bytes, name))).StatusCode;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, await Upload("MZ this is an exe"u8.ToArray(), "photo.jpg"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await Upload([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], "fake.png"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await Upload([], "empty.png"));
        var big = new byte[6 * 1024 * 1024];
        Png().CopyTo(big, 0);
        Assert.Contains(await Upload(big, "big.png"), new[] { HttpStatusCode.UnprocessableEntity, HttpStatusCode.RequestEntityTooLarge });
        Assert.Equal(0, await App.QueryAsync(db => db.ActivityPhotos.CountAsync(p => p.ActivityId == activity)));

        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await Upload(Png(40 + i, 30), $"p{i}.png"));
        }

        var tenth = await leader.PostAsync($"/api/v1/activities/{activity}/photos", File(Png(), "p10.png"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tenth.StatusCode);
        Assert.Contains("最多9张", await tenth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(9, await App.QueryAsync(db => db.ActivityPhotos.CountAsync(p => p.ActivityId == activity)));

        // Thumbnails are real, smaller JPEGs; the full photo comes back as sent.
        var photoId = await App.QueryAsync(db => db.ActivityPhotos.Where(p => p.ActivityId == activity).Select(p => p.Id).FirstAsync());
        var thumb = await leader.GetAsync($"/api/v1/photos/{photoId}?thumbnail=true");
        Assert.Equal("image/jpeg", thumb.Content.Headers.ContentType?.MediaType);
        Assert.Equal("image/png", (await leader.GetAsync($"/api/v1/photos/{photoId}")).Content.Headers.ContentType?.MediaType);

        // The agreement scan: PDF accepted, anything else refused whatever its name.
        var agreement = (await CreateAgreementAsync(staff, donghu, Agreement(unit))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsync($"/api/v1/agreements/{agreement}/scan", File("not a pdf"u8.ToArray(), "scan.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/api/v1/agreements/{agreement}/scan", File("%PDF-1.4\n%%EOF"u8.ToArray(), "协议.pdf"))).StatusCode);
        var scan = await staff.GetAsync($"/api/v1/agreements/{agreement}/scan");
        Assert.Equal("application/pdf", scan.Content.Headers.ContentType?.MediaType);
    }
}
