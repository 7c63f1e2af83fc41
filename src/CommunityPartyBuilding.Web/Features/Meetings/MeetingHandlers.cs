using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Meetings;

public sealed record MeetingSummary(
    Guid Id,
    Guid StreetId,
    MeetingKind Kind,
    string Title,
    DateTimeOffset ScheduledAt,
    DateOnly MeetingDate,
    string Place,
    MeetingStatus Status,
    int Invited,
    int PresentOrDelegated,
    int Resolutions);

public sealed record AttendanceDto(Guid UnitId, string UnitName, InvitationReply Reply, string? ReplyNote, DateTimeOffset? RepliedAt, AttendanceStatus? Status);

public sealed record MeetingDetail(
    Guid Id,
    Guid StreetId,
    string StreetName,
    MeetingKind Kind,
    string Title,
    DateTimeOffset ScheduledAt,
    DateOnly MeetingDate,
    string Place,
    string Convener,
    MeetingStatus Status,
    IReadOnlyList<string> Agenda,
    IReadOnlyList<string> SittingIn,
    string? Minutes,
    DateTimeOffset? HeldAt,
    IReadOnlyList<AttendanceDto> Attendance,
    QuorumResult Quorum,
    IReadOnlyList<ResolutionDto> Resolutions,
    string SuggestedNumber,
    bool CanManage,
    uint Version);

public sealed record MeetingQuery
{
    public int? Year { get; init; }

    public MeetingKind? Kind { get; init; }

