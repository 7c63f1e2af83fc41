using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Needs;
using CommunityPartyBuilding.IntegrationTests.Features.Projects;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Dashboard;

/// <summary>The organisation department's table per street: the year's needs (as <see cref="NeedFigures"/> defines them) and the projects accepted in the year.</summary>
[Trait("Clock", "DateSensitive")]
public class OversightNeedTests(PortalApp app) : PortalTest(app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateTimeOffset Start(int year)
    {
        var local = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Shanghai.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The street's needs of the year in plain code, and its projects accepted in the year.</summary>
    private async Task<(NeedYearFigures Needs, int Accepted)> ExpectedAsync(Guid streetId, int year)
    {
        var (from, to) = (Start(year), Start(year + 1));
        var needs = await App.QueryAsync(db => db.Needs.AsNoTracking().Where(n => n.StreetId == streetId).ToListAsync());
        var accepted = await App.QueryAsync(db => db.Projects.CountAsync(p => p.StreetId == streetId && p.AcceptedAt >= from && p.AcceptedAt < to));
        return (NeedFigures.Sum(needs.GroupBy(n => (n.CommunityId, n.Category, n.ClaimerUnitId))
            .Select(g => NeedFigures.Tally(g.Key.CommunityId, g.Key.Category, g.Key.ClaimerUnitId, g, from, to))), accepted);
    }

    [Fact]
    public async Task Each_streets_row_has_its_needs_of_the_year_and_its_projects_accepted_in_the_year()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        var department = await App.QueryAsync(db => db.Streets.Where(s => s.Id == donghu).Select(s => s.OrganisationDepartmentId).SingleAsync());
        var year = App.Clock.Today.Year;
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");

        var before = await DashboardFigureTests.GetOverviewAsync(orgDept, department, null);
        foreach (var street in new[] { donghu, xicheng })
        {
            var row = before.Streets.Single(s => s.StreetId == street);
            var (needs, accepted) = await ExpectedAsync(street, year);
            Assert.Equal(needs, row.Needs);
            Assert.Equal(accepted, row.ProjectsAccepted);
        }

        // The demo rates needs in the last weeks: in early January they belong to last year, and this year has none yet.
        if (App.Clock.Today.DayOfYear > 40)
        {
            Assert.True(before.Streets.Single(s => s.StreetId == donghu).Needs.Rated > 0, "the demo's rated needs count");
        }

        // One more need entered (submitted and published) and one more project accepted in 东湖: its row only.
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        await NeedData.EnterAsync(staff, community, "汇总表测试需求");
        var lead = await App.UnitIdAsync(Leader1Unit);
        var project = await ProjectData.DoneAsync(staff, community, ProjectData.Body(lead, start: App.Clock.Today, end: App.Clock.Today.AddDays(10), title: "汇总表测试项目"));
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/projects/{project}/accept", ProjectData.Contributions((lead, 3, 0, 5)))).StatusCode);

        var after = await DashboardFigureTests.GetOverviewAsync(orgDept, department, null);
        var was = before.Streets.Single(s => s.StreetId == donghu);
        var now = after.Streets.Single(s => s.StreetId == donghu);
        Assert.Equal((was.Needs.Submitted + 1, was.Needs.Published + 1, was.ProjectsAccepted + 1), (now.Needs.Submitted, now.Needs.Published, now.ProjectsAccepted));
        Assert.Equal((await ExpectedAsync(donghu, year)).Needs, now.Needs);
        Assert.Equal(before.Streets.Single(s => s.StreetId == xicheng), after.Streets.Single(s => s.StreetId == xicheng));

        // The xlsx has the same figures.
        var response = await orgDept.GetAsync($"/api/v1/organisation-departments/{department}/streets/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var sheet = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var line = sheet.Single(r => (string?)r["街道"] == DemoSeeder.DonghuStreet);
        double Number(string column) => Convert.ToDouble(line[column], CultureInfo.InvariantCulture);
        Assert.Equal((now.Needs.Submitted, now.Needs.Published, now.Needs.Done, now.Needs.Rated, now.ProjectsAccepted),
            ((int)Number("需求提交（项）"), (int)Number("需求发布（项）"), (int)Number("需求办结（项）"), (int)Number("需求评价（项）"), (int)Number("验收项目（项）")));
        Assert.Equal(now.Needs.SatisfactionShare is { } share ? share.ToString("P1", CultureInfo.InvariantCulture) : "—", line["需求满意率"]);
    }
}
