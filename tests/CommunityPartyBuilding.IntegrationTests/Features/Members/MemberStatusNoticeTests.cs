using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>Each change of a registration's status is told to the member, and to no one else; a returned member is told why on the sign-in page.</summary>
public class MemberStatusNoticeTests(PortalApp app) : PortalTest(app)
{
    private const string NewPassword = "Hong-Se-2026-baodao";

    [Fact]
    public async Task The_member_is_told_of_each_confirmation_and_of_moving_away_and_no_one_else_is()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var unit = await App.UnitIdAsync(UnitData.Leader1Unit);
        var unitName = await App.QueryAsync(db => db.MemberUnits.Where(u => u.Id == unit).Select(u => u.Name).SingleAsync());
        using var anonymous = App.Anonymous();
        var created = await anonymous.PostAsJsonAsync($"/api/v1/public/streets/{donghu}/member-registrations",
            MemberRegistrationTests.Body(community, unit, "notice@example.org", phone: "13912340001"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registrationId").GetGuid();
        var userId = await App.QueryAsync(db => db.MemberRegistrations.Where(r => r.Id == id).Select(r => r.UserId).SingleAsync());
        var key = $"member-registration:{id}:";

        using var staff = await App.ApiAsAsync("community.donghu@example.org");
        using var leader = await App.ApiAsAsync("leader1@example.org");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/member-registrations/{id}/confirm", new { })).StatusCode);
        var first = await App.QueryAsync(db => db.Notifications.Where(n => n.ItemKey.StartsWith(key)).ToListAsync());
        var one = Assert.Single(first);
        Assert.Equal((userId, NotificationKind.MemberRegistrationCommunityConfirmed), (one.RecipientUserId, one.Kind));
        Assert.Equal(new List<string> { "东湖社区", unitName }, one.Arguments);

        // A refused confirmation (already confirmed) tells no one anything.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/v1/member-registrations/{id}/confirm", new { })).StatusCode);
        Assert.Equal(1, await App.QueryAsync(db => db.Notifications.CountAsync(n => n.ItemKey.StartsWith(key))));

        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/v1/member-registrations/{id}/confirm", new { })).StatusCode);
        var confirmed = await App.QueryAsync(db => db.Notifications.SingleAsync(n => n.ItemKey.StartsWith(key) && n.Kind == NotificationKind.MemberRegistrationConfirmed));
        Assert.Equal(userId, confirmed.RecipientUserId);

        // Signed in, the member reads both on their own account, in words.
        using var member = await App.ApiAsAsync("notice@example.org", NewPassword);
        var mine = await member.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        var texts = mine.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("text").GetString()!).ToList();
        Assert.Contains(texts, t => t.Contains("东湖社区已确认您的报到", StringComparison.Ordinal) && t.Contains(unitName, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("东湖社区的报到已于", StringComparison.Ordinal) && t.Contains("生效", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/member-registrations/{id}/move-away", new { })).StatusCode);
        var moved = await App.QueryAsync(db => db.Notifications.SingleAsync(n => n.ItemKey.StartsWith(key) && n.Kind == NotificationKind.MemberMovedAway));
        Assert.Equal(userId, moved.RecipientUserId);
        Assert.Equal("东湖社区", moved.Arguments[0]);

        // Three changes, three notifications, all to the member.
        Assert.Equal(new List<string> { userId }, await App.QueryAsync(db => db.Notifications.Where(n => n.ItemKey.StartsWith(key)).Select(n => n.RecipientUserId).Distinct().ToListAsync()));
        Assert.Equal(3, await App.QueryAsync(db => db.Notifications.CountAsync(n => n.ItemKey.StartsWith(key))));
    }

    [Fact]
    public async Task A_returned_member_is_told_the_reason_on_their_account_and_on_the_sign_in_page()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        using var anonymous = App.Anonymous();
        var created = await anonymous.PostAsJsonAsync($"/api/v1/public/streets/{donghu}/member-registrations",
            MemberRegistrationTests.Body(community, null, "returned@example.org", phone: "13912340002", employerName: "某律师事务所"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registrationId").GetGuid();
        var userId = await App.QueryAsync(db => db.MemberRegistrations.Where(r => r.Id == id).Select(r => r.UserId).SingleAsync());
        var key = $"member-registration:{id}:";

        // Bad input: no reason. Nothing changes, no one is told.
        using var staff = await App.ApiAsAsync("community.donghu@example.org");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsJsonAsync($"/api/v1/member-registrations/{id}/return", new { reason = " " })).StatusCode);
        Assert.Equal(0, await App.QueryAsync(db => db.Notifications.CountAsync(n => n.ItemKey.StartsWith(key))));

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/member-registrations/{id}/return", new { reason = "楼栋号有误" })).StatusCode);
        var returned = await App.QueryAsync(db => db.Notifications.SingleAsync(n => n.ItemKey.StartsWith(key)));
        Assert.Equal((userId, NotificationKind.MemberRegistrationReturned), (returned.RecipientUserId, returned.Kind));
        Assert.Equal(new List<string> { "东湖社区", "楼栋号有误" }, returned.Arguments);

        // They cannot sign in, so the sign-in page says why once the password is right (and only then).
        using var browser = App.Anonymous();
        var page = await (await PortalApp.PostSignInFormAsync(browser, "returned@example.org", NewPassword)).Content.ReadAsStringAsync();
        Assert.Contains("楼栋号有误", page, StringComparison.Ordinal);
        using var guesser = App.Anonymous();
        var wrong = await (await PortalApp.PostSignInFormAsync(guesser, "returned@example.org", "Wrong-Password-2026")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("楼栋号有误", wrong, StringComparison.Ordinal);

        // Sent again and confirmed: told again.
        var again = await anonymous.PostAsJsonAsync($"/api/v1/public/streets/{donghu}/member-registrations",
            MemberRegistrationTests.Body(community, null, "returned@example.org", phone: "13912340002", employerName: "某律师事务所"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/member-registrations/{id}/confirm", new { })).StatusCode);
        Assert.Equal(NotificationKind.MemberRegistrationConfirmed,
            await App.QueryAsync(db => db.Notifications.Where(n => n.ItemKey.StartsWith(key) && n.Kind != NotificationKind.MemberRegistrationReturned).Select(n => n.Kind).SingleAsync()));
    }

    /// <summary>
    /// 批量登记 gives the community's confirmation: each imported member is told, once, as for a confirmation by hand (the
    /// unit still to confirm; or in effect, for an employer outside the street), on the account the import made; the
    /// unit's confirmation later is told as usual, and the member reads both once signed in.
    /// </summary>
    [Fact]
    public async Task Imported_members_are_told_of_the_communitys_confirmation_once_each_and_later_of_the_units()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        using var staff = await App.ApiAsAsync("community.donghu@example.org");
        var before = await App.QueryAsync(db => db.Notifications.CountAsync(n => n.ItemKey.StartsWith("member-registration:")));

        // A sheet with a bad row stores nothing and tells no one.
        using (var bad = UnitData.Upload(UnitData.Xlsx(
                   MemberImportTests.Row("李建国", "13911110001", "jianguo@import.example.org", UnitData.Leader1Unit),
                   MemberImportTests.Row("手机错", "0571-87654321", "bad@import.example.org", UnitData.Leader1Unit)), "members.xlsx"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsync($"/api/v1/communities/{community}/member-registrations/import", bad)).StatusCode);
        }

        Assert.Equal(before, await App.QueryAsync(db => db.Notifications.CountAsync(n => n.ItemKey.StartsWith("member-registration:"))));

        using (var sheet = UnitData.Upload(UnitData.Xlsx(
                   MemberImportTests.Row("李建国", "13911110001", "jianguo@import.example.org", UnitData.Leader1Unit),
                   MemberImportTests.Row("钱立新", "13911110003", "lixin@import.example.org", "杭州某某软件有限公司")), "members.xlsx"))
        {
            var imported = await staff.PostAsync($"/api/v1/communities/{community}/member-registrations/import", sheet);
            Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        }

        var members = await App.QueryAsync(db => db.MemberRegistrations.Where(r => r.Email.EndsWith("@import.example.org"))
            .ToDictionaryAsync(r => r.Name, r => new { r.Id, r.UserId }));
        var notices = await App.QueryAsync(db => db.Notifications.Where(n => n.ItemKey.StartsWith("member-registration:")).ToListAsync());
        Assert.Equal(before + 2, notices.Count);
        var userIds = members.Values.Select(m => m.UserId).ToList();
        Assert.Equal(2, await App.QueryAsync(db => db.Notifications.CountAsync(n => userIds.Contains(n.RecipientUserId))));

        // The employer is a member unit: the community confirmed, the unit still to confirm.
        var jianguo = Assert.Single(notices, n => n.ItemKey.StartsWith($"member-registration:{members["李建国"].Id}:", StringComparison.Ordinal));
        Assert.Equal((members["李建国"].UserId, NotificationKind.MemberRegistrationCommunityConfirmed), (jianguo.RecipientUserId, jianguo.Kind));
        Assert.Equal(new List<string> { "东湖社区", UnitData.Leader1Unit }, jianguo.Arguments);

        // The employer is outside the street: the community's confirmation is all it needs, so it is in effect.
        var lixin = Assert.Single(notices, n => n.ItemKey.StartsWith($"member-registration:{members["钱立新"].Id}:", StringComparison.Ordinal));
        Assert.Equal((members["钱立新"].UserId, NotificationKind.MemberRegistrationConfirmed), (lixin.RecipientUserId, lixin.Kind));
        Assert.Equal(new List<string> { "东湖社区", UnitData.Iso(UnitData.Today(App)) }, lixin.Arguments);

        // The unit's leader confirms the employment: told as usual, to the same account.
        using var leader = await App.ApiAsAsync("leader1@example.org");
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/v1/member-registrations/{members["李建国"].Id}/confirm", new { })).StatusCode);
        var kinds = await App.QueryAsync(db => db.Notifications.Where(n => n.ItemKey.StartsWith($"member-registration:{members["李建国"].Id}:"))
            .OrderBy(n => n.CreatedAt).Select(n => new { n.Kind, n.RecipientUserId }).ToListAsync());
        Assert.Equal([NotificationKind.MemberRegistrationCommunityConfirmed, NotificationKind.MemberRegistrationConfirmed], kinds.Select(k => k.Kind));
        Assert.All(kinds, k => Assert.Equal(members["李建国"].UserId, k.RecipientUserId));

        // Staff issue a temporary password; once the member has chosen their own (the change-password page has its own
        // tests), they read both notices on their account.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/member-registrations/{members["李建国"].Id}/temporary-password", null)).StatusCode);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var account = await users.FindByIdAsync(members["李建国"].UserId);
            Assert.NotNull(account);
            Assert.True((await users.RemovePasswordAsync(account)).Succeeded);
            Assert.True((await users.AddPasswordAsync(account, NewPassword)).Succeeded);
            account.MustChangePassword = false;
            Assert.True((await users.UpdateAsync(account)).Succeeded);
        }

        using var member = await App.ApiAsAsync("jianguo@import.example.org", NewPassword);
        var texts = (await member.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("items").EnumerateArray()
            .Select(n => n.GetProperty("text").GetString()!).ToList();
        Assert.Contains(texts, t => t.Contains("东湖社区已确认您的报到", StringComparison.Ordinal) && t.Contains(UnitData.Leader1Unit, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("东湖社区的报到已于", StringComparison.Ordinal) && t.Contains("生效", StringComparison.Ordinal));
    }
}