    public MeetingStatus? Status { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

/// <summary>
/// Staff schedule a meeting ahead; every unit active on its date is invited and may answer. A time already past is
/// refused: a meeting that took place is recorded with <see cref="RecordPastMeeting"/>.
/// </summary>
public sealed class ScheduleMeeting(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<Guid> HandleAsync(Guid streetId, MeetingInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanManageStreetAsync(db, streetId, ct);
        PortalValidationException.ThrowIfAny([.. MeetingInputRules.Validate(input), .. MeetingLifecycleRules.CheckSchedule(input.ScheduledAt, calendar.UtcNow)]);
        return await MeetingQueries.AddMeetingAsync(db, streetId, input, calendar, ct);
    }

}

/// <summary>
/// Staff change a planned meeting (改期, another place, agenda…). When it moves to another time the units' answers and
/// any attendance already recorded are cleared, since they were given for the old time, and when it moves to
/// another day the invitations follow the units active on the new date (a unit withdrawn by then is no longer
/// invited, one registered since is). Held and cancelled meetings cannot change (409). <see cref="MeetingInput.Version"/>, when
/// given, is the version read (409 when the meeting changed since).
/// </summary>
public sealed class UpdateMeeting(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid meetingId, MeetingInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await MeetingQueries.ManageableMeetingAsync(db, scope, meetingId, ct);
        var meeting = await db.Meetings.SingleAsync(m => m.Id == meetingId, ct);
        if (meeting.Status != MeetingStatus.Planned)
        {
            throw new PortalConflictException("Meetings.NotPlannedEdit");
        }

        var scheduledAt = MeetingInputRules.StoredInstant(input.ScheduledAt);
        PortalValidationException.ThrowIfAny([.. MeetingInputRules.Validate(input), .. MeetingLifecycleRules.CheckSchedule(scheduledAt, calendar.UtcNow, meeting.ScheduledAt)]);
        var date = DateOnly.FromDateTime(calendar.ToLocal(input.ScheduledAt).DateTime);
        if (scheduledAt != meeting.ScheduledAt)
        {
            var attendances = await db.MeetingAttendances.Where(a => a.MeetingId == meetingId).ToListAsync(ct);
            if (date != meeting.MeetingDate)
            {
                var active = (await MeetingQueries.ActiveOn(db, meeting.StreetId, date).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
                var gone = attendances.Where(a => !active.Contains(a.UnitId)).ToList();
                db.MeetingAttendances.RemoveRange(gone);
                attendances = attendances.Except(gone).ToList();
                var invited = attendances.Select(a => a.UnitId).ToHashSet();
                db.MeetingAttendances.AddRange(active.Where(id => !invited.Contains(id))
                    .Select(unitId => new MeetingAttendance { StreetId = meeting.StreetId, MeetingId = meetingId, UnitId = unitId }));
            }

            foreach (var attendance in attendances)
            {
                attendance.Reply = InvitationReply.None;
                attendance.ReplyNote = null;
                attendance.RepliedAt = null;
                attendance.Status = null;
            }
        }

        meeting.Kind = input.Kind;
        meeting.Title = input.Title.Trim();
        meeting.ScheduledAt = scheduledAt;
        meeting.MeetingDate = date;
        meeting.Place = input.Place?.Trim() ?? "";
        meeting.Convener = input.Convener?.Trim() ?? "";
        meeting.Agenda = MeetingInputRules.Lines(input.Agenda);
        meeting.SittingIn = MeetingInputRules.Lines(input.SittingIn);
        await db.SaveWithVersionAsync(meeting, input.Version ?? meeting.Version, ct);
    }
}

/// <summary>Staff call off a planned meeting; held and cancelled meetings stay as they are (409).</summary>
public sealed class CancelMeeting(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task HandleAsync(Guid meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await MeetingQueries.ManageableMeetingAsync(db, scope, meetingId, ct);
        var meeting = await db.Meetings.SingleAsync(m => m.Id == meetingId, ct);
        if (meeting.Status != MeetingStatus.Planned)
        {
            throw new PortalConflictException("Meetings.NotPlanned");
        }

        meeting.Status = MeetingStatus.Cancelled;
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// Staff record a meeting that already took place (补录): no invitations go out and no answers are asked for; its page
/// goes straight to attendance and minutes (<see cref="RecordAttendance"/>, then <see cref="HoldMeeting"/>). Every unit
/// active on its date is on the attendance sheet. A start still ahead is refused: that is <see cref="ScheduleMeeting"/>.
/// </summary>
public sealed class RecordPastMeeting(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<Guid> HandleAsync(Guid streetId, MeetingInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanManageStreetAsync(db, streetId, ct);
        PortalValidationException.ThrowIfAny([.. MeetingInputRules.Validate(input), .. MeetingLifecycleRules.CheckRecordPast(input.ScheduledAt, calendar.UtcNow)]);
        return await MeetingQueries.AddMeetingAsync(db, streetId, input, calendar, ct);
    }
}

public sealed class GetMeetings(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<PagedResult<MeetingSummary>> HandleAsync(Guid streetId, MeetingQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadStreetAsync(db, streetId, ct);
        var meetings = db.Meetings.AsNoTracking().Where(m => m.StreetId == streetId);
        var user = scope.User;
        if (user.IsUnitLeader)
        {
            meetings = meetings.Where(m => db.MeetingAttendances.Any(a => a.MeetingId == m.Id && a.UnitId == user.UnitId));
        }

        if (query.Year is { } year)
        {
            meetings = meetings.Where(m => m.MeetingDate.Year == year);
        }

        if (query.Kind is { } kind)
        {
            meetings = meetings.Where(m => m.Kind == kind);
        }

        if (query.Status is { } status)
        {
            meetings = meetings.Where(m => m.Status == status);
        }

        var total = await meetings.CountAsync(ct);
        var page = Paging.Clamp(query.Page, query.PageSize);
        var items = await meetings.OrderByDescending(m => m.ScheduledAt).Skip(page.Skip).Take(page.Take)
            .Select(m => new MeetingSummary(m.Id, m.StreetId, m.Kind, m.Title, m.ScheduledAt, m.MeetingDate, m.Place, m.Status,
                db.MeetingAttendances.Count(a => a.MeetingId == m.Id),
                db.MeetingAttendances.Count(a => a.MeetingId == m.Id && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Delegated)),
                db.Resolutions.Count(r => r.MeetingId == m.Id)))
            .ToListAsync(ct);
        return new PagedResult<MeetingSummary>(items, total);
    }
}

/// <summary>Planned meetings from a moment on to which the unit leader's unit is invited, with its answer.</summary>
public sealed class GetUpcomingInvitations(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<List<UpcomingInvitation>> HandleAsync(DateTimeOffset from, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = scope.User;
        if (user.UnitId is not { } unitId)
        {
            return [];
        }

        return await db.MeetingAttendances.AsNoTracking().Where(a => a.UnitId == unitId)
            .Join(db.Meetings, a => a.MeetingId, m => m.Id, (a, m) => new { a, m })
            .Where(x => x.m.Status == MeetingStatus.Planned && x.m.ScheduledAt >= from)
            .OrderBy(x => x.m.ScheduledAt)
            .Select(x => new UpcomingInvitation(x.m.Id, x.m.Kind, x.m.Title, x.m.ScheduledAt, x.m.Place, x.a.Reply, x.a.ReplyNote))
            .ToListAsync(ct);
    }
}

public sealed record UpcomingInvitation(Guid MeetingId, MeetingKind Kind, string Title, DateTimeOffset ScheduledAt, string Place, InvitationReply Reply, string? ReplyNote);

public sealed class GetMeeting(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<MeetingDetail> HandleAsync(Guid meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await MeetingQueries.ReadableMeetingAsync(db, scope, meetingId, ct);
        var user = scope.User;
        var attendance = db.MeetingAttendances.AsNoTracking().Where(a => a.MeetingId == meetingId);
        if (user.IsUnitLeader)
        {
            // A leader sees their own unit's row only; the quorum count is shown as numbers.
            attendance = attendance.Where(a => a.UnitId == user.UnitId);
        }

        var rows = await attendance.Join(db.MemberUnits, a => a.UnitId, u => u.Id, (a, u) => new { a, u.Name })
            .OrderBy(x => x.Name)
            .Select(x => new AttendanceDto(x.a.UnitId, x.Name, x.a.Reply, x.a.ReplyNote, x.a.RepliedAt, x.a.Status))
            .ToListAsync(ct);
        var quorum = await MeetingQueries.QuorumAsync(db, meeting, ct);
        var resolutions = await ResolutionQueries.ListAsync(db, MeetingQueries.VisibleResolutions(db, scope).Where(r => r.MeetingId == meetingId).OrderBy(r => r.Sequence), calendar.Today, ct);
        var streetName = await db.Streets.Where(s => s.Id == meeting.StreetId).Select(s => s.Name).SingleAsync(ct);
        var suggested = await MeetingQueries.NextNumberAsync(db, meeting.StreetId, meeting.MeetingDate.Year, ct);
        return new MeetingDetail(meeting.Id, meeting.StreetId, streetName, meeting.Kind, meeting.Title, meeting.ScheduledAt, meeting.MeetingDate,
            meeting.Place, meeting.Convener, meeting.Status, meeting.Agenda, meeting.SittingIn, meeting.Minutes, meeting.HeldAt, rows, quorum,
            resolutions, suggested, user.MayManageStreet(meeting.StreetId), meeting.Version);
    }
}

/// <summary>One unit's final attendance; a null status clears it.</summary>
public sealed record AttendanceEntry(Guid UnitId, AttendanceStatus? Status);

/// <summary>A unit leader's answer: attend, leave (the note is the reason) or delegate (the note names the delegate).</summary>
public sealed record InvitationReplyInput(InvitationReply Reply, string? Note);

/// <summary>The minutes (纪要) with which a meeting is marked held.</summary>
public sealed record HoldMeetingInput(string? Minutes);

/// <summary>Staff record the final attendance; units not yet invited but active on the date are added.</summary>
public sealed class RecordAttendance(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<QuorumResult> HandleAsync(Guid meetingId, IReadOnlyList<AttendanceEntry> entries, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await MeetingQueries.ManageableMeetingAsync(db, scope, meetingId, ct);
        if (meeting.Status == MeetingStatus.Cancelled)
        {
            throw new PortalConflictException("Meetings.Cancelled");
        }

        var rows = await db.MeetingAttendances.Where(a => a.MeetingId == meetingId).ToDictionaryAsync(a => a.UnitId, ct);
        var missing = entries.Select(e => e.UnitId).Where(id => !rows.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            var addable = await MeetingQueries.ActiveOn(db, meeting.StreetId, meeting.MeetingDate).Where(u => missing.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
            if (addable.Count != missing.Count)
            {
                throw new PortalValidationException([new("UnitId", "Validation.UnitNotInStreet")]);
            }

            foreach (var unitId in addable)
            {
                var row = new MeetingAttendance { StreetId = meeting.StreetId, MeetingId = meetingId, UnitId = unitId };
                db.MeetingAttendances.Add(row);
                rows[unitId] = row;
            }
        }

        PortalValidationException.ThrowIfAny(MeetingInputRules.ValidateAttendance(entries));
        foreach (var entry in entries)
        {
            rows[entry.UnitId].Status = entry.Status;
        }

        // A held meeting keeps every unit's attendance, and its resolutions keep their quorum and majority (rule 1).
        if (meeting.Status == MeetingStatus.Held)
        {
            PortalValidationException.ThrowIfAny(MeetingLifecycleRules.CheckAttendanceComplete(await MeetingQueries.UnitNamesAsync(db,
                rows.Values.Where(r => r.Status is null).Select(r => r.UnitId).ToList(), ct)));
        }

        var resolutions = await db.Resolutions.AsNoTracking().Where(r => r.MeetingId == meetingId).OrderBy(r => r.Sequence)
            .Select(r => new ResolutionVotes(r.Number, r.VotesFor, r.VotesAgainst, r.VotesAbstain)).ToListAsync(ct);
        if (resolutions.Count > 0)
        {
            var current = await MeetingQueries.QuorumAsync(db, meeting, ct);
            var after = QuorumRules.Evaluate(rows.Values.Count(r => r.Status is AttendanceStatus.Present or AttendanceStatus.Delegated), current.ActiveUnits, current.Fraction);
            PortalValidationException.ThrowIfAny(QuorumRules.CheckAttendanceChange(after, resolutions));
        }

        await db.SaveChangesAsync(ct);
        return await MeetingQueries.QuorumAsync(db, meeting, ct);
    }
}

/// <summary>A unit leader answers an invitation before the meeting: attend, leave with a reason, or send a delegate.</summary>
public sealed class ReplyToInvitation(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task HandleAsync(Guid meetingId, InvitationReplyInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await MeetingQueries.ReadableMeetingAsync(db, scope, meetingId, ct);
        var user = scope.User;
        if (!user.IsUnitLeader)
        {
            throw new PortalForbiddenException("Meetings.OnlyLeadersReply");
        }

        if (meeting.Status != MeetingStatus.Planned || meeting.ScheduledAt <= clock.GetUtcNow())
        {
            throw new PortalConflictException("Meetings.ReplyClosed");
        }

        PortalValidationException.ThrowIfAny(MeetingInputRules.ValidateReply(input.Reply, input.Note));

        var row = await db.MeetingAttendances.SingleAsync(a => a.MeetingId == meetingId && a.UnitId == user.UnitId, ct);
        row.Reply = input.Reply;
        row.ReplyNote = input.Reply == InvitationReply.Attend ? null : MeetingInputRules.ReplyNote(input.Note);
        row.RepliedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// Staff mark a meeting held with its minutes (纪要), once it has started and every invited unit's attendance is
/// recorded. Saving again updates the minutes.
/// </summary>
public sealed class HoldMeeting(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task HandleAsync(Guid meetingId, HoldMeetingInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await MeetingQueries.ManageableMeetingAsync(db, scope, meetingId, ct);
        PortalValidationException.ThrowIfAny(MeetingInputRules.ValidateMinutes(input.Minutes));

        var meeting = await db.Meetings.SingleAsync(m => m.Id == meetingId, ct);
        if (meeting.Status == MeetingStatus.Cancelled)
        {
            throw new PortalConflictException("Meetings.Cancelled");
        }

        if (meeting.Status == MeetingStatus.Planned)
        {
            var unrecorded = await db.MeetingAttendances.Where(a => a.MeetingId == meetingId && a.Status == null).Select(a => a.UnitId).ToListAsync(ct);
            PortalValidationException.ThrowIfAny(MeetingLifecycleRules.CheckHold(meeting.ScheduledAt, clock.GetUtcNow(), await MeetingQueries.UnitNamesAsync(db, unrecorded, ct)));
        }

        meeting.Minutes = input.Minutes!.Trim();
        if (meeting.Status == MeetingStatus.Planned)
        {
            meeting.Status = MeetingStatus.Held;
            meeting.HeldAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
    }
}

public sealed record QuarterCompliance(Quarter Quarter, DateOnly Start, DateOnly End, int HeldJointMeetings, int Minimum, QuarterState State);

/// <summary>Rule 2 for a year: held joint meetings per quarter against the committee's minimum.</summary>
public sealed class GetQuarterCompliance(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<List<QuarterCompliance>> HandleAsync(Guid streetId, int year, CancellationToken ct = default)
    {
        if (year is < 2000 or > 2100)
        {
            throw new PortalValidationException([new ValidationFailure("year", "Error.YearOutOfRange", 2000, 2100)]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadStreetAsync(db, streetId, ct);
        return await ComputeAsync(db, streetId, year, calendar.Today, ct);
    }

    internal static async Task<List<QuarterCompliance>> ComputeAsync(PortalDbContext db, Guid streetId, int year, DateOnly today, CancellationToken ct)
    {
        var minimum = await db.StreetCommittees.Where(c => c.StreetId == streetId).Select(c => (int?)c.MinimumJointMeetingsPerQuarter).FirstOrDefaultAsync(ct)
            ?? Committees.StreetCommittee.DefaultMinimumJointMeetingsPerQuarter;
        var dates = await db.Meetings.AsNoTracking()
            .Where(m => m.StreetId == streetId && m.Kind == MeetingKind.JointMeeting && m.Status == MeetingStatus.Held && m.MeetingDate.Year == year)
            .Select(m => m.MeetingDate).ToListAsync(ct);
        return QuarterRules.OfYear(year).Select(q =>
        {
            var held = dates.Count(q.Contains);
            return new QuarterCompliance(q, q.Start, q.End, held, minimum, QuarterRules.Evaluate(q, held, minimum, today));
        }).ToList();
    }
}

/// <summary>The current quarter, when its reminder is due (from 15 days before its end, while short of joint meetings).</summary>
public sealed class GetQuarterReminder(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<QuarterCompliance?> HandleAsync(Guid streetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadStreetAsync(db, streetId, ct);
        var today = calendar.Today;
        var current = Quarter.Of(today);
        return (await GetQuarterCompliance.ComputeAsync(db, streetId, today.Year, today, ct))
            .FirstOrDefault(q => q.Quarter == current && q.State == QuarterState.ReminderDue);
    }
}
