using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Activities;

public sealed record ActivityPhotoDto(Guid Id, string FileName, int Width, int Height);

public sealed record ActivityDto(
    Guid Id,
    Guid StreetId,
    Guid UnitId,
    string UnitName,
    Guid? CommitmentId,
    string? CommitmentLabel,
    string Title,
    ServiceCategory Category,
    DateOnly HeldOn,
    string Place,
    int Participants,
    int PartyMemberParticipants,
    decimal VolunteerHours,
    decimal Funds,
    int Beneficiaries,
    string Description,
    ActivityStatus Status,
    string? ReturnReason,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    DateTimeOffset? ReviewedAt,
    string? ReviewedBy,
    int PhotoCount,
    uint Version);

public sealed record ActivityDetail(ActivityDto Activity, IReadOnlyList<ActivityPhotoDto> Photos, bool CanEdit, bool CanReview);

public sealed record ActivityQuery
{
    public ActivityStatus? Status { get; init; }

    public Guid? UnitId { get; init; }

    public ServiceCategory? Category { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

/// <summary>A commitment an activity may be linked to: one of the unit's active agreements.</summary>
public sealed record CommitmentOption(Guid Id, string AgreementTitle, ServiceCategory Category, CommitmentMeasure Measure, decimal Target, string Description);

internal static class ActivityQueries
{
    public static IQueryable<ActivityDto> Project(IQueryable<CoBuildingActivity> activities, PortalDbContext db) => activities.Select(a => new ActivityDto(
        a.Id, a.StreetId, a.UnitId,
        db.MemberUnits.Where(u => u.Id == a.UnitId).Select(u => u.Name).First(),
        a.CommitmentId,
        db.Commitments.Where(c => c.Id == a.CommitmentId).Select(c => db.Agreements.Where(g => g.Id == c.AgreementId).Select(g => g.Title).First() + " · " + c.Description).FirstOrDefault(),
        a.Title, a.Category, a.HeldOn, a.Place, a.Participants, a.PartyMemberParticipants, a.VolunteerHours, a.Funds, a.Beneficiaries,
        a.Description, a.Status, a.ReturnReason, a.SubmittedAt, a.SubmittedBy, a.ReviewedAt, a.ReviewedBy,
        db.ActivityPhotos.Count(p => p.ActivityId == a.Id), a.Version));

    public static IQueryable<CoBuildingActivity> Filter(IQueryable<CoBuildingActivity> activities, ActivityQuery query)
    {
        if (query.Status is { } status)
        {
            activities = activities.Where(a => a.Status == status);
        }

        if (query.UnitId is { } unit)
        {
            activities = activities.Where(a => a.UnitId == unit);
        }

        if (query.Category is { } category)
        {
            activities = activities.Where(a => a.Category == category);
        }

        if (query.From is { } from)
        {
            activities = activities.Where(a => a.HeldOn >= from);
        }

        if (query.To is { } to)
        {
            activities = activities.Where(a => a.HeldOn <= to);
        }

        return activities;
    }
}

public sealed class GetActivities(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    /// <summary>The ledger (共建台账) of a street; a unit leader sees only their own unit's entries.</summary>
    public async Task<PagedResult<ActivityDto>> HandleAsync(Guid streetId, ActivityQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activities = await ScopedAsync(db, streetId, query, ct);
        var total = await activities.CountAsync(ct);
        var page = Paging.Clamp(query.Page, query.PageSize);
        var items = await ActivityQueries.Project(
            activities.OrderByDescending(a => a.HeldOn).ThenByDescending(a => a.SubmittedAt).Skip(page.Skip).Take(page.Take), db).ToListAsync(ct);
        return new PagedResult<ActivityDto>(items, total);
    }

    /// <summary>The whole filtered ledger, for the spreadsheet export.</summary>
    public async Task<List<ActivityDto>> AllAsync(Guid streetId, ActivityQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activities = await ScopedAsync(db, streetId, query, ct);
        return await ActivityQueries.Project(activities.OrderByDescending(a => a.HeldOn).ThenByDescending(a => a.SubmittedAt), db).ToListAsync(ct);
    }

    private async Task<IQueryable<CoBuildingActivity>> ScopedAsync(PortalDbContext db, Guid streetId, ActivityQuery query, CancellationToken ct)
    {
        await scope.EnsureCanReadStreetAsync(db, streetId, ct);
        var user = scope.User;
        var activities = db.Activities.AsNoTracking().Where(a => a.StreetId == streetId);
        if (user.IsUnitLeader)
        {
            activities = activities.Where(a => a.UnitId == user.UnitId);
        }

        return ActivityQueries.Filter(activities, query);
    }
}

/// <summary>A unit's latest activities, newest first.</summary>
public sealed class GetRecentUnitActivities(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<List<ActivityDto>> HandleAsync(Guid unitId, int count, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        return await ActivityQueries.Project(db.Activities.AsNoTracking().Where(a => a.UnitId == unitId)
            .OrderByDescending(a => a.HeldOn).ThenByDescending(a => a.SubmittedAt).Take(count), db).ToListAsync(ct);
    }
}

public sealed class GetActivity(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<ActivityDetail> HandleAsync(Guid activityId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streetId = await EnsureReadableAsync(db, scope, activityId, ct);
        var activity = await ActivityQueries.Project(db.Activities.AsNoTracking().Where(a => a.Id == activityId), db).SingleAsync(ct);
        var photos = await db.ActivityPhotos.AsNoTracking().Where(p => p.ActivityId == activityId).OrderBy(p => p.UploadedAt)
            .Select(p => new ActivityPhotoDto(p.Id, p.FileName, p.Width, p.Height)).ToListAsync(ct);
        var user = scope.User;
        var isStaff = user.MayManageStreet(streetId);
        var communityId = await db.MemberUnits.Where(u => u.Id == activity.UnitId).Select(u => u.CommunityId).FirstOrDefaultAsync(ct);
        var canEdit = user.MayActForUnit(streetId, communityId, activity.UnitId) && ActivityRules.UnitMayEdit(activity.Status);
        return new ActivityDetail(activity, photos, canEdit, isStaff && activity.Status == ActivityStatus.Submitted);
    }

    /// <summary>The activity's street if the caller may read it (its unit's leaders, or readers of the street); otherwise not found.</summary>
    internal static async Task<Guid> EnsureReadableAsync(PortalDbContext db, ScopeGuard scope, Guid activityId, CancellationToken ct)
    {
        var unitId = await db.Activities.Where(a => a.Id == activityId).Select(a => (Guid?)a.UnitId).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.ActivityNotFound");
        try
        {
            return await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        }
        catch (PortalNotFoundException)
        {
            throw new PortalNotFoundException("Error.ActivityNotFound");
        }
    }
}

/// <summary>
/// Commitments of the unit's active agreements: the only ones an activity may be linked to. Scope: whoever may read
/// the unit (<see cref="ScopeGuard.EnsureCanReadUnitAsync"/>).
/// </summary>
public sealed class GetCommitmentOptions(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<List<CommitmentOption>> HandleAsync(Guid unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        var today = calendar.Today;
        return await db.Commitments.AsNoTracking()
            .Join(db.Agreements.Where(a => a.UnitId == unitId && a.Status == AgreementStatus.Active && a.ValidTo >= today), c => c.AgreementId, a => a.Id,
                (c, a) => new { c, a })
            .OrderBy(x => x.a.Title).ThenBy(x => x.c.SortOrder)
            .Select(x => new CommitmentOption(x.c.Id, x.a.Title, x.c.Category, x.c.Measure, x.c.Target, x.c.Description))
            .ToListAsync(ct);
    }
}

/// <summary>Logs an activity for the unit (its leader, or whoever manages the unit): it starts as 已提交.</summary>
public sealed class LogActivity(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<Guid> HandleAsync(Guid unitId, ActivityInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streetId = await scope.EnsureCanActForUnitAsync(db, unitId, ct);
        await ActivityWrites.ValidateAsync(db, unitId, input, calendar.Today, ct);
        var user = scope.User;
        var activity = new CoBuildingActivity
        {
            StreetId = streetId,
            UnitId = unitId,
            Title = "",
            SubmittedAt = calendar.UtcNow,
            SubmittedBy = user.Email,
        };
        ActivityWrites.Apply(activity, input);
        db.Activities.Add(activity);
        await db.SaveChangesAsync(ct);
        return activity.Id;
    }
}

/// <summary>
/// Corrects a submitted or returned activity; a returned one goes back to the queue (resubmitted).
/// <see cref="ActivityInput.Version"/>, when given, is the version read (409 when the activity changed since).
/// </summary>
public sealed class UpdateActivity(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid activityId, ActivityInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await GetActivity.EnsureReadableAsync(db, scope, activityId, ct);
        var activity = await db.Activities.SingleAsync(a => a.Id == activityId, ct);
        await scope.EnsureCanActForUnitAsync(db, activity.UnitId, ct);
        if (!ActivityRules.UnitMayEdit(activity.Status))
        {
            throw new PortalConflictException("Activity.VerifiedIsReadOnly");
        }

        await ActivityWrites.ValidateAsync(db, activity.UnitId, input, calendar.Today, ct, activity.CommitmentId);
        ActivityWrites.Apply(activity, input);
        if (activity.Status == ActivityStatus.Returned)
        {
            activity.Status = ActivityStatus.Submitted;
            activity.SubmittedAt = calendar.UtcNow;
            activity.SubmittedBy = scope.User.Email;
        }

        await db.SaveWithVersionAsync(activity, input.Version ?? activity.Version, ct);
    }
}

/// <summary>What logging and correcting an activity share: the checks that need the database, and copying the input.</summary>
internal static class ActivityWrites
{
    public static async Task ValidateAsync(PortalDbContext db, Guid unitId, ActivityInput input, DateOnly today, CancellationToken ct, Guid? currentCommitment = null)
    {
        var failures = ActivityRules.Validate(input, today).ToList();
        if (input.CommitmentId is { } commitmentId && commitmentId != currentCommitment)
        {
            var ok = await db.Commitments.AnyAsync(c => c.Id == commitmentId
                && db.Agreements.Any(a => a.Id == c.AgreementId && a.UnitId == unitId && a.Status == AgreementStatus.Active && a.ValidTo >= today), ct);
            if (!ok)
            {
                failures.Add(new(nameof(input.CommitmentId), "Validation.CommitmentNotOfUnit"));
            }
        }

        PortalValidationException.ThrowIfAny(failures);
    }

