using CommunityPartyBuilding.Web.Features.Members;

namespace CommunityPartyBuilding.UnitTests.Features.Members;

/// <summary>Rule 9: who counts as registered in a year, the four figures, and the sixth indicator's score.</summary>
public sealed class MemberFiguresTests
{
    private const int Year = 2026;

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(RegistrationStatus.Registered, "2026-12-31", null, true)]
    [InlineData(RegistrationStatus.Registered, "2027-01-01", null, false)]
    [InlineData(RegistrationStatus.Registered, "2020-03-01", null, true)]
    [InlineData(RegistrationStatus.MovedAway, "2020-03-01", "2026-01-01", true)]
    [InlineData(RegistrationStatus.MovedAway, "2020-03-01", "2025-12-31", false)]
    [InlineData(RegistrationStatus.MovedAway, "2026-06-01", "2026-07-01", true)]
    [InlineData(RegistrationStatus.Pending, "2026-03-01", null, false)]
    [InlineData(RegistrationStatus.Returned, "2026-03-01", null, false)]
    public void A_registration_counts_when_in_effect_at_some_point_of_the_year(RegistrationStatus status, string registeredOn, string? movedAwayOn, bool counts) =>
        Assert.Equal(counts, MemberFigures.RegisteredDuring(status, D(registeredOn), movedAwayOn is null ? null : D(movedAwayOn), Year));

    [Fact]
    public void A_registration_without_a_registration_date_never_counts() =>
        Assert.False(MemberFigures.RegisteredDuring(RegistrationStatus.Registered, null, null, Year));

    [Fact]
    public void The_four_figures_of_a_unit()
    {
        MemberYear[] members =
        [
            new(RegistrationStatus.Registered, new(2025, 5, 1), null, 10m),
            new(RegistrationStatus.MovedAway, new(2024, 5, 1), new(2026, 2, 1), 2.5m),
            new(RegistrationStatus.MovedAway, new(2024, 5, 1), new(2025, 2, 1), 7m), // moved away before the year: not counted
            new(RegistrationStatus.Registered, new(2026, 11, 1), null, 0m),
            new(RegistrationStatus.Pending, null, null, 0m),
        ];
        var f = MemberFigures.Compute(Year, 12, members);
        Assert.Equal(3, f.RegisteredMembers);
        Assert.Equal(0.25m, f.RegistrationRate);
        Assert.Equal(12.5m, f.ConfirmedHours);
        Assert.Equal(4.2m, f.HoursPerMember);
    }

    [Fact]
    public void Rate_and_hours_per_member_are_empty_when_they_cannot_be_computed()
    {
        var f = MemberFigures.Compute(Year, 0, []);
        Assert.Equal(0, f.RegisteredMembers);
        Assert.Null(f.RegistrationRate);
        Assert.Null(f.HoursPerMember);
        Assert.Equal(0m, f.ConfirmedHours);
    }

    [Fact]
    public void Rate_may_exceed_one_when_more_members_register_than_the_unit_reports() =>
        Assert.Equal(1.5m, MemberFigures.Rate(3, 2));

    [Fact]
    public void Members_meeting_the_yearly_hours_count_only_when_registered_during_the_year()
    {
        MemberYear[] members =
        [
            new(RegistrationStatus.Registered, new(2025, 5, 1), null, 12m),
            new(RegistrationStatus.Registered, new(2025, 5, 1), null, 11.9m),
            new(RegistrationStatus.MovedAway, new(2024, 5, 1), new(2025, 2, 1), 40m),
            new(RegistrationStatus.MovedAway, new(2024, 5, 1), new(2026, 9, 1), 20m),
        ];
        Assert.Equal(2, MemberFigures.MembersMeetingHours(members, Year, 12));
    }

    [Theory]
    [InlineData(2, 10, 0.5, 0.4)]
    [InlineData(5, 10, 0.5, 1.0)]
    [InlineData(9, 10, 0.5, 1.0)]
    [InlineData(0, 10, 0.5, 0.0)]
    [InlineData(1, 3, 0.5, 0.6666666666666666666666666667)]
    public void The_sixth_indicators_score(int meeting, int partyMembers, double rate, double expected) =>
        Assert.Equal((decimal)expected, MemberFigures.ServiceScore(meeting, partyMembers, (decimal)rate)!.Value, 10);

    [Fact]
    public void The_sixth_indicator_is_left_out_for_a_unit_without_Party_members() =>
        Assert.Null(MemberFigures.ServiceScore(3, 0, 0.5m));

    [Theory]
    [InlineData(1, "2026-01-01", "2026-03-31")]
    [InlineData(2, "2026-04-01", "2026-06-30")]
    [InlineData(4, "2026-10-01", "2026-12-31")]
    public void Quarter_bounds(int quarter, string from, string to) =>
        Assert.Equal((D(from), D(to)), MemberFigures.QuarterBounds(Year, quarter));
}
