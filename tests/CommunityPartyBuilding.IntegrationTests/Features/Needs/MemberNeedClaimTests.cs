using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Members;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Members;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunityPartyBuilding.IntegrationTests.Features.Needs.NeedData;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Needs;

/// <summary>In-service members claim residents' small wishes (rule 6 for members), finish or release them, and nobody sees more than rule 10 allows.</summary>
public class MemberNeedClaimTests(PortalApp app) : NeedsTest(app)
{
    private static async Task<string> ProblemAsync(HttpResponseMessage response) => (await response.JsonAsync()).GetProperty("detail").GetString() ?? "";

    [Fact]
    public async Task A_member_lists_wishes_near_them_without_contacts_claims_one_and_sees_it_with_its_claim_by_date()
    {
        var member = await ServiceTestMembers.CreateAsync(App, "near.member@example.org");
        var donghu = member.StreetId;
        var other = await App.CommunityIdAsync(donghu, "滨江社区");
        using var staff = await StaffAsync();
        var (own, _) = await EnterAsync(staff, member.CommunityId, "帮独居老人取药", wantedBy: App.Clock.Today.AddDays(60));
        var (far, _) = await EnterAsync(staff, other, "帮忙换灯泡");
        var (communityNeed, _) = await EnterAsync(staff, member.CommunityId, "小区健身器材维修", kind: "communityNeed");
        var (venue, _) = await EnterAsync(staff, member.CommunityId, "借用会议室办老年课堂", category: "venueSharing");
        using var client = await App.ApiAsAsync(member.Email);

        var response = await client.GetAsync("/api/v1/me/needs");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(ResidentName, text, StringComparison.Ordinal);
        Assert.DoesNotContain("5678", text, StringComparison.Ordinal);
        Assert.DoesNotContain("contact", text, StringComparison.OrdinalIgnoreCase);
        var claimable = (await response.JsonAsync()).GetProperty("claimable").EnumerateArray().ToList();
        var ids = claimable.Select(n => n.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(own, ids);
        Assert.Contains(far, ids);
        Assert.DoesNotContain(communityNeed, ids);
        Assert.DoesNotContain(venue, ids);

        // Their own community's wishes come first, then the street's others.
        var firstOther = claimable.FindIndex(n => !n.GetProperty("ownCommunity").GetBoolean());
        Assert.True(firstOther < 0 || claimable.Skip(firstOther).All(n => !n.GetProperty("ownCommunity").GetBoolean()));
        Assert.True(ids.IndexOf(own) < ids.IndexOf(far));
        Assert.Equal(ids, (await client.GetFromJsonAsync<JsonElement>("/api/v1/me/needs/claimable")).EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ToList());

        // Claiming answers the need as a claimer sees it: the contact masked, the claimer the member (their own name).
        var claimed = await ClaimAsync(client, own);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var detail = (await claimed.JsonAsync()).GetProperty("need");
        Assert.Equal(("claimed", "李**", true), (detail.GetProperty("status").GetString(), detail.GetProperty("contactName").GetString(), detail.GetProperty("claimerIsMember").GetBoolean()));
        Assert.Equal("测试党员", detail.GetProperty("claimerName").GetString());
        var stored = await App.QueryAsync(db => db.Needs.SingleAsync(n => n.Id == own));
        Assert.Equal((member.RegistrationId, (Guid?)null), (stored.ClaimerMemberId, stored.ClaimerUnitId));
        Assert.Equal(NeedRules.ClaimDue(App.Clock.Today, stored.WantedBy), stored.ClaimBy);

        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/needs");
        var row = Assert.Single(mine.GetProperty("claimed").EnumerateArray());
        Assert.Equal((own, Iso(stored.ClaimBy!.Value)), (row.GetProperty("id").GetGuid(), row.GetProperty("claimBy").GetString()));
        Assert.Equal(1, mine.GetProperty("openClaims").GetInt32());
        Assert.DoesNotContain(own, mine.GetProperty("claimable").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()));

        // Claiming it again: already theirs.
        var again = await ClaimAsync(client, own);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("您已认领该需求", await ProblemAsync(again), StringComparison.Ordinal);

        // The member's community staff and the street's staff read the member's name whole; the need's list shows it too.
        using var community = await CommunityStaffAsync();
        Assert.Equal("测试党员", (await GetAsync(community, own)).GetProperty("need").GetProperty("claimerName").GetString());
        Assert.Equal("测试党员", (await GetAsync(staff, own)).GetProperty("need").GetProperty("claimerName").GetString());
    }

