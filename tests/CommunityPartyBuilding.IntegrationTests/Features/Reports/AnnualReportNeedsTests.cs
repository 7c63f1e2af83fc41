using System.Net;
using CommunityPartyBuilding.IntegrationTests.Features.Evaluations;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Projects;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Reports;

/// <summary>
/// The annual report's 群众需求办理: the year's needs per community, category and unit, and its subsection on the year's
/// co-building projects, read back from the PDF; no resident's data.
/// </summary>
public class AnnualReportNeedsTests(PortalApp app) : PortalTest(app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static string Flat(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);

    private static DateTimeOffset At(int year, int month, int day) =>
        new DateTimeOffset(new DateTime(year, month, day, 10, 0, 0), TimeSpan.FromHours(8)).ToUniversalTime();

    [Fact]
    public async Task The_annual_report_has_the_years_needs_answered_per_community_and_unit_without_personal_data()
    {
        var lastYear = TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), Shanghai).Year - 1;
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        const string communityName = "报告测试社区";
        const string unitName = "东湖区人民检察院";
        const string partnerName = "国网东湖供电公司";
        const string projectTitle = "报告测试共建项目";

        // A community of its own, so that the demo's needs cannot fall into its row whatever the date: in the report's
        // year four needs submitted and published, three claimed by one unit, two done (in 4 and 6 days), one rated 满意.
        await App.QueryAsync(async db =>
        {
            var community = new Community { StreetId = donghu, Name = communityName };
            db.Communities.Add(community);
            var unit = await db.MemberUnits.Where(u => u.StreetId == donghu && u.Name == unitName).Select(u => u.Id).SingleAsync();
            Need Need(string title, NeedStatus status, int month) => new()
            {
                StreetId = donghu,
                CommunityId = community.Id,
                Kind = NeedKind.Wish,
                Category = ServiceCategory.ConvenienceService,
                Title = title,
                ContactName = "欧阳秀英",
                ContactPhone = "13811112222",
                Status = status,
                TrackingCodeHash = NeedRules.HashTrackingCode(NeedRules.NewTrackingCode()),
                SubmittedAt = At(lastYear, month, 1),
                PublishedAt = At(lastYear, month, 2),
            };

            var rated = Need("报告测试需求甲", NeedStatus.Rated, 3);
            (rated.ClaimerUnitId, rated.ClaimedAt, rated.CompletedAt, rated.RatedAt, rated.Rating) = (unit, At(lastYear, 3, 3), At(lastYear, 3, 6), At(lastYear, 3, 7), Rating.Satisfied);
            var done = Need("报告测试需求乙", NeedStatus.Done, 5);
            (done.ClaimerUnitId, done.ClaimedAt, done.CompletedAt) = (unit, At(lastYear, 5, 3), At(lastYear, 5, 8));
            var claimed = Need("报告测试需求丙", NeedStatus.Claimed, 11);
            (claimed.ClaimerUnitId, claimed.ClaimedAt, claimed.ClaimBy) = (unit, At(lastYear, 11, 3), new DateOnly(lastYear + 1, 3, 1));
            db.Needs.AddRange(rated, done, claimed, Need("报告测试需求丁", NeedStatus.Published, 12));

            // A project of the community accepted in the report's year: led by the unit with one partner, 30 + 10 hours,
            // 8,000 + 2,000 yuan, 50 + 30 beneficiaries.
            var partner = await db.MemberUnits.Where(u => u.StreetId == donghu && u.Name == partnerName).Select(u => u.Id).SingleAsync();
            var project = new Project
            {
                StreetId = donghu,
                CommunityId = community.Id,
                Title = projectTitle,
                Category = ServiceCategory.Environment,
                LeadUnitId = unit,
                PlannedStart = new DateOnly(lastYear, 4, 1),
                PlannedEnd = new DateOnly(lastYear, 6, 30),
                Budget = 10000m,
                Status = ProjectStatus.Accepted,
                CreatedAt = At(lastYear, 3, 20),
                StartedAt = At(lastYear, 4, 1),
                DoneAt = At(lastYear, 6, 28),
                AcceptedAt = At(lastYear, 7, 2),
            };
            db.Projects.Add(project);
            db.ProjectUnits.AddRange(
                new ProjectUnit { ProjectId = project.Id, StreetId = donghu, UnitId = unit, IsLead = true, VolunteerHours = 30m, Funds = 8000m, Beneficiaries = 50 },
                new ProjectUnit { ProjectId = project.Id, StreetId = donghu, UnitId = partner, VolunteerHours = 10m, Funds = 2000m, Beneficiaries = 30 });
            await db.SaveChangesAsync();
            return 0;
        });

        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var id = await EvaluationApiTests.CampaignIdAsync(App, staff, lastYear);
        var response = await staff.GetAsync($"/api/v1/evaluations/{id}/report.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        ReportTestSupport.Keep(pdf, "annual-report-needs");
        var pages = ReportTestSupport.PageTexts(pdf).Select(Flat).ToList();
        var all = string.Concat(pages);

        var section = pages.FindIndex(p => p.Contains(Flat(AnnualReportDocument.NeedsHeading), StringComparison.Ordinal));
        Assert.True(section >= 0, "the section heading is in the report");
        var text = string.Concat(pages.Skip(section));
        Assert.Contains("各社区需求办理情况", text, StringComparison.Ordinal);
        Assert.Contains("各服务类别需求办理情况", text, StringComparison.Ordinal);
        Assert.Contains("办结需求较多的成员单位", text, StringComparison.Ordinal);

        // The community's row: submitted 4, published 4, claimed 3, done 2, rated 1, 100.0 % satisfied, (4 + 6) / 2 = 5 days.
        Assert.Contains($"{communityName}44321100.0%5", text, StringComparison.Ordinal);
        Assert.Contains(unitName, text[text.IndexOf("办结需求较多的成员单位", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("图1各社区需求提交与办结情况", text, StringComparison.Ordinal);

        // The projects' subsection, after the needs: the project's line with its units, acceptance date and contributions.
        var projects = text.IndexOf(Flat(AnnualReportDocument.ProjectsHeading), StringComparison.Ordinal);
        Assert.True(projects > text.IndexOf("办结需求较多的成员单位", StringComparison.Ordinal), "the projects follow the needs");
        var projectText = text[projects..];
        Assert.Contains(AnnualReportDocument.AcceptedProjectsCaption, projectText, StringComparison.Ordinal);
        Assert.Contains($"{projectTitle}{unitName}{partnerName}{lastYear}年7月2日4010,00080", projectText, StringComparison.Ordinal);
        Assert.Contains("图2本年度共建项目状态分布", projectText, StringComparison.Ordinal);

        // Rule 10: nothing of the residents.
        Assert.DoesNotContain("欧阳", all, StringComparison.Ordinal);
        Assert.DoesNotContain("13811112222", all, StringComparison.Ordinal);
        Assert.DoesNotContain("138****2222", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_of_the_year_a_demo_project_was_accepted_in_lists_it_with_its_units()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);

        // A demo project accepted some weeks ago: this year's report (a draft, once the open campaign is closed), or last
        // year's when the clock stands early in January.
        var demo = await App.QueryAsync(db => db.Projects.Where(p => p.StreetId == donghu && p.Status == ProjectStatus.Accepted)
            .OrderBy(p => p.AcceptedAt).Select(p => new { p.Title, p.AcceptedAt, Lead = db.MemberUnits.Where(u => u.Id == p.LeadUnitId).Select(u => u.Name).First() })
            .FirstAsync());
        var year = TimeZoneInfo.ConvertTime(demo.AcceptedAt!.Value, Shanghai).Year;
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var id = await EvaluationApiTests.CampaignIdAsync(App, staff, year);
        if (year == App.Clock.Today.Year)
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/evaluations/{id}/close", null)).StatusCode);
        }

        var response = await staff.GetAsync($"/api/v1/evaluations/{id}/report.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        ReportTestSupport.Keep(pdf, "annual-report-projects");
        var text = string.Concat(ReportTestSupport.PageTexts(pdf).Select(Flat));

        var section = text.IndexOf(Flat(AnnualReportDocument.NeedsHeading), StringComparison.Ordinal);
        var projects = text.IndexOf(Flat(AnnualReportDocument.ProjectsHeading), StringComparison.Ordinal);
        Assert.True(section >= 0 && projects > section, "the projects' subsection is in section 四");
        var subsection = text[projects..text.IndexOf("五、群众评议情况", StringComparison.Ordinal)];
        Assert.Contains(AnnualReportDocument.AcceptedProjectsCaption, subsection, StringComparison.Ordinal);
        Assert.Contains(Flat(demo.Title), subsection, StringComparison.Ordinal);
        Assert.Contains(Flat(demo.Lead), subsection, StringComparison.Ordinal);
        Assert.Contains("本年度共建项目状态分布", subsection, StringComparison.Ordinal);
    }
}
