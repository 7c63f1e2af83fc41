using System.Globalization;
using CommunityPartyBuilding.Web.Features.Meetings;

namespace CommunityPartyBuilding.UnitTests.Features.Meetings;

public class QuorumRulesTests
{
    [Theory]
    [InlineData(12, 24, false)] // exactly half is not "more than half"
    [InlineData(13, 24, true)]
    [InlineData(11, 23, false)]
    [InlineData(12, 23, true)]
    [InlineData(0, 0, false)]
    [InlineData(1, 1, true)]
    public void Quorum_needs_more_than_the_fraction_of_active_units(int present, int active, bool reached)
    {
        var result = QuorumRules.Evaluate(present, active, 0.5m);
        Assert.Equal(reached, result.Reached);
    }

    [Theory]
    [InlineData(24, 0.5, 13)]
    [InlineData(23, 0.5, 12)]
    [InlineData(24, 0.6667, 17)]
    [InlineData(9, 0.6667, 7)]
    [InlineData(10, 1, 11)] // a fraction of 1 means "more than all": never reachable, and the required count says so
    public void Required_is_the_smallest_count_above_the_threshold(int active, double fraction, int required)
    {
        var result = QuorumRules.Evaluate(0, active, (decimal)fraction);
        Assert.Equal(required, result.Required);
        Assert.False(QuorumRules.Evaluate(required - 1, active, (decimal)fraction).Reached);
    }

    [Fact]
    public void Two_thirds_quorum_boundary()
    {
        Assert.False(QuorumRules.Evaluate(6, 9, 2m / 3m).Reached);
        Assert.True(QuorumRules.Evaluate(7, 9, 2m / 3m).Reached);
    }

    [Theory]
    [InlineData(7, 14, false)] // exactly half of those present is not enough
    [InlineData(8, 14, true)]
    [InlineData(7, 13, true)]
    [InlineData(6, 13, false)]
    [InlineData(0, 0, false)]
    public void Adoption_needs_votes_for_above_half_of_those_present_or_delegated(int votesFor, int present, bool adopted) =>
        Assert.Equal(adopted, QuorumRules.IsAdopted(votesFor, present));

    [Fact]
    public void A_resolution_without_quorum_is_refused_with_the_numbers()
    {
        var failure = Assert.Single(QuorumRules.CheckResolution(QuorumRules.Evaluate(12, 24, 0.5m), 12, 0, 0));
        Assert.Equal("Meetings.NoQuorum", failure.MessageKey);
        Assert.Equal(new object[] { 12, 24, "50", 13 }, failure.Arguments);
    }

    [Fact]
    public void A_vote_of_exactly_half_is_refused_with_the_numbers()
    {
        var failure = Assert.Single(QuorumRules.CheckResolution(QuorumRules.Evaluate(14, 24, 0.5m), 7, 5, 2));
        Assert.Equal("Meetings.NotAdopted", failure.MessageKey);
        Assert.Equal(new object[] { 7, 14, 8 }, failure.Arguments);
    }

    [Fact]
    public void More_votes_than_units_present_is_refused() =>
        Assert.Equal("Meetings.TooManyVotes", Assert.Single(QuorumRules.CheckResolution(QuorumRules.Evaluate(14, 24, 0.5m), 10, 5, 0)).MessageKey);

    [Fact]
    public void An_adopted_resolution_at_a_quorate_meeting_passes() =>
        Assert.Empty(QuorumRules.CheckResolution(QuorumRules.Evaluate(13, 24, 0.5m), 7, 6, 0));

    [Theory]
    [InlineData("2026-03-01", null, "2026-03-01", true)]
    [InlineData("2026-03-02", null, "2026-03-01", false)]
    [InlineData("2020-01-01", "2026-03-01", "2026-03-01", true)] // withdrawn that very day: not "before" it
    [InlineData("2020-01-01", "2026-02-28", "2026-03-01", false)]
    public void A_unit_is_active_on_a_date_when_joined_and_not_withdrawn_before(string joined, string? withdrawn, string date, bool active) =>
        Assert.Equal(active, QuorumRules.IsActiveOn(DateOnly.Parse(joined, CultureInfo.InvariantCulture), withdrawn is null ? null : DateOnly.Parse(withdrawn, CultureInfo.InvariantCulture), DateOnly.Parse(date, CultureInfo.InvariantCulture)));
}

