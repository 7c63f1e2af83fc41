using System.Net;
using System.Net.Http.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Meetings;

public class MeetingPageTests(PortalApp app) : PortalTest(app)
{
    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    [Fact]
    public async Task The_staff_home_shows_the_quarter_reminder_only_within_fifteen_days_of_the_quarter_end()
    {
        var quarter = Quarter.Of(Today);
        var next = Quarter.Of(quarter.End.AddDays(1));

        App.Clock.Advance(TimeSpan.FromDays(next.End.AddDays(-20).DayNumber - Today.DayNumber));
        using (var early = await App.BrowserAsAsync("staff.donghu@example.org"))
        {
            Assert.DoesNotContain("id=\"quarter-reminder\"", await early.GetStringAsync("/"), StringComparison.Ordinal);
        }

        App.Clock.Advance(TimeSpan.FromDays(8));
        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var html = await staff.GetStringAsync("/");
        Assert.Contains("id=\"quarter-reminder\"", html, StringComparison.Ordinal);
        Assert.Contains($"提醒：{next.Year}年第{next.Number}季度将于{next.End.Year}年{next.End.Month}月{next.End.Day}日结束", html, StringComparison.Ordinal);

        // Other roles do not get the staff reminder.
        using var leader = await App.BrowserAsAsync("leader1@example.org");
        Assert.DoesNotContain("id=\"quarter-reminder\"", await leader.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meeting_pages_refuse_staff_of_another_street_without_revealing_the_meeting()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var meetingId = await App.QueryAsync(db => db.Meetings.Where(m => m.StreetId == donghu).Select(m => m.Id).FirstAsync());
        var resolutionId = await App.QueryAsync(db => db.Resolutions.Where(r => r.StreetId == donghu).Select(r => r.Id).FirstAsync());
        using var other = await App.BrowserAsAsync("staff.xicheng@example.org");

        var meeting = await other.GetStringAsync($"/meetings/{meetingId}");
        Assert.Contains("未找到该会议", meeting, StringComparison.Ordinal);
        var resolution = await other.GetStringAsync($"/resolutions/{resolutionId}");
        Assert.Contains("未找到该决议", resolution, StringComparison.Ordinal);
        var title = await App.QueryAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Title).SingleAsync());
        Assert.DoesNotContain(title, meeting, StringComparison.Ordinal);

        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var own = await staff.GetAsync($"/meetings/{meetingId}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains(title, await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_streets_staff_see_change_and_cancel_and_only_on_a_planned_meeting()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var api = await App.ApiAsAsync("staff.donghu@example.org");
        var created = await api.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings", MeetingApiTests.MeetingBody(App.Clock.GetUtcNow().AddDays(3), "按钮可见性测试会议"));
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString();

        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var page = await staff.GetStringAsync($"/meetings/{id}");
        Assert.Contains("id=\"meeting-edit\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"meeting-cancel\"", page, StringComparison.Ordinal);

        foreach (var email in new[] { "leader1@example.org", "orgdept@example.org" })
        {
            using var other = await App.BrowserAsAsync(email);
            var seen = await other.GetStringAsync($"/meetings/{id}");
            Assert.Contains("按钮可见性测试会议", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"meeting-edit\"", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"meeting-cancel\"", seen, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/meetings/{id}/cancel", null)).StatusCode);
        var cancelled = await staff.GetStringAsync($"/meetings/{id}");
        Assert.DoesNotContain("id=\"meeting-edit\"", cancelled, StringComparison.Ordinal);
    }
}
