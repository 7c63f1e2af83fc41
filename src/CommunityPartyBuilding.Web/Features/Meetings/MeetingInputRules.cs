using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Meetings;

/// <summary>What staff enter to schedule or change a meeting; the API binds it as the request body.</summary>
public sealed record MeetingInput
{
    public MeetingKind Kind { get; init; } = MeetingKind.JointMeeting;

    public string Title { get; init; } = "";

    public DateTimeOffset ScheduledAt { get; init; }

    public string? Place { get; init; }

    public string? Convener { get; init; }

    public IReadOnlyList<string>? Agenda { get; init; }

    /// <summary>列席: departments invited to sit in.</summary>
    public IReadOnlyList<string>? SittingIn { get; init; }

    /// <summary>On a change: the version read (409 when the meeting changed since); omitted, the last write wins.</summary>
    public uint? Version { get; init; }
}

/// <summary>
/// What staff enter to record an adopted resolution: the API binds it as the request body and the meeting page edits it.
/// A null number takes the next free one.
/// </summary>
public sealed record ResolutionInput
{
    public string? Number { get; set; }

    public string Title { get; set; } = "";

    public string? Content { get; set; }

    public int VotesFor { get; set; }

    public int VotesAgainst { get; set; }

    public int VotesAbstain { get; set; }

    public Guid LeadUnitId { get; set; }

    public IReadOnlyList<Guid>? CooperatingUnitIds { get; set; }

    public DateOnly Deadline { get; set; }
}

/// <summary>Field checks of meeting, resolution and progress input (no database).</summary>
public static class MeetingInputRules
{
    public const int TitleMaxLength = 200;
    public const int PlaceMaxLength = 200;
    public const int PersonMaxLength = 50;
    public const int MinutesMaxLength = 10_000;
    public const int NoteMaxLength = 2_000;
    public const int AgendaItemMaxLength = 300;

    /// <summary>
    /// The start as stored: UTC, to the microsecond as PostgreSQL keeps it, so that sending back the time that was read
    /// is recognised as the same time (and does not count as moving the meeting).
    /// </summary>
    public static DateTimeOffset StoredInstant(DateTimeOffset scheduledAt)
    {
        var utc = scheduledAt.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }

    public static IReadOnlyList<ValidationFailure> Validate(MeetingInput input)
    {
        var failures = new List<ValidationFailure>();
        Text(failures, nameof(input.Title), "Field.Meeting.Title", input.Title, TitleMaxLength, required: true);
        Text(failures, nameof(input.Place), "Field.Meeting.Place", input.Place, PlaceMaxLength, required: true);
        Text(failures, nameof(input.Convener), "Field.Meeting.Convener", input.Convener, PersonMaxLength, required: false);
        if (input.ScheduledAt == default)
        {
            failures.Add(new(nameof(input.ScheduledAt), "Validation.Required", "Field.Meeting.ScheduledAt"));
        }

        if (!Enum.IsDefined(input.Kind))
        {
            failures.Add(new(nameof(input.Kind), "Validation.Required", "Field.Meeting.Kind"));
        }

        if ((input.Agenda ?? []).Concat(input.SittingIn ?? []).Any(a => a.Length > AgendaItemMaxLength))
        {
            failures.Add(new(nameof(input.Agenda), "Validation.MaxLength", "Field.Meeting.Agenda", AgendaItemMaxLength));
        }

        return failures;
    }

    public static IReadOnlyList<ValidationFailure> Validate(ResolutionInput input, DateOnly meetingDate)
    {
        var failures = new List<ValidationFailure>();
        Text(failures, nameof(input.Title), "Field.Resolution.Title", input.Title, TitleMaxLength, required: true);
        Text(failures, nameof(input.Content), "Field.Resolution.Content", input.Content, MinutesMaxLength, required: false);
        if (input.LeadUnitId == Guid.Empty)
        {
            failures.Add(new(nameof(input.LeadUnitId), "Validation.Required", "Field.Resolution.LeadUnit"));
        }

        if (input.Deadline == default)
        {
            failures.Add(new(nameof(input.Deadline), "Validation.Required", "Field.Resolution.Deadline"));
        }
        else if (input.Deadline < meetingDate)
        {
            failures.Add(new(nameof(input.Deadline), "Validation.DeadlineBeforeMeeting"));
        }

        if (input.CooperatingUnitIds?.Contains(input.LeadUnitId) == true)
        {
            failures.Add(new(nameof(input.CooperatingUnitIds), "Validation.LeadAlsoCooperating"));
        }

        return failures;
    }

