using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Agreements;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunityPartyBuilding.IntegrationTests.Features.Members.ServiceTestMembers;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>Service records over HTTP: rule 8, check-in codes, the confirmation queue, and nobody reading another member's records.</summary>
public class ServiceRecordTests(PortalApp app) : PortalTest(app)
{
    private async Task<(TestMember Member, HttpClient Client, HttpClient Staff, Guid PostId)> MemberWithPostAsync(string email)
    {
        var member = await CreateAsync(App, email);
        var client = await App.ApiAsAsync(member.Email);
        var staff = await App.ApiAsAsync("community.donghu@example.org");
        var postId = await CreatePostAsync(staff, member.CommunityId, Post());
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(client, postId)).StatusCode);
        return (member, client, staff, postId);
    }

    private static async Task<HttpResponseMessage> LogAsync(HttpClient client, object body) => await client.PostAsJsonAsync("/api/v1/me/service-records", body);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string text)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{response.StatusCode}: {body}");
        Assert.Contains(text, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rule_8_refuses_overlaps_more_than_12_hours_a_day_61_days_back_and_tomorrow_and_changes_nothing()
    {
        var (member, client, staff, postId) = await MemberWithPostAsync("rule8@example.org");
        using var _ = client;
        using var __ = staff;
        var today = App.Clock.Today;

        var first = await LogAsync(client, Record(today.AddDays(-1), "08:00", "12:00", postId));
        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4m, created.GetProperty("hours").GetDecimal());
        Assert.Equal("submitted", created.GetProperty("status").GetString());
        Assert.Equal("none", created.GetProperty("checkIn").GetString());

        await AssertRefusedAsync(await LogAsync(client, Record(today.AddDays(-1), "11:30", "13:00", postId)), "重叠");
        await AssertRefusedAsync(await LogAsync(client, Record(today.AddDays(-2), "07:00", "20:00", postId)), "12小时");
        await AssertRefusedAsync(await LogAsync(client, Record(today.AddDays(-1), "12:00", "21:00", postId)), "超过12小时");
        await AssertRefusedAsync(await LogAsync(client, Record(today.AddDays(-61), "08:00", "10:00", postId)), "60天");
        await AssertRefusedAsync(await LogAsync(client, Record(today.AddDays(1), "08:00", "10:00", postId)), "不能晚于今天");
        await AssertRefusedAsync(await LogAsync(client, Record(today, "10:00", "09:00", postId)), "结束时间");

        // Touching ends do not overlap; 60 days back is still allowed.
        Assert.Equal(HttpStatusCode.Created, (await LogAsync(client, Record(today.AddDays(-1), "12:00", "20:00", postId))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await LogAsync(client, Record(today.AddDays(-60), "08:00", "10:00", postId))).StatusCode);
        Assert.Equal(3, await App.QueryAsync(db => db.ServiceRecords.CountAsync(r => r.RegistrationId == member.RegistrationId)));

        // Staff entering for the member are held to the same rule.
        var entered = await staff.PostAsJsonAsync($"/api/v1/communities/{member.CommunityId}/service-records",
            new { registrationId = member.RegistrationId, postId, date = UnitData.Iso(today.AddDays(-1)), start = "19:00", end = "21:00" });
        await AssertRefusedAsync(entered, "重叠");
        var staffRecord = await staff.PostAsJsonAsync($"/api/v1/communities/{member.CommunityId}/service-records",
            new { registrationId = member.RegistrationId, postId, date = UnitData.Iso(today.AddDays(-3)), start = "19:00", end = "21:00" });
        Assert.Equal(HttpStatusCode.Created, staffRecord.StatusCode);
        Assert.Equal("staff", (await staffRecord.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checkIn").GetString());
    }

    [Fact]
    public async Task Two_overlapping_records_sent_at_once_are_not_both_kept()
    {
        var (member, client, staff, postId) = await MemberWithPostAsync("rule8.race@example.org");
        using var _ = client;
        using var __ = staff;
        var today = App.Clock.Today;
        for (var day = 1; day <= 4; day++)
        {
            var answers = await Task.WhenAll(
                LogAsync(client, Record(today.AddDays(-day), "08:00", "11:00", postId)),
                LogAsync(client, Record(today.AddDays(-day), "10:00", "12:00", postId)));
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity], answers.Select(a => a.StatusCode).Order());
        }

        Assert.Equal(4, await App.QueryAsync(db => db.ServiceRecords.CountAsync(r => r.RegistrationId == member.RegistrationId)));
    }

    [Fact]
    public async Task A_check_in_code_counts_only_for_its_own_post_on_the_day_and_while_it_is_current()
    {
        var (member, client, staff, postId) = await MemberWithPostAsync("checkin@example.org");
        using var _ = client;
        using var __ = staff;
        var today = App.Clock.Today;
        var otherPost = await CreatePostAsync(staff, member.CommunityId, Post("文化辅导", 4, "cultureTutoring"));
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(client, otherPost)).StatusCode);
        var code = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/posts/{postId}/check-in-code")).GetProperty("code").GetString()!;
        var otherCode = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/posts/{otherPost}/check-in-code")).GetProperty("code").GetString()!;

        // The scanned code fills in the post.
        var target = await client.GetFromJsonAsync<JsonElement>($"/api/v1/check-in-codes/{code}");
        Assert.Equal(postId, target.GetProperty("postId").GetGuid());
        Assert.True(target.GetProperty("validToday").GetBoolean());

        await AssertRefusedAsync(await LogAsync(client, Record(today, "08:00", "09:00", postId, code: otherCode)), "签到码与所选岗位或项目不符");
        await AssertRefusedAsync(await LogAsync(client, Record(today, "08:00", "09:00", postId, code: "ABCDEFGHJK")), "签到码与所选岗位或项目不符");
        await AssertRefusedAsync(await LogAsync(client, Record(today.AddDays(-1), "08:00", "09:00", postId, code: code)), "当天");

        var ok = await LogAsync(client, Record(today, "08:00", "09:00", postId, code: code.ToLowerInvariant()));
        Assert.True(ok.StatusCode == HttpStatusCode.Created, await ok.Content.ReadAsStringAsync());
        Assert.Equal("qrCode", (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checkIn").GetString());

        // A new poster replaces the code: the old one is refused as expired.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/posts/{postId}/check-in-code", null)).StatusCode);
        await AssertRefusedAsync(await LogAsync(client, Record(today, "10:00", "11:00", postId, code: code)), "已过期");

        // A code whose time ran out is expired too.
        await App.QueryAsync(db => db.CheckInCodes.Where(c => c.Code == otherCode).ExecuteUpdateAsync(s => s.SetProperty(c => c.ValidUntil, today.AddDays(-1))));
        await AssertRefusedAsync(await LogAsync(client, Record(today, "12:00", "13:00", otherPost, code: otherCode)), "已过期");
        Assert.Equal(1, await App.QueryAsync(db => db.ServiceRecords.CountAsync(r => r.RegistrationId == member.RegistrationId)));

        // A member of another community does not even resolve it.
        var far = await CreateAsync(App, "checkin.far@example.org", "滨江社区");
        using var farClient = await App.ApiAsAsync(far.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await farClient.GetAsync($"/api/v1/check-in-codes/{otherCode}")).StatusCode);
    }

    [Fact]
    public async Task Staff_confirm_or_return_submitted_records_once_and_members_never_read_each_others()
    {
        var (member, client, staff, postId) = await MemberWithPostAsync("queue@example.org");
        using var _ = client;
        using var __ = staff;
        var today = App.Clock.Today;
        var first = (await (await LogAsync(client, Record(today, "08:00", "10:00", postId))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var second = (await (await LogAsync(client, Record(today.AddDays(-1), "08:00", "10:00", postId))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var photo = await client.PostAsync($"/api/v1/service-records/{first}/photos", AgreementTestData.File(AgreementTestData.Png(), "work.png"));
        Assert.Equal(HttpStatusCode.Created, photo.StatusCode);
        var photoId = (await photo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostAsync($"/api/v1/service-records/{first}/photos", AgreementTestData.File(AgreementTestData.Png(), "again.png"))).StatusCode);

        // Another member: 404 for the record, its photo and its photo upload; their own list holds nothing of the first.
        var nosy = await CreateAsync(App, "nosy@example.org");
        using var nosyClient = await App.ApiAsAsync(nosy.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await nosyClient.GetAsync($"/api/v1/service-records/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nosyClient.GetAsync($"/api/v1/service-record-photos/{photoId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nosyClient.PostAsync($"/api/v1/service-records/{first}/photos", AgreementTestData.File(AgreementTestData.Png(), "x.png"))).StatusCode);
        Assert.Empty((await nosyClient.GetFromJsonAsync<JsonElement>("/api/v1/me/service-records")).GetProperty("records").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await nosyClient.GetAsync($"/api/v1/communities/{member.CommunityId}/service-records")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nosyClient.PostAsync($"/api/v1/service-records/{first}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/v1/service-records/{first}/confirm", null)).StatusCode);

        // The queue: both, oldest first, the member's name whole for the community's staff.
        var queue = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/communities/{member.CommunityId}/service-records?status=submitted");
        var mine = queue.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("registrationId").GetGuid() == member.RegistrationId).ToList();
        Assert.Equal([first, second], mine.Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal("测试党员", mine[0].GetProperty("member").GetString());
        Assert.Equal(photoId, mine[0].GetProperty("photoId").GetGuid());

        // Staff of another community may not review; a reason is needed to return; each record is reviewed once.
        using var otherStreet = await App.ApiAsAsync("staff.xicheng@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.PostAsync($"/api/v1/service-records/{first}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsJsonAsync($"/api/v1/service-records/{second}/return", new { reason = "" })).StatusCode);
        var version = mine[0].GetProperty("version").GetUInt32();
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/service-records/{first}/confirm", new { version })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/v1/service-records/{first}/confirm", new { version })).StatusCode);
        var returned = await staff.PostAsJsonAsync($"/api/v1/service-records/{second}/return", new { reason = "时间与排班不符，请核对。" });
        Assert.Equal("returned", (await returned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/service-records/{second}/confirm", null)).StatusCode);

        // The member sees the outcome and the confirmed hours; a returned record frees its time.
        var own = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/service-records");
        Assert.Equal(2m, own.GetProperty("confirmedHoursThisYear").GetDecimal());
        Assert.Equal(HttpStatusCode.Created, (await LogAsync(client, Record(today.AddDays(-1), "08:30", "09:30", postId))).StatusCode);
    }

    [Fact]
    public async Task Community_staff_are_reminded_of_records_waiting_more_than_3_days_and_on_mondays_of_posts_with_free_places()
    {
        var (member, client, staff, postId) = await MemberWithPostAsync("reminded@example.org");
        using var _ = client;
        using var __ = staff;
        var today = App.Clock.Today;
        var recordId = (await (await LogAsync(client, Record(today.AddDays(-5), "08:00", "10:00", postId))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var staffId = await App.QueryAsync(db => db.Users.Where(u => u.Email == "community.donghu@example.org").Select(u => u.Id).SingleAsync());
        var community = member.CommunityId.ToString();

        async Task<List<Notification>> PassAsync(DateOnly day)
        {
            await using (var scope = App.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<ReminderPass>().CreateAsync(day, exclusive: false);
            }

            return await App.QueryAsync(db => db.Notifications.Where(n => n.RecipientUserId == staffId && n.Day == day
                && (n.Kind == NotificationKind.ServiceRecordsAwaitingConfirmation || n.Kind == NotificationKind.PostsWithFreePlaces)).ToListAsync());
        }

        // Submitted just now it is not counted (demo records of the community may be); backdated four days it is, with a link to the queue.
        var sunday = today.AddDays(((int)DayOfWeek.Sunday - (int)today.DayOfWeek + 7) % 7);
        int Pending(List<Notification> notifications) => notifications
            .Where(n => n.Kind == NotificationKind.ServiceRecordsAwaitingConfirmation && n.LinkUrl == $"/communities/{community}/service-records")
            .Select(n => int.Parse(n.Arguments[0], System.Globalization.CultureInfo.InvariantCulture)).SingleOrDefault();
        var before = Pending(await PassAsync(sunday.AddDays(-7)));
        await App.QueryAsync(db => db.ServiceRecords.Where(r => r.Id == recordId).ExecuteUpdateAsync(s => s.SetProperty(r => r.SubmittedAt, App.Clock.GetUtcNow().AddDays(-4))));
        var onSunday = await PassAsync(sunday);
        Assert.Equal(before + 1, Pending(onSunday));
        Assert.DoesNotContain(onSunday, n => n.Kind == NotificationKind.PostsWithFreePlaces);

        // Monday: the posts with free places (the test's post has 2 free of 3).
        var onMonday = await PassAsync(sunday.AddDays(1));
        Assert.Contains(onMonday, n => n.Kind == NotificationKind.PostsWithFreePlaces && n.LinkUrl == $"/communities/{community}/posts");
    }
}
