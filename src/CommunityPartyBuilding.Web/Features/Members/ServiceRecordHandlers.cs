using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Projects;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>A service record as its member and the community's staff read it (the member's name whole only for rule 10's readers).</summary>
public sealed record ServiceRecordDto(
    Guid Id,
    Guid StreetId,
    Guid CommunityId,
    Guid RegistrationId,
    string Member,
    Guid? PostId,
    Guid? NeedId,
    Guid? ProjectId,
    string Subject,
    DateOnly Date,
    TimeOnly Start,
    TimeOnly End,
    decimal Hours,
    string Note,
    CheckInWay CheckIn,
    ServiceRecordStatus Status,
    string? ReturnReason,
    Guid? PhotoId,
    DateTimeOffset SubmittedAt,
    uint Version);

/// <summary>The member's own records with the confirmed hours of the year.</summary>
public sealed record MyServiceRecords(IReadOnlyList<ServiceRecordDto> Records, decimal ConfirmedHoursThisYear, decimal SubmittedHours);

/// <summary>Something a member may log service for: a post they hold or held, a need they claimed, a project of their community.</summary>
public sealed record ServiceSubject(string Kind, Guid Id, string Title);

/// <summary>Staff enter a record for a member of their community: the member, then the record's fields.</summary>
public sealed record StaffServiceRecordInput
{
    public Guid? RegistrationId { get; init; }

    public Guid? PostId { get; init; }

    public Guid? NeedId { get; init; }

    public Guid? ProjectId { get; init; }

    public DateOnly? Date { get; init; }

    public TimeOnly? Start { get; init; }

    public TimeOnly? End { get; init; }

    public string? Note { get; init; }

    public ServiceRecordInput Record => new() { PostId = PostId, NeedId = NeedId, ProjectId = ProjectId, Date = Date, Start = Start, End = End, Note = Note };
}

/// <summary>Filters of a community's records (the confirmation queue: <see cref="ServiceRecordStatus.Submitted"/>).</summary>
public sealed record ServiceRecordQuery
{
    public ServiceRecordStatus? Status { get; init; }

