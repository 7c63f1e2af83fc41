using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Reports;

public class MeetingMinutesReportTests(PortalApp app) : PortalTest(app)
{
    /// <summary>A held demo joint meeting of 东湖 with resolutions.</summary>
    private Task<Guid> HeldMeetingAsync() => App.QueryAsync(async db =>
    {
        var donghu = await db.Streets.Where(s => s.Name == DemoSeeder.DonghuStreet).Select(s => s.Id).SingleAsync();
        return await db.Meetings.Where(m => m.StreetId == donghu && m.Status == MeetingStatus.Held && m.Kind == MeetingKind.JointMeeting)
            .OrderByDescending(m => db.Resolutions.Count(r => r.MeetingId == m.Id)).ThenByDescending(m => m.ScheduledAt)
            .Select(m => m.Id).FirstAsync();
    });

    [Fact]
    public async Task Staff_download_the_minutes_of_a_held_meeting_as_an_issued_pdf()
    {
        var meetingId = await HeldMeetingAsync();
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");

        var response = await staff.GetAsync($"/api/v1/meetings/{meetingId}/minutes.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("纪要.pdf", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        ReportTestSupport.Keep(pdf, "meeting-minutes");
        var pages = ReportTestSupport.PageTexts(pdf);
        var all = string.Concat(pages);

        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"第 {i + 1} 页 / 共 {pages.Count} 页", pages[i], StringComparison.Ordinal);
        }

        var facts = await App.QueryAsync(async db => new
        {
            Meeting = await db.Meetings.SingleAsync(m => m.Id == meetingId),
            Units = await db.MeetingAttendances.Where(a => a.MeetingId == meetingId).Join(db.MemberUnits, a => a.UnitId, u => u.Id, (a, u) => u.Name).ToListAsync(),
            Resolutions = await db.Resolutions.Where(r => r.MeetingId == meetingId).Select(r => r.Number).ToListAsync(),
        });
        Assert.Contains("东湖街道大党工委" + facts.Meeting.Title, pages[0], StringComparison.Ordinal);
        Assert.Contains("会议纪要", pages[0], StringComparison.Ordinal);
        Assert.All(facts.Units, name => Assert.Contains(name, all, StringComparison.Ordinal));
        Assert.All(facts.Resolutions, number => Assert.Contains(number, all, StringComparison.Ordinal));
        Assert.Contains(facts.Meeting.Agenda[0], all, StringComparison.Ordinal);
        Assert.Contains("符合议事规则规定的法定人数", all, StringComparison.Ordinal);
        Assert.DoesNotContain("草稿", all, StringComparison.Ordinal);

