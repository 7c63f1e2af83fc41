using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Meetings;

/// <summary>
/// When a meeting may be scheduled, recorded afterwards and marked held (issue 15, items 4 and 8). Plain rules, no
/// database: scheduling (with invitations for the units to answer) is for meetings still ahead; a meeting that already
/// took place is recorded as such; a meeting is held only once it has started and every invited unit's attendance is
/// recorded, since a missing record would count as absent in the year's participation score.
/// </summary>
public static class MeetingLifecycleRules
{
    /// <summary>At most this many unit names are listed in a message; the rest are counted.</summary>
    public const int NamesListed = 5;

    /// <summary>
    /// Scheduling at a time already past is refused (it would ask units to answer an invitation to something over).
    /// A planned meeting whose time has passed may still be changed (its place, agenda…) as long as it is not moved:
    /// pass its current start as <paramref name="currentStart"/>.
    /// </summary>
    public static IReadOnlyList<ValidationFailure> CheckSchedule(DateTimeOffset scheduledAt, DateTimeOffset now, DateTimeOffset? currentStart = null) =>
        scheduledAt != default && scheduledAt <= now && scheduledAt != currentStart
            ? [new("ScheduledAt", "Meetings.ScheduleInPast")]
            : [];

    /// <summary>A meeting recorded afterwards must have started already.</summary>
    public static IReadOnlyList<ValidationFailure> CheckRecordPast(DateTimeOffset scheduledAt, DateTimeOffset now) =>
        scheduledAt != default && scheduledAt > now
            ? [new("ScheduledAt", "Meetings.RecordInFuture")]
            : [];

    /// <summary>
    /// Marking a planned meeting held: not before its start, and not while any invited unit's attendance is missing
    /// (<paramref name="unrecordedUnits"/>, by name).
    /// </summary>
    public static IReadOnlyList<ValidationFailure> CheckHold(DateTimeOffset scheduledAt, DateTimeOffset now, IReadOnlyList<string> unrecordedUnits)
    {
        var failures = new List<ValidationFailure>();
        if (scheduledAt > now)
        {
            failures.Add(new("ScheduledAt", "Meetings.HoldBeforeStart"));
        }

        failures.AddRange(CheckAttendanceComplete(unrecordedUnits));
        return failures;
    }

    /// <summary>Every invited unit of a held meeting (or one about to be) has its attendance recorded.</summary>
    public static IReadOnlyList<ValidationFailure> CheckAttendanceComplete(IReadOnlyList<string> unrecordedUnits) =>
        unrecordedUnits.Count == 0
            ? []
            : [new("Attendance", "Meetings.AttendanceMissing", unrecordedUnits.Count, Names(unrecordedUnits))];

    /// <summary>东湖区人民检察院、国网东湖供电公司… — the first few names, then how many more.</summary>
    public static string Names(IReadOnlyList<string> names) =>
        names.Count <= NamesListed
            ? string.Join("、", names)
            : string.Join("、", names.Take(NamesListed)) + $"…（+{names.Count - NamesListed}）";
}
