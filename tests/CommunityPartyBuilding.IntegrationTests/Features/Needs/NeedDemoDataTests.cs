using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Dashboard;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Needs;

/// <summary>
/// The demo's needs give the reminders and the dashboard something to show: a dispatch awaiting leader1's unit, one
/// declined by leader2's unit yesterday, a claim of leader1's unit lapsing within 3 days, and a return visit on a done need.
/// </summary>
public class NeedDemoDataTests(PortalApp app) : NeedsTest(app)
{
    private Task<string> UserIdAsync(string email) => App.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task The_demo_has_a_pending_and_a_declined_dispatch_a_claim_about_to_lapse_and_a_return_visit_and_the_reminders_show_them()
    {
        var (donghu, own) = await DonghuAsync();
        var leader1Unit = await App.UnitIdAsync(Leader1Unit);
        var leader2Unit = await App.UnitIdAsync(Leader2Unit);
        var today = App.Clock.Today;

        var pending = await App.QueryAsync(db => db.NeedDispatches.Where(d => d.StreetId == donghu && d.Status == NeedDispatchStatus.Pending).ToListAsync());
        var waiting = Assert.Single(pending);
        Assert.Equal(leader1Unit, waiting.UnitId);
        Assert.True(waiting.Deadline >= today && waiting.Deadline <= today.AddDays(NeedDispatchRules.MaxDeadlineDays));
        Assert.Equal(leader1Unit, await App.QueryAsync(db => db.Needs.Where(n => n.Id == waiting.NeedId).Select(n => n.DispatchedUnitId).SingleAsync()));

        var declined = Assert.Single(await App.QueryAsync(db => db.NeedDispatches.Where(d => d.StreetId == donghu && d.Status == NeedDispatchStatus.Declined).ToListAsync()));
        Assert.Equal(leader2Unit, declined.UnitId);
        Assert.False(string.IsNullOrWhiteSpace(declined.DeclineReason));

        var lapsing = await App.QueryAsync(db => db.Needs.Where(n => n.StreetId == donghu && n.Status == NeedStatus.Claimed && n.ClaimBy <= today.AddDays(NeedRules.LapseReminderDays))
            .Select(n => new { n.ClaimerUnitId, n.CommunityId }).ToListAsync());
        Assert.Contains(lapsing, n => n.ClaimerUnitId == leader1Unit && n.CommunityId == own);

        var visited = await App.QueryAsync(db => db.Needs.Where(n => n.StreetId == donghu && n.ReturnVisitOn != null)
            .Select(n => new { n.Status, n.ReturnVisitOn, n.CompletedAt, n.CommunityId }).ToListAsync());
        var visit = Assert.Single(visited);
        Assert.Equal((NeedStatus.Done, own), (visit.Status, visit.CommunityId));
        Assert.InRange(visit.ReturnVisitOn!.Value, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(visit.CompletedAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime), today);

        // The dashboard's to-do list has the claim, for the street's and the community's staff.
        using (var staff = await StaffAsync())
        {
            Assert.True((await DashboardFigureTests.GetDashboardAsync(staff, donghu, null)).Todo.NeedClaimsLapsingSoon >= 1);
            var need = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/needs/{waiting.NeedId}");
            Assert.True(need.GetProperty("dispatchPending").GetBoolean());
        }

        using (var community = await CommunityStaffAsync())
        {
            Assert.True((await DashboardFigureTests.GetDashboardAsync(community, donghu, null)).Todo.NeedClaimsLapsingSoon >= 1);
        }

        // The reminder pass: leader1 is asked to answer the dispatch and reminded of the claim; the street's staff hear of the decline.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderPass>().CreateAsync(today, exclusive: false);
        }

        var leader1 = await UserIdAsync("leader1@example.org");
        var staffId = await UserIdAsync("staff.donghu@example.org");
        var kinds = await App.QueryAsync(db => db.Notifications.Where(n => n.Day == today && (n.RecipientUserId == leader1 || n.RecipientUserId == staffId))
            .Select(n => new { n.RecipientUserId, n.Kind, n.ItemKey }).ToListAsync());
        Assert.Contains(kinds, n => n.RecipientUserId == leader1 && n.Kind == NotificationKind.NeedDispatched && n.ItemKey == "need-dispatch:" + waiting.Id);
        Assert.Contains(kinds, n => n.RecipientUserId == leader1 && n.Kind == NotificationKind.NeedClaimLapsing);
        Assert.Contains(kinds, n => n.RecipientUserId == staffId && n.Kind == NotificationKind.NeedDispatchDeclined && n.ItemKey == "need-dispatch-returned:" + declined.Id);
    }
}
