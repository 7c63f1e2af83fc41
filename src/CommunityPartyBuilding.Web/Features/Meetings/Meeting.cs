using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Meetings;

/// <summary>会议: a joint meeting, committee meeting or special meeting of the street's big committee.</summary>
public sealed class Meeting : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public MeetingKind Kind { get; set; }

    public required string Title { get; set; }

    /// <summary>When it starts (UTC); its business date is reckoned in Asia/Shanghai.</summary>
    public DateTimeOffset ScheduledAt { get; set; }

    /// <summary>The business date of <see cref="ScheduledAt"/>, stored for quarter and year queries.</summary>
    public DateOnly MeetingDate { get; set; }

    public string Place { get; set; } = "";

    /// <summary>召集人.</summary>
    public string Convener { get; set; } = "";

    public MeetingStatus Status { get; set; } = MeetingStatus.Planned;

    /// <summary>议题, in order.</summary>
    public List<string> Agenda { get; set; } = [];

    /// <summary>列席: departments invited to sit in (not member units, not counted for quorum).</summary>
    public List<string> SittingIn { get; set; } = [];

    /// <summary>纪要, written when it is marked held.</summary>
    public string? Minutes { get; set; }

    public DateTimeOffset? HeldAt { get; set; }

    public uint Version { get; set; }
}

public enum MeetingKind
{
    JointMeeting,
    CommitteeMeeting,
    Special,
}

public enum MeetingStatus
{
    Planned,
    Held,
    Cancelled,
}

/// <summary>One invited member unit at a meeting: the leader's answer before, staff's record of attendance after.</summary>
public sealed class MeetingAttendance : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid MeetingId { get; set; }

    public Guid UnitId { get; set; }

    /// <summary>The unit leader's answer to the invitation.</summary>
    public InvitationReply Reply { get; set; } = InvitationReply.None;

    /// <summary>请假 reason, or the delegate's name and position.</summary>
    public string? ReplyNote { get; set; }

    public DateTimeOffset? RepliedAt { get; set; }

    /// <summary>Final attendance as recorded by staff; null until recorded.</summary>
    public AttendanceStatus? Status { get; set; }

    public uint Version { get; set; }
}

public enum AttendanceStatus
{
    Present,
    Delegated,
    Excused,
    Absent,
}

public enum InvitationReply
{
    None,
    Attend,
    Leave,
    Delegate,
}

/// <summary>决议: adopted at a meeting, numbered per street and year, assigned to a lead unit and co-operating units.</summary>
public sealed class Resolution : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid MeetingId { get; set; }

    public int Year { get; set; }

    public int Sequence { get; set; }

    /// <summary>东湖〔2026〕3号.</summary>
    public required string Number { get; set; }

    public required string Title { get; set; }

    public string Content { get; set; } = "";

    public int VotesFor { get; set; }

    public int VotesAgainst { get; set; }

    public int VotesAbstain { get; set; }

    public Guid LeadUnitId { get; set; }

    public List<Guid> CooperatingUnitIds { get; set; } = [];

    public DateOnly Deadline { get; set; }

    /// <summary>Stored progress only; overdue is derived from <see cref="Deadline"/> and never stored.</summary>
    public ResolutionStatus Status { get; set; } = ResolutionStatus.NotStarted;

    public int Percent { get; set; }

    public DateOnly? CompletedOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public uint Version { get; set; }
}

public enum ResolutionStatus
{
    NotStarted,
    InProgress,
    Completed,
}

/// <summary>A progress report on a resolution from a responsible unit (or street staff).</summary>
public sealed class ResolutionProgress : IAuditable, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid ResolutionId { get; set; }

    /// <summary>The reporting unit; null when street staff posted it.</summary>
    public Guid? UnitId { get; set; }

    public int Percent { get; set; }

    public required string Text { get; set; }

    public DateOnly ReportedOn { get; set; }

    public DateTimeOffset PostedAt { get; set; }

    public string PostedBy { get; set; } = "";
}

/// <summary>A file attached to a progress update (photo, scan, report): PDF, JPEG or PNG, checked by content.</summary>
public sealed class ResolutionAttachment : IAuditable, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid ResolutionId { get; set; }

    public Guid ProgressId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