    public Guid? RegistrationId { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

/// <summary>Who reads and reviews records: the member their own; the staff of the record's community and its street's staff all of them.</summary>
internal static class ServiceRecordAccess
{
    /// <summary>The record for reading: 404 for anyone but its member and those who manage its community (administrators read too).</summary>
    public static async Task<ServiceRecord> LoadReadableAsync(ScopeGuard scope, PortalDbContext db, Guid recordId, CancellationToken ct)
    {
        var record = await db.ServiceRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == recordId, ct) ?? throw new PortalNotFoundException("ServiceRecord.NotFound");
        var user = scope.User;
        var readable = user.IsPartyMember
            ? user.MemberRegistrationId == record.RegistrationId
            : user.IsAdministrator || user.MayManageCommunity(record.StreetId, record.CommunityId);
        return readable ? record : throw new PortalNotFoundException("ServiceRecord.NotFound");
    }

    /// <summary>The tracked record for a review: 404 unless its street is readable, 403 unless the user manages its community.</summary>
    public static async Task<ServiceRecord> LoadForReviewAsync(ScopeGuard scope, PortalDbContext db, Guid recordId, CancellationToken ct)
    {
        var record = await db.ServiceRecords.SingleOrDefaultAsync(r => r.Id == recordId, ct) ?? throw new PortalNotFoundException("ServiceRecord.NotFound");
        var user = scope.User;
        if (user.MayManageCommunity(record.StreetId, record.CommunityId))
        {
            return record;
        }

        var visible = !user.IsPartyMember && await scope.VisibleStreets(db).AnyAsync(s => s.Id == record.StreetId, ct);
        throw visible || user.MemberRegistrationId == record.RegistrationId ? new PortalForbiddenException("Error.ReadOnly") : new PortalNotFoundException("ServiceRecord.NotFound");
    }

    public static async Task<List<ServiceRecordDto>> ProjectAsync(PortalDbContext db, PortalUser user, IQueryable<ServiceRecord> records, CancellationToken ct)
    {
        var rows = await records.Select(r => new
        {
            Record = r,
            Registration = db.MemberRegistrations.First(m => m.Id == r.RegistrationId),
            Subject = r.PostId != null ? db.Posts.Where(p => p.Id == r.PostId).Select(p => p.Title).FirstOrDefault()
                : r.NeedId != null ? db.Needs.Where(n => n.Id == r.NeedId).Select(n => n.Title).FirstOrDefault()
                : db.Projects.Where(p => p.Id == r.ProjectId).Select(p => p.Title).FirstOrDefault(),
            PhotoId = db.ServiceRecordPhotos.Where(p => p.ServiceRecordId == r.Id).OrderBy(p => p.UploadedAt).Select(p => (Guid?)p.Id).FirstOrDefault(),
        }).ToListAsync(ct);
        return rows.Select(x => new ServiceRecordDto(
            x.Record.Id, x.Record.StreetId, x.Record.CommunityId, x.Record.RegistrationId,
            user.MaySeePersonalData(x.Registration) ? x.Registration.Name : PersonalDataMask.Name(x.Registration.Name),
            x.Record.PostId, x.Record.NeedId, x.Record.ProjectId, x.Subject ?? "",
            x.Record.Date, x.Record.Start, x.Record.End, x.Record.Hours, x.Record.Note, x.Record.CheckIn, x.Record.Status, x.Record.ReturnReason,
            x.PhotoId, x.Record.SubmittedAt, x.Record.Version)).ToList();
    }
}

/// <summary>
/// Logging a record (the member, or staff for the member): rule 8 and the subject's reach checked; the day's other live
/// records are read under a lock of the member's registration row, so two records sent at once cannot overlap nor
/// together pass 12 hours.
/// </summary>
internal static class ServiceRecordWrites
{
    public static async Task<Guid> SaveAsync(PortalDbContext db, MemberRegistration member, ServiceRecordInput input, CheckInWay way, string by,
        BusinessCalendar calendar, CancellationToken ct)
    {
        var today = calendar.Today;
        PortalValidationException.ThrowIfAny(MemberRules.Validate(input, today));
        var failures = new List<ValidationFailure>();
        if (input.PostId is { } postId)
        {
            var post = await db.Posts.AsNoTracking().Where(p => p.Id == postId && p.StreetId == member.StreetId && p.CommunityId == member.CommunityId
                && db.PostClaims.Any(c => c.PostId == p.Id && c.RegistrationId == member.Id)).Select(p => new { p.Withdrawn }).FirstOrDefaultAsync(ct);
            if (post is null)
            {
                failures.Add(new(nameof(input.PostId), "ServiceRecord.PostNotHeld"));
            }
            else if (post.Withdrawn)
            {
                failures.Add(new(nameof(input.PostId), "Post.Withdrawn"));
            }
        }
        else if (input.NeedId is { } needId)
        {
            if (!await db.Needs.AnyAsync(n => n.Id == needId && n.ClaimerMemberId == member.Id, ct))
            {
                failures.Add(new(nameof(input.NeedId), "ServiceRecord.NeedNotClaimed"));
            }
        }
        else if (input.ProjectId is { } projectId
                 && !await db.Projects.AnyAsync(p => p.Id == projectId && p.StreetId == member.StreetId && p.CommunityId == member.CommunityId, ct))
        {
            failures.Add(new(nameof(input.ProjectId), "ServiceRecord.ProjectNotOfCommunity"));
        }

        PortalValidationException.ThrowIfAny(failures);
        if (input.CheckInCode is { Length: > 0 } text)
        {
            var normalised = MemberRules.NormaliseCheckInCode(text);
            var code = normalised is null ? null : await db.CheckInCodes.AsNoTracking().SingleOrDefaultAsync(c => c.Code == normalised, ct);
            if (code is null || input.NeedId is not null || code.PostId != input.PostId || code.ProjectId != input.ProjectId)
            {
                throw new PortalValidationException([new(nameof(input.CheckInCode), "CheckIn.OtherSubject")]);
            }

            if (input.Date != today)
            {
                throw new PortalValidationException([new(nameof(input.Date), "CheckIn.NotToday")]);
            }

            if (!MemberRules.CodeValidOn(code, today))
            {
                throw new PortalValidationException([new(nameof(input.CheckInCode), "CheckIn.Expired")]);
            }

            way = CheckInWay.QrCode;
        }

        var record = new ServiceRecord
        {
            StreetId = member.StreetId,
            CommunityId = member.CommunityId,
            RegistrationId = member.Id,
            PostId = input.PostId,
            NeedId = input.NeedId,
            ProjectId = input.ProjectId,
            Date = input.Date!.Value,
            Start = input.Start!.Value,
            End = input.End!.Value,
            Hours = MemberRules.Hours(input.Start.Value, input.End.Value),
            Note = input.Note?.Trim() ?? "",
            CheckIn = way,
            SubmittedAt = calendar.UtcNow,
            SubmittedBy = by,
        };
        await db.InTransactionAsync(async () =>
        {
            // One member's records are written one at a time: the registration row is the lock.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"MemberRegistrations\" WHERE \"Id\" = {member.Id} FOR UPDATE", ct);
            var sameDay = await db.ServiceRecords.Where(r => r.RegistrationId == member.Id && r.Date == record.Date && r.Status != ServiceRecordStatus.Returned)
                .Select(r => new { r.Start, r.End, r.Hours }).ToListAsync(ct);
            if (MemberRules.CheckDay(record.Start, record.End, sameDay.Select(r => (r.Start, r.End, r.Hours))) is { } refusal)
            {
                throw new PortalValidationException([new(nameof(input.Start), refusal)]);
            }

            db.ServiceRecords.Add(record);
            await db.SaveChangesAsync(ct);
        }, ct);
        return record.Id;
    }
}

/// <summary>GET /me/service-records: the member's own records, newest first, with the year's confirmed hours.</summary>
public sealed class GetMyServiceRecords(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<MyServiceRecords> HandleAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await scope.CurrentMemberAsync(db, ct);
        var mine = db.ServiceRecords.AsNoTracking().Where(r => r.RegistrationId == member.Id);
        var yearStart = new DateOnly(calendar.Today.Year, 1, 1);
        var confirmed = await mine.Where(r => r.Status == ServiceRecordStatus.Confirmed && r.Date >= yearStart).SumAsync(r => r.Hours, ct);
        var submitted = await mine.Where(r => r.Status == ServiceRecordStatus.Submitted).SumAsync(r => r.Hours, ct);
        var records = await ServiceRecordAccess.ProjectAsync(db, scope.User, mine.OrderByDescending(r => r.Date).ThenByDescending(r => r.Start).Take(200), ct);
        return new MyServiceRecords(records, confirmed, submitted);
    }
}

