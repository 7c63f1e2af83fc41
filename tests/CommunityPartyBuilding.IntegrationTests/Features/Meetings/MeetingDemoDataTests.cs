using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Meetings;

[Trait("Clock", "DateSensitive")]
public class MeetingDemoDataTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task The_demo_has_two_years_of_meetings_one_missed_quarter_and_resolutions_in_every_state()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

        var states = new List<string>();
        foreach (var year in new[] { today.Year - 2, today.Year - 1, today.Year })
        {
            var quarters = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/meetings/quarters?year={year}");
            states.AddRange(quarters.EnumerateArray()
                .Where(q => DateOnly.Parse(q.GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= today.AddYears(-2).AddMonths(3))
                .Select(q => q.GetProperty("state").GetString()!));
        }

        Assert.Equal(1, states.Count(s => s == "missed"));
        Assert.True(states.Count(s => s == "met") >= 6);

        var resolutions = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/resolutions?pageSize=500");
        var items = resolutions.GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(items.Count, 18, 25);
        foreach (var state in new[] { "notStarted", "inProgress", "completed", "overdue" })
        {
            Assert.Contains(items, r => r.GetProperty("status").GetString() == state);
        }

        Assert.Contains(items, r => r.GetProperty("dueSoon").GetBoolean());
        Assert.Equal("overdue", items[0].GetProperty("status").GetString());
        Assert.Equal(items.Count, items.Select(r => r.GetProperty("number").GetString()).Distinct().Count());

        // Every seeded resolution obeys rule 1 at its meeting.
        var checks = await App.QueryAsync(db => db.Resolutions.Select(r => new
        {
            r.VotesFor,
            Present = db.MeetingAttendances.Count(a => a.MeetingId == r.MeetingId && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Delegated)),
            Invited = db.MeetingAttendances.Count(a => a.MeetingId == r.MeetingId),
        }).ToListAsync());
        Assert.All(checks, c => Assert.True(QuorumRules.IsAdopted(c.VotesFor, c.Present) && c.Present * 2 > c.Invited));
    }
}
