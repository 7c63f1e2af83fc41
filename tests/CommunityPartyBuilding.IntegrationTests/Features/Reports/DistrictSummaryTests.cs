using System.Net;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Reports;

public class DistrictSummaryTests(PortalApp app) : PortalTest(app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static string Flat(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    [Fact]
    public async Task The_department_downloads_its_streets_side_by_side_and_nobody_else_can()
    {
        var year = TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), Shanghai).Year - 1;
        var department = await App.QueryAsync(db => db.OrganisationDepartments.Select(d => d.Id).SingleAsync());
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");

        var response = await orgDept.GetAsync($"/api/v1/organisation-departments/{department}/summary.pdf?year={year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        ReportTestSupport.Keep(pdf, "district-summary");
        var pages = ReportTestSupport.PageTexts(pdf).Select(Flat).ToList();
        var all = string.Concat(pages);
        Assert.Contains(DemoSeeder.DonghuStreet, all, StringComparison.Ordinal);
        Assert.Contains(DemoSeeder.XichengStreet, all, StringComparison.Ordinal);
        Assert.Contains($"{DemoSeeder.OrganisationDepartmentName}{year}年度街道共驻共建工作汇总", pages[0], StringComparison.Ordinal);
        Assert.Contains($"第1页/共{pages.Count}页", pages[0], StringComparison.Ordinal);

        // 东湖's published campaign gives its mean score, the same as the mean of its stored totals.
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var mean = await App.QueryAsync(db => db.UnitAssessments
            .Where(a => db.EvaluationCampaigns.Any(c => c.Id == a.CampaignId && c.Year == year && c.StreetId == donghu)).AverageAsync(a => a.Total));
        Assert.Contains(Math.Round(mean, 1, MidpointRounding.AwayFromZero).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), all, StringComparison.Ordinal);
        Assert.True(await App.QueryAsync(db => db.IssuedReports.AnyAsync(r => r.Kind == ReportKind.DistrictSummary && r.OrganisationDepartmentId == department)));

        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/v1/organisation-departments/{department}/summary.pdf?year={year}")).StatusCode);
        using var leader = await App.ApiAsAsync("leader1@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/v1/organisation-departments/{department}/summary.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await orgDept.GetAsync($"/api/v1/organisation-departments/{Guid.NewGuid()}/summary.pdf")).StatusCode);
    }
}
