using System.Net;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Dashboard;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.IntegrationTests.Features.Dashboard;

/// <summary>
/// Issue #18: dashboard and department figures are cached per (street, year) and a write that changes them invalidates
/// them at once; cached figures say "as of". The test app keeps the default cache time (60 s), so any stale figure
/// would show here.
/// </summary>
public class DashboardCacheTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task Cached_figures_say_when_they_were_computed_and_a_write_that_changes_them_shows_at_once()
    {
        var fixture = await DashboardFixture.CreateAsync(App);
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");

        var fresh = await DashboardFigureTests.GetDashboardAsync(orgDept, fixture.StreetId, null);
        Assert.Null(fresh.CachedAt);
        Assert.Equal((5, 2), (fresh.Activities.Verified, fresh.Activities.Pending));
        var cached = await DashboardFigureTests.GetDashboardAsync(orgDept, fixture.StreetId, null);
        Assert.NotNull(cached.CachedAt);
        Assert.Equal(fresh.Activities, cached.Activities);
        var overview = await DashboardFigureTests.GetOverviewAsync(orgDept, fixture.DepartmentId, null);
        Assert.Equal(5, overview.Streets.Single(s => s.StreetId == fixture.StreetId).VerifiedActivities);
        Assert.NotNull((await DashboardFigureTests.GetOverviewAsync(orgDept, fixture.DepartmentId, null)).CachedAt);

        // A submitted activity of 2026 becomes verified (a save through the portal's DbContext, as every handler saves).
        await App.QueryAsync(async db =>
        {
            var activity = await db.Activities.Where(a => a.StreetId == fixture.StreetId && a.Status == ActivityStatus.Submitted && a.HeldOn.Year == 2026)
                .OrderBy(a => a.HeldOn).FirstAsync();
            activity.Status = ActivityStatus.Verified;
            return await db.SaveChangesAsync();
        });

        var after = await DashboardFigureTests.GetDashboardAsync(orgDept, fixture.StreetId, null);
        Assert.Null(after.CachedAt);
        Assert.Equal((6, 1), (after.Activities.Verified, after.Activities.Pending));
        Assert.Equal(2, after.Todo.ActivitiesAwaitingVerification);
        var overviewAfter = await DashboardFigureTests.GetOverviewAsync(orgDept, fixture.DepartmentId, null);
        Assert.Null(overviewAfter.CachedAt);
        Assert.Equal(6, overviewAfter.Streets.Single(s => s.StreetId == fixture.StreetId).VerifiedActivities);

        // Another street's write leaves this street's entry alone.
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var unit = await App.QueryAsync(db => db.MemberUnits.Where(u => u.StreetId == donghu).Select(u => u.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/units/{unit}")).StatusCode);
        Assert.NotNull((await DashboardFigureTests.GetDashboardAsync(orgDept, fixture.StreetId, null)).CachedAt);
    }

    [Fact]
    public async Task An_api_write_invalidates_the_street_s_figures()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var today = App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var submitted = await App.QueryAsync(db => db.Activities
            .Where(a => a.StreetId == donghu && a.Status == ActivityStatus.Submitted && a.HeldOn.Year == today.Year)
            .Select(a => (Guid?)a.Id).FirstOrDefaultAsync());
        Assert.True(submitted is not null, "the demo street has a submitted activity this year");

        var before = await DashboardFigureTests.GetDashboardAsync(staff, donghu, null);
        Assert.NotNull((await DashboardFigureTests.GetDashboardAsync(staff, donghu, null)).CachedAt);

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/activities/{submitted}/verify", null)).StatusCode);

        var after = await DashboardFigureTests.GetDashboardAsync(staff, donghu, null);
        Assert.Null(after.CachedAt);
        Assert.Equal(before.Activities.Verified + 1, after.Activities.Verified);
        Assert.Equal(before.Todo.ActivitiesAwaitingVerification - 1, after.Todo.ActivitiesAwaitingVerification);
    }

    [Fact]
    public async Task A_save_in_a_transaction_moves_the_street_s_version_and_its_commit_moves_it_again_and_a_failed_save_moves_none()
    {
        var versions = App.Services.GetRequiredService<FigureVersions>();
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var factory = App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();

        var before = versions.Stamp([donghu]);
        string? saved = null;
        CoBuildingActivity? activity = null;
        await db.InTransactionAsync(async () =>
        {
            activity = await db.Activities.OrderBy(a => a.Id).FirstAsync(a => a.StreetId == donghu);
            activity.Place = "事务内修改的地点";
            await db.SaveChangesAsync();
            saved = versions.Stamp([donghu]);
        }, CancellationToken.None);
        var committed = versions.Stamp([donghu]);

        // Moved at the save, and again at the commit: a figure computed between the two is not found afterwards.
        Assert.NotEqual(before, saved);
        Assert.NotEqual(saved, committed);

        // A save that fails (the activity moved to a street that does not exist) moves no version.
        activity!.StreetId = Guid.NewGuid();
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(committed, versions.Stamp([donghu]));
    }

    [Fact]
    public async Task The_page_shows_as_of_when_it_shows_cached_figures()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var browser = await App.BrowserAsAsync("staff.donghu@example.org");

        var first = await browser.GetStringAsync($"/streets/{donghu}/dashboard");
        Assert.Contains("id=\"dashboard-street\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"dashboard-as-of\"", first, StringComparison.Ordinal);

        var second = await browser.GetStringAsync($"/streets/{donghu}/dashboard");
        Assert.Contains("id=\"dashboard-as-of\"", second, StringComparison.Ordinal);
        var local = App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        Assert.Contains($"数据截至 {local:HH}:", second, StringComparison.Ordinal);

        using var orgDept = await App.BrowserAsAsync("orgdept@example.org");
        var department = await App.QueryAsync(db => db.OrganisationDepartments.Select(d => d.Id).FirstAsync());
        Assert.DoesNotContain("id=\"oversight-as-of\"", await orgDept.GetStringAsync($"/organisation-departments/{department}/oversight"), StringComparison.Ordinal);
        Assert.Contains("id=\"oversight-as-of\"", await orgDept.GetStringAsync($"/organisation-departments/{department}/oversight"), StringComparison.Ordinal);
    }
}