/// <summary>What the member may log service for (the form's choices).</summary>
public sealed class GetMyServiceSubjects(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<IReadOnlyList<ServiceSubject>> HandleAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await scope.CurrentMemberAsync(db, ct);
        var posts = await db.Posts.AsNoTracking()
            .Where(p => !p.Withdrawn && p.CommunityId == member.CommunityId && db.PostClaims.Any(c => c.PostId == p.Id && c.RegistrationId == member.Id))
            .OrderBy(p => p.Title).Select(p => new ServiceSubject("post", p.Id, p.Title)).ToListAsync(ct);
        var needs = await db.Needs.AsNoTracking().Where(n => n.ClaimerMemberId == member.Id)
            .OrderByDescending(n => n.ClaimedAt).Select(n => new ServiceSubject("need", n.Id, n.Title)).Take(50).ToListAsync(ct);
        var projects = await db.Projects.AsNoTracking().Where(p => p.CommunityId == member.CommunityId && p.StreetId == member.StreetId && p.Status != ProjectStatus.Accepted)
            .OrderByDescending(p => p.PlannedStart).Select(p => new ServiceSubject("project", p.Id, p.Title)).Take(50).ToListAsync(ct);
        return [.. posts, .. needs, .. projects];
    }
}

/// <summary>POST /me/service-records: the member logs service (with the poster's code when scanned on site, on the day).</summary>
public sealed class LogServiceRecord(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<Guid> HandleAsync(ServiceRecordInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await scope.ActiveMemberAsync(db, ct);
        return await ServiceRecordWrites.SaveAsync(db, member, input, CheckInWay.None, scope.User.Email, calendar, ct);
    }
}

