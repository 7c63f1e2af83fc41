using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Needs;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Dashboard;
using CommunityPartyBuilding.Web.Features.Needs;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Dashboard;

/// <summary>The dashboard's needs figures and to-do entries: the SQL agrees with <see cref="NeedFigures"/>; community staff see their community.</summary>
[Trait("Clock", "DateSensitive")]
public class DashboardNeedTests(PortalApp app) : PortalTest(app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The year's figures computed in plain code over every need of the street (or one community).</summary>
    private async Task<NeedYearFigures> ExpectedAsync(Guid streetId, Guid? communityId, int year)
    {
        var needs = await App.QueryAsync(db => db.Needs.AsNoTracking().Where(n => n.StreetId == streetId && (communityId == null || n.CommunityId == communityId)).ToListAsync());
        var from = Start(year);
        var to = Start(year + 1);
        return NeedFigures.Sum(needs.GroupBy(n => (n.CommunityId, n.Category, n.ClaimerUnitId))
            .Select(g => NeedFigures.Tally(g.Key.CommunityId, g.Key.Category, g.Key.ClaimerUnitId, g, from, to)));
    }

    private static DateTimeOffset Start(int year)
    {
        var local = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Shanghai.GetUtcOffset(local)).ToUniversalTime();
    }

    [Fact]
    public async Task Street_staff_see_the_streets_needs_of_the_year_and_every_community_awaiting_review()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var year = App.Clock.Today.Year;
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");

        var before = await DashboardFigureTests.GetDashboardAsync(staff, donghu, null);
        Assert.Null(before.NeedsCommunityId);
        Assert.Equal(await ExpectedAsync(donghu, null, year), before.Needs);

        // The demo has one need awaiting review in each community of the street.
        var communities = await App.QueryAsync(db => db.Communities.Where(c => c.StreetId == donghu).Select(c => c.Name).ToListAsync());
        Assert.Equal(communities.Order(StringComparer.Ordinal), before.Todo.NeedsAwaitingReview.Select(c => c.CommunityName));
        Assert.All(before.Todo.NeedsAwaitingReview, c => Assert.Equal(1, c.Count));

        // Staff enter a need (published at once) and a unit claims another, wanted in three days: one more submitted,
        // published and claimed, and one claim about to lapse, which the list's filter finds.
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var (open, _) = await NeedData.EnterAsync(staff, community, "帮忙清理楼顶积水");
        var (claimed, _) = await NeedData.EnterAsync(staff, community, "帮忙搬运旧家具", wantedBy: App.Clock.Today.AddDays(3));
        using (var leader = await App.ApiAsAsync("leader1@example.org"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await NeedData.ClaimAsync(leader, claimed)).StatusCode);
        }

        var after = await DashboardFigureTests.GetDashboardAsync(staff, donghu, null);
        Assert.Equal(await ExpectedAsync(donghu, null, year), after.Needs);
        Assert.Equal((before.Needs.Submitted + 2, before.Needs.Published + 2, before.Needs.Open + 1, before.Needs.Claimed + 1),
            (after.Needs.Submitted, after.Needs.Published, after.Needs.Open, after.Needs.Claimed));
        Assert.Equal(before.Todo.NeedClaimsLapsingSoon + 1, after.Todo.NeedClaimsLapsingSoon);
        Assert.Equal(before.Todo.Total + 1, after.Todo.Total);

        var lapsing = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/needs?lapsingSoon=true&pageSize=200");
        var ids = lapsing.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(claimed, ids);
        Assert.DoesNotContain(open, ids);
        Assert.Equal(after.Todo.NeedClaimsLapsingSoon, ids.Count);

        // A past year has its own figures (nothing of the demo's needs happened two years ago).
        var past = await DashboardFigureTests.GetDashboardAsync(staff, donghu, year - 2);
        Assert.Equal(NeedYearFigures.None, past.Needs);
    }

    [Fact]
    public async Task Community_staff_see_only_their_own_communitys_needs()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var own = await App.CommunityIdAsync(donghu, "东湖社区");
        using var community = await App.ApiAsAsync("community.donghu@example.org");

        var d = await DashboardFigureTests.GetDashboardAsync(community, donghu, null);

        Assert.Equal(own, d.NeedsCommunityId);
        Assert.Equal(await ExpectedAsync(donghu, own, App.Clock.Today.Year), d.Needs);
        var review = Assert.Single(d.Todo.NeedsAwaitingReview);
        Assert.Equal((own, "东湖社区"), (review.CommunityId, review.CommunityName));

        // The street's staff see more than the one community.
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var street = await DashboardFigureTests.GetDashboardAsync(staff, donghu, null);
        Assert.True(street.Todo.NeedsAwaitingReview.Count > 1);
        Assert.Null(street.NeedsCommunityId);
    }
}
