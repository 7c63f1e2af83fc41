namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>One member of a unit as rule 9 counts them: when the registration took effect, when the member moved away, and the year's confirmed hours.</summary>
public sealed record MemberYear(RegistrationStatus Status, DateOnly? RegisteredOn, DateOnly? MovedAwayOn, decimal ConfirmedHours);

/// <summary>Rule 9's figures of one unit for one year.</summary>
/// <param name="RegisteredMembers">报到人数: registrations with the unit as employer in effect at some point of the year.</param>
/// <param name="RegistrationRate">Registered ÷ the unit's Party member count; null when that count is 0.</param>
/// <param name="ConfirmedHours">The year's confirmed service hours of those members.</param>
/// <param name="HoursPerMember">Hours ÷ registered members; null when none registered.</param>
public sealed record UnitMemberFigures(int Year, int PartyMemberCount, int RegisteredMembers, decimal? RegistrationRate, decimal ConfirmedHours, decimal? HoursPerMember);

/// <summary>
/// Rule 9 (单位报到情况) as plain functions: who counts as registered in a year, the unit's four figures, and the optional
/// sixth assessment indicator 在职党员报到服务.
/// </summary>
public static class MemberFigures
{
    /// <summary>
    /// A registration counts for the year when it took effect (已报到, or since moved away) on or before 31 December and the
    /// member had not moved away before 1 January. Pending and returned registrations never count.
    /// </summary>
    public static bool RegisteredDuring(RegistrationStatus status, DateOnly? registeredOn, DateOnly? movedAwayOn, int year) =>
        status is RegistrationStatus.Registered or RegistrationStatus.MovedAway
        && registeredOn is { } on
        && on <= new DateOnly(year, 12, 31)
        && (movedAwayOn is not { } away || away >= new DateOnly(year, 1, 1));

    public static UnitMemberFigures Compute(int year, int partyMemberCount, IEnumerable<MemberYear> members)
    {
        var counted = members.Where(m => RegisteredDuring(m.Status, m.RegisteredOn, m.MovedAwayOn, year)).ToList();
        var hours = counted.Sum(m => m.ConfirmedHours);
        return new UnitMemberFigures(
            year,
            partyMemberCount,
            counted.Count,
            Rate(counted.Count, partyMemberCount),
            hours,
            counted.Count == 0 ? null : Math.Round(hours / counted.Count, 1, MidpointRounding.AwayFromZero));
    }

    /// <summary>Registered ÷ Party members, to four decimals; null when the unit reports no Party members.</summary>
    public static decimal? Rate(int registered, int partyMemberCount) =>
        partyMemberCount <= 0 ? null : Math.Round((decimal)registered / partyMemberCount, 4, MidpointRounding.AwayFromZero);

    /// <summary>Members who served at least the committee's yearly hours (confirmed hours in the year).</summary>
    public static int MembersMeetingHours(IEnumerable<MemberYear> members, int year, int yearlyHours) =>
        members.Count(m => RegisteredDuring(m.Status, m.RegisteredOn, m.MovedAwayOn, year) && m.ConfirmedHours >= yearlyHours);

    /// <summary>
    /// The sixth indicator's score in [0,1]: min(1, members meeting the yearly hours ÷ (target rate × Party member count));
    /// null (left out) for a unit whose Party member count is 0.
    /// </summary>
    public static decimal? ServiceScore(int membersMeetingHours, int partyMemberCount, decimal targetRate)
    {
        if (partyMemberCount <= 0)
        {
            return null;
        }

        var expected = targetRate * partyMemberCount;
        return expected <= 0 ? 1m : Math.Clamp(membersMeetingHours / expected, 0m, 1m);
    }

    /// <summary>The quarter's first and last day.</summary>
    public static (DateOnly From, DateOnly To) QuarterBounds(int year, int quarter)
    {
        var from = new DateOnly(year, 3 * (quarter - 1) + 1, 1);
        return (from, from.AddMonths(3).AddDays(-1));
    }
}
