using System.Globalization;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Meetings;

/// <summary>Rule 1 of the domain brief: quorum and adoption. Plain arithmetic, no database.</summary>
public static class QuorumRules
{
    /// <summary>
    /// Quorum is reached when the units present or delegated are MORE than <paramref name="quorumFraction"/> of the
    /// member units active on the meeting date (with the default 0.5: 12 of 24 is not enough, 13 is).
    /// </summary>
    public static QuorumResult Evaluate(int presentOrDelegated, int activeUnits, decimal quorumFraction)
    {
        var threshold = quorumFraction * activeUnits;
        var required = (int)decimal.Floor(threshold) + 1;
        return new QuorumResult(presentOrDelegated, activeUnits, quorumFraction, required, activeUnits > 0 && presentOrDelegated > threshold);
    }

    /// <summary>A resolution is adopted when the votes for exceed half of those present or delegated (exactly half is not enough).</summary>
    public static bool IsAdopted(int votesFor, int presentOrDelegated) => presentOrDelegated > 0 && votesFor * 2L > presentOrDelegated;

    /// <summary>The fewest votes for that adopt a resolution with this many units present or delegated.</summary>
    public static int VotesNeeded(int presentOrDelegated) => presentOrDelegated / 2 + 1;

    /// <summary>A unit counts on a date when it had joined by then and had not withdrawn before it (<see cref="Units.UnitActivity"/>).</summary>
    public static bool IsActiveOn(DateOnly joinedOn, DateOnly? withdrawnOn, DateOnly date) => Units.UnitActivity.IsActiveOn(joinedOn, withdrawnOn, date);

    /// <summary>
    /// Whether a resolution with these votes may be recorded at a meeting with this attendance; the failures carry the
    /// numbers for the message (出席（含委托）{0}家，未超过在册成员单位{1}家的{2}%…).
    /// </summary>
    public static IReadOnlyList<ValidationFailure> CheckResolution(QuorumResult quorum, int votesFor, int votesAgainst, int votesAbstain)
    {
        var failures = new List<ValidationFailure>();
        if (votesFor < 0 || votesAgainst < 0 || votesAbstain < 0)
        {
            failures.Add(new("VotesFor", "Validation.VotesNegative"));
            return failures;
        }

        if (!quorum.Reached)
        {
            failures.Add(new("Quorum", "Meetings.NoQuorum", quorum.PresentOrDelegated, quorum.ActiveUnits,
                (quorum.Fraction * 100).ToString("0.##", CultureInfo.InvariantCulture), quorum.Required));
            return failures;
        }

        if ((long)votesFor + votesAgainst + votesAbstain > quorum.PresentOrDelegated)
        {
            failures.Add(new("VotesFor", "Meetings.TooManyVotes", votesFor + votesAgainst + votesAbstain, quorum.PresentOrDelegated));
        }
        else if (!IsAdopted(votesFor, quorum.PresentOrDelegated))
        {
            failures.Add(new("VotesFor", "Meetings.NotAdopted", votesFor, quorum.PresentOrDelegated, VotesNeeded(quorum.PresentOrDelegated)));
        }

        return failures;
    }

    /// <summary>
    /// Whether attendance may change at a meeting that already has resolutions: with the attendance it would have
    /// (<paramref name="after"/>), each resolution must still have a quorum behind it and still be adopted by its votes
    /// (rule 1). The refusal names the resolutions that would no longer stand.
    /// </summary>
    public static IReadOnlyList<ValidationFailure> CheckAttendanceChange(QuorumResult after, IReadOnlyList<ResolutionVotes> resolutions)
    {
        if (resolutions.Count == 0)
        {
            return [];
        }

        if (!after.Reached)
        {
            return [new("Attendance", "Meetings.AttendanceBreaksQuorum", after.PresentOrDelegated, after.ActiveUnits,
                (after.Fraction * 100).ToString("0.##", CultureInfo.InvariantCulture), after.Required, string.Join("、", resolutions.Select(r => r.Number)))];
        }

        var failing = resolutions.Where(r => CheckResolution(after, r.VotesFor, r.VotesAgainst, r.VotesAbstain).Count > 0).Select(r => r.Number).ToList();
        return failing.Count == 0
            ? []
            : [new("Attendance", "Meetings.AttendanceBreaksAdoption", after.PresentOrDelegated, string.Join("、", failing))];
    }
}

/// <summary>Attendance against quorum: "出席 14/24 · 已达法定人数".</summary>
public sealed record QuorumResult(int PresentOrDelegated, int ActiveUnits, decimal Fraction, int Required, bool Reached);