    public static IReadOnlyList<ValidationFailure> ValidateProgress(int percent, string? text)
    {
        var failures = new List<ValidationFailure>();
        if (percent is < 0 or > 100)
        {
            failures.Add(new("Percent", "Validation.Percent"));
        }

        Text(failures, "Text", "Field.Resolution.ProgressText", text, NoteMaxLength, required: true);
        return failures;
    }

    /// <summary>The minutes (纪要) with which a meeting is marked held: required, at most <see cref="MinutesMaxLength"/>.</summary>
    public static IReadOnlyList<ValidationFailure> ValidateMinutes(string? minutes)
    {
        if (string.IsNullOrWhiteSpace(minutes))
        {
            return [new("Minutes", "Validation.Required", "Field.Meeting.Minutes")];
        }

        return minutes.Length > MinutesMaxLength ? [new("Minutes", "Validation.MaxLength", "Field.Meeting.Minutes", MinutesMaxLength)] : [];
    }

    /// <summary>A reply's note as kept: trimmed, null when blank.</summary>
    public static string? ReplyNote(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    /// <summary>
    /// A unit's answer to an invitation: attend, leave (the note is the reason) or delegate (the note names the delegate);
    /// a leave or a delegation needs its note.
    /// </summary>
    public static IReadOnlyList<ValidationFailure> ValidateReply(InvitationReply reply, string? note)
    {
        if (reply == InvitationReply.None || !Enum.IsDefined(reply))
        {
            return [new("Reply", "Validation.Required", "Field.Meeting.Reply")];
        }

        var kept = ReplyNote(note);
        if (reply is InvitationReply.Leave or InvitationReply.Delegate && kept is null)
        {
            return [new("Note", reply == InvitationReply.Leave ? "Meetings.LeaveNeedsReason" : "Meetings.DelegateNeedsName")];
        }

        return kept is { Length: > NoteMaxLength } ? [new("Note", "Validation.MaxLength", "Field.Meeting.Note", NoteMaxLength)] : [];
    }

    /// <summary>Final attendance: each status, when given, one of present, delegated, excused, absent.</summary>
    public static IReadOnlyList<ValidationFailure> ValidateAttendance(IEnumerable<AttendanceEntry> entries) =>
        entries.Any(e => e.Status is { } s && !Enum.IsDefined(s))
            ? [new("Status", "Validation.Required", "Field.Meeting.Attendance")]
            : [];

    /// <summary>A resolution's completion date: given, not in the future, not before the meeting that adopted it.</summary>
    public static IReadOnlyList<ValidationFailure> ValidateCompletion(DateOnly completedOn, DateOnly meetingDate, DateOnly today)
    {
        if (completedOn == default || completedOn > today)
        {
            return [new("CompletedOn", "Validation.NotInFuture", "Field.Resolution.CompletedOn")];
        }

        return completedOn < meetingDate ? [new("CompletedOn", "Validation.CompletedBeforeMeeting")] : [];
    }

    /// <summary>Agenda items typed one per line.</summary>
    public static List<string> Lines(IEnumerable<string>? items) =>
        (items ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).ToList();

    /// <summary>A text field's checks; <paramref name="label"/> is the strings-table key of the field's name as the form shows it.</summary>
    private static void Text(List<ValidationFailure> failures, string field, string label, string? value, int max, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            failures.Add(new(field, "Validation.Required", label));
        }
        else if (value is not null && value.Trim().Length > max)
        {
            failures.Add(new(field, "Validation.MaxLength", label, max));
        }
    }
}
