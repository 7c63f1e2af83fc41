using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunityPartyBuilding.IntegrationTests.Features.Needs.NeedData;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Needs;

/// <summary>Rule 6 over HTTP: review, claims that race, done with a photo and the unit's ledger (rule 7), lapses and closing.</summary>
public class NeedLifecycleTests(PortalApp app) : NeedsTest(app)
{
    [Fact]
    public async Task Community_staff_review_residents_needs_of_their_own_community_only()
    {
        var (donghu, own) = await DonghuAsync();
        var other = await App.CommunityIdAsync(donghu, "滨江社区");
        using var resident = App.Anonymous();
        using var community = await CommunityStaffAsync();
        using var staff = await StaffAsync();

        async Task<Guid> SubmitAsync(Guid communityId, string title)
        {
            var response = await resident.PostAsJsonAsync($"/api/v1/public/streets/{donghu}/needs", Body(communityId, title));
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await response.JsonAsync()).GetProperty("needId").GetGuid();
        }

        var mine = await SubmitAsync(own, "想学用智能手机挂号");
        var theirs = await SubmitAsync(other, "小区健身器材损坏");

        // The community's list shows its own submissions, masked; the other community's need is not found for them.
        var list = await community.GetFromJsonAsync<JsonElement>($"/api/v1/communities/{own}/needs?status=submitted");
        var row = Assert.Single(list.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == mine);
        Assert.Equal("李**", row.GetProperty("contactName").GetString());
        Assert.Equal("139****5678", row.GetProperty("contactPhone").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await community.GetAsync($"/api/v1/communities/{other}/needs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await community.GetAsync($"/api/v1/needs/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await community.PostAsync($"/api/v1/needs/{theirs}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await community.PostAsJsonAsync($"/api/v1/communities/{other}/needs", Body(other))).StatusCode);

        // Reject needs a reason; publish and reject happen once.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await community.PostAsJsonAsync($"/api/v1/needs/{mine}/reject", new { reason = "" })).StatusCode);
        var published = await community.PostAsync($"/api/v1/needs/{mine}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("published", (await published.JsonAsync()).GetProperty("need").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await community.PostAsJsonAsync($"/api/v1/needs/{mine}/reject", new { reason = "重复" })).StatusCode);

        // Street staff act in every community of their street.
        var rejected = await staff.PostAsJsonAsync($"/api/v1/needs/{theirs}/reject", new { reason = "属物业维修范围，已转物业公司" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("rejected", (await rejected.JsonAsync()).GetProperty("need").GetProperty("status").GetString());

        // A rejected need can never be claimed, and a leader does not even find it.
        using var leader = await LeaderAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await ClaimAsync(leader, theirs)).StatusCode);
        Assert.Equal(NeedStatus.Rejected, await App.QueryAsync(db => db.Needs.Where(n => n.Id == theirs).Select(n => n.Status).SingleAsync()));
    }

    [Fact]
    public async Task Two_units_claim_the_same_need_at_once_and_exactly_one_wins()
    {
        using var staff = await StaffAsync();
        var community = await DonghuCommunityAsync();
        using var leader1 = await LeaderAsync();
        using var leader2 = await OtherLeaderAsync();

        for (var round = 0; round < 5; round++)
        {
            var (needId, _) = await EnterAsync(staff, community, $"陪同独居老人就医 {round}");
            using var start = new SemaphoreSlim(0, 2);
            async Task<HttpStatusCode> Race(HttpClient client)
            {
                await start.WaitAsync();
                return (await ClaimAsync(client, needId)).StatusCode;
            }

            var first = Race(leader1);
            var second = Race(leader2);
            start.Release(2);
            var results = await Task.WhenAll(first, second);

            Assert.True(results.Count(r => r == HttpStatusCode.OK) == 1 && results.Count(r => r == HttpStatusCode.Conflict) == 1, string.Join(", ", results));
            var need = await App.QueryAsync(db => db.Needs.SingleAsync(n => n.Id == needId));
            Assert.Equal(NeedStatus.Claimed, need.Status);
            Assert.NotNull(need.ClaimerUnitId);
        }

        // The loser is told in words that someone was quicker.
        var (taken, _) = await EnterAsync(staff, community, "代购生活用品");
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(leader1, taken)).StatusCode);
        var late = await ClaimAsync(leader2, taken);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("刚刚已被其他单位认领", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await ClaimAsync(leader1, taken)).StatusCode);
    }