public class QuarterRulesTests
{
    [Fact]
    public void Quarters_have_their_calendar_bounds()
    {
        Assert.Equal(new Quarter(2026, 1), Quarter.Of(new DateOnly(2026, 3, 31)));
        Assert.Equal(new Quarter(2026, 2), Quarter.Of(new DateOnly(2026, 4, 1)));
        Assert.Equal(new DateOnly(2026, 6, 30), new Quarter(2026, 2).End);
        Assert.Equal(new DateOnly(2026, 12, 16), new Quarter(2026, 4).ReminderFrom);
    }

    [Theory]
    [InlineData("2026-03-15", 0, QuarterState.Open)]
    [InlineData("2026-03-16", 0, QuarterState.ReminderDue)] // 15 days before 31 March
    [InlineData("2026-03-31", 0, QuarterState.ReminderDue)]
    [InlineData("2026-04-01", 0, QuarterState.Missed)]
    [InlineData("2026-03-20", 1, QuarterState.Met)]
    [InlineData("2025-12-31", 0, QuarterState.Future)]
    public void A_quarter_short_of_joint_meetings_reminds_then_is_flagged(string today, int held, QuarterState state) =>
        Assert.Equal(state, QuarterRules.Evaluate(new Quarter(2026, 1), held, 1, DateOnly.Parse(today, CultureInfo.InvariantCulture)));

    [Fact]
    public void A_higher_minimum_needs_more_meetings() =>
        Assert.Equal(QuarterState.Missed, QuarterRules.Evaluate(new Quarter(2026, 1), 1, 2, new DateOnly(2026, 5, 1)));
}

public class ResolutionRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("2026-11-22", ResolutionStatus.InProgress, ResolutionState.Overdue)]
    [InlineData("2026-11-22", ResolutionStatus.NotStarted, ResolutionState.Overdue)]
    [InlineData("2026-11-23", ResolutionStatus.InProgress, ResolutionState.InProgress)] // due today is not yet overdue
    [InlineData("2026-11-22", ResolutionStatus.Completed, ResolutionState.Completed)]
    [InlineData("2026-12-31", ResolutionStatus.NotStarted, ResolutionState.NotStarted)]
    public void Overdue_is_derived_from_the_deadline_and_completion(string deadline, ResolutionStatus status, ResolutionState state) =>
        Assert.Equal(state, ResolutionRules.StateOn(status, DateOnly.Parse(deadline, CultureInfo.InvariantCulture), Today));

    [Theory]
    [InlineData("2026-11-23", true)]
    [InlineData("2026-11-30", true)]
    [InlineData("2026-12-01", false)]
    [InlineData("2026-11-22", false)]
    public void Deadlines_within_seven_days_are_flagged(string deadline, bool soon) =>
        Assert.Equal(soon, ResolutionRules.IsDueSoon(ResolutionStatus.InProgress, DateOnly.Parse(deadline, CultureInfo.InvariantCulture), Today));

    [Fact]
    public void Numbers_are_formatted_and_parsed_per_street_and_year()
    {
        Assert.Equal("东湖", ResolutionNumber.Prefix("东湖街道"));
        Assert.Equal("东湖〔2026〕3号", ResolutionNumber.Format("东湖", 2026, 3));
        Assert.Equal(3, ResolutionNumber.TryParse("东湖〔2026〕3号", "东湖", 2026));
        Assert.Equal(12, ResolutionNumber.TryParse("东湖[2026]12号", "东湖", 2026));
        Assert.Null(ResolutionNumber.TryParse("东湖〔2025〕3号", "东湖", 2026));
        Assert.Null(ResolutionNumber.TryParse("西城〔2026〕3号", "东湖", 2026));
        Assert.Null(ResolutionNumber.TryParse("东湖〔2026〕0号", "东湖", 2026));
        Assert.Null(ResolutionNumber.TryParse("第三号", "东湖", 2026));
    }
}