/// <summary>A resolution's number and votes, as attendance changes are checked against them.</summary>
public sealed record ResolutionVotes(string Number, int VotesFor, int VotesAgainst, int VotesAbstain);

/// <summary>A calendar quarter in the street's time zone.</summary>
public readonly record struct Quarter(int Year, int Number)
{
    public DateOnly Start => new(Year, (Number - 1) * 3 + 1, 1);

    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    /// <summary>From this day (15 days before the quarter's end) a quarter still short of joint meetings raises a reminder.</summary>
    public DateOnly ReminderFrom => End.AddDays(-QuarterRules.ReminderDays);

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public static Quarter Of(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Number}");
}

public enum QuarterState
{
    /// <summary>Enough joint meetings held.</summary>
    Met,

    /// <summary>Not over, short of meetings, reminder not yet due.</summary>
    Open,

    /// <summary>Short of meetings and within 15 days of the quarter's end: the staff home shows a reminder.</summary>
    ReminderDue,

    /// <summary>Over and short of meetings: flagged.</summary>
    Missed,

    /// <summary>Has not started yet.</summary>
    Future,
}

/// <summary>Rule 2: each quarter needs at least the committee's minimum of held joint meetings.</summary>
public static class QuarterRules
{
    public const int ReminderDays = 15;

    public static QuarterState Evaluate(Quarter quarter, int heldJointMeetings, int minimum, DateOnly today)
    {
        if (today < quarter.Start)
        {
            return QuarterState.Future;
        }

        if (heldJointMeetings >= minimum)
        {
            return QuarterState.Met;
        }

        if (today > quarter.End)
        {
            return QuarterState.Missed;
        }

        return today >= quarter.ReminderFrom ? QuarterState.ReminderDue : QuarterState.Open;
    }

    public static IEnumerable<Quarter> OfYear(int year) => Enumerable.Range(1, 4).Select(n => new Quarter(year, n));
}

/// <summary>Resolution numbers: 东湖〔2026〕3号 — the street's short name, the year, the sequence in that year.</summary>
public static partial class ResolutionNumber
{
    public static string Prefix(string streetName) =>
        streetName.EndsWith("街道", StringComparison.Ordinal) && streetName.Length > 2 ? streetName[..^2] : streetName;

    public static string Format(string prefix, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}〔{year}〕{sequence}号");

    /// <summary>The sequence in a number typed by a person, when it has this street's prefix and year; accepts 〔〕, [] or ().</summary>
    public static int? TryParse(string? number, string prefix, int year)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }

        var match = NumberPattern().Match(number.Trim());
        if (!match.Success || match.Groups["prefix"].Value != prefix
            || match.Groups["year"].Value != year.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return int.TryParse(match.Groups["seq"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq > 0 ? seq : null;
    }

    [GeneratedRegex(@"^(?<prefix>.+?)[〔\[（(](?<year>\d{4})[〕\]）)](?<seq>\d{1,5})号$")]
    private static partial Regex NumberPattern();
}

/// <summary>The status people see: the stored progress, or overdue when the deadline has passed unfinished.</summary>
public enum ResolutionState
{
    NotStarted,
    InProgress,
    Completed,
    Overdue,
}

public static class ResolutionRules
{
    public const int DueSoonDays = 7;

    /// <summary>Overdue is derived, never stored: the deadline (a business date) has passed and the task is not completed.</summary>
    public static bool IsOverdue(ResolutionStatus status, DateOnly deadline, DateOnly today) =>
        status != ResolutionStatus.Completed && today > deadline;

    /// <summary>Not completed and due within the next 7 days (today included).</summary>
    public static bool IsDueSoon(ResolutionStatus status, DateOnly deadline, DateOnly today) =>
        status != ResolutionStatus.Completed && deadline >= today && deadline <= today.AddDays(DueSoonDays);

    public static ResolutionState StateOn(ResolutionStatus status, DateOnly deadline, DateOnly today) =>
        IsOverdue(status, deadline, today) ? ResolutionState.Overdue : status switch
        {
            ResolutionStatus.Completed => ResolutionState.Completed,
            ResolutionStatus.InProgress => ResolutionState.InProgress,
            _ => ResolutionState.NotStarted,
        };

    /// <summary>Board order: overdue first, then by deadline.</summary>
    public static int SortRank(ResolutionState state) => state switch
    {
        ResolutionState.Overdue => 0,
        ResolutionState.InProgress => 1,
        ResolutionState.NotStarted => 2,
        _ => 3,
    };
}
