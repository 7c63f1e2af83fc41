using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Agreements;

public sealed record CommitmentDto(
    Guid Id,
    ServiceCategory Category,
    ContributionType ContributionType,
    string Description,
    CommitmentMeasure Measure,
    decimal Target,
    decimal Achieved,
    decimal Fulfilment);

public sealed record AgreementDto(
    Guid Id,
    Guid StreetId,
    Guid UnitId,
    string UnitName,
    Guid? CommunityId,
    string? CommunityName,
    string Title,
    DateOnly? SignedOn,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    AgreementStatus Status,
    DateOnly? TerminatedOn,
    string? TerminationReason,
    bool EndsSoon,
    bool HasScan,
    IReadOnlyList<CommitmentDto> Commitments,
    decimal? MeanFulfilment,
    uint Version,
    bool CanEdit);

public sealed record AgreementQuery
{
    public Guid? UnitId { get; init; }

    public AgreementStatus? Status { get; init; }

    public bool EndingSoon { get; init; }

    public string? Search { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

public sealed record FulfilmentRow(Guid CommitmentId, CommitmentMeasure Measure, decimal Target, decimal Achieved, decimal Fulfilment);

/// <summary>Rule 3 computed in SQL: verified activities summed per commitment (one GROUP BY), the ratio in memory.</summary>
internal static class FulfilmentQuery
{
    /// <param name="heldOnOrBefore">Count only activities held up to this date (an annual assessment stops at its year's end).</param>
    public static async Task<Dictionary<Guid, decimal>> AchievedAsync(PortalDbContext db, IReadOnlyCollection<(Guid Id, CommitmentMeasure Measure)> commitments, CancellationToken ct,
        DateOnly? heldOnOrBefore = null)
    {
        var ids = commitments.Select(c => c.Id).ToList();
        var until = heldOnOrBefore ?? DateOnly.MaxValue;
        var sums = await db.Activities.AsNoTracking()
            .Where(a => a.CommitmentId != null && ids.Contains(a.CommitmentId.Value) && a.Status == ActivityStatus.Verified && a.HeldOn <= until)
            .GroupBy(a => a.CommitmentId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count(), Hours = g.Sum(a => a.VolunteerHours), Funds = g.Sum(a => a.Funds), Beneficiaries = g.Sum(a => a.Beneficiaries) })
            .ToDictionaryAsync(g => g.Id, ct);
        return commitments.ToDictionary(c => c.Id, c => sums.TryGetValue(c.Id, out var s)
            ? c.Measure switch
            {
                CommitmentMeasure.Activities => s.Count,
                CommitmentMeasure.VolunteerHours => s.Hours,
                CommitmentMeasure.Funds => s.Funds,
                _ => s.Beneficiaries,
            }
            : 0m);
    }
}

public sealed class GetAgreements(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<PagedResult<AgreementDto>> HandleAsync(Guid streetId, AgreementQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadStreetAsync(db, streetId, ct);
        var today = calendar.Today;
        var soon = today.AddDays(AgreementRules.EndingSoonDays);
        var user = scope.User;
        var agreements = db.Agreements.AsNoTracking().Where(a => a.StreetId == streetId);
        if (user.IsUnitLeader)
        {
            agreements = agreements.Where(a => a.UnitId == user.UnitId);
        }

        if (query.UnitId is { } unitId)
        {
            agreements = agreements.Where(a => a.UnitId == unitId);
        }

        agreements = query.Status switch
        {
            AgreementStatus.Active => agreements.Where(a => a.Status == AgreementStatus.Active && a.ValidTo >= today),
            AgreementStatus.Expired => agreements.Where(a => a.Status == AgreementStatus.Expired || (a.Status == AgreementStatus.Active && a.ValidTo < today)),
            { } s => agreements.Where(a => a.Status == s),
            null => agreements,
        };
        if (query.EndingSoon)
        {
            agreements = agreements.Where(a => a.Status == AgreementStatus.Active && a.ValidTo >= today && a.ValidTo <= soon);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var like = LikePattern.Contains(query.Search);
            agreements = agreements.Where(a => EF.Functions.ILike(a.Title, like, LikePattern.EscapeCharacter) || db.MemberUnits.Any(u => u.Id == a.UnitId && EF.Functions.ILike(u.Name, like, LikePattern.EscapeCharacter)));
        }

        var total = await agreements.CountAsync(ct);
        var page = Paging.Clamp(query.Page, query.PageSize);
        var ids = await agreements.OrderBy(a => a.Status == AgreementStatus.Draft ? 1 : a.Status == AgreementStatus.Active ? 0 : 2)
            .ThenBy(a => a.ValidTo).Skip(page.Skip).Take(page.Take).Select(a => a.Id).ToListAsync(ct);
        var items = await AgreementLoader.LoadAsync(db, ids, user, today, ct);
        return new PagedResult<AgreementDto>(ids.Select(id => items[id]).ToList(), total);
    }
}

internal static class AgreementLoader
{
    public static async Task<Dictionary<Guid, AgreementDto>> LoadAsync(PortalDbContext db, List<Guid> ids, PortalUser user, DateOnly today, CancellationToken ct)
    {
        var rows = await db.Agreements.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                Agreement = a,
                UnitName = db.MemberUnits.Where(u => u.Id == a.UnitId).Select(u => u.Name).First(),
                CommunityName = db.Communities.Where(c => c.Id == a.CommunityId).Select(c => c.Name).FirstOrDefault(),
                HasScan = db.AgreementScans.Any(s => s.AgreementId == a.Id),
                Commitments = a.Commitments.OrderBy(c => c.SortOrder).ToList(),
            })
            .ToListAsync(ct);
        var achieved = await FulfilmentQuery.AchievedAsync(db, rows.SelectMany(r => r.Commitments).Select(c => (c.Id, c.Measure)).ToList(), ct);
        return rows.ToDictionary(r => r.Agreement.Id, r =>
        {
            var a = r.Agreement;
            var status = AgreementRules.Effective(a.Status, a.ValidTo, today);
            var commitments = r.Commitments.Select(c => new CommitmentDto(c.Id, c.Category, c.ContributionType, c.Description, c.Measure, c.Target,
                achieved[c.Id], Fulfilment.Ratio(achieved[c.Id], c.Target))).ToList();
            var canEdit = user.MayManageStreet(a.StreetId) && status is AgreementStatus.Draft or AgreementStatus.Active;
            return new AgreementDto(a.Id, a.StreetId, a.UnitId, r.UnitName, a.CommunityId, r.CommunityName, a.Title, a.SignedOn, a.ValidFrom, a.ValidTo,
                status, a.TerminatedOn, a.TerminationReason, AgreementRules.EndsSoon(status, a.ValidTo, today), r.HasScan, commitments,
                commitments.Count == 0 ? null : Math.Round(commitments.Average(c => c.Fulfilment), 4), a.Version, canEdit);
        });
    }
}

