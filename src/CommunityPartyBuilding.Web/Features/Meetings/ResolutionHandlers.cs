using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Data.Configurations;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Meetings;

public sealed record UnitRef(Guid Id, string Name);

/// <summary>A resolution as lists, pages and the API show it; <c>status</c> is derived (overdue included).</summary>
public sealed record ResolutionDto(
    Guid Id,
    Guid StreetId,
    Guid MeetingId,
    string MeetingTitle,
    DateOnly MeetingDate,
    string Number,
    string Title,
    string Content,
    int VotesFor,
    int VotesAgainst,
    int VotesAbstain,
    Guid LeadUnitId,
    string LeadUnitName,
    IReadOnlyList<Guid> CooperatingUnitIds,
    IReadOnlyList<UnitRef> CooperatingUnits,
    DateOnly Deadline,
    ResolutionState Status,
    ResolutionStatus Progress,
    bool Overdue,
    bool DueSoon,
    int Percent,
    DateOnly? CompletedOn,
    uint Version);

public sealed record ProgressDto(Guid Id, Guid? UnitId, string? UnitName, int Percent, string Text, DateOnly ReportedOn, DateTimeOffset PostedAt, string PostedBy)
{
    public IReadOnlyList<AttachmentDto> Attachments { get; init; } = [];
}

public sealed record AttachmentDto(Guid Id, string FileName, string ContentType);

public sealed record ResolutionDetail(ResolutionDto Resolution, IReadOnlyList<ProgressDto> Updates, bool CanPostProgress, bool CanComplete);

public sealed record ResolutionQuery
{
    public ResolutionState? Status { get; init; }

    public Guid? UnitId { get; init; }

    public int? Year { get; init; }