    public static void Apply(CoBuildingActivity activity, ActivityInput input)
    {
        activity.Title = input.Title.Trim();
        activity.Category = input.Category;
        activity.HeldOn = input.HeldOn;
        activity.Place = input.Place?.Trim() ?? "";
        activity.Participants = input.Participants;
        activity.PartyMemberParticipants = input.PartyMemberParticipants;
        activity.VolunteerHours = input.VolunteerHours;
        activity.Funds = input.Funds;
        activity.Beneficiaries = input.Beneficiaries;
        activity.Description = input.Description?.Trim() ?? "";
        activity.CommitmentId = input.CommitmentId;
    }
}

/// <summary>核实 by the street's staff: the activity now counts.</summary>
public sealed class VerifyActivity(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public Task HandleAsync(Guid activityId, CancellationToken ct = default) => ActivityReview.ReviewAsync(dbFactory, scope, calendar, activityId, activity =>
    {
        PortalValidationException.ThrowIfAny(ActivityRules.CanVerify(activity.Status));
        activity.Status = ActivityStatus.Verified;
        activity.ReturnReason = null;
    }, ct);
}

/// <summary>Why staff return an activity.</summary>
public sealed record ReturnActivityInput(string? Reason);

/// <summary>退回 by the street's staff with a reason: the unit can correct and resubmit it.</summary>
public sealed class ReturnActivity(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public Task HandleAsync(Guid activityId, ReturnActivityInput input, CancellationToken ct = default) => ActivityReview.ReviewAsync(dbFactory, scope, calendar, activityId, activity =>
    {
        PortalValidationException.ThrowIfAny(ActivityRules.CanReturn(activity.Status, input.Reason));
        activity.Status = ActivityStatus.Returned;
        activity.ReturnReason = input.Reason!.Trim();
    }, ct);
}

internal static class ActivityReview
{
    /// <summary>A review by the street's staff of a submitted activity (409 for one already reviewed).</summary>
    public static async Task ReviewAsync(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar,
        Guid activityId, Action<CoBuildingActivity> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streetId = await GetActivity.EnsureReadableAsync(db, scope, activityId, ct);
        await scope.EnsureCanManageStreetAsync(db, streetId, ct);
        var activity = await db.Activities.SingleAsync(a => a.Id == activityId, ct);
        if (activity.Status != ActivityStatus.Submitted)
        {
            throw new PortalConflictException("Activity.OnlySubmittedReviewed", "ActivityStatus." + activity.Status);
        }

        change(activity);
        activity.ReviewedAt = calendar.UtcNow;
        activity.ReviewedBy = scope.User.Email;
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Adds a photo (JPEG or PNG by content, 5 MB at most, 9 per activity) with its thumbnail.</summary>
public sealed class AddActivityPhoto(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task<Guid> HandleAsync(Guid activityId, string? fileName, Stream content, long length, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await GetActivity.EnsureReadableAsync(db, scope, activityId, ct);
        var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Id == activityId, ct);
        await scope.EnsureCanActForUnitAsync(db, activity.UnitId, ct);
        if (!ActivityRules.UnitMayEdit(activity.Status))
        {
            throw new PortalConflictException("Activity.VerifiedIsReadOnly");
        }

        if (await db.ActivityPhotos.CountAsync(p => p.ActivityId == activityId, ct) >= ActivityRules.MaxPhotos)
        {
            throw new PortalValidationException([new("File", "Upload.TooManyPhotos", ActivityRules.MaxPhotos)]);
        }

        var (bytes, kind, image) = await Uploads.ReadPhotoAsync(content, length, ActivityRules.MaxPhotoBytes, ct);
        var photo = new ActivityPhoto
        {
            ActivityId = activityId,
            StreetId = activity.StreetId,
            FileName = Uploads.SafeName(fileName, activity.Title, kind),
            ContentType = FileSignatures.ContentType(kind),
            Width = image.Width,
            Height = image.Height,
            Content = bytes,
            Thumbnail = image.Thumbnail,
            UploadedAt = clock.GetUtcNow(),
        };
        db.ActivityPhotos.Add(photo);
        await db.SaveChangesAsync(ct);
        return photo.Id;
    }
}

/// <summary>Removes a photo while the activity may still be corrected.</summary>
public sealed class RemoveActivityPhoto(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task HandleAsync(Guid photoId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activityId = await db.ActivityPhotos.Where(p => p.Id == photoId).Select(p => (Guid?)p.ActivityId).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.PhotoNotFound");
        await GetActivity.EnsureReadableAsync(db, scope, activityId, ct);
        var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Id == activityId, ct);
        await scope.EnsureCanActForUnitAsync(db, activity.UnitId, ct);
        if (!ActivityRules.UnitMayEdit(activity.Status))
        {
            throw new PortalConflictException("Activity.VerifiedIsReadOnly");
        }

        await db.ActivityPhotos.Where(p => p.Id == photoId).ExecuteDeleteAsync(ct);
    }
}

/// <summary>The photo or its thumbnail, only for people who may see the activity.</summary>
public sealed class GetActivityPhoto(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<(byte[] Content, string ContentType, string FileName)> HandleAsync(Guid photoId, bool thumbnail, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activityId = await db.ActivityPhotos.Where(p => p.Id == photoId).Select(p => (Guid?)p.ActivityId).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.PhotoNotFound");
        try
        {
            await GetActivity.EnsureReadableAsync(db, scope, activityId, ct);
        }
        catch (PortalNotFoundException)
        {
            throw new PortalNotFoundException("Error.PhotoNotFound");
        }

        return thumbnail
            ? await db.ActivityPhotos.Where(p => p.Id == photoId).Select(p => new ValueTuple<byte[], string, string>(p.Thumbnail, "image/jpeg", p.FileName)).SingleAsync(ct)
            : await db.ActivityPhotos.Where(p => p.Id == photoId).Select(p => new ValueTuple<byte[], string, string>(p.Content, p.ContentType, p.FileName)).SingleAsync(ct);
    }
}