public sealed class GetAgreement(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<AgreementDto> HandleAsync(Guid agreementId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitId = await db.Agreements.Where(a => a.Id == agreementId).Select(a => (Guid?)a.UnitId).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.AgreementNotFound");
        try
        {
            await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        }
        catch (PortalNotFoundException)
        {
            throw new PortalNotFoundException("Error.AgreementNotFound");
        }

        return (await AgreementLoader.LoadAsync(db, [agreementId], scope.User, calendar.Today, ct))[agreementId];
    }

    /// <summary>Rule 3 for each commitment of the agreement.</summary>
    public async Task<List<FulfilmentRow>> FulfilmentAsync(Guid agreementId, CancellationToken ct = default) =>
        (await HandleAsync(agreementId, ct)).Commitments.Select(c => new FulfilmentRow(c.Id, c.Measure, c.Target, c.Achieved, c.Fulfilment)).ToList();

    /// <summary>The unit's agreements (its page and the unit leader's home).</summary>
    public async Task<List<AgreementDto>> ForUnitAsync(Guid unitId, bool activeOnly, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        var today = calendar.Today;
        var ids = await db.Agreements.AsNoTracking()
            .Where(a => a.UnitId == unitId && (!activeOnly || (a.Status == AgreementStatus.Active && a.ValidTo >= today)))
            .OrderByDescending(a => a.ValidTo).Select(a => a.Id).ToListAsync(ct);
        var items = await AgreementLoader.LoadAsync(db, ids, scope.User, today, ct);
        return ids.Select(id => items[id]).ToList();
    }
}

