using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Projects;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Dashboard;

/// <summary>The dashboard's projects: the year's figures and the to-do entry for projects awaiting acceptance; community staff see their community.</summary>
[Trait("Clock", "DateSensitive")]
public class DashboardProjectTests(PortalApp app) : PortalTest(app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The year's figures in plain code over every project of the street (or one community): the definition of <see cref="ProjectYearFigures"/>.</summary>
    private async Task<ProjectYearFigures> ExpectedAsync(Guid streetId, Guid? communityId, int year)
    {
        var projects = await App.QueryAsync(db => db.Projects.AsNoTracking().Where(p => p.StreetId == streetId && (communityId == null || p.CommunityId == communityId)).ToListAsync());
        bool Accepted(Project p) => p.AcceptedAt is { } at && TimeZoneInfo.ConvertTime(at, Shanghai).Year == year;
        var inYear = projects.Where(p => (p.PlannedStart.Year <= year && p.PlannedEnd.Year >= year) || Accepted(p)).ToList();
        return new ProjectYearFigures(inYear.Count, inYear.Count(p => p.Status == ProjectStatus.Planned), inYear.Count(p => p.Status == ProjectStatus.UnderWay),
            inYear.Count(p => p.Status == ProjectStatus.Done), inYear.Count(Accepted));
    }

    private Task<int> AwaitingAsync(Guid streetId, Guid? communityId) =>
        App.QueryAsync(db => db.Projects.CountAsync(p => p.StreetId == streetId && p.Status == ProjectStatus.Done && (communityId == null || p.CommunityId == communityId)));

    [Fact]
    public async Task Street_staff_see_the_years_projects_and_those_awaiting_acceptance_to_do()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var today = App.Clock.Today;
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");

        var before = await DashboardFigureTests.GetDashboardAsync(staff, donghu, null);
        Assert.Equal(await ExpectedAsync(donghu, null, today.Year), before.Projects);
        Assert.Equal(await AwaitingAsync(donghu, null), before.Todo.ProjectsAwaitingAcceptance);
        Assert.True(before.Todo.ProjectsAwaitingAcceptance > 0, "the demo has a project awaiting acceptance in each community");

        // A project of this year reported done: one more in the year, done, awaiting acceptance, and on the to-do list.
        var lead = await App.UnitIdAsync(Leader1Unit);
        var partner = await App.UnitIdAsync(Leader2Unit);
        var id = await ProjectData.DoneAsync(staff, community, ProjectData.Body(lead, [partner], start: today, end: today.AddDays(20), title: "看板测试项目"));
        var done = await DashboardFigureTests.GetDashboardAsync(staff, donghu, null);
        Assert.Equal(before.Projects with { InYear = before.Projects.InYear + 1, Done = before.Projects.Done + 1 }, done.Projects);
        Assert.Equal(before.Todo.ProjectsAwaitingAcceptance + 1, done.Todo.ProjectsAwaitingAcceptance);
        Assert.Equal(before.Todo.Total + 1, done.Todo.Total);

        // The to-do entry's link is the projects list filtered to status done: the same projects.
        var listed = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/projects?status=done&pageSize=100");
        Assert.Equal(done.Todo.ProjectsAwaitingAcceptance, listed.GetProperty("total").GetInt32());
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);

        // Accepted: off the to-do list, counted as accepted in the year.
        var accepted = await staff.PostAsJsonAsync($"/api/v1/projects/{id}/accept", ProjectData.Contributions((lead, 4, 0, 10), (partner, 2, 0, 10)));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var after = await DashboardFigureTests.GetDashboardAsync(staff, donghu, null);
        Assert.Equal(before.Projects with { InYear = before.Projects.InYear + 1, Accepted = before.Projects.Accepted + 1 }, after.Projects);
        Assert.Equal(before.Todo.ProjectsAwaitingAcceptance, after.Todo.ProjectsAwaitingAcceptance);

        // Two years back nothing of the demo's projects happened.
        Assert.Equal(ProjectYearFigures.None, (await DashboardFigureTests.GetDashboardAsync(staff, donghu, today.Year - 2)).Projects);
    }

    [Fact]
    public async Task Community_staff_see_only_their_own_communitys_projects()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var own = await App.CommunityIdAsync(donghu, "东湖社区");
        using var community = await App.ApiAsAsync("community.donghu@example.org");

        var d = await DashboardFigureTests.GetDashboardAsync(community, donghu, null);

        Assert.Equal(await ExpectedAsync(donghu, own, App.Clock.Today.Year), d.Projects);
        Assert.Equal(await AwaitingAsync(donghu, own), d.Todo.ProjectsAwaitingAcceptance);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        Assert.True((await DashboardFigureTests.GetDashboardAsync(staff, donghu, null)).Todo.ProjectsAwaitingAcceptance > d.Todo.ProjectsAwaitingAcceptance);
    }

    [Fact]
    public async Task Community_staff_have_the_dashboard_in_their_menu_and_may_open_it()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var community = await App.BrowserAsAsync("community.donghu@example.org");

        var home = await community.GetStringAsync("/");
        Assert.Matches($"id=\"nav-dashboard\"[^>]*href=\"/streets/{donghu}/dashboard\"|href=\"/streets/{donghu}/dashboard\"[^>]*id=\"nav-dashboard\"", home);
        var page = await community.GetAsync($"/streets/{donghu}/dashboard");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