    [Fact]
    public async Task Community_needs_venues_and_a_fourth_open_claim_are_refused_with_a_message_and_nothing_changes()
    {
        var member = await ServiceTestMembers.CreateAsync(App, "limit.member@example.org");
        using var staff = await StaffAsync();
        using var client = await App.ApiAsAsync(member.Email);
        var (communityNeed, _) = await EnterAsync(staff, member.CommunityId, "楼道加装扶手", kind: "communityNeed");
        var (venue, _) = await EnterAsync(staff, member.CommunityId, "借场地办书法课", category: "venueSharing");

        var refused = await ClaimAsync(client, communityNeed);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("社区需求请由共建单位认领", await ProblemAsync(refused), StringComparison.Ordinal);
        refused = await ClaimAsync(client, venue);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("场地共享", await ProblemAsync(refused), StringComparison.Ordinal);

        // Claiming for a unit is not a member's to do.
        var (wish, _) = await EnterAsync(staff, member.CommunityId, "帮忙代缴水电费");
        Assert.Equal(HttpStatusCode.Forbidden, (await ClaimAsync(client, wish, await App.UnitIdAsync(Leader1Unit))).StatusCode);

        for (var i = 0; i < NeedClaimRules.MaxOpenMemberClaims; i++)
        {
            var (id, _) = await EnterAsync(staff, member.CommunityId, $"陪老人散步 {i}");
            Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(client, id)).StatusCode);
        }

        var fourth = await ClaimAsync(client, wish);
        Assert.Equal(HttpStatusCode.Conflict, fourth.StatusCode);
        Assert.Contains($"您已有{NeedClaimRules.MaxOpenMemberClaims}个认领中的需求", await ProblemAsync(fourth), StringComparison.Ordinal);
        var statuses = await App.QueryAsync(db => db.Needs.Where(n => n.Id == communityNeed || n.Id == venue || n.Id == wish).Select(n => n.Status).ToListAsync());
        Assert.All(statuses, s => Assert.Equal(NeedStatus.Published, s));
        Assert.Equal(NeedClaimRules.MaxOpenMemberClaims, await App.QueryAsync(db => db.Needs.CountAsync(n => n.ClaimerMemberId == member.RegistrationId)));
    }

    [Fact]
    public async Task A_member_and_a_unit_or_two_members_claim_at_once_and_exactly_one_wins()
    {
        var first = await ServiceTestMembers.CreateAsync(App, "race.one@example.org", name: "甲党员");
        var second = await ServiceTestMembers.CreateAsync(App, "race.two@example.org", name: "乙党员");
        using var staff = await StaffAsync();
        using var one = await App.ApiAsAsync(first.Email);
        using var two = await App.ApiAsAsync(second.Email);
        using var leader = await LeaderAsync();

        for (var round = 0; round < 4; round++)
        {
            var (needId, _) = await EnterAsync(staff, first.CommunityId, $"帮忙取快递 {round}");
            var rival = round % 2 == 0 ? two : leader;
            using var start = new SemaphoreSlim(0, 2);
            async Task<HttpResponseMessage> Race(HttpClient client)
            {
                await start.WaitAsync();
                return await ClaimAsync(client, needId);
            }

            var a = Race(one);
            var b = Race(rival);
            start.Release(2);
            var results = await Task.WhenAll(a, b);
            Assert.True(results.Count(r => r.StatusCode == HttpStatusCode.OK) == 1 && results.Count(r => r.StatusCode == HttpStatusCode.Conflict) == 1,
                string.Join(", ", results.Select(r => r.StatusCode)));
            var loser = results.Single(r => r.StatusCode == HttpStatusCode.Conflict);
            Assert.Contains("刚刚已被", await ProblemAsync(loser), StringComparison.Ordinal);
            var need = await App.QueryAsync(db => db.Needs.SingleAsync(n => n.Id == needId));
            Assert.Equal(NeedStatus.Claimed, need.Status);
            Assert.True(need.ClaimerUnitId is null ^ need.ClaimerMemberId is null);

            // Release the winner's claim so the members stay under their limit.
            var winner = results[0].StatusCode == HttpStatusCode.OK ? one : rival;
            Assert.Equal(HttpStatusCode.NoContent, (await winner.PostAsync($"/api/v1/needs/{needId}/release", null)).StatusCode);
        }
    }

    [Fact]
    public async Task A_member_whose_registration_is_not_in_effect_or_of_another_street_cannot_claim_and_moving_away_frees_their_claims()
    {
        var member = await ServiceTestMembers.CreateAsync(App, "moving.member@example.org");
        using var staff = await StaffAsync();
        using var xicheng = await App.ApiAsAsync("staff.xicheng@example.org");
        var xichengStreet = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        var xichengCommunity = await App.QueryAsync(db => db.Communities.Where(c => c.StreetId == xichengStreet).Select(c => c.Id).FirstAsync());
        var (foreign, _) = await EnterAsync(xicheng, xichengCommunity, "西城居民的微心愿");
        var (held, _) = await EnterAsync(staff, member.CommunityId, "帮忙修自行车");
        var (later, _) = await EnterAsync(staff, member.CommunityId, "帮忙读报");
        using var client = await App.ApiAsAsync(member.Email);

        // Another street's wish does not exist for them.
        Assert.Equal(HttpStatusCode.NotFound, (await ClaimAsync(client, foreign)).StatusCode);
        Assert.Equal(NeedStatus.Published, await App.QueryAsync(db => db.Needs.Where(n => n.Id == foreign).Select(n => n.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(client, held)).StatusCode);

        // A registration back to pending (e.g. corrected by the community): refused, in words.
        await App.QueryAsync(db => db.MemberRegistrations.Where(r => r.Id == member.RegistrationId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Pending)));
        var pending = await ClaimAsync(client, later);
        Assert.Equal(HttpStatusCode.Conflict, pending.StatusCode);
        Assert.Contains("报到尚未生效", await ProblemAsync(pending), StringComparison.Ordinal);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/me/needs")).GetProperty("claimable").EnumerateArray());
        await App.QueryAsync(db => db.MemberRegistrations.Where(r => r.Id == member.RegistrationId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Registered)));

        // Moved away: the claim they held is published again, and they cannot claim any more.
        using var community = await CommunityStaffAsync();
        Assert.Equal(HttpStatusCode.OK, (await community.PostAsJsonAsync($"/api/v1/member-registrations/{member.RegistrationId}/move-away", new { })).StatusCode);
        var freed = await App.QueryAsync(db => db.Needs.SingleAsync(n => n.Id == held));
        Assert.Equal((NeedStatus.Published, (Guid?)null), (freed.Status, freed.ClaimerMemberId));
        var moved = await ClaimAsync(client, later);
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.Contains("报到尚未生效或已迁出", await ProblemAsync(moved), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_member_finishes_with_a_photo_logs_hours_as_a_service_record_and_a_unit_leader_cannot_touch_the_claim()
    {
        var member = await ServiceTestMembers.CreateAsync(App, "done.member@example.org");
        using var staff = await StaffAsync();
        var (needId, code) = await EnterAsync(staff, member.CommunityId, "帮忙整理阳台杂物");
        using var client = await App.ApiAsAsync(member.Email);
        using var leader = await LeaderAsync();
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(client, needId)).StatusCode);

        // A unit leader finds nothing to act on: not the need, not its photos, not done, not release; claiming it is "just claimed".
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/needs/{needId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.PostAsync($"/api/v1/needs/{needId}/photos", Agreements.AgreementTestData.File(Agreements.AgreementTestData.Png(), "x.png"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DoneAsync(leader, needId, volunteerHours: null, participants: null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.PostAsync($"/api/v1/needs/{needId}/release", null)).StatusCode);
        var taken = await ClaimAsync(leader, needId);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("刚刚已被其他单位认领", await ProblemAsync(taken), StringComparison.Ordinal);
        // Nor does another member.
        var stranger = await ServiceTestMembers.CreateAsync(App, "stranger.member@example.org");
        using var strangerClient = await App.ApiAsAsync(stranger.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync($"/api/v1/needs/{needId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.PostAsync($"/api/v1/needs/{needId}/release", null)).StatusCode);

        // Hours are service records for the need, not fields of the need.
        var log = await client.PostAsJsonAsync("/api/v1/me/service-records", ServiceTestMembers.Record(App.Clock.Today, "09:00", "10:30", needId: needId));
        Assert.True(log.StatusCode == HttpStatusCode.Created, await log.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await DoneAsync(client, needId, volunteerHours: null, participants: null)).StatusCode);
        await AddPhotoAsync(client, needId);
        var withHours = await DoneAsync(client, needId, volunteerHours: 2, participants: 1);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withHours.StatusCode);
        Assert.Contains("服务记录", await withHours.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var done = await DoneAsync(client, needId, volunteerHours: null, participants: null);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var need = await App.QueryAsync(db => db.Needs.SingleAsync(n => n.Id == needId));
        Assert.Equal((NeedStatus.Done, (Guid?)null), (need.Status, need.ActivityId));
        Assert.False(await App.QueryAsync(db => db.Activities.AnyAsync(a => a.NeedId == needId)));
        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/needs");
        Assert.Equal("done", Assert.Single(mine.GetProperty("claimed").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal(0, mine.GetProperty("openClaims").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/needs/{needId}/release", null)).StatusCode);

        // The resident's tracking page and the street's public notice say 在职党员, never the member's name.
        using var resident = App.Anonymous();
        var tracked = await resident.GetFromJsonAsync<JsonElement>($"/api/v1/public/needs/{code}");
        Assert.Equal(JsonValueKind.Null, tracked.GetProperty("claimerName").ValueKind);
        Assert.True(tracked.GetProperty("claimedByMember").GetBoolean());
        var page = await resident.GetStringAsync($"/public/needs/{code}");
        Assert.Contains("在职党员", page, StringComparison.Ordinal);
        Assert.DoesNotContain("测试党员", page, StringComparison.Ordinal);
        var notice = await resident.GetStringAsync($"/api/v1/public/streets/{member.StreetId}/notice");
        Assert.DoesNotContain("测试党员", notice, StringComparison.Ordinal);
        var noticeNeed = (await resident.GetFromJsonAsync<JsonElement>($"/api/v1/public/streets/{member.StreetId}/notice")).GetProperty("needs").EnumerateArray()
            .Single(n => n.GetProperty("title").GetString() == "帮忙整理阳台杂物");
        Assert.True(noticeNeed.GetProperty("claimedByMember").GetBoolean());
        var noticePage = await resident.GetStringAsync($"/public/streets/{member.StreetId}");
        Assert.DoesNotContain("测试党员", noticePage, StringComparison.Ordinal);

        // The monthly notice: not a unit's, stated beside the table.
        var month = App.Clock.Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var monthly = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{member.StreetId}/need-notices/{month}");
        Assert.Equal(1, monthly.GetProperty("membersDone").GetInt32());
        Assert.DoesNotContain("测试党员", monthly.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_members_claim_not_done_in_time_is_reminded_to_the_member_and_then_lapses()
    {
        var member = await ServiceTestMembers.CreateAsync(App, "lapse.member@example.org");
        using var staff = await StaffAsync();
        var today = App.Clock.Today;
        var (needId, _) = await EnterAsync(staff, member.CommunityId, "帮忙搬花盆", wantedBy: today.AddDays(5));
        using var client = await App.ApiAsAsync(member.Email);
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(client, needId)).StatusCode);
        var userId = await App.QueryAsync(db => db.Users.Where(u => u.Email == member.Email).Select(u => u.Id).SingleAsync());

        async Task PassAsync()
        {
            await using var scope = App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NeedPass>().RunAsync();
            await scope.ServiceProvider.GetRequiredService<ReminderPass>().CreateAsync(App.Clock.Today, exclusive: false);
        }

        // Not yet within three days: no reminder.
        App.SetToday(today.AddDays(1));
        await PassAsync();
        Assert.False(await App.QueryAsync(db => db.Notifications.AnyAsync(n => n.RecipientUserId == userId && n.Kind == NotificationKind.NeedClaimLapsing)));

        // Three days before: the member's own account is reminded (and no unit leader); the claim still holds.
        App.SetToday(today.AddDays(2));
        await PassAsync();
        var reminders = await App.QueryAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.NeedClaimLapsing && n.LinkUrl == "/needs/" + needId)
            .Select(n => n.RecipientUserId).ToListAsync());
        Assert.Equal([userId], reminders);
        using var later = await App.ApiAsAsync(member.Email);
        var list = await later.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Contains("帮忙搬花盆", list.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(NeedStatus.Claimed, await App.QueryAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.Status).SingleAsync()));

        // The day after the claim-by date it lapses: published again, for anyone.
        App.SetToday(today.AddDays(6));
        await PassAsync();
        var lapsed = await App.QueryAsync(db => db.Needs.SingleAsync(n => n.Id == needId));
        Assert.Equal((NeedStatus.Published, (Guid?)null, 1), (lapsed.Status, lapsed.ClaimerMemberId, lapsed.LapsedClaims));
        using var afterwards = await App.ApiAsAsync(member.Email);
        Assert.Empty((await afterwards.GetFromJsonAsync<JsonElement>("/api/v1/me/needs")).GetProperty("claimed").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(afterwards, needId)).StatusCode);
    }

    [Fact]
    public async Task A_member_claimers_name_is_masked_for_staff_of_another_community_and_a_release_drops_the_photos()
    {
        // A member of 滨江社区 claims a wish of 东湖社区: 东湖's community staff are not rule 10's readers of that member.
        var member = await ServiceTestMembers.CreateAsync(App, "binjiang.member@example.org", community: "滨江社区", name: "滨江党员");
        using var staff = await StaffAsync();
        var donghuCommunity = await App.CommunityIdAsync(member.StreetId, "东湖社区");
        var (needId, _) = await EnterAsync(staff, donghuCommunity, "帮忙组装书架");
        using var client = await App.ApiAsAsync(member.Email);
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(client, needId)).StatusCode);

        using var community = await CommunityStaffAsync();
        var seen = (await GetAsync(community, needId)).GetProperty("need");
        Assert.Equal(("滨***", true), (seen.GetProperty("claimerName").GetString(), seen.GetProperty("claimerIsMember").GetBoolean()));
        var listed = await community.GetFromJsonAsync<JsonElement>($"/api/v1/communities/{donghuCommunity}/needs?status=claimed");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == needId && n.GetProperty("claimerName").GetString() == "滨***");
        Assert.Equal("滨江党员", (await GetAsync(staff, needId)).GetProperty("need").GetProperty("claimerName").GetString());

        // Released: published again, the photo gone with the claim.
        await AddPhotoAsync(client, needId);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/needs/{needId}/release", null)).StatusCode);
        var need = await App.QueryAsync(db => db.Needs.SingleAsync(n => n.Id == needId));
        Assert.Equal((NeedStatus.Published, (Guid?)null, (DateOnly?)null), (need.Status, need.ClaimerMemberId, need.ClaimBy));
        Assert.False(await App.QueryAsync(db => db.NeedPhotos.AnyAsync(p => p.NeedId == needId)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/needs/{needId}/release", null)).StatusCode);
    }
}
