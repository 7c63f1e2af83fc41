using CommunityPartyBuilding.UnitTests.Documents;
using CommunityPartyBuilding.Web.Features.Needs;

namespace CommunityPartyBuilding.UnitTests.Features.Needs;

/// <summary>The monthly notice PDF's composition: an empty month, many units with long names, and when it may be issued.</summary>
public class NeedNoticeDocumentTests
{
    private static NeedNoticeRow Row(string name, int dispatched, int done, int onTime, int satisfied, int basically, int dissatisfied)
    {
        var ratings = satisfied + basically + dissatisfied;
        return new(Guid.NewGuid(), name, dispatched, dispatched, 0, 0, done, onTime, ratings, satisfied, basically, dissatisfied,
            NeedNoticeRules.Satisfaction(satisfied, basically, ratings));
    }

    [Fact]
    public void An_empty_month_says_so_without_total_rows()
    {
        var empty = Row("", 0, 0, 0, 0, 0, 0) with { UnitId = Guid.Empty };
        var notice = new NeedNotice(Guid.NewGuid(), "东湖街道", new DateOnly(2026, 2, 1), [], empty);

        var text = string.Join("\n", PdfTestSupport.PageTexts(PdfTestSupport.Render(
            NeedNoticeDocument.Compose(notice, "东湖街道大党工委", new DateOnly(2026, 3, 2), PdfTestSupport.CreatedAt), "need-notice-empty")));

        Assert.Contains("东湖街道2026年2月需求办理情况通报", text, StringComparison.Ordinal);
        Assert.Contains("2026年2月1日至2026年2月28日", text, StringComparison.Ordinal);
        Assert.Contains("本月没有派单、办结或群众评价。", text, StringComparison.Ordinal);
        Assert.Contains("本月没有收到群众对成员单位办理需求的评价。", text, StringComparison.Ordinal);
        Assert.DoesNotContain("合计", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Forty_units_with_long_names_all_appear_and_the_pages_are_numbered()
    {
        var rows = Enumerable.Range(1, 40)
            .Select(i => Row($"东湖区第{i}人民医院党委暨医疗集团总院后勤服务中心", i, i % 5, i % 3 == 0 ? i % 5 : 0, i % 4, i % 2, i % 3 == 0 ? 1 : 0)).ToList();
        var total = Row("", rows.Sum(r => r.Dispatched), rows.Sum(r => r.Done), rows.Sum(r => r.DoneOnTime), rows.Sum(r => r.Satisfied),
            rows.Sum(r => r.BasicallySatisfied), rows.Sum(r => r.Dissatisfied)) with { UnitId = Guid.Empty };
        var notice = new NeedNotice(Guid.NewGuid(), "东湖街道", new DateOnly(2026, 11, 1), rows, total);

        var pages = PdfTestSupport.PageTexts(PdfTestSupport.Render(
            NeedNoticeDocument.Compose(notice, "东湖街道大党工委", new DateOnly(2026, 12, 1), PdfTestSupport.CreatedAt), "need-notice-long"));
        var all = string.Join("\n", pages);

        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        Assert.All(Enumerable.Range(1, 40), i => Assert.Contains($"第{i}人民医院", all, StringComparison.Ordinal));
        Assert.Contains(total.Dispatched.ToString(System.Globalization.CultureInfo.InvariantCulture), all, StringComparison.Ordinal);
        Assert.Contains($"第 {pages.Count} 页 / 共 {pages.Count} 页", pages[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-01", "2026-11-30", false)]
    [InlineData("2026-11-01", "2026-12-01", true)]
    [InlineData("2026-12-01", "2027-01-01", true)]
    [InlineData("2026-12-01", "2026-12-31", false)]
    public void A_month_may_be_issued_once_it_is_over(string month, string today, bool may) =>
        Assert.Equal(may, IssueNeedNotice.MayIssue(DateOnly.Parse(month, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
}