public sealed class SaveAgreement(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    /// <summary>
    /// Creates a draft (id null) or edits one. A draft's commitments are replaced as given; an active agreement's
    /// commitments may be edited and added to, but one that activities already count towards cannot be removed.
    /// </summary>
    public async Task<Guid> HandleAsync(Guid streetId, Guid? agreementId, AgreementInput input, uint? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        CoBuildingAgreement? agreement = null;
        if (agreementId is { } id)
        {
            agreement = await db.Agreements.Include(a => a.Commitments).FirstOrDefaultAsync(a => a.Id == id, ct)
                ?? throw new PortalNotFoundException("Error.AgreementNotFound");
            streetId = agreement.StreetId;
        }

        await scope.EnsureCanManageStreetAsync(db, streetId, ct);
        var today = calendar.Today;
        var failures = AgreementRules.Validate(input, today).ToList();
        if (input.UnitId != Guid.Empty && !await db.MemberUnits.AnyAsync(u => u.Id == input.UnitId && u.StreetId == streetId && (u.Status == UnitStatus.Active || (agreement != null && agreement.UnitId == u.Id)), ct))
        {
            failures.Add(new(nameof(input.UnitId), "Validation.UnitNotInStreet"));
        }

        if (input.CommunityId is { } communityId && !await db.Communities.AnyAsync(c => c.Id == communityId && c.StreetId == streetId, ct))
        {
            failures.Add(new(nameof(input.CommunityId), "Validation.CommunityNotInStreet"));
        }

        if (agreement is not null)
        {
            var status = AgreementRules.Effective(agreement.Status, agreement.ValidTo, today);
            if (status is AgreementStatus.Expired or AgreementStatus.Terminated)
            {
                throw new PortalConflictException("Agreement.ClosedIsReadOnly", "AgreementStatus." + status);
            }

            if (agreement.Status == AgreementStatus.Active && agreement.UnitId != input.UnitId)
            {
                failures.Add(new(nameof(input.UnitId), "Agreement.ActiveUnitFixed"));
            }
        }

        PortalValidationException.ThrowIfAny(failures);

        if (agreement is null)
        {
            agreement = new CoBuildingAgreement { StreetId = streetId, Title = "" };
            db.Agreements.Add(agreement);
        }

        agreement.UnitId = input.UnitId;
        agreement.CommunityId = input.CommunityId;
        agreement.Title = input.Title.Trim();
        agreement.SignedOn = input.SignedOn;
        agreement.ValidFrom = input.ValidFrom;
        agreement.ValidTo = input.ValidTo;
        // A new agreement takes every commitment as new, whatever ids the input carries.
        await ApplyCommitmentsAsync(db, agreement, input.Commitments, matchIds: agreementId is not null, ct);
        await db.SaveWithVersionAsync(agreement, expectedVersion ?? agreement.Version, ct);
        return agreement.Id;
    }

    private static async Task ApplyCommitmentsAsync(PortalDbContext db, CoBuildingAgreement agreement, IReadOnlyList<CommitmentInput> inputs, bool matchIds, CancellationToken ct)
    {
        var keep = new HashSet<Guid>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var id = matchIds ? input.Id : null;
            var commitment = id is { } existing ? agreement.Commitments.FirstOrDefault(c => c.Id == existing) : null;
            if (commitment is null)
            {
                commitment = new Commitment { AgreementId = agreement.Id, StreetId = agreement.StreetId };
                agreement.Commitments.Add(commitment);

                // A client-generated key found through a navigation looks like an existing row to EF: say it is new.
                db.Commitments.Add(commitment);
            }

            keep.Add(commitment.Id);
            commitment.Category = input.Category;
            commitment.ContributionType = input.ContributionType;
            commitment.Description = input.Description?.Trim() ?? "";
            commitment.Measure = input.Measure;
            commitment.Target = input.Target;
            commitment.SortOrder = i;
        }

        var removed = agreement.Commitments.Where(c => !keep.Contains(c.Id)).ToList();
        if (removed.Count == 0)
        {
            return;
        }

        var removedIds = removed.Select(c => c.Id).ToList();
        if (await db.Activities.AnyAsync(a => a.CommitmentId != null && removedIds.Contains(a.CommitmentId.Value), ct))
        {
            throw new PortalValidationException([new("Commitments", "Agreement.CommitmentHasActivities")]);
        }

        foreach (var c in removed)
        {
            agreement.Commitments.Remove(c);
            db.Remove(c);
        }
    }
}

