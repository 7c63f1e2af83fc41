using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Dashboard;

/// <summary>Where a resolution due in the year stands today.</summary>
public enum ResolutionOutcome
{
    /// <summary>Not completed, deadline today or later.</summary>
    Open,

    /// <summary>Completed on or before its deadline.</summary>
    OnTime,

    /// <summary>Completed after its deadline.</summary>
    Late,

    /// <summary>Not completed and its deadline has passed.</summary>
    Overdue,
}

/// <summary>
/// The dashboard's definitions as plain rules (the handlers compute the same in SQL; the unit tests pin the meaning):
/// which year may be asked for, the date on which "active units" are counted, resolution outcomes, on-time rate and
/// joint-meeting compliance.
/// </summary>
public static class DashboardRules
{
    public const int EarliestYear = 2000;

    /// <summary>Deadlines within this many days (today included) are on the to-do list: <see cref="ResolutionRules.DueSoonDays"/>.</summary>
    public const int DueSoonDays = ResolutionRules.DueSoonDays;

    /// <summary>The requested year, or this business year; a year before 2000 or after this one is refused.</summary>
    public static int ResolveYear(int? year, DateOnly today)
    {
        if (year is null)
        {
            return today.Year;
        }

        if (year < EarliestYear || year > today.Year)
        {
            throw new PortalValidationException([new ValidationFailure("year", "Dashboard.YearOutOfRange", EarliestYear, today.Year)]);
        }

        return year.Value;
    }

    public static DateOnly YearStart(int year) => new(year, 1, 1);

    public static DateOnly YearEnd(int year) => new(year, 12, 31);

    /// <summary>Units are counted as active on this date: today in the current year, 31 December in a past one.</summary>
    public static DateOnly ReferenceDate(int year, DateOnly today) => year >= today.Year ? today : YearEnd(year);

    /// <summary>A resolution due in the year: done on time, done late, overdue or still open (as of today).</summary>
    public static ResolutionOutcome Classify(ResolutionStatus status, DateOnly? completedOn, DateOnly deadline, DateOnly today)
    {
        if (status == ResolutionStatus.Completed)
        {
            return completedOn is { } done && done > deadline ? ResolutionOutcome.Late : ResolutionOutcome.OnTime;
        }

        return deadline < today ? ResolutionOutcome.Overdue : ResolutionOutcome.Open;
    }

    /// <summary>Done on time over those whose outcome is settled (on time, late or overdue); null when none is.</summary>
    public static decimal? OnTimeRate(int onTime, int late, int overdue)
    {
        var settled = onTime + late + overdue;
        return settled == 0 ? null : Math.Round((decimal)onTime / settled, 4);
    }

    /// <summary>
    /// Quarters that met the minimum of joint meetings, out of the quarters that are due: every ended quarter, and the
    /// current one once it has met the minimum (a quarter still under way is not counted against the street).
    /// </summary>
    public static (int Met, int Due) Compliance(IEnumerable<QuarterState> states)
    {
        var list = states.ToList();
        var met = list.Count(s => s == QuarterState.Met);
        return (met, met + list.Count(s => s == QuarterState.Missed));
    }

    /// <summary>Quarters of the current year still without enough joint meetings that the to-do list names.</summary>
    public static bool NeedsJointMeeting(QuarterState state) => state is QuarterState.Missed or QuarterState.ReminderDue;

    /// <summary>A mean fulfilment from a sum of per-commitment fulfilments and their number.</summary>
    public static decimal? Mean(decimal sum, int count) => count == 0 ? null : Math.Round(sum / count, 4);

    private static readonly double[] NiceFactors = [1d, 2d, 5d, 10d];

    /// <summary>
    /// The spacing of a count chart's value axis: a 1-2-5 step that gives about <paramref name="ticks"/> labelled lines up
    /// to <paramref name="max"/> (a month with 7 activities gets 0, 2, 4, 6, 8, not just 0 and 20).
    /// </summary>
    public static int CountAxisStep(double max, int ticks = 5)
    {
        if (max <= 0 || ticks < 1)
        {
            return 1;
        }

        var raw = max / ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = NiceFactors.Select(f => f * magnitude).First(candidate => candidate >= raw);
        return Math.Max(1, (int)Math.Ceiling(step));
    }
}