/// <summary>Staff enter a record for a registered member of the community they manage (检入方式: 社区代录).</summary>
public sealed class EnterServiceRecord(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<Guid> HandleAsync(Guid communityId, StaffServiceRecordInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await PostAccess.CommunityAsync(scope, db, communityId, ct);
        if (access is not { } a || !(a.Manage || a.StreetVisible))
        {
            throw new PortalNotFoundException("Error.CommunityNotFound");
        }

        if (!scope.User.MayManageCommunity(a.StreetId, communityId))
        {
            throw new PortalForbiddenException("Error.ReadOnly");
        }

        var member = await db.MemberRegistrations.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == input.RegistrationId && r.CommunityId == communityId && r.Status == RegistrationStatus.Registered, ct)
            ?? throw new PortalValidationException([new(nameof(input.RegistrationId), "ServiceRecord.MemberNotOfCommunity")]);
        return await ServiceRecordWrites.SaveAsync(db, member, input.Record, CheckInWay.Staff, scope.User.Email, calendar, ct);
    }
}

/// <summary>GET /service-records/{id}: its member, or the staff who manage its community (another member: 404).</summary>
public sealed class GetServiceRecord(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<ServiceRecordDto> HandleAsync(Guid recordId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ServiceRecordAccess.LoadReadableAsync(scope, db, recordId, ct);
        return (await ServiceRecordAccess.ProjectAsync(db, scope.User, db.ServiceRecords.AsNoTracking().Where(r => r.Id == recordId), ct)).Single();
    }
}

/// <summary>GET /communities/{id}/service-records: the community's staff and its street's staff; the queue is status=submitted.</summary>
public sealed class GetCommunityServiceRecords(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<PagedResult<ServiceRecordDto>> HandleAsync(Guid communityId, ServiceRecordQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await PostAccess.CommunityAsync(scope, db, communityId, ct);
        if (access is not { Manage: true })
        {
            throw new PortalNotFoundException("Error.CommunityNotFound");
        }

        var records = db.ServiceRecords.AsNoTracking().Where(r => r.CommunityId == communityId);
        if (query.Status is { } status)
        {
            records = records.Where(r => r.Status == status);
        }

        if (query.RegistrationId is { } registration)
        {
            records = records.Where(r => r.RegistrationId == registration);
        }

        var window = Paging.Clamp(query.Page, query.PageSize);
        var total = await records.CountAsync(ct);
        var ordered = query.Status == ServiceRecordStatus.Submitted
            ? records.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id)
            : records.OrderByDescending(r => r.Date).ThenByDescending(r => r.Start).ThenBy(r => r.Id);
        return new PagedResult<ServiceRecordDto>(await ServiceRecordAccess.ProjectAsync(db, scope.User, ordered.Skip(window.Skip).Take(window.Take), ct), total);
    }
}

/// <summary>Review input: a reason to return; the version read (409 when the record changed since).</summary>
public sealed record ServiceRecordReviewInput(string? Reason = null, uint? Version = null);

