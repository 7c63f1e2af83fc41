using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Evaluations;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary>
/// What happened in a year to the needs of one community and service category that one unit claimed (or nobody): the
/// grain at which <see cref="NeedFigureQueries.TallyAsync"/> counts, so that the dashboard sums them and the annual
/// report splits them by community, category and unit. Each count is of needs whose step fell in the year.
/// </summary>
public sealed record NeedTally(
    Guid CommunityId,
    ServiceCategory Category,
    Guid? ClaimerUnitId,
    int Submitted,
    int Published,
    int Open,
    int Claimed,
    int Done,
    int Rated,
    int Satisfied,
    int BasicallySatisfied,
    int Dissatisfied,
    decimal DaysToDoneSum,
    int DaysToDoneCount);

/// <summary>
/// A year's needs figures (群众需求办理). Submitted, published, claimed, done and rated count the needs whose step fell in
/// the year (business days); open are those published in the year that still wait for a claimer; the satisfaction share
/// is (满意 + 基本满意) ÷ ratings given in the year; the mean days run from publication to done, over the needs done in the year.
/// </summary>
public sealed record NeedYearFigures(
    int Submitted,
    int Published,
    int Open,
    int Claimed,
    int Done,
    int Rated,
    int Satisfied,
    int BasicallySatisfied,
    int Dissatisfied,
    decimal? SatisfactionShare,
    decimal? MeanDaysToDone)
{
    public static readonly NeedYearFigures None = new(0, 0, 0, 0, 0, 0, 0, 0, 0, null, null);
}

/// <summary>
/// The definitions of the needs figures as plain code: the SQL of <see cref="NeedFigureQueries"/> computes the same, and
/// the unit tests pin the meaning here (like <c>DashboardRules</c> for the rest of the dashboard).
/// </summary>
public static class NeedFigures
{
    /// <summary>The year's figures from grouped tallies (any grouping: they add up).</summary>
    public static NeedYearFigures Sum(IEnumerable<NeedTally> tallies)
    {
        var list = tallies as IReadOnlyCollection<NeedTally> ?? tallies.ToList();
        var satisfied = list.Sum(t => t.Satisfied);
        var basically = list.Sum(t => t.BasicallySatisfied);
        var dissatisfied = list.Sum(t => t.Dissatisfied);
        return new NeedYearFigures(
            list.Sum(t => t.Submitted), list.Sum(t => t.Published), list.Sum(t => t.Open), list.Sum(t => t.Claimed),
            list.Sum(t => t.Done), list.Sum(t => t.Rated), satisfied, basically, dissatisfied,
            SatisfactionShare(satisfied, basically, dissatisfied),
            MeanDays(list.Sum(t => t.DaysToDoneSum), list.Sum(t => t.DaysToDoneCount)));
    }

    /// <summary>满意率: satisfied and basically satisfied over all ratings, to four places; null without a rating.</summary>
    public static decimal? SatisfactionShare(int satisfied, int basicallySatisfied, int dissatisfied)
    {
        var all = satisfied + basicallySatisfied + dissatisfied;
        return all == 0 ? null : Math.Round((decimal)(satisfied + basicallySatisfied) / all, 4);
    }

    /// <summary>A mean of elapsed days to one place; null when nothing was done.</summary>
    public static decimal? MeanDays(decimal sumOfDays, int count) => count == 0 ? null : Math.Round(sumOfDays / count, 1, MidpointRounding.AwayFromZero);

    /// <summary>Elapsed days between two instants (fractional), as the SQL's <c>extract(epoch …) / 86400</c>.</summary>
    public static decimal ElapsedDays(DateTimeOffset from, DateTimeOffset to) => (decimal)(to - from).TotalSeconds / 86_400m;

    /// <summary>The last claim-by date that counts as "about to lapse" today: within <see cref="NeedRules.LapseReminderDays"/> days.</summary>
    public static DateOnly LapsingBy(DateOnly today) => today.AddDays(NeedRules.LapseReminderDays);

    /// <summary>A claim about to lapse: still claimed, and its claim-by date at most 3 days ahead (or already past, not yet lapsed by the pass).</summary>
    public static bool LapsingSoon(NeedStatus status, DateOnly? claimBy, DateOnly today) =>
        status == NeedStatus.Claimed && claimBy is { } by && by <= LapsingBy(today);

    /// <summary>
    /// The tally of one group of needs for the year [<paramref name="from"/>, <paramref name="to"/>): the definition the
    /// SQL follows, for the tests.
    /// </summary>
    public static NeedTally Tally(Guid communityId, ServiceCategory category, Guid? claimerUnitId, IEnumerable<Need> needs, DateTimeOffset from, DateTimeOffset to)
    {
        bool In(DateTimeOffset? at) => at is { } t && t >= from && t < to;
        var list = needs.ToList();
        var done = list.Where(n => In(n.CompletedAt) && n.PublishedAt is not null).ToList();
        var rated = list.Where(n => In(n.RatedAt)).ToList();
        return new NeedTally(communityId, category, claimerUnitId,
            list.Count(n => In(n.SubmittedAt)),
            list.Count(n => In(n.PublishedAt)),
            list.Count(n => In(n.PublishedAt) && n.Status == NeedStatus.Published),
            list.Count(n => In(n.ClaimedAt)),
            list.Count(n => In(n.CompletedAt)),
            rated.Count,
            rated.Count(n => n.Rating == Rating.Satisfied),
            rated.Count(n => n.Rating == Rating.BasicallySatisfied),
            rated.Count(n => n.Rating == Rating.Dissatisfied),
            done.Sum(n => ElapsedDays(n.PublishedAt!.Value, n.CompletedAt!.Value)),
            done.Count);
    }
}
