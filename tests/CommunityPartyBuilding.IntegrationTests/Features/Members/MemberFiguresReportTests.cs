using System.Net;
using CommunityPartyBuilding.IntegrationTests.Features.Evaluations;
using CommunityPartyBuilding.IntegrationTests.Features.Reports;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Members;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>The annual report's section on in-service members, read back from the PDF.</summary>
public class MemberFiguresReportTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task The_annual_report_has_a_section_on_in_service_members_with_the_units_hours()
    {
        var street = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(street, "东湖社区");
        var unit = await App.UnitIdAsync("东湖区人民检察院");
        var year = UnitData.Today(App).Year;
        var post = await App.PostAsync(street, community);
        var member = await App.RegisterMemberAsync(street, community, unit, "赵立新", "19900000041", new DateOnly(year - 1, 5, 1));
        await App.ServiceAsync(member, post, new DateOnly(year, 1, 2), 7.5m);

        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var id = await EvaluationApiTests.CampaignIdAsync(App, staff, year);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/evaluations/{id}/close", null)).StatusCode);
        var response = await staff.GetAsync($"/api/v1/evaluations/{id}/report.pdf");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var pdf = await response.Content.ReadAsByteArrayAsync();
        ReportTestSupport.Keep(pdf, "annual-report-members");
        var text = string.Join("\n", ReportTestSupport.PageTexts(pdf));
        Assert.Contains(AnnualMembersSection.Heading, text, StringComparison.Ordinal);
        Assert.Contains("成员单位在职党员报到情况", text, StringComparison.Ordinal);
        Assert.Contains("成员单位在职党员服务时长", text, StringComparison.Ordinal);
        Assert.Contains("东湖区人民检察院", text, StringComparison.Ordinal);
        Assert.Contains("7.5", text, StringComparison.Ordinal);
        Assert.DoesNotContain("赵立新", text, StringComparison.Ordinal);
    }
}