        // The issued record: kind, street, year, subject, issuer and the SHA-256 of exactly these bytes.
        var issued = await App.QueryAsync(db => db.IssuedReports.SingleAsync());
        Assert.Equal(ReportKind.MeetingMinutes, issued.Kind);
        Assert.Equal(facts.Meeting.StreetId, issued.StreetId);
        Assert.Equal(facts.Meeting.MeetingDate.Year, issued.Year);
        Assert.Equal(meetingId, issued.SubjectId);
        Assert.Equal("东湖街道 刘洋", issued.IssuedByName);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), issued.Sha256);
        Assert.Equal(pdf.Length, issued.ByteLength);
        Assert.All(pages, page => Assert.Contains($"验证码：{VerificationCodes.Format(issued.VerificationCode)}", page, StringComparison.Ordinal));
        Assert.All(pages, page => Assert.Contains($"/verify/{issued.VerificationCode}", page, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_meeting_page_offers_the_minutes_once_the_meeting_is_held()
    {
        var held = await HeldMeetingAsync();
        var planned = await App.QueryAsync(db => db.Meetings.Where(m => m.Status == MeetingStatus.Planned).Select(m => m.Id).FirstAsync());
        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");

        Assert.Contains($"href=\"/api/v1/meetings/{held}/minutes.pdf\"", await staff.GetStringAsync($"/meetings/{held}"), StringComparison.Ordinal);
        Assert.DoesNotContain("minutes.pdf", await staff.GetStringAsync($"/meetings/{planned}"), StringComparison.Ordinal);

        // The browser's session cookie is enough to download it.
        var download = await staff.GetAsync($"/api/v1/meetings/{held}/minutes.pdf");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_meeting_that_has_not_been_held_has_no_minutes_to_download()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var created = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings", new
        {
            kind = "jointMeeting",
            title = "下季度联席会议",
            scheduledAt = App.Clock.GetUtcNow().AddDays(20),
            place = "东湖街道党群服务中心",
            agenda = new[] { "研究停车难问题" },
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var response = await staff.GetAsync($"/api/v1/meetings/{id}/minutes.pdf");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("会议召开并填写纪要后，才能下载会议纪要。", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await App.QueryAsync(db => db.IssuedReports.CountAsync()));
    }

    [Fact]
    public async Task Only_readers_of_the_meeting_get_its_minutes()
    {
        var meetingId = await HeldMeetingAsync();
        var leader1Unit = await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.UnitId).SingleAsync());

        // Another street's staff and unit leader: not found, as if the meeting did not exist.
        using (var otherStaff = await App.ApiAsAsync("staff.xicheng@example.org"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/meetings/{meetingId}/minutes.pdf")).StatusCode);
        }

        using (var otherLeader = await App.ApiAsAsync("leader3@example.org"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await otherLeader.GetAsync($"/api/v1/meetings/{meetingId}/minutes.pdf")).StatusCode);
        }

        // A leader of the same street whose unit was not invited: not found either.
        await App.QueryAsync(db => db.MeetingAttendances.Where(a => a.MeetingId == meetingId && a.UnitId == leader1Unit).ExecuteDeleteAsync());
        using (var notInvited = await App.ApiAsAsync("leader1@example.org"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await notInvited.GetAsync($"/api/v1/meetings/{meetingId}/minutes.pdf")).StatusCode);
        }

        Assert.Equal(0, await App.QueryAsync(db => db.IssuedReports.CountAsync()));

        // An invited unit's leader gets the minutes with their own unit's row (the page's scope), and says so.
        using var invited = await App.ApiAsAsync("leader2@example.org");
        var response = await invited.GetAsync($"/api/v1/meetings/{meetingId}/minutes.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = string.Concat(ReportTestSupport.PageTexts(await response.Content.ReadAsByteArrayAsync()));
        Assert.Contains("国网东湖供电公司", text, StringComparison.Ordinal);
        Assert.Contains("仅列出本单位的内容", text, StringComparison.Ordinal);

        // Units that are only in the attendance list (not named in a resolution) are not shown to the leader.
        var attendanceOnly = await App.QueryAsync(async db =>
        {
            var resolutions = await db.Resolutions.Where(r => r.MeetingId == meetingId).ToListAsync();
            var named = resolutions.SelectMany(r => r.CooperatingUnitIds.Append(r.LeadUnitId)).ToHashSet();
            var invited = await db.MeetingAttendances.Where(a => a.MeetingId == meetingId).Join(db.MemberUnits, a => a.UnitId, u => u.Id, (a, u) => new { u.Id, u.Name }).ToListAsync();
            return invited.Where(u => !named.Contains(u.Id) && u.Name != "国网东湖供电公司").Select(u => u.Name).ToList();
        });
        Assert.NotEmpty(attendanceOnly);
        Assert.All(attendanceOnly, name => Assert.DoesNotContain(name, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_organisation_department_download_is_audited_and_a_staff_download_is_not()
    {
        var meetingId = await HeldMeetingAsync();
        using (var staff = await App.ApiAsAsync("staff.donghu@example.org"))
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/meetings/{meetingId}/minutes.pdf")).StatusCode);
        }

        using (var orgDept = await App.ApiAsAsync("orgdept@example.org"))
        {
            Assert.Equal(HttpStatusCode.OK, (await orgDept.GetAsync($"/api/v1/meetings/{meetingId}/minutes.pdf")).StatusCode);
        }

        var entries = await App.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(IssuedReport)).ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal(AuditAction.Downloaded, entry.Action);
        Assert.Equal("orgdept@example.org", entry.UserName);
        var orgDeptReport = await App.QueryAsync(db => db.IssuedReports.Where(r => r.IssuedByName.StartsWith("示范市委组织部")).SingleAsync());
        Assert.Equal(orgDeptReport.Id.ToString(), entry.EntityId);
        Assert.Equal(orgDeptReport.StreetId, entry.StreetId);
        Assert.Contains(orgDeptReport.VerificationCode, entry.Changes, StringComparison.Ordinal);

        // The organisation department reads its own download in the audit log.
        using var reader = await App.ApiAsAsync("orgdept@example.org");
        var log = await reader.GetStringAsync("/api/v1/audit?entityType=IssuedReport");
        Assert.Contains("downloaded", log, StringComparison.Ordinal);
    }
}
