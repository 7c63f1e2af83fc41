using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Needs;

namespace CommunityPartyBuilding.UnitTests.Features.Needs;

/// <summary>The needs figures of a year (dashboard and annual report), without a database.</summary>
public class NeedFiguresTests
{
    private static readonly DateTimeOffset From = new(2025, 12, 31, 16, 0, 0, TimeSpan.Zero); // 2026-01-01 00:00 in Shanghai
    private static readonly DateTimeOffset To = new(2026, 12, 31, 16, 0, 0, TimeSpan.Zero);
    private static readonly Guid Community = Guid.NewGuid();

    private static Need Need(NeedStatus status, DateTimeOffset submitted, double? publishedAfterDays = null, double? claimedAfterDays = null,
        double? doneAfterDays = null, double? ratedAfterDays = null, Rating? rating = null) => new()
    {
        Title = "测试需求",
        CommunityId = Community,
        Status = status,
        SubmittedAt = submitted,
        PublishedAt = publishedAfterDays is { } p ? submitted.AddDays(p) : null,
        ClaimedAt = claimedAfterDays is { } c ? submitted.AddDays(c) : null,
        CompletedAt = doneAfterDays is { } d ? submitted.AddDays(d) : null,
        RatedAt = ratedAfterDays is { } r ? submitted.AddDays(r) : null,
        Rating = rating,
    };

    [Fact]
    public void Each_step_counts_in_the_year_it_happened_and_the_mean_days_run_from_publication_to_done()
    {
        var june = new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);
        var lastDecember = new DateTimeOffset(2025, 12, 20, 2, 0, 0, TimeSpan.Zero);
        var needs = new[]
        {
            Need(NeedStatus.Submitted, june),                                              // submitted
            Need(NeedStatus.Published, june, 1),                                           // submitted, published, open
            Need(NeedStatus.Claimed, june, 1, 2),                                          // … claimed (claims: four this year)
            Need(NeedStatus.Done, june, 1, 2, 5),                                          // … done in 4 days
            Need(NeedStatus.Rated, june, 1, 2, 11, 12, Rating.Satisfied),                  // … done in 10 days, rated
            Need(NeedStatus.Rated, june, 2, 3, 8, 9, Rating.Dissatisfied),                 // … done in 6 days, rated
            Need(NeedStatus.Rated, lastDecember, 1, 2, 20, 21, Rating.BasicallySatisfied), // submitted and published last year; done in 19 days this year
            Need(NeedStatus.Rejected, june),                                               // submitted only
            Need(NeedStatus.Published, lastDecember, 1),                                   // nothing this year
        };

        var tally = NeedFigures.Tally(Community, ServiceCategory.Environment, null, needs, From, To);
        var figures = NeedFigures.Sum([tally]);

        Assert.Equal(7, figures.Submitted);
        Assert.Equal(5, figures.Published);
        Assert.Equal(1, figures.Open);
        Assert.Equal(4, figures.Claimed);
        Assert.Equal(4, figures.Done);
        Assert.Equal(3, figures.Rated);
        Assert.Equal((1, 1, 1), (figures.Satisfied, figures.BasicallySatisfied, figures.Dissatisfied));
        Assert.Equal(0.6667m, figures.SatisfactionShare);
        Assert.Equal(9.8m, figures.MeanDaysToDone); // (4 + 10 + 6 + 19) / 4 = 9.75 → 9.8
    }

    [Fact]
    public void Tallies_add_up_and_nothing_gives_no_share_and_no_mean()
    {
        Assert.Equal(NeedYearFigures.None, NeedFigures.Sum([]));
        var a = new NeedTally(Community, ServiceCategory.Environment, null, 2, 1, 0, 1, 1, 1, 1, 0, 0, 3m, 1);
        var b = new NeedTally(Community, ServiceCategory.Employment, Guid.NewGuid(), 1, 1, 1, 0, 1, 0, 0, 0, 0, 4.5m, 1);
        var sum = NeedFigures.Sum([a, b]);
        Assert.Equal(new NeedYearFigures(3, 2, 1, 1, 2, 1, 1, 0, 0, 1m, 3.8m), sum);
    }

    [Theory]
    [InlineData(0, 0, 0, null)]
    [InlineData(3, 0, 0, "1")]
    [InlineData(1, 1, 1, "0.6667")]
    [InlineData(0, 0, 2, "0")]
    public void The_satisfaction_share_counts_satisfied_and_basically_satisfied(int satisfied, int basically, int dissatisfied, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            NeedFigures.SatisfactionShare(satisfied, basically, dissatisfied));

    [Theory]
    [InlineData(NeedStatus.Claimed, 0, true)]
    [InlineData(NeedStatus.Claimed, 3, true)]
    [InlineData(NeedStatus.Claimed, 4, false)]
    [InlineData(NeedStatus.Claimed, -1, true)] // past its day, before the pass lapses it
    [InlineData(NeedStatus.Done, 1, false)]
    [InlineData(NeedStatus.Published, 1, false)]
    public void A_claim_is_about_to_lapse_within_three_days_of_its_claim_by_date(NeedStatus status, int daysAhead, bool lapsing)
    {
        var today = new DateOnly(2026, 6, 20);
        Assert.Equal(lapsing, NeedFigures.LapsingSoon(status, today.AddDays(daysAhead), today));
        Assert.False(NeedFigures.LapsingSoon(NeedStatus.Claimed, null, today));
    }

    [Fact]
    public void Elapsed_days_are_fractional()
    {
        var start = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(1.5m, NeedFigures.ElapsedDays(start, start.AddHours(36)));
    }
}
