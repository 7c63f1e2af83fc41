using CommunityPartyBuilding.Web.Features.Units;

namespace CommunityPartyBuilding.UnitTests.Features.Units;

public class CommitteeMemberRulesTests
{
    private static readonly CommitteeMemberInput Valid =
        new("周志刚", Guid.NewGuid(), CommitteePosition.PartTimeMember, new DateOnly(2024, 1, 1), new DateOnly(2028, 12, 31));

    [Fact]
    public void A_complete_membership_is_valid() => Assert.Empty(CommitteeMemberRules.Validate(Valid));

    [Fact]
    public void A_member_from_the_street_itself_needs_no_unit() => Assert.Empty(CommitteeMemberRules.Validate(Valid with { UnitId = null }));

    [Fact]
    public void A_term_may_not_end_before_it_starts()
    {
        var failure = Assert.Single(CommitteeMemberRules.Validate(Valid with { TermStart = new DateOnly(2026, 1, 1), TermEnd = new DateOnly(2025, 12, 31) }));
        Assert.Equal(("TermEnd", "Validation.TermEndBeforeStart"), (failure.Field, failure.MessageKey));
        Assert.Empty(CommitteeMemberRules.Validate(Valid with { TermStart = new DateOnly(2026, 1, 1), TermEnd = new DateOnly(2026, 1, 1) }));
    }

    [Fact]
    public void A_term_is_at_most_ten_years()
    {
        Assert.Empty(CommitteeMemberRules.Validate(Valid with { TermStart = new DateOnly(2024, 1, 1), TermEnd = new DateOnly(2034, 1, 1) }));
        var failure = Assert.Single(CommitteeMemberRules.Validate(Valid with { TermStart = new DateOnly(2024, 1, 1), TermEnd = new DateOnly(2034, 1, 2) }));
        Assert.Equal(("TermEnd", "Validation.TermTooLong"), (failure.Field, failure.MessageKey));
    }

    [Fact]
    public void Name_position_and_term_dates_are_required()
    {
        var failures = CommitteeMemberRules.Validate(new CommitteeMemberInput(" ", null, (CommitteePosition)9, default, default));
        Assert.Equal(["PersonName", "Position", "TermEnd", "TermStart"], failures.Select(f => f.Field).Order().ToArray());
        Assert.All(failures, f => Assert.Equal("Validation.Required", f.MessageKey));
    }

    [Fact]
    public void A_name_is_at_most_50_characters()
    {
        Assert.Empty(CommitteeMemberRules.Validate(Valid with { PersonName = new string('名', 50) }));
        var failure = Assert.Single(CommitteeMemberRules.Validate(Valid with { PersonName = new string('名', 51) }));
        Assert.Equal(("PersonName", "Validation.MaxLength"), (failure.Field, failure.MessageKey));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(59, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    [InlineData(400, false)]
    public void A_term_ends_soon_from_today_until_60_days_ahead_inclusive(int daysAhead, bool endsSoon)
    {
        var today = new DateOnly(2026, 11, 23);
        Assert.Equal(60, CommitteeMemberRules.TermEndingSoonDays);
        Assert.Equal(endsSoon, CommitteeMemberRules.EndsSoon(today.AddDays(daysAhead), today));
    }
}
