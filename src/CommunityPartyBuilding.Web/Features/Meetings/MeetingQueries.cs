using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Meetings;

/// <summary>Scope checks and shared queries of the meetings feature.</summary>
internal static class MeetingQueries
{
    /// <summary>
    /// The meeting, if the user may read it: readers of its street, or a unit leader whose unit is invited.
    /// Anything else is "not found".
    /// </summary>
    public static async Task<Meeting> ReadableMeetingAsync(PortalDbContext db, ScopeGuard scope, Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct)
            ?? throw new PortalNotFoundException("Error.MeetingNotFound");
        if (!await scope.VisibleStreets(db).AnyAsync(s => s.Id == meeting.StreetId, ct))
        {
            throw new PortalNotFoundException("Error.MeetingNotFound");
        }

        var user = scope.User;
        if (user.IsUnitLeader && !await db.MeetingAttendances.AnyAsync(a => a.MeetingId == meetingId && a.UnitId == user.UnitId, ct))
        {
            throw new PortalNotFoundException("Error.MeetingNotFound");
        }

        return meeting;
    }

    /// <summary>The meeting's street, if the user is its street staff; readers of it get 403, others 404.</summary>
    public static async Task<Meeting> ManageableMeetingAsync(PortalDbContext db, ScopeGuard scope, Guid meetingId, CancellationToken ct)
    {
        var meeting = await ReadableMeetingAsync(db, scope, meetingId, ct);
        scope.EnsureManagesStreet(meeting.StreetId);
        return meeting;
    }

    /// <summary>A new planned meeting with an attendance row for every unit active on its date; saved.</summary>
    public static async Task<Guid> AddMeetingAsync(PortalDbContext db, Guid streetId, MeetingInput input, BusinessCalendar calendar, CancellationToken ct)
    {
        var date = DateOnly.FromDateTime(calendar.ToLocal(input.ScheduledAt).DateTime);
        var meeting = new Meeting
        {
            StreetId = streetId,
            Kind = input.Kind,
            Title = input.Title.Trim(),
            ScheduledAt = MeetingInputRules.StoredInstant(input.ScheduledAt),
            MeetingDate = date,
            Place = input.Place?.Trim() ?? "",
            Convener = input.Convener?.Trim() ?? "",
            Agenda = MeetingInputRules.Lines(input.Agenda),
            SittingIn = MeetingInputRules.Lines(input.SittingIn),
        };
        db.Meetings.Add(meeting);
        var invited = await ActiveOn(db, streetId, date).Select(u => u.Id).ToListAsync(ct);
        db.MeetingAttendances.AddRange(invited.Select(unitId => new MeetingAttendance { StreetId = streetId, MeetingId = meeting.Id, UnitId = unitId }));
        await db.SaveChangesAsync(ct);
        return meeting.Id;
    }

    /// <summary>The units' names, in the street's collation order, for messages.</summary>
    public static async Task<List<string>> UnitNamesAsync(PortalDbContext db, IReadOnlyList<Guid> unitIds, CancellationToken ct) =>
        unitIds.Count == 0
            ? []
            : await db.MemberUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id))
                .OrderBy(u => EF.Functions.Collate(u.Name, PortalDbContext.ChineseCollation)).Select(u => u.Name).ToListAsync(ct);

    /// <summary>The street's units active on a date (<see cref="UnitActivity.ActiveOn"/>).</summary>
    public static IQueryable<MemberUnit> ActiveOn(PortalDbContext db, Guid streetId, DateOnly date) =>
        db.MemberUnits.AsNoTracking().Where(u => u.StreetId == streetId).ActiveOn(date);

    public static async Task<QuorumResult> QuorumAsync(PortalDbContext db, Meeting meeting, CancellationToken ct)
    {
        var fraction = await db.StreetCommittees.Where(c => c.StreetId == meeting.StreetId).Select(c => (decimal?)c.QuorumFraction).FirstOrDefaultAsync(ct)
            ?? Committees.StreetCommittee.DefaultQuorumFraction;
        var active = await ActiveOn(db, meeting.StreetId, meeting.MeetingDate).CountAsync(ct);
        var present = await db.MeetingAttendances.CountAsync(
            a => a.MeetingId == meeting.Id && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Delegated), ct);
        return QuorumRules.Evaluate(present, active, fraction);
    }

    /// <summary>Resolutions the user may read: a unit leader only those where their unit is lead or co-operating.</summary>
    public static IQueryable<Resolution> VisibleResolutions(PortalDbContext db, ScopeGuard scope)
    {
        var user = scope.User;
        var streets = scope.VisibleStreets(db).Select(s => s.Id);
        var resolutions = db.Resolutions.AsNoTracking().Where(r => streets.Contains(r.StreetId));
        if (user.IsUnitLeader)
        {
            var unitId = user.UnitId ?? Guid.Empty;
            resolutions = resolutions.Where(r => r.LeadUnitId == unitId || r.CooperatingUnitIds.Contains(unitId));
        }

        return resolutions;
    }

    public static async Task<string> NextNumberAsync(PortalDbContext db, Guid streetId, int year, CancellationToken ct)
    {
        var prefix = ResolutionNumber.Prefix(await db.Streets.Where(s => s.Id == streetId).Select(s => s.Name).SingleAsync(ct));
        return ResolutionNumber.Format(prefix, year, await NextSequenceAsync(db, streetId, year, ct));
    }

    public static async Task<int> NextSequenceAsync(PortalDbContext db, Guid streetId, int year, CancellationToken ct) =>
        (await db.Resolutions.Where(r => r.StreetId == streetId && r.Year == year).MaxAsync(r => (int?)r.Sequence, ct) ?? 0) + 1;
}