    /// <summary>Only those not completed and due within 7 days (today included).</summary>
    public bool DueSoon { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

internal static class ResolutionQueries
{
    public static IQueryable<Resolution> Filter(IQueryable<Resolution> resolutions, ResolutionQuery query, DateOnly today)
    {
        resolutions = query.Status switch
        {
            ResolutionState.Overdue => resolutions.Where(r => r.Status != ResolutionStatus.Completed && r.Deadline < today),
            ResolutionState.Completed => resolutions.Where(r => r.Status == ResolutionStatus.Completed),
            ResolutionState.InProgress => resolutions.Where(r => r.Status == ResolutionStatus.InProgress && r.Deadline >= today),
            ResolutionState.NotStarted => resolutions.Where(r => r.Status == ResolutionStatus.NotStarted && r.Deadline >= today),
            _ => resolutions,
        };
        if (query.UnitId is { } unitId)
        {
            resolutions = resolutions.Where(r => r.LeadUnitId == unitId || r.CooperatingUnitIds.Contains(unitId));
        }

        if (query.Year is { } year)
        {
            resolutions = resolutions.Where(r => r.Year == year);
        }

        if (query.DueSoon)
        {
            var soon = today.AddDays(ResolutionRules.DueSoonDays);
            resolutions = resolutions.Where(r => r.Status != ResolutionStatus.Completed && r.Deadline >= today && r.Deadline <= soon);
        }

        return resolutions;
    }

    /// <summary>Board order: overdue first, then open ones, completed last; each by deadline.</summary>
    public static IQueryable<Resolution> BoardOrder(IQueryable<Resolution> resolutions, DateOnly today) =>
        resolutions.OrderBy(r => r.Status == ResolutionStatus.Completed ? 2 : r.Deadline < today ? 0 : 1)
            .ThenBy(r => r.Deadline).ThenBy(r => r.Year).ThenBy(r => r.Sequence);

    public static async Task<List<ResolutionDto>> ListAsync(PortalDbContext db, IQueryable<Resolution> resolutions, DateOnly today, CancellationToken ct)
    {
        var rows = await resolutions
            .Join(db.Meetings, r => r.MeetingId, m => m.Id, (r, m) => new { r, MeetingTitle = m.Title, m.MeetingDate })
            .ToListAsync(ct);
        var unitIds = rows.SelectMany(x => x.r.CooperatingUnitIds.Append(x.r.LeadUnitId)).Distinct().ToList();
        var names = await db.MemberUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return rows.Select(x =>
        {
            var r = x.r;
            return new ResolutionDto(r.Id, r.StreetId, r.MeetingId, x.MeetingTitle, x.MeetingDate, r.Number, r.Title, r.Content,
                r.VotesFor, r.VotesAgainst, r.VotesAbstain, r.LeadUnitId, names.GetValueOrDefault(r.LeadUnitId, ""), r.CooperatingUnitIds,
                r.CooperatingUnitIds.Select(id => new UnitRef(id, names.GetValueOrDefault(id, ""))).ToList(),
                r.Deadline, ResolutionRules.StateOn(r.Status, r.Deadline, today), r.Status, ResolutionRules.IsOverdue(r.Status, r.Deadline, today),
                ResolutionRules.IsDueSoon(r.Status, r.Deadline, today), r.Percent, r.CompletedOn, r.Version);
        }).ToList();
    }

    /// <summary>The resolution, if the user may read it (a unit leader only when their unit is responsible).</summary>
    public static async Task<Resolution> ReadableAsync(PortalDbContext db, ScopeGuard scope, Guid resolutionId, CancellationToken ct) =>
        await MeetingQueries.VisibleResolutions(db, scope).FirstOrDefaultAsync(r => r.Id == resolutionId, ct)
        ?? throw new PortalNotFoundException("Error.ResolutionNotFound");

    public static bool CanPostProgress(PortalUser user, Resolution r) =>
        user.MayManageStreet(r.StreetId)
        || (user.IsUnitLeader && user.UnitId is { } unit && (r.LeadUnitId == unit || r.CooperatingUnitIds.Contains(unit)));

    public static bool CanComplete(PortalUser user, Resolution r) =>
        user.MayManageStreet(r.StreetId) || (user.IsUnitLeader && user.UnitId == r.LeadUnitId);
}

/// <summary>
/// Staff record a resolution adopted at a held meeting. Refused (422, with the numbers) without quorum or when the vote
/// does not adopt it (rule 1). The number is the next free one for the street and year unless one is given; a unique
/// index decides between concurrent saves, and an automatically numbered save retries with the next number.
/// </summary>
public sealed class RecordResolution(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    private const int Attempts = 5;

    public async Task<Guid> HandleAsync(Guid meetingId, ResolutionInput input, CancellationToken ct = default)
    {
        Meeting meeting;
        string prefix;
        int? requested;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            meeting = await MeetingQueries.ManageableMeetingAsync(db, scope, meetingId, ct);
            if (meeting.Status != MeetingStatus.Held)
            {
                throw new PortalConflictException("Meetings.NotHeld");
            }

            var failures = MeetingInputRules.Validate(input, meeting.MeetingDate).ToList();
            var unitIds = (input.CooperatingUnitIds ?? []).Append(input.LeadUnitId).Where(id => id != Guid.Empty).Distinct().ToList();
            var known = await db.MemberUnits.CountAsync(u => u.StreetId == meeting.StreetId && u.Status == UnitStatus.Active && unitIds.Contains(u.Id), ct);
            if (known != unitIds.Count)
            {
                failures.Add(new(nameof(input.LeadUnitId), "Validation.UnitNotInStreet"));
            }

            prefix = ResolutionNumber.Prefix(await db.Streets.Where(s => s.Id == meeting.StreetId).Select(s => s.Name).SingleAsync(ct));
            requested = ResolutionNumber.TryParse(input.Number, prefix, meeting.MeetingDate.Year);
            if (!string.IsNullOrWhiteSpace(input.Number) && requested is null)
            {
                failures.Add(new(nameof(input.Number), "Validation.ResolutionNumberFormat", ResolutionNumber.Format(prefix, meeting.MeetingDate.Year, 1)));
            }

            PortalValidationException.ThrowIfAny(failures);
            var quorum = await MeetingQueries.QuorumAsync(db, meeting, ct);
            PortalValidationException.ThrowIfAny(QuorumRules.CheckResolution(quorum, input.VotesFor, input.VotesAgainst, input.VotesAbstain));
        }

        var year = meeting.MeetingDate.Year;
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var sequence = requested ?? await MeetingQueries.NextSequenceAsync(db, meeting.StreetId, year, ct);
            var resolution = new Resolution
            {
                StreetId = meeting.StreetId,
                MeetingId = meeting.Id,
                Year = year,
                Sequence = sequence,
                Number = ResolutionNumber.Format(prefix, year, sequence),
                Title = input.Title.Trim(),
                Content = input.Content?.Trim() ?? "",
                VotesFor = input.VotesFor,
                VotesAgainst = input.VotesAgainst,
                VotesAbstain = input.VotesAbstain,
                LeadUnitId = input.LeadUnitId,
                CooperatingUnitIds = (input.CooperatingUnitIds ?? []).Distinct().ToList(),
                Deadline = input.Deadline,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Resolutions.Add(resolution);
            try
            {
                await db.SaveChangesAsync(ct);
                return resolution.Id;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation(ResolutionConfiguration.NumberIndex))
            {
                if (requested is not null || attempt >= Attempts)
                {
                    var next = await MeetingQueries.NextSequenceAsync(db, meeting.StreetId, year, ct);
                    throw new PortalValidationException([new(nameof(input.Number), "Validation.ResolutionNumberTaken",
                        resolution.Number, ResolutionNumber.Format(prefix, year, next))]);
                }

                // Someone else took this number a moment ago: take the next free one.
            }
        }
    }
}

public sealed class GetResolutions(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<PagedResult<ResolutionDto>> HandleAsync(Guid streetId, ResolutionQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadStreetAsync(db, streetId, ct);
        var today = calendar.Today;
        var resolutions = ResolutionQueries.Filter(MeetingQueries.VisibleResolutions(db, scope).Where(r => r.StreetId == streetId), query, today);
        var total = await resolutions.CountAsync(ct);
        var page = Paging.Clamp(query.Page, query.PageSize);
        var items = await ResolutionQueries.ListAsync(db, ResolutionQueries.BoardOrder(resolutions, today).Skip(page.Skip).Take(page.Take), today, ct);
        return new PagedResult<ResolutionDto>(items, total);
    }
}

/// <summary>The unit's resolution tasks (lead or co-operating), overdue first.</summary>
public sealed class GetUnitResolutions(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<List<ResolutionDto>> HandleAsync(Guid unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        var today = calendar.Today;
        var resolutions = db.Resolutions.AsNoTracking().Where(r => r.LeadUnitId == unitId || r.CooperatingUnitIds.Contains(unitId));
        return await ResolutionQueries.ListAsync(db, ResolutionQueries.BoardOrder(resolutions, today), today, ct);
    }
}

public sealed class GetResolution(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<ResolutionDetail> HandleAsync(Guid resolutionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resolution = await ResolutionQueries.ReadableAsync(db, scope, resolutionId, ct);
        var dto = (await ResolutionQueries.ListAsync(db, db.Resolutions.AsNoTracking().Where(r => r.Id == resolutionId), calendar.Today, ct)).Single();
        var updates = await db.ResolutionProgress.AsNoTracking().Where(p => p.ResolutionId == resolutionId)
            .OrderByDescending(p => p.PostedAt)
            .Select(p => new ProgressDto(p.Id, p.UnitId, db.MemberUnits.Where(u => u.Id == p.UnitId).Select(u => u.Name).FirstOrDefault(),
                p.Percent, p.Text, p.ReportedOn, p.PostedAt, p.PostedBy))
            .ToListAsync(ct);
        var attachments = (await db.ResolutionAttachments.AsNoTracking().Where(a => a.ResolutionId == resolutionId)
                .OrderBy(a => a.UploadedAt).Select(a => new { a.ProgressId, Dto = new AttachmentDto(a.Id, a.FileName, a.ContentType) }).ToListAsync(ct))
            .ToLookup(a => a.ProgressId, a => a.Dto);
        updates = updates.Select(u => u with { Attachments = attachments[u.Id].ToList() }).ToList();
        var user = scope.User;
        var open = resolution.Status != ResolutionStatus.Completed;
        return new ResolutionDetail(dto, updates, open && ResolutionQueries.CanPostProgress(user, resolution), open && ResolutionQueries.CanComplete(user, resolution));
    }
}

/// <summary>A progress update: how far (0–100 %) and what was done.</summary>
public sealed record ResolutionProgressInput(int Percent, string? Text);

/// <summary>The day a resolution was completed.</summary>
public sealed record CompleteResolutionInput(DateOnly CompletedOn);

/// <summary>Progress from a responsible unit's leader (lead or co-operating) or street staff.</summary>
public sealed class PostResolutionProgress(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<Guid> HandleAsync(Guid resolutionId, ResolutionProgressInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var readable = await ResolutionQueries.ReadableAsync(db, scope, resolutionId, ct);
        var user = scope.User;
        if (!ResolutionQueries.CanPostProgress(user, readable))
        {
            throw new PortalForbiddenException("Resolutions.NotResponsible");
        }

        PortalValidationException.ThrowIfAny(MeetingInputRules.ValidateProgress(input.Percent, input.Text));
        var resolution = await db.Resolutions.SingleAsync(r => r.Id == resolutionId, ct);
        if (resolution.Status == ResolutionStatus.Completed)
        {
            throw new PortalConflictException("Resolutions.AlreadyCompleted");
        }

        var update = new ResolutionProgress
        {
            StreetId = resolution.StreetId,
            ResolutionId = resolution.Id,
            UnitId = user.IsUnitLeader ? user.UnitId : null,
            Percent = input.Percent,
            Text = input.Text!.Trim(),
            ReportedOn = calendar.Today,
            PostedAt = calendar.UtcNow,
            PostedBy = string.IsNullOrEmpty(user.DisplayName) ? user.Email : user.DisplayName,
        };
        db.ResolutionProgress.Add(update);
        resolution.Percent = input.Percent;
        resolution.Status = ResolutionStatus.InProgress;
        await db.SaveChangesAsync(ct);
        return update.Id;
    }
}

/// <summary>The lead unit's leader or street staff mark a resolution completed with its date.</summary>
public sealed class CompleteResolution(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid resolutionId, CompleteResolutionInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var readable = await ResolutionQueries.ReadableAsync(db, scope, resolutionId, ct);
        if (!ResolutionQueries.CanComplete(scope.User, readable))
        {
            throw new PortalForbiddenException("Resolutions.OnlyLeadCompletes");
        }

        var meetingDate = await db.Meetings.Where(m => m.Id == readable.MeetingId).Select(m => m.MeetingDate).SingleAsync(ct);
        PortalValidationException.ThrowIfAny(MeetingInputRules.ValidateCompletion(input.CompletedOn, meetingDate, calendar.Today));

        var resolution = await db.Resolutions.SingleAsync(r => r.Id == resolutionId, ct);
        if (resolution.Status == ResolutionStatus.Completed)
        {
            throw new PortalConflictException("Resolutions.AlreadyCompleted");
        }

        resolution.Status = ResolutionStatus.Completed;
        resolution.CompletedOn = input.CompletedOn;
        resolution.Percent = 100;
        await db.SaveChangesAsync(ct);
    }
}