    [Fact]
    public async Task The_claimer_marks_a_need_done_with_a_photo_and_its_unit_gets_one_verified_activity()
    {
        var (donghu, community) = await DonghuAsync();
        var (unitId, otherUnit) = await UnitsAsync();
        using var staff = await StaffAsync();
        using var leader = await LeaderAsync();
        using var other = await OtherLeaderAsync();
        var (needId, _) = await EnterAsync(staff, community);

        // Claiming for another unit is refused; for one's own it works.
        Assert.Equal(HttpStatusCode.Forbidden, (await ClaimAsync(leader, needId, otherUnit)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ClaimAsync(staff, needId)).StatusCode);
        var claimed = await ClaimAsync(leader, needId, unitId);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var need = (await claimed.JsonAsync()).GetProperty("need");
        Assert.Equal(Leader1Unit, need.GetProperty("claimerName").GetString());
        Assert.Equal(App.Clock.Today.AddDays(NeedRules.DefaultClaimDays), DateOnly.Parse(need.GetProperty("claimBy").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        // The other unit does not see the claimed need any more, nor may it add photos or finish it.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/needs/{needId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DoneAsync(other, needId)).StatusCode);

        // Done needs a note and a photo.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await DoneAsync(leader, needId, note: "")).StatusCode);
        var noPhoto = await DoneAsync(leader, needId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noPhoto.StatusCode);
        Assert.Contains("至少上传一张办理照片", await noPhoto.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var notImage = await leader.PostAsync($"/api/v1/needs/{needId}/photos", Agreements.AgreementTestData.File("not an image"u8.ToArray(), "x.png"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notImage.StatusCode);
        await AddPhotoAsync(leader, needId);

        var done = await DoneAsync(leader, needId, volunteerHours: 3, participants: 2);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var detail = await done.JsonAsync();
        Assert.Equal("done", detail.GetProperty("need").GetProperty("status").GetString());
        var activityId = detail.GetProperty("need").GetProperty("activityId").GetGuid();

        // Rule 7: one verified activity of the unit, linked both ways; doing it again adds nothing.
        Assert.Equal(HttpStatusCode.Conflict, (await DoneAsync(leader, needId)).StatusCode);
        var activities = await App.QueryAsync(db => db.Activities.Where(a => a.NeedId == needId).ToListAsync());
        var activity = Assert.Single(activities);
        Assert.Equal((activityId, unitId, ActivityStatus.Verified, 3m, 2), (activity.Id, activity.UnitId, activity.Status, activity.VolunteerHours, activity.Participants));
        Assert.StartsWith("微心愿：", activity.Title, StringComparison.Ordinal);
        var ledger = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/activities?unitId={unitId}&status=verified&pageSize=500");
        Assert.Single(ledger.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetGuid() == activityId);

        // Photos are fixed once done.
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsync($"/api/v1/needs/{needId}/photos", Agreements.AgreementTestData.File(Agreements.AgreementTestData.Png(), "late.png"))).StatusCode);
    }

    [Fact]
    public async Task Contacts_are_whole_only_for_the_communitys_and_streets_staff_and_reading_them_is_audited()
    {
        using var staff = await StaffAsync();
        var (needId, _) = await EnterAsync(staff, await DonghuCommunityAsync());

        var whole = (await GetAsync(staff, needId)).GetProperty("need");
        Assert.Equal((ResidentName, ResidentPhone, true), (whole.GetProperty("contactName").GetString(), whole.GetProperty("contactPhone").GetString(), whole.GetProperty("contactWhole").GetBoolean()));
        using var community = await CommunityStaffAsync();
        Assert.Equal(ResidentPhone, (await GetAsync(community, needId)).GetProperty("need").GetProperty("contactPhone").GetString());

        foreach (var reader in new[] { "orgdept@example.org", "leader1@example.org", "admin@example.org" })
        {
            using var client = await App.ApiAsAsync(reader);
            var need = (await GetAsync(client, needId)).GetProperty("need");
            Assert.Equal(("李**", "139****5678", false), (need.GetProperty("contactName").GetString(), need.GetProperty("contactPhone").GetString(), need.GetProperty("contactWhole").GetBoolean()));
        }

        using var otherStreet = await App.ApiAsAsync("staff.xicheng@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync($"/api/v1/needs/{needId}")).StatusCode);

        // Two whole reads, two entries; the log itself keeps the contact masked.
        var entries = await App.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(Need) && e.EntityId == needId.ToString()).ToListAsync());
        Assert.Equal(2, entries.Count(e => e.Action == AuditAction.PersonalDataRead));
        Assert.All(entries, e => Assert.DoesNotContain(ResidentPhone, e.Changes, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(ResidentName, e.Changes, StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == AuditAction.Created && e.Changes.Contains("139****5678", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claim_not_done_by_its_date_lapses_after_a_reminder_and_unrated_needs_close_after_30_days()
    {
        var community = await DonghuCommunityAsync();
        using var staff = await StaffAsync();
        using var leader = await LeaderAsync();
        var today = App.Clock.Today;
        var (lapsing, _) = await EnterAsync(staff, community, "帮忙搬运旧家具", wantedBy: today.AddDays(5));
        var (finished, _) = await EnterAsync(staff, community, "辅导孩子功课");
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(leader, lapsing)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(leader, finished)).StatusCode);
        await AddPhotoAsync(leader, finished);
        Assert.Equal(HttpStatusCode.OK, (await DoneAsync(leader, finished)).StatusCode);
        Assert.Equal(today.AddDays(5), await App.QueryAsync(db => db.Needs.Where(n => n.Id == lapsing).Select(n => n.ClaimBy).SingleAsync()));

        async Task PassAsync()
        {
            await using var scope = App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NeedPass>().RunAsync();
            await scope.ServiceProvider.GetRequiredService<ReminderPass>().CreateAsync(App.Clock.Today, exclusive: false);
        }

        // Three days before: the unit's leader is reminded; the claim still holds.
        App.SetToday(today.AddDays(2));
        await PassAsync();
        var leaderId = await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.Id).SingleAsync());
        Assert.True(await App.QueryAsync(db => db.Notifications.AnyAsync(n => n.RecipientUserId == leaderId && n.Kind == NotificationKind.NeedClaimLapsing)));
        Assert.Equal(NeedStatus.Claimed, await App.QueryAsync(db => db.Needs.Where(n => n.Id == lapsing).Select(n => n.Status).SingleAsync()));

        // The day after the claim-by date it lapses: published again, for anyone to claim.
        App.SetToday(today.AddDays(6));
        await PassAsync();
        var lapsed = await App.QueryAsync(db => db.Needs.SingleAsync(n => n.Id == lapsing));
        Assert.Equal((NeedStatus.Published, (Guid?)null, 1), (lapsed.Status, lapsed.ClaimerUnitId, lapsed.LapsedClaims));
        using var other = await OtherLeaderAsync();
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(other, lapsing)).StatusCode);

        // Done and not rated: still open on day 30, closed on day 31.
        App.SetToday(today.AddDays(NeedRules.RatingWindowDays));
        await PassAsync();
        Assert.Null(await App.QueryAsync(db => db.Needs.Where(n => n.Id == finished).Select(n => n.ClosedAt).SingleAsync()));
        App.SetToday(today.AddDays(NeedRules.RatingWindowDays + 1));
        await PassAsync();
        var closed = await App.QueryAsync(db => db.Needs.SingleAsync(n => n.Id == finished));
        Assert.Equal(NeedStatus.Done, closed.Status);
        Assert.NotNull(closed.ClosedAt);
    }

