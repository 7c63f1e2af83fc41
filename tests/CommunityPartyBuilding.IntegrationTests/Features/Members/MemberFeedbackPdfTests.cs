using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Reports;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Members;
using CommunityPartyBuilding.Web.Features.Notifications;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>反馈函 and 喜报: remarks and commendations by the community, the PDFs read back, names as rule 10 allows, the unit's leaders notified.</summary>
public class MemberFeedbackPdfTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task The_feedback_letter_and_the_commendation_carry_the_members_name_and_hours()
    {
        var street = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(street, "东湖社区");
        var unit = await App.UnitIdAsync("东湖区人民检察院");
        var today = UnitData.Today(App);
        var quarter = (today.Month + 2) / 3;
        var post = await App.PostAsync(street, community, "楼道环境监督岗");
        var member = await App.RegisterMemberAsync(street, community, unit, "赵立新", "19900000031", new DateOnly(today.Year - 1, 5, 1), email: "zhaolixin@example.org");
        await App.ServiceAsync(member, post, today, 3.5m);

        // The community writes the quarter's remark and names the member outstanding; once per year.
        using var communityStaff = await App.ApiAsAsync("community.donghu@example.org");
        Assert.Equal(HttpStatusCode.OK, (await communityStaff.PostAsJsonAsync($"/api/v1/member-registrations/{member}/remarks",
            new { year = today.Year, quarter, text = "每周坚持楼道巡查，热心服务居民" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await communityStaff.PostAsJsonAsync($"/api/v1/member-registrations/{member}/remarks",
            new { year = today.Year, quarter = 5, text = "x" })).StatusCode);
        var commendation = new { year = today.Year, citation = "全年参加楼道环境监督，带动居民共同维护整洁环境。" };
        Assert.Equal(HttpStatusCode.Created, (await communityStaff.PostAsJsonAsync($"/api/v1/member-registrations/{member}/commendations", commendation)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await communityStaff.PostAsJsonAsync($"/api/v1/member-registrations/{member}/commendations", commendation)).StatusCode);
        var leaderId = await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.Id).SingleAsync());
        Assert.True(await App.QueryAsync(db => db.Notifications.AnyAsync(n => n.RecipientUserId == leaderId && n.Kind == NotificationKind.MemberCommendationIssued)));

        // Street staff issue the quarter's letter: names whole, hours, services, the remark; verifiable; the unit's leaders told.
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var url = $"/api/v1/units/{unit}/member-feedback.pdf?year={today.Year}&quarter={quarter}";
        var response = await staff.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var pdf = await response.Content.ReadAsByteArrayAsync();
        ReportTestSupport.Keep(pdf, "member-feedback-staff");
        var text = string.Join("\n", ReportTestSupport.PageTexts(pdf));
        Assert.Contains("赵立新", text, StringComparison.Ordinal);
        Assert.Contains("3.5", text, StringComparison.Ordinal);
        Assert.Contains("楼道环境监督岗", text, StringComparison.Ordinal);
        Assert.Contains("每周坚持楼道巡查", text, StringComparison.Ordinal);
        Assert.True(await App.QueryAsync(db => db.IssuedReports.AnyAsync(r => r.Kind == ReportKind.MemberFeedback && r.SubjectId == unit && r.Sha256 != null)));
        Assert.True(await App.QueryAsync(db => db.Notifications.AnyAsync(n => n.RecipientUserId == leaderId && n.Kind == NotificationKind.MemberFeedbackAvailable)));

        // The unit's leader downloads it with the names masked; another unit's leader does not find it; the department may not.
        using var leader = await App.ApiAsAsync("leader1@example.org");
        var leaderText = string.Join("\n", ReportTestSupport.PageTexts(await leader.GetByteArrayAsync(url)));
        Assert.Contains("赵**", leaderText, StringComparison.Ordinal);
        Assert.DoesNotContain("赵立新", leaderText, StringComparison.Ordinal);
        Assert.Contains("3.5", leaderText, StringComparison.Ordinal);
        using var otherLeader = await App.ApiAsAsync("leader2@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherLeader.GetAsync(url)).StatusCode);
        using var department = await App.ApiAsAsync("orgdept@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await department.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.GetAsync($"/api/v1/units/{unit}/member-feedback.pdf?year={today.Year}&quarter=0")).StatusCode);

        // The 喜报: the member reads their own whole; the unit's leader masked; another unit's leader does not find it.
        using var self = await App.ApiAsAsync("zhaolixin@example.org");
        var commendationUrl = $"/api/v1/member-registrations/{member}/commendation.pdf?year={today.Year}";
        var own = await self.GetAsync(commendationUrl);
        Assert.True(own.StatusCode == HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
        var commendationPdf = await own.Content.ReadAsByteArrayAsync();
        ReportTestSupport.Keep(commendationPdf, "commendation-member");
        var commendationText = string.Join("\n", ReportTestSupport.PageTexts(commendationPdf));
        Assert.Contains("赵立新", commendationText, StringComparison.Ordinal);
        Assert.Contains("3.5", commendationText, StringComparison.Ordinal);
        Assert.Contains("喜", commendationText, StringComparison.Ordinal);
        var leaderCommendation = string.Join("\n", ReportTestSupport.PageTexts(await leader.GetByteArrayAsync(commendationUrl)));
        Assert.Contains("赵**", leaderCommendation, StringComparison.Ordinal);
        Assert.DoesNotContain("赵立新", leaderCommendation, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLeader.GetAsync(commendationUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await self.GetAsync($"/api/v1/member-registrations/{member}/commendation.pdf?year={today.Year - 1}")).StatusCode);
        Assert.True(await App.QueryAsync(db => db.IssuedReports.AnyAsync(r => r.Kind == ReportKind.Commendation && r.SubjectId == member)));

        // Read back: the remark for staff and the unit's leader, not the member; the commendation for all three; the
        // unit's member list marks the member commended for the year.
        var remarks = await communityStaff.GetFromJsonAsync<JsonElement>($"/api/v1/member-registrations/{member}/remarks");
        var remark = Assert.Single(remarks.EnumerateArray());
        Assert.Equal((today.Year, quarter, "每周坚持楼道巡查，热心服务居民"), (remark.GetProperty("year").GetInt32(), remark.GetProperty("quarter").GetInt32(), remark.GetProperty("text").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/v1/member-registrations/{member}/remarks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await self.GetAsync($"/api/v1/member-registrations/{member}/remarks")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLeader.GetAsync($"/api/v1/member-registrations/{member}/remarks")).StatusCode);
        var named = await self.GetFromJsonAsync<JsonElement>($"/api/v1/member-registrations/{member}/commendations");
        Assert.Equal(today.Year, Assert.Single(named.EnumerateArray()).GetProperty("year").GetInt32());
        var figures = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/units/{unit}/member-figures?year={today.Year}");
        Assert.True(figures.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("registrationId").GetGuid() == member).GetProperty("commended").GetBoolean());
    }

    [Fact]
    public async Task Other_communities_staff_and_unit_leaders_may_not_name_or_remark()
    {
        var street = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var binjiang = await App.CommunityIdAsync(street, "滨江社区");
        var unit = await App.UnitIdAsync("东湖区人民检察院");
        var today = UnitData.Today(App);
        var member = await App.RegisterMemberAsync(street, binjiang, unit, "钱晓梅", "19900000032", new DateOnly(today.Year - 1, 5, 1));
        using var communityStaff = await App.ApiAsAsync("community.donghu@example.org");
        using var leader = await App.ApiAsAsync("leader1@example.org");
        using var xicheng = await App.ApiAsAsync("staff.xicheng@example.org");
        var body = new { year = today.Year, citation = "事迹" };
        Assert.Equal(HttpStatusCode.Forbidden, (await communityStaff.PostAsJsonAsync($"/api/v1/member-registrations/{member}/commendations", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync($"/api/v1/member-registrations/{member}/commendations", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xicheng.PostAsJsonAsync($"/api/v1/member-registrations/{member}/remarks", new { year = today.Year, quarter = 1, text = "x" })).StatusCode);
        Assert.Equal(0, await App.QueryAsync(db => db.MemberCommendations.CountAsync(c => c.RegistrationId == member)));
    }
}
