using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Resources;

namespace CommunityPartyBuilding.UnitTests.Features.Needs;

/// <summary>Matching resources to needs, dispatch deadlines, return visits and the monthly notice's counting, without a database.</summary>
public class NeedMatchingTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);
    private static readonly Guid Community = Guid.NewGuid();
    private static readonly Guid Elsewhere = Guid.NewGuid();

    private static MatchCandidate Resource(ResourceKind kind, IReadOnlyCollection<Guid>? communities = null, DateOnly? until = null, decimal? capacity = null, Guid? unitCommunity = null) =>
        new(kind, communities ?? [], until, capacity, unitCommunity);

    [Theory]
    [InlineData(ServiceCategory.CultureSports, ResourceKind.Venue, true)]
    [InlineData(ServiceCategory.CultureSports, ResourceKind.Volunteers, true)]
    [InlineData(ServiceCategory.CultureSports, ResourceKind.Expertise, true)]
    [InlineData(ServiceCategory.CultureSports, ResourceKind.Funds, false)]
    [InlineData(ServiceCategory.PovertyRelief, ResourceKind.Funds, true)]
    [InlineData(ServiceCategory.PovertyRelief, ResourceKind.Materials, true)]
    [InlineData(ServiceCategory.PovertyRelief, ResourceKind.Venue, false)]
    [InlineData(ServiceCategory.VenueSharing, ResourceKind.Venue, true)]
    [InlineData(ServiceCategory.VenueSharing, ResourceKind.Volunteers, false)]
    [InlineData(ServiceCategory.SkillTraining, ResourceKind.Expertise, true)]
    [InlineData(ServiceCategory.PublicSafety, ResourceKind.Materials, false)]
    [InlineData(ServiceCategory.Other, ResourceKind.Materials, true)]
    public void The_fit_table_says_which_kinds_answer_a_category(ServiceCategory category, ResourceKind kind, bool fits) =>
        Assert.Equal(fits, NeedMatching.Fits(category, kind));

    [Fact]
    public void Every_category_but_other_has_a_first_kind_and_no_kind_twice()
    {
        foreach (var category in Enum.GetValues<ServiceCategory>().Where(c => c != ServiceCategory.Other))
        {
            var kinds = NeedMatching.Fit(category);
            Assert.NotEmpty(kinds);
            Assert.Equal(kinds.Count, kinds.Distinct().Count());
        }
    }

    [Fact]
    public void A_resource_of_a_kind_the_category_does_not_use_another_community_or_past_its_end_does_not_match()
    {
        Assert.Null(NeedMatching.Score(ServiceCategory.PovertyRelief, Community, null, Today, Resource(ResourceKind.Venue)));
        Assert.Null(NeedMatching.Score(ServiceCategory.PovertyRelief, Community, null, Today, Resource(ResourceKind.Funds, [Elsewhere])));
        Assert.Null(NeedMatching.Score(ServiceCategory.PovertyRelief, Community, null, Today, Resource(ResourceKind.Funds, until: Today.AddDays(-1))));
        Assert.NotNull(NeedMatching.Score(ServiceCategory.PovertyRelief, Community, null, Today, Resource(ResourceKind.Funds, until: Today)));
        Assert.NotNull(NeedMatching.Score(ServiceCategory.PovertyRelief, Community, null, Today, Resource(ResourceKind.Funds, [Elsewhere, Community])));
    }

    [Fact]
    public void Better_fits_score_higher_and_say_why()
    {
        // The category's first kind, naming the community, a unit located there, no end, a capacity: every reason.
        var best = NeedMatching.Score(ServiceCategory.CultureSports, Community, null, Today,
            Resource(ResourceKind.Venue, [Community], capacity: 80, unitCommunity: Community))!;
        Assert.Equal(40 + 25 + 10 + 10 + 5, best.Score);
        Assert.Equal(["Match.KindBest", "Match.ServesCommunity", "Match.UnitInCommunity", "Match.AvailableOpen", "Match.HasCapacity"], best.Reasons.Select(r => r.Key));
        Assert.Equal(["ResourceKind.Venue", "ServiceCategory.CultureSports"], best.Reasons[0].Arguments);

        // A later kind for the whole street, elsewhere, without capacity.
        var weaker = NeedMatching.Score(ServiceCategory.CultureSports, Community, null, Today, Resource(ResourceKind.Expertise, unitCommunity: Elsewhere))!;
        Assert.Equal(20 + 15 + 10, weaker.Score);
        Assert.Equal(["Match.KindFits", "Match.ServesStreet", "Match.AvailableOpen"], weaker.Reasons.Select(r => r.Key));
        Assert.True(best.Score > weaker.Score);

        // Any kind answers "other", weakly.
        Assert.Equal(10 + 15 + 10, NeedMatching.Score(ServiceCategory.Other, Community, null, Today, Resource(ResourceKind.Funds))!.Score);
    }

    [Fact]
    public void Availability_counts_when_it_lasts_until_the_need_is_due()
    {
        var wantedBy = Today.AddDays(10);
        var through = NeedMatching.Score(ServiceCategory.PovertyRelief, Community, wantedBy, Today, Resource(ResourceKind.Funds, until: wantedBy))!;
        var short_ = NeedMatching.Score(ServiceCategory.PovertyRelief, Community, wantedBy, Today, Resource(ResourceKind.Funds, until: wantedBy.AddDays(-1)))!;
        Assert.Equal(10, through.Score - short_.Score);
        Assert.Contains(through.Reasons, r => r.Key == "Match.AvailableThrough" && (DateOnly)r.Arguments[0] == wantedBy);
        Assert.Contains(short_.Reasons, r => r.Key == "Match.AvailableOnlyUntil");

        // Without a wanted-by date the need is due when a claim would lapse (14 days).
        var noDate = NeedMatching.Score(ServiceCategory.PovertyRelief, Community, null, Today, Resource(ResourceKind.Funds, until: Today.AddDays(NeedRules.DefaultClaimDays)))!;
        Assert.Contains(noDate.Reasons, r => r.Key == "Match.AvailableThrough");
    }

    [Fact]
    public void A_dispatch_deadline_is_today_to_30_days_ahead_and_expires_the_day_after()
    {
        Assert.False(NeedDispatchRules.DeadlineValid(Today.AddDays(-1), Today));
        Assert.True(NeedDispatchRules.DeadlineValid(Today, Today));
        Assert.True(NeedDispatchRules.DeadlineValid(Today.AddDays(NeedDispatchRules.MaxDeadlineDays), Today));
        Assert.False(NeedDispatchRules.DeadlineValid(Today.AddDays(NeedDispatchRules.MaxDeadlineDays + 1), Today));
        Assert.False(NeedDispatchRules.Expired(Today, Today));
        Assert.True(NeedDispatchRules.Expired(Today.AddDays(-1), Today));
    }

    [Fact]
    public void Only_published_needs_are_dispatched_and_a_pending_dispatch_holds_the_need_for_its_unit()
    {
        Assert.Equal([NeedStatus.Published], Enum.GetValues<NeedStatus>().Where(NeedDispatchRules.MayDispatch));
        var unit = Guid.NewGuid();
        Assert.False(NeedDispatchRules.BlocksClaim(null, unit));
        Assert.False(NeedDispatchRules.BlocksClaim(unit, unit));
        Assert.True(NeedDispatchRules.BlocksClaim(Guid.NewGuid(), unit));
    }

    [Fact]
    public void A_return_visit_follows_a_done_need_and_is_dated_from_the_day_it_was_done_to_today()
    {
        Assert.Equal([NeedStatus.Done, NeedStatus.Rated], Enum.GetValues<NeedStatus>().Where(ReturnVisitRules.MayRecord));
        var doneOn = Today.AddDays(-5);
        Assert.True(ReturnVisitRules.DateValid(doneOn, doneOn, Today));
        Assert.True(ReturnVisitRules.DateValid(Today, doneOn, Today));
        Assert.False(ReturnVisitRules.DateValid(doneOn.AddDays(-1), doneOn, Today));
        Assert.False(ReturnVisitRules.DateValid(Today.AddDays(1), doneOn, Today));
    }

    [Theory]
    [InlineData("2026-06", "2026-06-01")]
    [InlineData("2025-12", "2025-12-01")]
    [InlineData("2026-07", null)]
    [InlineData("2026-13", null)]
    [InlineData("2026-6", null)]
    [InlineData("1999-12", null)]
    [InlineData("abcd-ef", null)]
    [InlineData("", null)]
    public void A_notice_month_is_yyyy_MM_up_to_this_month(string text, string? first) =>
        Assert.Equal(first is null ? null : DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), NeedNoticeRules.ParseMonth(text, Today));

    [Fact]
    public void Done_on_time_means_by_the_claim_by_date_and_satisfaction_counts_as_the_annual_evaluation()
    {
        Assert.True(NeedNoticeRules.OnTime(Today, Today));
        Assert.False(NeedNoticeRules.OnTime(Today.AddDays(1), Today));
        Assert.True(NeedNoticeRules.OnTime(Today, null));
        Assert.Null(NeedNoticeRules.Satisfaction(0, 0, 0));
        Assert.Equal(0.8m, NeedNoticeRules.Satisfaction(1, 1, 2));
        Assert.Equal(0.2m, NeedNoticeRules.Satisfaction(0, 1, 3));
    }
}