    [Fact]
    public async Task Bad_needs_are_refused_with_a_message_and_nothing_is_stored()
    {
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        var community = await DonghuCommunityAsync();
        var foreign = await App.QueryAsync(db => db.Communities.Where(c => c.StreetId == xicheng).Select(c => c.Id).FirstAsync());
        using var staff = await StaffAsync();
        var before = await App.QueryAsync(db => db.Needs.CountAsync());

        var cases = new (string Name, object Body, string Field)[]
        {
            ("foreign community", Body(foreign), "communityId"),
            ("bad phone", Body(community, contactPhone: "12345"), "contactPhone"),
            ("long title", Body(community, title: new string('长', 2000)), "title"),
            ("past wanted-by", Body(community, wantedBy: App.Clock.Today.AddDays(-1)), "wantedBy"),
        };
        foreach (var (name, body, field) in cases)
        {
            var response = await staff.PostAsJsonAsync($"/api/v1/communities/{community}/needs", body);
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{name}: {(int)response.StatusCode}");
            Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        var unknownKind = await staff.PostAsJsonAsync($"/api/v1/communities/{community}/needs", new { communityId = community, kind = "favour", category = "other", title = "t", contactName = "张三", contactPhone = ResidentPhone });
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Equal(before, await App.QueryAsync(db => db.Needs.CountAsync()));
    }
}
