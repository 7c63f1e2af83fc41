using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.UnitTests.Documents;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommunityPartyBuilding.UnitTests.Features.Reports;

public class ReportRulesTests
{
    [Fact]
    public void Verification_codes_avoid_look_alike_characters_and_are_typed_leniently()
    {
        var codes = Enumerable.Range(0, 500).Select(_ => VerificationCodes.New()).ToList();

        Assert.All(codes, c => Assert.Matches("^[2-9A-HJKMNP-Z]{8}$", c));
        Assert.True(codes.Distinct().Count() > 495);
        Assert.Equal("ABCD2345", VerificationCodes.Normalise(" abcd-2345 "));
        Assert.Equal("ABCD2345", VerificationCodes.Normalise("ABCD 2345"));
        Assert.Null(VerificationCodes.Normalise("ABCD-2340"));   // 0 is never used
        Assert.Null(VerificationCodes.Normalise("ABCD-IL45"));   // nor I or L
        Assert.Null(VerificationCodes.Normalise("ABC"));
        Assert.Null(VerificationCodes.Normalise(null));
        Assert.Equal("ABCD-2345", VerificationCodes.Format("ABCD2345"));
    }

    [Theory]
    [InlineData("东湖街道大党工委", "2026年第三季度联席会议", "东湖街道大党工委2026年第三季度联席会议纪要")]
    [InlineData("东湖街道大党工委", "东湖街道2026年第三季度联席会议", "东湖街道2026年第三季度联席会议纪要")]
    [InlineData("东湖街道大党工委", "专题会议纪要", "东湖街道大党工委专题会议纪要")]
    public void The_minutes_title_names_the_committee_once_and_ends_with_jiyao(string committee, string meeting, string expected) =>
        Assert.Equal(expected, MeetingMinutesDocument.Title(committee, meeting));

    [Fact]
    public void The_quorum_line_gives_the_numbers_of_rule_1()
    {
        Assert.Equal(
            "本次会议应到成员单位24家，实到（含委托）21家，超过在册成员单位的50%（至少13家），符合议事规则规定的法定人数，会议有效。",
            MeetingMinutesDocument.QuorumLine(new QuorumResult(21, 24, 0.5m, 13, true)));
        Assert.Contains("不能作出决议", MeetingMinutesDocument.QuorumLine(new QuorumResult(10, 24, 0.5m, 13, false)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_is_degraded_without_a_CJK_font_and_healthy_with_one()
    {
        var missing = await new CjkFontHealthCheck(new FakeFonts(FontAvailability.Missing("Noto Sans CJK SC not found"))).CheckHealthAsync(new HealthCheckContext());
        var present = await new CjkFontHealthCheck(new CommunityPartyBuilding.Documents.Skia.FontconfigFontProvider()).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, missing.Status);
        Assert.Contains("PDF reports unavailable", missing.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, present.Status);
    }

    private sealed class FakeFonts(FontAvailability availability) : IFontProvider
    {
        public FontAvailability Availability { get; } = availability;
    }

    [Fact]
    public void Scores_fall_in_bands_of_five_points_with_everything_below_sixty_in_one()
    {
        var bands = AnnualReportDocument.ScoreBands([-5m, 0m, 59.9m, 60m, 64.9m, 65m, 89.9m, 90m, 99.9m, 100m]);

        Assert.Equal(["<60", "60-65", "65-70", "70-75", "75-80", "80-85", "85-90", "90-95", "95-100"], bands.Select(b => b.Label));
        Assert.Equal([3, 2, 1, 0, 0, 0, 1, 1, 2], bands.Select(b => b.Units));
    }

    [Fact]
    public void An_annual_report_of_a_street_with_no_units_and_no_activities_still_reads_and_has_no_appendix()
    {
        var data = new AnnualReportData
        {
            StreetName = "西城街道",
            CommitteeName = "西城街道大党工委",
            Year = 2026,
            Status = CommunityPartyBuilding.Web.Features.Evaluations.EvaluationStatus.Closed,
            Weights = CommunityPartyBuilding.Web.Features.Evaluations.IndicatorWeights.Default,
            Rows = [],
            JointMeetingsPerQuarter = [0, 0, 0, 0],
            Resolutions = [],
            ActivitiesPerMonth = new int[12],
            IssuedOn = new DateOnly(2026, 12, 31),
        };

        var pages = PdfTestSupport.PageTexts(PdfTestSupport.Render(AnnualReportDocument.Compose(data, PdfTestSupport.CreatedAt), "annual-report-empty"));
        var all = string.Concat(pages);

        Assert.Contains("西城街道大党工委2026年度共驻共建考核报告", all, StringComparison.Ordinal);
        Assert.Contains("（本年度未通过决议）", all, StringComparison.Ordinal);
        Assert.Contains("图1 各月核实的共建活动", all, StringComparison.Ordinal);
        Assert.DoesNotContain("附件", all, StringComparison.Ordinal);
        Assert.Contains("本年度没有参评单位。", all, StringComparison.Ordinal);
        Assert.DoesNotContain("均不少于10票", all, StringComparison.Ordinal);
        Assert.All(pages, p => Assert.Contains("草稿", p, StringComparison.Ordinal));
    }
}