public sealed record UnitAttendanceRecord(int Year, int MeetingsHeld, int PresentOrDelegated, int Excused, int Absent, decimal? Rate, IReadOnlyList<UnitMeetingRow> Meetings);

public sealed record UnitMeetingRow(Guid MeetingId, string Title, DateOnly MeetingDate, MeetingKind Kind, AttendanceStatus? Status);

/// <summary>A unit's attendance this year: (present + delegated) / held meetings it was invited to.</summary>
public sealed class GetUnitAttendance(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<UnitAttendanceRecord> HandleAsync(Guid unitId, int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        var rows = await db.MeetingAttendances.AsNoTracking().Where(a => a.UnitId == unitId)
            .Join(db.Meetings, a => a.MeetingId, m => m.Id, (a, m) => new { a, m })
            .Where(x => x.m.Status == MeetingStatus.Held && x.m.MeetingDate.Year == year)
            .OrderByDescending(x => x.m.MeetingDate)
            .Select(x => new UnitMeetingRow(x.m.Id, x.m.Title, x.m.MeetingDate, x.m.Kind, x.a.Status))
            .ToListAsync(ct);
        var attended = rows.Count(r => r.Status is AttendanceStatus.Present or AttendanceStatus.Delegated);
        return new UnitAttendanceRecord(year, rows.Count, attended, rows.Count(r => r.Status == AttendanceStatus.Excused),
            rows.Count(r => r.Status is AttendanceStatus.Absent or null), rows.Count == 0 ? null : Math.Round((decimal)attended / rows.Count, 3), rows);
    }
}