/// <summary>
/// 草稿 → 生效: activates a draft agreement once it is signed and has commitments.
/// Scope: staff of the agreement's street (others who may read the agreement are refused as read-only, the rest
/// get "not found").
/// </summary>
public sealed class ActivateAgreement(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid agreementId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agreement = await AgreementStatusChanges.LoadForStaffAsync(db, scope, agreementId, ct);
        PortalValidationException.ThrowIfAny(AgreementRules.CanActivate(
            AgreementRules.Effective(agreement.Status, agreement.ValidTo, calendar.Today), agreement.SignedOn, agreement.Commitments.Count, agreement.ValidTo, calendar.Today));
        agreement.Status = AgreementStatus.Active;
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// 生效 → 终止: ends an agreement early, with a date and a reason.
/// Scope: staff of the agreement's street (others who may read the agreement are refused as read-only, the rest
/// get "not found").
/// </summary>
public sealed class TerminateAgreement(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid agreementId, DateOnly terminatedOn, string? reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agreement = await AgreementStatusChanges.LoadForStaffAsync(db, scope, agreementId, ct);
        PortalValidationException.ThrowIfAny(AgreementRules.CanTerminate(
            AgreementRules.Effective(agreement.Status, agreement.ValidTo, calendar.Today), terminatedOn, reason, agreement.ValidFrom, calendar.Today));
        agreement.Status = AgreementStatus.Terminated;
        agreement.TerminatedOn = terminatedOn;
        agreement.TerminationReason = reason!.Trim();
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// The nightly step (<see cref="AgreementExpiryService"/>): active agreements whose valid-to date has passed become 到期
/// (audited as the system). No user scope: it runs for every street.
/// </summary>
public sealed class ExpireDueAgreements(IDbContextFactory<PortalDbContext> dbFactory, BusinessCalendar calendar) : IHandler
{
    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = calendar.Today;
        var due = await db.Agreements.Where(a => a.Status == AgreementStatus.Active && a.ValidTo < today).ToListAsync(ct);
        foreach (var agreement in due)
        {
            agreement.Status = AgreementStatus.Expired;
        }

        await db.SaveChangesAsync(ct);
        return due.Count;
    }
}

/// <summary>What <see cref="ActivateAgreement"/> and <see cref="TerminateAgreement"/> share.</summary>
internal static class AgreementStatusChanges
{
    /// <summary>
    /// The agreement with its commitments, tracked, if the caller manages its street; "not found" if they may not read
    /// its unit, "read-only" if they may read but not manage.
    /// </summary>
    public static async Task<CoBuildingAgreement> LoadForStaffAsync(PortalDbContext db, ScopeGuard scope, Guid agreementId, CancellationToken ct)
    {
        var agreement = await db.Agreements.Include(a => a.Commitments).FirstOrDefaultAsync(a => a.Id == agreementId, ct)
            ?? throw new PortalNotFoundException("Error.AgreementNotFound");
        try
        {
            await scope.EnsureCanReadUnitAsync(db, agreement.UnitId, ct);
        }
        catch (PortalNotFoundException)
        {
            throw new PortalNotFoundException("Error.AgreementNotFound");
        }

        await scope.EnsureCanManageStreetAsync(db, agreement.StreetId, ct);
        return agreement;
    }
}

/// <summary>
/// Stores the agreement's signed scan (PDF, JPEG or PNG up to 10 MB, checked by content), replacing an earlier one.
/// Scope: staff of the agreement's street (the agreement must be readable, as in <see cref="GetAgreement"/>, and its
/// street manageable).
/// </summary>
public sealed class UploadAgreementScan(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, GetAgreement getAgreement, TimeProvider clock) : IHandler
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public async Task HandleAsync(Guid agreementId, string? fileName, Stream content, long length, CancellationToken ct = default)
    {
        var agreement = await getAgreement.HandleAsync(agreementId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanManageStreetAsync(db, agreement.StreetId, ct);
        var bytes = await Uploads.ReadAsync(content, length, MaxBytes, "Upload.ScanTooLarge", 10, ct);
        var kind = FileSignatures.Detect(bytes);
        if (kind == FileKind.Unknown || (kind != FileKind.Pdf && Images.CheckAndThumbnail(bytes) is null))
        {
            throw new PortalValidationException([new("File", "Upload.ScanType")]);
        }

        var existing = await db.AgreementScans.FirstOrDefaultAsync(s => s.AgreementId == agreementId, ct);
        if (existing is not null)
        {
            db.AgreementScans.Remove(existing);
        }

        db.AgreementScans.Add(new AgreementScan
        {
            AgreementId = agreementId,
            FileName = Uploads.SafeName(fileName, agreement.Title, kind),
            ContentType = FileSignatures.ContentType(kind),
            Content = bytes,
            UploadedAt = clock.GetUtcNow(),
            UploadedBy = scope.User.Email,
        });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The agreement's signed scan, for download. Scope: whoever may read the agreement (as in <see cref="GetAgreement"/>).</summary>
public sealed class GetAgreementScan(IDbContextFactory<PortalDbContext> dbFactory, GetAgreement getAgreement) : IHandler
{
    public async Task<AgreementScan> HandleAsync(Guid agreementId, CancellationToken ct = default)
    {
        await getAgreement.HandleAsync(agreementId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AgreementScans.AsNoTracking().FirstOrDefaultAsync(s => s.AgreementId == agreementId, ct)
            ?? throw new PortalNotFoundException("Error.ScanNotFound");
    }
}

/// <summary>A checked photo upload: its bytes, its kind by content and its decoded size and thumbnail.</summary>
public sealed record CheckedPhoto(byte[] Bytes, FileKind Kind, CheckedImage Image);

/// <summary>Reading uploads safely: size limits enforced while reading, names cleaned.</summary>
public static class Uploads
{
    public static async Task<byte[]> ReadAsync(Stream content, long declaredLength, long maxBytes, string tooLargeKey, int megabytes, CancellationToken ct)
    {
        if (declaredLength == 0)
        {
            throw new PortalValidationException([new("File", "Upload.Empty")]);
        }

        if (declaredLength > maxBytes)
        {
            throw new PortalValidationException([new("File", tooLargeKey, megabytes)]);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw new PortalValidationException([new("File", tooLargeKey, megabytes)]);
            }
        }

        if (buffer.Length == 0)
        {
            throw new PortalValidationException([new("File", "Upload.Empty")]);
        }

        return buffer.ToArray();
    }

    /// <summary>A photo upload (activities, needs, projects): read within the limit, JPEG or PNG by content, decoded and thumbnailed.</summary>
    public static async Task<CheckedPhoto> ReadPhotoAsync(Stream content, long declaredLength, long maxBytes, CancellationToken ct)
    {
        var bytes = await ReadAsync(content, declaredLength, maxBytes, "Upload.PhotoTooLarge", (int)(maxBytes / (1024 * 1024)), ct);
        var kind = FileSignatures.Detect(bytes);
        var image = kind is FileKind.Jpeg or FileKind.Png ? Images.CheckAndThumbnail(bytes) : null;
        return image is null ? throw new PortalValidationException([new("File", "Upload.PhotoType")]) : new CheckedPhoto(bytes, kind, image);
    }

    public static string SafeName(string? fileName, string fallback, FileKind kind)
    {
        var name = Path.GetFileNameWithoutExtension(fileName ?? "");
        name = new string(name.Where(c => !Path.GetInvalidFileNameChars().Contains(c) && !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0)
        {
            name = fallback;
        }

        return (name.Length > 80 ? name[..80] : name) + FileSignatures.Extension(kind);
    }
}
