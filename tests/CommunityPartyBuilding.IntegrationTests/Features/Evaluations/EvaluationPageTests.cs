using System.Net;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Evaluations;

/// <summary>The evaluation pages as each role gets them (the prerendered HTML of the interactive pages).</summary>
public partial class EvaluationPageTests(PortalApp app) : PortalTest(app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private int ThisYear => TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), Shanghai).Year;

    private Task<Guid> CampaignAsync(int year) =>
        App.QueryAsync(db => db.EvaluationCampaigns.Where(c => c.Year == year).Select(c => c.Id).SingleAsync());

    private static int Rows(string html) => AssessmentRow().Count(html);

    [Fact]
    public async Task The_list_offers_staff_the_new_campaign_form_and_is_read_only_for_the_organisation_department()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var html = await staff.GetStringAsync($"/streets/{donghu}/evaluations");
        Assert.Contains($"{ThisYear}年度", html, StringComparison.Ordinal);
        Assert.Contains($"{ThisYear - 1}年度", html, StringComparison.Ordinal);
        Assert.Contains("评议中", html, StringComparison.Ordinal);
        Assert.Contains("已通报", html, StringComparison.Ordinal);
        Assert.Contains("id=\"campaign-new\"", html, StringComparison.Ordinal);
        Assert.Contains($"/evaluations/{await CampaignAsync(ThisYear)}", html, StringComparison.Ordinal);

        using var orgDept = await App.BrowserAsAsync("orgdept@example.org");
        var read = await orgDept.GetStringAsync($"/streets/{donghu}/evaluations");
        Assert.Contains($"{ThisYear - 1}年度", read, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"campaign-new\"", read, StringComparison.Ordinal);

        // 西城 has no campaign yet: its staff get the empty state and the button.
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        using var other = await App.BrowserAsAsync("staff.xicheng@example.org");
        var empty = await other.GetStringAsync($"/streets/{xicheng}/evaluations");
        Assert.Contains("还没有年度评议", empty, StringComparison.Ordinal);
        Assert.Contains("id=\"campaign-new\"", empty, StringComparison.Ordinal);

        // …and cannot list 东湖's.
        var refused = await other.GetStringAsync($"/streets/{donghu}/evaluations");
        Assert.Contains("未找到该街道", refused, StringComparison.Ordinal);
        Assert.DoesNotContain($"{ThisYear - 1}年度", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_campaign_is_open_everyone_sees_the_turnout_only_and_staff_get_the_next_step_and_the_codes()
    {
        var open = await CampaignAsync(ThisYear);
        var heading = $"东湖街道{ThisYear}年度群众评议";
        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var html = await staff.GetStringAsync($"/evaluations/{open}");
        Assert.Contains(heading, html, StringComparison.Ordinal);
        Assert.Contains("评议进行中，各单位得分在评议截止后才能查看。", html, StringComparison.Ordinal);
        Assert.Contains("id=\"turnout-online\">24<", html, StringComparison.Ordinal);
        Assert.Contains("id=\"turnout-issued\">50<", html, StringComparison.Ordinal);
        Assert.Contains("id=\"campaign-next-step\"", html, StringComparison.Ordinal);
        Assert.Contains("截止评议", html, StringComparison.Ordinal);
        Assert.Contains("id=\"campaign-codes\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"paper-entry-link\"", html, StringComparison.Ordinal);
        Assert.Equal(0, Rows(html));

        foreach (var email in new[] { "orgdept@example.org", "leader1@example.org" })
        {
            using var reader = await App.BrowserAsAsync(email);
            var read = await reader.GetStringAsync($"/evaluations/{open}");
            Assert.Contains(heading, read, StringComparison.Ordinal);
            Assert.Contains("评议进行中，各单位得分在评议截止后才能查看。", read, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"campaign-next-step\"", read, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"campaign-codes\"", read, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"paper-entry-link\"", read, StringComparison.Ordinal);
            Assert.Equal(0, Rows(read));
        }
    }

    [Fact]
    public async Task The_published_results_show_every_row_to_staff_and_department_and_only_their_own_to_a_unit_leader()
    {
        var published = await CampaignAsync(ThisYear - 1);
        var stored = await App.QueryAsync(db => db.UnitAssessments.Where(a => a.CampaignId == published).ToListAsync());
        var procuratorate = stored.Single(a => a.UnitName == "东湖区人民检察院");
        var another = stored.First(a => a.UnitId != procuratorate.UnitId);

        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var html = await staff.GetStringAsync($"/evaluations/{published}");
        Assert.Equal(stored.Count, Rows(html));
        Assert.Contains("定稿时保存的得分", html, StringComparison.Ordinal);
        Assert.Contains("样本不足", html, StringComparison.Ordinal);
        Assert.DoesNotContain("adjust-button", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"campaign-codes\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"campaign-next-step\"", html, StringComparison.Ordinal);

        using var orgDept = await App.BrowserAsAsync("orgdept@example.org");
        var department = await orgDept.GetStringAsync($"/evaluations/{published}");
        Assert.Equal(stored.Count, Rows(department));
        Assert.Contains(another.UnitName, department, StringComparison.Ordinal);

        using var leader = await App.BrowserAsAsync("leader1@example.org");
        var own = await leader.GetStringAsync($"/evaluations/{published}");
        Assert.Equal(1, Rows(own));
        Assert.Contains(procuratorate.UnitName, own, StringComparison.Ordinal);
        Assert.Contains(procuratorate.Total.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), own, StringComparison.Ordinal);
        Assert.DoesNotContain(another.UnitName, own, StringComparison.Ordinal);
        Assert.Contains("这里只显示本单位的结果", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_closed_staff_see_live_figures_with_adjustments_and_the_department_is_told_they_are_not_published()
    {
        var open = await CampaignAsync(ThisYear);
        await App.QueryAsync(async db =>
        {
            var campaign = await db.EvaluationCampaigns.SingleAsync(c => c.Id == open);
            campaign.Status = EvaluationStatus.Closed;
            campaign.ClosedAt = App.Clock.GetUtcNow();
            return await db.SaveChangesAsync();
        });
        var units = await App.QueryAsync(db => db.CampaignUnits.CountAsync(u => u.CampaignId == open));

        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var html = await staff.GetStringAsync($"/evaluations/{open}");
        Assert.Equal(units, Rows(html));
        Assert.Contains("按当前数据实时计算", html, StringComparison.Ordinal);
        Assert.Equal(units, AdjustButton().Count(html));
        Assert.Contains("id=\"campaign-next-step\"", html, StringComparison.Ordinal);
        Assert.Contains("定稿", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"campaign-codes\"", html, StringComparison.Ordinal);

        using var orgDept = await App.BrowserAsAsync("orgdept@example.org");
        var department = await orgDept.GetStringAsync($"/evaluations/{open}");
        Assert.Contains("评议结果尚未通报", department, StringComparison.Ordinal);
        Assert.Equal(0, Rows(department));
    }

    [Fact]
    public async Task Evaluation_pages_refuse_another_street_without_revealing_the_campaign()
    {
        var open = await CampaignAsync(ThisYear);
        var published = await CampaignAsync(ThisYear - 1);
        using var other = await App.BrowserAsAsync("staff.xicheng@example.org");
        foreach (var path in new[] { $"/evaluations/{open}", $"/evaluations/{published}", $"/evaluations/{open}/paper" })
        {
            var response = await other.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("未找到该年度评议", html, StringComparison.Ordinal);
            Assert.DoesNotContain("东湖街道", html, StringComparison.Ordinal);
            Assert.Equal(0, Rows(html));
        }
    }

    [Fact]
    public async Task Paper_entry_is_for_the_streets_staff_while_the_campaign_takes_ballots()
    {
        var open = await CampaignAsync(ThisYear);
        var published = await CampaignAsync(ThisYear - 1);
        var firstUnit = await App.QueryAsync(db => db.CampaignUnits.Where(u => u.CampaignId == open).OrderBy(u => u.SortOrder)
            .Join(db.MemberUnits, cu => cu.UnitId, u => u.Id, (cu, u) => u.Name).FirstAsync());

        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var grid = await staff.GetStringAsync($"/evaluations/{open}/paper");
        Assert.Contains("id=\"paper-grid\"", grid, StringComparison.Ordinal);
        Assert.Contains("id=\"paper-legend\"", grid, StringComparison.Ordinal);
        Assert.Contains(firstUnit, grid, StringComparison.Ordinal);
        Assert.Contains("本次已录入 0 张", grid, StringComparison.Ordinal);

        var refused = await staff.GetStringAsync($"/evaluations/{published}/paper");
        Assert.Contains("只有评议中或已截止的评议可以录入纸质票", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"paper-grid\"", refused, StringComparison.Ordinal);

        foreach (var email in new[] { "orgdept@example.org", "leader1@example.org" })
        {
            using var reader = await App.BrowserAsAsync(email);
            var html = await reader.GetStringAsync($"/evaluations/{open}/paper");
            Assert.Contains("您只能查看，不能修改这些数据", html, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"paper-grid\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_unit_page_lists_the_units_annual_assessments()
    {
        var stored = await App.QueryAsync(db => db.UnitAssessments.SingleAsync(a => a.UnitName == "东湖区人民检察院"));
        var units = await App.QueryAsync(db => db.UnitAssessments.CountAsync(a => a.CampaignId == stored.CampaignId));
        var withdrawn = await App.QueryAsync(db => db.MemberUnits.Where(u => u.Name == "东湖区公共资源交易中心").Select(u => u.Id).SingleAsync());

        using var leader = await App.BrowserAsAsync("leader1@example.org");
        var html = await leader.GetStringAsync($"/units/{stored.UnitId}");
        Assert.Contains("id=\"unit-evaluations\"", html, StringComparison.Ordinal);
        Assert.Contains($"{ThisYear - 1}年度", html, StringComparison.Ordinal);
        Assert.Contains($"第 {stored.Rank} 名 / 共 {units} 个单位", html, StringComparison.Ordinal);
        Assert.Contains($"/evaluations/{stored.CampaignId}", html, StringComparison.Ordinal);

        // A unit that left before last year's campaign has no assessment.
        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var none = await staff.GetStringAsync($"/units/{withdrawn}");
        Assert.Contains("还没有已定稿的年度考核结果", none, StringComparison.Ordinal);
    }

    [GeneratedRegex("assessment-row")]
    private static partial Regex AssessmentRow();

    [GeneratedRegex("adjust-button")]
    private static partial Regex AdjustButton();
}