/// <summary>An attachment on a progress update, added by whoever may post progress on the resolution (and posted that update).</summary>
public sealed class AddResolutionAttachment(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxPerUpdate = 5;

    public async Task<Guid> HandleAsync(Guid progressId, string? fileName, Stream content, long length, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var progress = await db.ResolutionProgress.AsNoTracking().FirstOrDefaultAsync(p => p.Id == progressId, ct)
            ?? throw new PortalNotFoundException("Error.NotFound");
        var resolution = await ResolutionQueries.ReadableAsync(db, scope, progress.ResolutionId, ct);
        var user = scope.User;
        var own = user.IsUnitLeader ? progress.UnitId == user.UnitId : progress.UnitId is null || user.MayManageStreet(resolution.StreetId);
        if (!ResolutionQueries.CanPostProgress(user, resolution) || !own)
        {
            throw new PortalForbiddenException("Resolutions.NotResponsible");
        }

        if (await db.ResolutionAttachments.CountAsync(a => a.ProgressId == progressId, ct) >= MaxPerUpdate)
        {
            throw new PortalValidationException([new("File", "Upload.TooManyAttachments", MaxPerUpdate)]);
        }

        var bytes = await Uploads.ReadAsync(content, length, MaxBytes, "Upload.ScanTooLarge", 10, ct);
        var kind = FileSignatures.Detect(bytes);
        if (kind == FileKind.Unknown || (kind != FileKind.Pdf && Images.CheckAndThumbnail(bytes) is null))
        {
            throw new PortalValidationException([new("File", "Upload.ScanType")]);
        }

        var attachment = new ResolutionAttachment
        {
            StreetId = progress.StreetId,
            ResolutionId = progress.ResolutionId,
            ProgressId = progressId,
            FileName = Uploads.SafeName(fileName, "附件", kind),
            ContentType = FileSignatures.ContentType(kind),
            Content = bytes,
            UploadedAt = clock.GetUtcNow(),
        };
        db.ResolutionAttachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        return attachment.Id;
    }
}

/// <summary>An attachment, for whoever may read its resolution.</summary>
public sealed class GetResolutionAttachment(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<ResolutionAttachment> HandleAsync(Guid attachmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.ResolutionAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId, ct)
            ?? throw new PortalNotFoundException("Error.NotFound");
        await ResolutionQueries.ReadableAsync(db, scope, attachment.ResolutionId, ct);
        return attachment;
    }
}