/// <summary>确认 or 退回 a submitted record by the staff of its community (or its street); a record reviewed meanwhile → 409.</summary>
public sealed class ReviewServiceRecord(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task ConfirmAsync(Guid recordId, ServiceRecordReviewInput? input, CancellationToken ct = default) =>
        await ReviewAsync(recordId, input?.Version, r =>
        {
            r.Status = ServiceRecordStatus.Confirmed;
            r.ReturnReason = null;
        }, ct);

    public async Task ReturnAsync(Guid recordId, ServiceRecordReviewInput input, CancellationToken ct = default) =>
        await ReviewAsync(recordId, input.Version, r =>
        {
            // Checked once the caller is known to manage the record: others learn nothing from the reason's check.
            var failures = new List<ValidationFailure>();
            Units.UnitRules.Text(failures, input.Reason, nameof(input.Reason), "Field.ServiceRecord.ReturnReason", MemberRules.ReasonMaxLength, required: true);
            PortalValidationException.ThrowIfAny(failures);
            r.Status = ServiceRecordStatus.Returned;
            r.ReturnReason = input.Reason!.Trim();
        }, ct);

    private async Task ReviewAsync(Guid recordId, uint? version, Action<ServiceRecord> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await ServiceRecordAccess.LoadForReviewAsync(scope, db, recordId, ct);
        if (!MemberRules.MayReview(record.Status))
        {
            throw new PortalConflictException("ServiceRecord.AlreadyReviewed", "ServiceRecordStatus." + record.Status);
        }

        change(record);
        record.ReviewedAt = calendar.UtcNow;
        record.ReviewedBy = scope.User.Email;
        await db.SaveWithVersionAsync(record, version ?? record.Version, ct);
    }
}

/// <summary>One photo per record: its member while it awaits confirmation (or was returned), or the staff who manage it.</summary>
public sealed class AddServiceRecordPhoto(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public const int MaxPhotos = 1;

    public async Task<Guid> HandleAsync(Guid recordId, string? fileName, Stream content, long length, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = scope.User;
        var record = user.IsPartyMember && user.MemberRegistrationId is { } own
            ? await db.ServiceRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == recordId && r.RegistrationId == own, ct) ?? throw new PortalNotFoundException("ServiceRecord.NotFound")
            : await ServiceRecordAccess.LoadForReviewAsync(scope, db, recordId, ct);
        if (record.Status == ServiceRecordStatus.Confirmed)
        {
            throw new PortalConflictException("ServiceRecord.ConfirmedIsReadOnly");
        }

        if (await db.ServiceRecordPhotos.CountAsync(p => p.ServiceRecordId == recordId, ct) >= MaxPhotos)
        {
            throw new PortalValidationException([new("File", "Upload.TooManyPhotos", MaxPhotos)]);
        }

        var (bytes, kind, image) = await Uploads.ReadPhotoAsync(content, length, NeedRules.MaxPhotoBytes, ct);
        var photo = new ServiceRecordPhoto
        {
            ServiceRecordId = recordId,
            StreetId = record.StreetId,
            FileName = Uploads.SafeName(fileName, "服务照片", kind),
            ContentType = FileSignatures.ContentType(kind),
            Width = image.Width,
            Height = image.Height,
            Content = bytes,
            Thumbnail = image.Thumbnail,
            UploadedAt = clock.GetUtcNow(),
        };
        db.ServiceRecordPhotos.Add(photo);
        await db.SaveChangesAsync(ct);
        return photo.Id;
    }
}

public sealed class GetServiceRecordPhoto(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<(byte[] Content, string ContentType, string FileName)> HandleAsync(Guid photoId, bool thumbnail, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recordId = await db.ServiceRecordPhotos.Where(p => p.Id == photoId).Select(p => (Guid?)p.ServiceRecordId).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.PhotoNotFound");
        try
        {
            await ServiceRecordAccess.LoadReadableAsync(scope, db, recordId, ct);
        }
        catch (PortalNotFoundException)
        {
            throw new PortalNotFoundException("Error.PhotoNotFound");
        }

        return thumbnail
            ? await db.ServiceRecordPhotos.Where(p => p.Id == photoId).Select(p => new ValueTuple<byte[], string, string>(p.Thumbnail, "image/jpeg", p.FileName)).SingleAsync(ct)
            : await db.ServiceRecordPhotos.Where(p => p.Id == photoId).Select(p => new ValueTuple<byte[], string, string>(p.Content, p.ContentType, p.FileName)).SingleAsync(ct);
    }
}
