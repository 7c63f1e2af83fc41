using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Features.Notifications;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>
/// 撤销优秀评定: the staff who may name a member outstanding withdraw the commendation with a reason; it is kept and
/// marked, audited, no longer counts, its 喜报 is no longer issued and an issued one says so at /verify; the member (and
/// the unit's leaders) are told; the member may be named again for the year.
/// </summary>
[Trait("Clock", "DateSensitive")]
public class CommendationWithdrawalTests(PortalApp app) : PortalTest(app)
{
    private const string Reason = "经核实，年度服务时长记录有误";

    private static string Withdraw(Guid member, int year) => $"/api/v1/member-registrations/{member}/commendations/{year}/withdraw";

    private Task<string> LatestCodeAsync(Guid member) => App.QueryAsync(db => db.IssuedReports
        .Where(r => r.Kind == ReportKind.Commendation && r.SubjectId == member && r.Sha256 != null)
        .OrderByDescending(r => r.IssuedAt).Select(r => r.VerificationCode).FirstAsync());

    [Fact]
    public async Task A_withdrawn_commendation_is_kept_and_marked_no_longer_counts_or_downloads_verifies_as_withdrawn_and_the_member_is_told()
    {
        var street = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(street, "东湖社区");
        var unit = await App.UnitIdAsync(UnitData.Leader1Unit);
        var today = UnitData.Today(App);
        var year = today.Year;
        var member = await App.RegisterMemberAsync(street, community, unit, "孙立平", "19900000051", new DateOnly(year - 1, 5, 1), email: "sunliping@example.org");
        var memberUserId = await App.QueryAsync(db => db.MemberRegistrations.Where(r => r.Id == member).Select(r => r.UserId).SingleAsync());
        var leaderId = await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.Id).SingleAsync());

        using var staff = await App.ApiAsAsync("community.donghu@example.org");
        using var self = await App.ApiAsAsync("sunliping@example.org");
        using var leader = await App.ApiAsAsync("leader1@example.org");
        var named = await staff.PostAsJsonAsync($"/api/v1/member-registrations/{member}/commendations", new { year, citation = "全年坚持楼道巡查。" });
        Assert.Equal(HttpStatusCode.Created, named.StatusCode);
        var commendationId = (await named.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var pdfUrl = $"/api/v1/member-registrations/{member}/commendation.pdf?year={year}";
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync(pdfUrl)).StatusCode);
        var oldCode = await LatestCodeAsync(member);

        // Those who may not name may not withdraw: the unit's leader, the department (403); another street's staff and the
        // member, who see no street's members (404).
        using var department = await App.ApiAsAsync("orgdept@example.org");
        using var xicheng = await App.ApiAsAsync("staff.xicheng@example.org");
        var body = new { reason = Reason };
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync(Withdraw(member, year), body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await department.PostAsJsonAsync(Withdraw(member, year), body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xicheng.PostAsJsonAsync(Withdraw(member, year), body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await self.PostAsJsonAsync(Withdraw(member, year), body)).StatusCode);

        // Bad input changes nothing and tells no one: no reason (422), a year with no commendation (404).
        var noReason = await staff.PostAsJsonAsync(Withdraw(member, year), new { reason = "  " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("\"reason\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync(Withdraw(member, year - 1), body)).StatusCode);
        Assert.Null(await App.QueryAsync(db => db.MemberCommendations.Where(c => c.Id == commendationId).Select(c => c.WithdrawnAt).SingleAsync()));
        Assert.False(await App.QueryAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.MemberCommendationWithdrawn)));

        // Withdrawn by the member's community staff.
        var withdrawn = await staff.PostAsJsonAsync(Withdraw(member, year), body);
        Assert.True(withdrawn.StatusCode == HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());
        var answer = await withdrawn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((commendationId, true, Reason), (answer.GetProperty("id").GetGuid(), answer.GetProperty("withdrawn").GetBoolean(), answer.GetProperty("withdrawReason").GetString()));
        var again = await staff.PostAsJsonAsync(Withdraw(member, year), body);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已撤销", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Kept and marked: when, by whom, why; audited as a change.
        var stored = await App.QueryAsync(db => db.MemberCommendations.AsNoTracking().SingleAsync(c => c.Id == commendationId));
        Assert.Equal(("community.donghu@example.org", Reason, "全年坚持楼道巡查。"), (stored.WithdrawnBy, stored.WithdrawReason, stored.Citation));
        Assert.NotNull(stored.WithdrawnAt);
        var audit = await App.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == "MemberCommendation" && a.EntityId == commendationId.ToString() && a.Action == AuditAction.Updated)
            .Select(a => new { a.UserName, a.Changes }).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal("community.donghu@example.org", entry.UserName);
        Assert.Contains(Reason, entry.Changes, StringComparison.Ordinal);
        Assert.Contains("WithdrawnAt", entry.Changes, StringComparison.Ordinal);

        // The member is told, with the reason; the unit's leaders that it was withdrawn, without it; once each.
        var notices = await App.QueryAsync(db => db.Notifications.Where(n => n.ItemKey == $"member-commendation:{commendationId}:withdrawn").ToListAsync());
        var toMember = Assert.Single(notices, n => n.RecipientUserId == memberUserId);
        Assert.Equal(NotificationKind.MemberCommendationWithdrawn, toMember.Kind);
        Assert.Equal(new List<string> { "东湖社区", year.ToString(System.Globalization.CultureInfo.InvariantCulture), Reason }, toMember.Arguments);
        var toLeader = Assert.Single(notices, n => n.RecipientUserId == leaderId);
        Assert.Equal(NotificationKind.MemberCommendationWithdrawnForUnit, toLeader.Kind);
        Assert.DoesNotContain(Reason, toLeader.Arguments);
        Assert.DoesNotContain("孙立平", toLeader.Arguments);
        var mine = await self.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Contains(mine.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("text").GetString()!),
            t => t.Contains($"撤销了您的{year}年度优秀在职党员评定", StringComparison.Ordinal) && t.Contains(Reason, StringComparison.Ordinal));

        // No longer issued: a clear 409 for everyone who could download it.
        foreach (var reader in new[] { self, staff, leader })
        {
            var refused = await reader.GetAsync(pdfUrl);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("喜报不再出具", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Conflict, (await self.GetAsync($"/api/v1/member-registrations/{member}/commendation.pdf")).StatusCode);

        // No longer counts or shows as outstanding; the history shows it withdrawn (the reason not to the unit's leader).
        var figures = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/units/{unit}/member-figures?year={year}");
        Assert.False(figures.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("registrationId").GetGuid() == member).GetProperty("commended").GetBoolean());
        var history = Assert.Single((await self.GetFromJsonAsync<JsonElement>($"/api/v1/member-registrations/{member}/commendations")).EnumerateArray());
        Assert.Equal((true, Reason), (history.GetProperty("withdrawn").GetBoolean(), history.GetProperty("withdrawReason").GetString()));
        var leaderHistory = Assert.Single((await leader.GetFromJsonAsync<JsonElement>($"/api/v1/member-registrations/{member}/commendations")).EnumerateArray());
        Assert.True(leaderHistory.GetProperty("withdrawn").GetBoolean());
        Assert.Equal(JsonValueKind.Null, leaderHistory.GetProperty("withdrawReason").ValueKind);

        // The 喜报 already issued still verifies as issued, and says it was withdrawn (API, page in both languages).
        using var anonymous = App.Anonymous();
        var verified = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/verify/{oldCode}");
        Assert.True(verified.GetProperty("issued").GetBoolean());
        Assert.True(verified.GetProperty("withdrawn").GetBoolean());
        Assert.Equal(stored.WithdrawnAt!.Value.ToUnixTimeMilliseconds(), verified.GetProperty("withdrawnAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        var page = await anonymous.GetStringAsync($"/verify/{oldCode}");
        Assert.Contains("id=\"verify-withdrawn\"", page, StringComparison.Ordinal);
        Assert.Contains("优秀评定已被撤销", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Reason, page, StringComparison.Ordinal);

        // Public: the member's name is masked in the title, though the member downloaded it (rule 10).
        Assert.Equal("2026年度优秀在职党员喜报（孙**）".Replace("2026", year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            verified.GetProperty("title").GetString());
        Assert.DoesNotContain("孙立平", page, StringComparison.Ordinal);
        Assert.Contains("孙**", page, StringComparison.Ordinal);

        // A 喜报 drawn while the withdrawal committed (read as standing, issued a moment after it was withdrawn) verifies
        // as withdrawn too: simulated by a copy issued after the withdrawal, before the member is named again.
        App.Clock.Advance(TimeSpan.FromSeconds(5));
        var raced = await App.QueryAsync(async db =>
        {
            var template = await db.IssuedReports.AsNoTracking().SingleAsync(r => r.VerificationCode == oldCode);
            db.IssuedReports.Add(new Web.Features.Reports.IssuedReport
            {
                Kind = template.Kind,
                StreetId = template.StreetId,
                Year = template.Year,
                SubjectId = template.SubjectId,
                Title = template.Title,
                FileName = template.FileName,
                VerificationCode = "RACE2345",
                Sha256 = template.Sha256,
                ByteLength = template.ByteLength,
                IssuedByUserId = template.IssuedByUserId,
                IssuedByName = template.IssuedByName,
                IssuedAt = App.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
            return "RACE2345";
        });
        Assert.True((await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/verify/{raced}")).GetProperty("withdrawn").GetBoolean());
        App.Clock.Advance(TimeSpan.FromSeconds(5));

        // Named again for the year: a new standing commendation and 喜报, which verifies as valid; the old one stays withdrawn.
        var renamed = await staff.PostAsJsonAsync($"/api/v1/member-registrations/{member}/commendations", new { year, citation = "核实后重新评定。" });
        Assert.True(renamed.StatusCode == HttpStatusCode.Created, await renamed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/v1/member-registrations/{member}/commendations", new { year, citation = "再次" })).StatusCode);

        // A form still showing the withdrawn commendation cannot withdraw the new one: 409, and the new one stands.
        var stale = await staff.PostAsJsonAsync(Withdraw(member, year), new { reason = "旧页面上的撤销", commendationId });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("重新评定", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await App.QueryAsync(db => db.MemberCommendations.CountAsync(c => c.RegistrationId == member && c.Year == year && c.WithdrawnAt == null)));
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync(pdfUrl)).StatusCode);
        var newCode = await LatestCodeAsync(member);
        Assert.NotEqual(oldCode, newCode);
        Assert.False((await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/verify/{newCode}")).GetProperty("withdrawn").GetBoolean());
        Assert.DoesNotContain("verify-withdrawn", await anonymous.GetStringAsync($"/verify/{newCode}"), StringComparison.Ordinal);
        Assert.True((await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/verify/{oldCode}")).GetProperty("withdrawn").GetBoolean());
        var both = (await self.GetFromJsonAsync<JsonElement>($"/api/v1/member-registrations/{member}/commendations")).EnumerateArray().ToList();
        Assert.Equal([false, true], both.Select(c => c.GetProperty("withdrawn").GetBoolean()));
        Assert.True((await leader.GetFromJsonAsync<JsonElement>($"/api/v1/units/{unit}/member-figures?year={year}"))
            .GetProperty("members").EnumerateArray().Single(m => m.GetProperty("registrationId").GetGuid() == member).GetProperty("commended").GetBoolean());

        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/culture?culture=en&returnUrl=/verify/{oldCode}")).StatusCode);
        Assert.Contains("The commendation this document attests has been withdrawn", await anonymous.GetStringAsync($"/verify/{oldCode}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Street_staff_withdraw_for_any_community_of_their_street_and_other_communities_staff_may_not()
    {
        var street = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var binjiang = await App.CommunityIdAsync(street, "滨江社区");
        var year = UnitData.Today(App).Year;
        var member = await App.RegisterMemberAsync(street, binjiang, null, "吴海燕", "19900000052", new DateOnly(year - 1, 3, 1));
        using var streetStaff = await App.ApiAsAsync("staff.donghu@example.org");
        Assert.Equal(HttpStatusCode.Created, (await streetStaff.PostAsJsonAsync($"/api/v1/member-registrations/{member}/commendations", new { year, citation = "热心助老。" })).StatusCode);

        // Staff of 东湖社区 manage their own community only, as for naming.
        using var otherCommunity = await App.ApiAsAsync("community.donghu@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherCommunity.PostAsJsonAsync(Withdraw(member, year), new { reason = Reason })).StatusCode);

        var withdrawn = await streetStaff.PostAsJsonAsync(Withdraw(member, year), new { reason = Reason });
        Assert.True(withdrawn.StatusCode == HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());
        Assert.Equal("staff.donghu@example.org", await App.QueryAsync(db => db.MemberCommendations.Where(c => c.RegistrationId == member).Select(c => c.WithdrawnBy).SingleAsync()));

        // No employer unit in the street: only the member is told.
        Assert.Equal([NotificationKind.MemberCommendationWithdrawn],
            await App.QueryAsync(db => db.Notifications.Where(n => n.ItemKey.EndsWith(":withdrawn") && n.ItemKey.StartsWith("member-commendation:")).Select(n => n.Kind).ToListAsync()));
    }
}
