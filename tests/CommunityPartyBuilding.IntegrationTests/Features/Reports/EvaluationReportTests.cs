using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Evaluations;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Reports;

public class EvaluationReportTests(PortalApp app) : PortalTest(app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private int ThisYear => TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), Shanghai).Year;

    private static string Flat(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);

    private static async Task<Guid> UnitOfAsync(HttpClient client) =>
        Guid.Parse((await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("unitId").ToString());

    [Fact]
    public async Task The_annual_report_of_a_published_campaign_lists_every_unit_with_its_total_and_no_draft_mark()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var id = await EvaluationApiTests.CampaignIdAsync(App, staff, ThisYear - 1);
        var rows = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{id}/results");

        var response = await staff.GetAsync($"/api/v1/evaluations/{id}/report.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        ReportTestSupport.Keep(pdf, "annual-report");
        var pages = ReportTestSupport.PageTexts(pdf).Select(Flat).ToList();
        var all = string.Concat(pages);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"第{i + 1}页/共{pages.Count}页", pages[i], StringComparison.Ordinal);
        }

        Assert.Contains(Flat(AnnualReportDocument.Title("东湖街道大党工委", ThisYear - 1)), pages[0], StringComparison.Ordinal);
        Assert.DoesNotContain("草稿", all, StringComparison.Ordinal);
        Assert.Contains("样本不足", all, StringComparison.Ordinal);

        // The ranking: every unit with its total as the API gives it, in one line of the table.
        var start = pages.FindIndex(p => p.Contains(AnnualReportDocument.RankingCaption, StringComparison.Ordinal));
        var end = pages.FindIndex(p => p.Contains("表示群众评议样本不足", StringComparison.Ordinal));
        Assert.True(start >= 0 && end >= start);
        var ranking = string.Concat(pages.Skip(start).Take(end - start + 1));
        foreach (var row in rows.EnumerateArray())
        {
            var name = Flat(row.GetProperty("unitName").GetString()!);
            var total = row.GetProperty("total").GetDecimal().ToString("0.0", CultureInfo.InvariantCulture);
            Assert.Contains(name, all, StringComparison.Ordinal);
            Assert.Contains(total, ranking, StringComparison.Ordinal);
        }

        // A table that runs over a page repeats its header row there.
        const string header = "名次成员单位会议参与协议履行共建活动决议落实群众评议加减分总分等次";
        for (var p = start; p <= end; p++)
        {
            Assert.Contains(header, pages[p], StringComparison.Ordinal);
        }

        // The activities per month, and the appendix: after the 落款, on its own pages, every unit with what its points
        // rest on, the header row on every page of it.
        // 图3, 4 or 5 when the year had needs or projects (their charts come first, in 四、群众需求办理).
        Assert.Matches("图[345]各月核实的共建活动", all);
        var appendix = pages.FindIndex(p => p.Contains(Flat($"{ThisYear - 1}年度{AnnualReportDocument.AppendixTitle}"), StringComparison.Ordinal));
        Assert.True(appendix > end, "the appendix follows the ranking");
        Assert.Contains($"附件：{AnnualReportDocument.AppendixTitle}", string.Concat(pages.Take(appendix)), StringComparison.Ordinal);
        var appendixText = string.Concat(pages.Skip(appendix));
        for (var p = appendix; p < pages.Count; p++)
        {
            Assert.Contains(AnnualReportDocument.AppendixHeader, pages[p], StringComparison.Ordinal);
        }

        foreach (var row in rows.EnumerateArray())
        {
            Assert.Contains(Flat(row.GetProperty("unitName").GetString()!), appendixText, StringComparison.Ordinal);
            if (row.GetProperty("meetingsInvited").GetInt32() is var invited and > 0)
            {
                Assert.Contains($"{row.GetProperty("meetingsAttended").GetInt32()}/{invited}", appendixText, StringComparison.Ordinal);
            }
        }

        var issued = await App.QueryAsync(db => db.IssuedReports.OrderByDescending(r => r.IssuedAt).FirstAsync());
        Assert.Equal(ReportKind.AnnualReport, issued.Kind);
        Assert.Equal(ThisYear - 1, issued.Year);
        Assert.Equal(Guid.Parse(id), issued.SubjectId);

        // The organisation department reads it too, once published.
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        Assert.Equal(HttpStatusCode.OK, (await orgDept.GetAsync($"/api/v1/evaluations/{id}/report.pdf")).StatusCode);
    }

    [Fact]
    public async Task A_unit_leader_downloads_their_own_feedback_sheet_and_no_other()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var id = await EvaluationApiTests.CampaignIdAsync(App, staff, ThisYear - 1);
        using var leader1 = await App.ApiAsAsync("leader1@example.org");
        using var leader2 = await App.ApiAsAsync("leader2@example.org");
        var unit1 = await UnitOfAsync(leader1);
        var unit2 = await UnitOfAsync(leader2);
        Assert.NotEqual(unit1, unit2);
        var rows = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{id}/results");
        var own = rows.EnumerateArray().Single(r => r.GetProperty("unitId").ToString() == unit1.ToString());

        var response = await leader1.GetAsync($"/api/v1/evaluations/{id}/units/{unit1}/feedback.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        ReportTestSupport.Keep(pdf, "unit-feedback");
        var pages = ReportTestSupport.PageTexts(pdf).Select(Flat).ToList();
        var all = string.Concat(pages);
        Assert.Contains($"东湖街道{ThisYear - 1}年度成员单位共驻共建考核反馈单", all, StringComparison.Ordinal);
        Assert.Contains(Flat(own.GetProperty("unitName").GetString()!), all, StringComparison.Ordinal);
        Assert.Contains(own.GetProperty("total").GetDecimal().ToString("0.0", CultureInfo.InvariantCulture), all, StringComparison.Ordinal);
        Assert.Contains($"第{own.GetProperty("rank").GetInt32()}名/共{rows.GetArrayLength()}个单位", all, StringComparison.Ordinal);
        Assert.DoesNotContain("草稿", all, StringComparison.Ordinal);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"第{i + 1}页/共{pages.Count}页", pages[i], StringComparison.Ordinal);
        }

        var comments = await App.QueryAsync(db => db.BallotRatings
            .Where(r => r.CampaignId == Guid.Parse(id) && r.UnitId == unit1 && r.Comment != null && r.Comment != "")
            .Select(r => r.Comment!).ToListAsync());
        Assert.All(comments, c => Assert.Contains(Flat(c), all, StringComparison.Ordinal));

        // Another unit's sheet, or the street's report, is not theirs: 404.
        Assert.Equal(HttpStatusCode.NotFound, (await leader1.GetAsync($"/api/v1/evaluations/{id}/units/{unit2}/feedback.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader1.GetAsync($"/api/v1/evaluations/{id}/report.pdf")).StatusCode);
        using var otherStaff = await App.ApiAsAsync("staff.xicheng@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/evaluations/{id}/units/{unit1}/feedback.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/evaluations/{id}/report.pdf")).StatusCode);

        // Staff and the organisation department may read any unit's sheet of the street.
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/evaluations/{id}/units/{unit2}/feedback.pdf")).StatusCode);
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        Assert.Equal(HttpStatusCode.OK, (await orgDept.GetAsync($"/api/v1/evaluations/{id}/units/{unit2}/feedback.pdf")).StatusCode);
    }

    [Fact]
    public async Task A_closed_campaign_that_is_not_finalised_is_reported_as_a_draft_to_staff_only()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var id = await EvaluationApiTests.CampaignIdAsync(App, staff, ThisYear);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.GetAsync($"/api/v1/evaluations/{id}/report.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/evaluations/{id}/close", null)).StatusCode);

        var response = await staff.GetAsync($"/api/v1/evaluations/{id}/report.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        ReportTestSupport.Keep(pdf, "annual-report-draft");
        var pages = ReportTestSupport.PageTexts(pdf);
        Assert.All(pages, p => Assert.Contains("草稿", p, StringComparison.Ordinal));

        using var leader1 = await App.ApiAsAsync("leader1@example.org");
        var unit1 = await UnitOfAsync(leader1);
        var sheet = ReportTestSupport.PageTexts(await (await staff.GetAsync($"/api/v1/evaluations/{id}/units/{unit1}/feedback.pdf")).Content.ReadAsByteArrayAsync());
        Assert.Contains("草稿", sheet[0], StringComparison.Ordinal);

        // Before publication the organisation department gets what it gets for the results (409), a leader 404.
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        Assert.Equal(HttpStatusCode.Conflict, (await orgDept.GetAsync($"/api/v1/evaluations/{id}/report.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader1.GetAsync($"/api/v1/evaluations/{id}/units/{unit1}/feedback.pdf")).StatusCode);
    }
}
