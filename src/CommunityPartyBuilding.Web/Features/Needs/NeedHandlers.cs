using System.Text.Json;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Members;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Needs;

public sealed record NeedPhotoDto(Guid Id, string FileName, int Width, int Height);

/// <summary>
/// A need as staff, claimers and the API see it. <paramref name="ContactName"/> and <paramref name="ContactPhone"/> are
/// masked (张** · 138****1234) unless <paramref name="ContactWhole"/> says the reader saw them whole (rule 10).
/// </summary>
public sealed record NeedDto(
    Guid Id,
    Guid StreetId,
    Guid CommunityId,
    string CommunityName,
    NeedKind Kind,
    ServiceCategory Category,
    string Title,
    string Description,
    NeedSource Source,
    string ContactName,
    string ContactPhone,
    bool ContactWhole,
    DateOnly? WantedBy,
    NeedStatus Status,
    string? RejectReason,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? PublishedAt,
    Guid? ClaimerUnitId,
    string? ClaimerName,
    DateTimeOffset? ClaimedAt,
    DateOnly? ClaimBy,
    DateTimeOffset? CompletedAt,
    string? CompletionNote,
    Guid? ActivityId,
    Guid? ProjectId,
    Rating? Rating,
    string? RatingComment,
    DateTimeOffset? RatedAt,
    DateTimeOffset? ClosedAt,
    int PhotoCount,
    uint Version,
    bool ClaimerIsMember = false);

/// <summary>What the current user may do with a need, for pages to show their buttons (handlers check again).</summary>
/// <param name="Dispatch">Staff may dispatch it to a unit (published, nothing pending) and see its matches.</param>
/// <param name="ReturnVisit">Staff may record a return visit (done or rated).</param>
/// <param name="AnswerDispatchId">The pending dispatch the caller's unit may accept or decline.</param>
/// <param name="Release">The claimer may give the claim back (the need is published again).</param>
public sealed record NeedActions(bool Review, bool Withdraw, bool Claim, bool Complete, bool RevealContact, bool Dispatch = false, bool ReturnVisit = false,
    Guid? AnswerDispatchId = null, bool Release = false);

/// <param name="Dispatches">Its dispatches, newest first (a unit leader sees only those to their unit).</param>
/// <param name="DispatchPending">A dispatch awaits a unit's answer: no other unit may claim it meanwhile.</param>
/// <param name="ReturnVisit">The return visit staff recorded; not shown to unit leaders.</param>
public sealed record NeedDetail(NeedDto Need, IReadOnlyList<NeedPhotoDto> Photos, NeedActions Can, IReadOnlyList<NeedDispatchDto> Dispatches,
    bool DispatchPending, NeedReturnVisitDto? ReturnVisit);

/// <summary>Filters of a needs list; <see cref="CommunityId"/> is forced to their own for community staff.</summary>
public sealed record NeedQuery
{
    public Guid? CommunityId { get; init; }

    public NeedStatus? Status { get; init; }

    public NeedKind? Kind { get; init; }

    public ServiceCategory? Category { get; init; }

    public string? Search { get; init; }

    /// <summary>Only claims about to lapse: still claimed, claim-by date at most 3 days ahead (the dashboard's to-do).</summary>
    public bool LapsingSoon { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

/// <summary>A submitted need and its tracking code, shown this once.</summary>
public sealed record NeedSubmitted(Guid NeedId, string TrackingCode);

/// <summary>
/// What the tracking code shows (the resident's own need): status, who claimed it (a unit's name; for an in-service member
/// only <c>ClaimedByMember</c>, never their name, rule 10), the completion note, the rating. Never the contact, never another need.
/// </summary>
public sealed record PublicNeedStatus(
    string StreetName,
    string CommunityName,
    NeedKind Kind,
    ServiceCategory Category,
    string Title,
    NeedStatus Status,
    DateTimeOffset SubmittedAt,
    string? RejectReason,
    string? ClaimerName,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? CompletedAt,
    string? CompletionNote,
    Rating? Rating,
    string? RatingComment,
    DateTimeOffset? RatedAt,
    bool CanRate,
    DateOnly? RateBy,
    bool ClosedUnrated,
    bool ClaimedByMember = false);

/// <summary>Which needs a user may read, and who may change them: the one place those questions are answered for needs.</summary>
internal static class NeedAccess
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Street readers see their streets' needs; community staff their community's; a unit leader the published needs of
    /// their street (to claim one) and those their unit claimed.
    /// </summary>
    public static IQueryable<Need> Visible(ScopeGuard scope, PortalDbContext db)
    {
        var user = scope.User;
        if (user.IsPartyMember)
        {
            // A member reads nothing of the street's through these routes but the needs they claimed (and still hold or did);
            // the wishes they may claim are listed by GetMemberNeeds, without anyone's contact.
            var registration = user.MemberRegistrationId ?? Guid.Empty;
            return db.Needs.AsNoTracking().Where(n => n.ClaimerMemberId == registration && n.StreetId == user.StreetId);
        }

        var streets = scope.VisibleStreets(db).Select(s => s.Id);
        var needs = db.Needs.AsNoTracking().Where(n => streets.Contains(n.StreetId));
        return user.Role switch
        {
            PortalRole.CommunityStaff => needs.Where(n => n.CommunityId == user.CommunityId),
            PortalRole.UnitLeader => needs.Where(n => n.Status == NeedStatus.Published || n.ClaimerUnitId == user.UnitId),
            _ => needs,
        };
    }

    /// <summary>Rule 10's readers of the contact: staff of the need's community and of its street.</summary>
    public static bool MaySeeContact(PortalUser user, Need need) => user.MayManageCommunity(need.StreetId, need.CommunityId);

    public static bool MayReview(PortalUser user, Need need) => user.MayManageCommunity(need.StreetId, need.CommunityId);

    /// <summary>The claimer (the unit's leaders, or the member who claimed it), or the community's staff recording it for them.</summary>
    public static bool MayComplete(PortalUser user, Need need) =>
        IsClaimer(user, need) || user.MayManageCommunity(need.StreetId, need.CommunityId);

    /// <summary>The claimer themselves: a leader of the claiming unit, or the claiming member.</summary>
    public static bool IsClaimer(PortalUser user, Need need) =>
        (need.ClaimerUnitId is { } unit && user is { IsUnitLeader: true } && user.UnitId == unit)
        || (need.ClaimerMemberId is { } member && user is { IsPartyMember: true } && user.MemberRegistrationId == member);

    public static async Task<Need> LoadReadableAsync(ScopeGuard scope, PortalDbContext db, Guid needId, CancellationToken ct) =>
        await Visible(scope, db).FirstOrDefaultAsync(n => n.Id == needId, ct) ?? throw new PortalNotFoundException("Error.NeedNotFound");

    /// <summary>The tracked need for a write: 404 unless readable, 403 unless <paramref name="may"/> allows it.</summary>
    public static async Task<Need> LoadForWriteAsync(ScopeGuard scope, PortalDbContext db, Guid needId, Func<PortalUser, Need, bool> may, CancellationToken ct)
    {
        await LoadReadableAsync(scope, db, needId, ct);
        var need = await db.Needs.SingleAsync(n => n.Id == needId, ct);
        return may(scope.User, need) ? need : throw new PortalForbiddenException("Error.ReadOnly");
    }

    /// <summary>Rule 10: reading a contact whole is written to the audit log.</summary>
    public static void RecordContactRead(PortalDbContext db, PortalUser user, Need need, DateTimeOffset at) =>
        RecordContactRead(db, user, need.Id, need.StreetId, need.ContactName, at);

    /// <summary>The same for a need read as a row (the export): its id, street and contact name (masked in the entry).</summary>
    public static void RecordContactRead(PortalDbContext db, PortalUser user, Guid needId, Guid streetId, string contactName, DateTimeOffset at) =>
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = at,
            UserId = user.Id,
            UserName = user.Email,
            EntityType = nameof(Need),
            EntityId = needId.ToString(),
            Action = AuditAction.PersonalDataRead,
            StreetId = streetId,
            Changes = JsonSerializer.Serialize(new[] { new AuditChange(nameof(Need.ContactName), null, PersonalDataMask.Name(contactName)) },
                JsonOptions),
        });
}

/// <summary>The claiming member as need rows read them: enough to decide rule 10 for the reader.</summary>
internal sealed record ClaimingMember(Guid Id, Guid StreetId, Guid CommunityId, string Name);

internal static class NeedQueries
{
    public static IQueryable<Need> Filter(IQueryable<Need> needs, NeedQuery query)
    {
        if (query.CommunityId is { } community)
        {
            needs = needs.Where(n => n.CommunityId == community);
        }

        if (query.Status is { } status)
        {
            needs = needs.Where(n => n.Status == status);
        }

        if (query.Kind is { } kind)
        {
            needs = needs.Where(n => n.Kind == kind);
        }

        if (query.Category is { } category)
        {
            needs = needs.Where(n => n.Category == category);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var like = LikePattern.Contains(query.Search);
            needs = needs.Where(n => EF.Functions.ILike(n.Title, like, LikePattern.EscapeCharacter) || EF.Functions.ILike(n.Description, like, LikePattern.EscapeCharacter));
        }

        return needs;
    }

    /// <summary>Work first: awaiting review, then published, claimed, done; finished and refused ones last; newest first within.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Need, int>> StatusRank = n =>
        n.Status == NeedStatus.Submitted ? 0
        : n.Status == NeedStatus.Published ? 1
        : n.Status == NeedStatus.Claimed ? 2
        : n.Status == NeedStatus.Done ? 3
        : n.Status == NeedStatus.Rated ? 4
        : 5;

    /// <summary>
    /// Rows with community, claimer and photo count; contacts masked unless <paramref name="whole"/> says otherwise. A member
    /// claimer's name is whole only for rule 10's readers of that member (<paramref name="reader"/>), masked for anyone else.
    /// </summary>
    public static async Task<List<NeedDto>> ProjectAsync(PortalDbContext db, IQueryable<Need> needs, Func<Need, bool> whole, CancellationToken ct,
        PortalUser? reader = null)
    {
        var rows = await needs.Select(n => new
        {
            Need = n,
            Community = db.Communities.Where(c => c.Id == n.CommunityId).Select(c => c.Name).First(),
            Claimer = db.MemberUnits.Where(u => u.Id == n.ClaimerUnitId).Select(u => u.Name).FirstOrDefault(),
            Member = db.MemberRegistrations.Where(r => r.Id == n.ClaimerMemberId).Select(r => new ClaimingMember(r.Id, r.StreetId, r.CommunityId, r.Name)).FirstOrDefault(),
            Photos = db.NeedPhotos.Count(p => p.NeedId == n.Id),
        }).ToListAsync(ct);
        return rows.Select(r => ToDto(r.Need, r.Community, r.Member is { } m ? MemberName(reader, m) : r.Claimer, r.Photos, whole(r.Need))).ToList();
    }

    /// <summary>A claiming member's name as <paramref name="reader"/> may see it (rule 10, as MemberAccess.MaySeePersonalData): whole, or masked (张**).</summary>
    public static string MemberName(PortalUser? reader, ClaimingMember member) =>
        reader is not null && (reader.MemberRegistrationId == member.Id || reader.MayManageCommunity(member.StreetId, member.CommunityId))
            ? member.Name
            : PersonalDataMask.Name(member.Name);

    public static NeedDto ToDto(Need n, string community, string? claimer, int photos, bool whole) => new(
        n.Id, n.StreetId, n.CommunityId, community, n.Kind, n.Category, n.Title, n.Description, n.Source,
        whole ? n.ContactName : PersonalDataMask.Name(n.ContactName),
        whole ? n.ContactPhone : PersonalDataMask.Phone(n.ContactPhone),
        whole, n.WantedBy, n.Status, n.RejectReason, n.SubmittedAt, n.PublishedAt, n.ClaimerUnitId, claimer, n.ClaimedAt, n.ClaimBy,
        n.CompletedAt, n.CompletionNote, n.ActivityId, n.ProjectId, n.Rating, n.RatingComment, n.RatedAt, n.ClosedAt, photos, n.Version,
        n.ClaimerMemberId is not null);
}

/// <summary>
/// A street's needs (需求清单) for its staff and readers, or one community's for community staff (GET
/// /communities/{id}/needs and the page). Contacts are masked in lists; the need's page reveals them to rule 10's readers.
/// </summary>
public sealed class GetNeeds(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<PagedResult<NeedDto>> HandleAsync(Guid streetId, NeedQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var filtered = await NeedListing.ScopedAsync(scope, db, streetId, query, calendar.Today, ct);
        var window = Paging.Clamp(query.Page, query.PageSize);
        var total = await filtered.CountAsync(ct);
        var page = NeedListing.Ordered(filtered).Skip(window.Skip).Take(window.Take);
        return new PagedResult<NeedDto>(await NeedQueries.ProjectAsync(db, page, _ => false, ct, scope.User), total);
    }

    /// <summary>The community's street, for the per-community route: 404 unless the caller may read that community's needs.</summary>
    public async Task<Guid> StreetOfCommunityAsync(Guid communityId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streets = scope.VisibleStreets(db).Select(s => s.Id);
        return await db.Communities.Where(c => c.Id == communityId && streets.Contains(c.StreetId)).Select(c => (Guid?)c.StreetId).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.CommunityNotFound");
    }
}

/// <summary>What the street's list and its export share: scope (community staff: their community), filters, order.</summary>
internal static class NeedListing
{
    /// <summary>The street's needs the caller may list, filtered: 404 outside the street, 403 for unit leaders.</summary>
    public static async Task<IQueryable<Need>> ScopedAsync(ScopeGuard scope, PortalDbContext db, Guid streetId, NeedQuery query, DateOnly today, CancellationToken ct)
    {
        await scope.EnsureCanListUnitsAsync(db, streetId, ct);
        if (scope.User.IsCommunityStaff)
        {
            if (query.CommunityId is { } asked && asked != scope.User.CommunityId)
            {
                throw new PortalNotFoundException("Error.CommunityNotFound");
            }

            query = query with { CommunityId = scope.User.CommunityId };
        }

        var filtered = NeedQueries.Filter(NeedAccess.Visible(scope, db).Where(n => n.StreetId == streetId), query);
        if (query.LapsingSoon)
        {
            var lapsingBy = NeedFigures.LapsingBy(today);
            filtered = filtered.Where(n => n.Status == NeedStatus.Claimed && n.ClaimBy <= lapsingBy);
        }

        return filtered;
    }

    public static IQueryable<Need> Ordered(IQueryable<Need> needs) =>
        needs.OrderBy(NeedQueries.StatusRank).ThenByDescending(n => n.SubmittedAt).ThenBy(n => n.Id);
}

/// <summary>
/// A unit leader's view (the home page and GET /units/{id}/needs): the street's published needs, those of the unit's
/// own community first, and every need the unit claimed.
/// </summary>
public sealed class GetUnitNeeds(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public const int MaxNearby = 50;

    public async Task<UnitNeeds> HandleAsync(Guid unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streetId = await scope.EnsureCanActForUnitAsync(db, unitId, ct);
        var unitCommunity = await db.MemberUnits.Where(u => u.Id == unitId).Select(u => u.CommunityId).SingleAsync(ct);
        var open = db.Needs.AsNoTracking().Where(n => n.StreetId == streetId && n.Status == NeedStatus.Published && n.DispatchedUnitId == null)
            .OrderBy(n => n.CommunityId == unitCommunity ? 0 : 1).ThenBy(n => n.WantedBy ?? DateOnly.MaxValue).ThenBy(n => n.PublishedAt).Take(MaxNearby);
        var claimed = db.Needs.AsNoTracking().Where(n => n.ClaimerUnitId == unitId)
            .OrderBy(n => n.Status == NeedStatus.Claimed ? 0 : 1).ThenByDescending(n => n.ClaimedAt).Take(100);
        var dispatched = db.NeedDispatches.AsNoTracking().Where(d => d.UnitId == unitId && d.Status == NeedDispatchStatus.Pending)
            .OrderBy(d => d.Deadline).ThenBy(d => d.DispatchedAt);
        return new UnitNeeds(
            await NeedQueries.ProjectAsync(db, open, _ => false, ct),
            await NeedQueries.ProjectAsync(db, claimed, _ => false, ct),
            await NeedDispatchSteps.Project(db, dispatched).ToListAsync(ct));
    }
}

/// <param name="Nearby">Published needs the unit may claim (none dispatched to another unit).</param>
/// <param name="Dispatched">Dispatches to the unit awaiting its answer (派给本单位), soonest deadline first.</param>
public sealed record UnitNeeds(IReadOnlyList<NeedDto> Nearby, IReadOnlyList<NeedDto> Claimed, IReadOnlyList<NeedDispatchDto> Dispatched);

/// <summary>One need, with its photos and what the caller may do. The contact is whole only when asked for by rule 10's reader, and audited.</summary>
public sealed class GetNeed(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task<NeedDetail> HandleAsync(Guid needId, bool revealContact = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var need = await NeedAccess.LoadReadableAsync(scope, db, needId, ct);
        var user = scope.User;
        var mayContact = NeedAccess.MaySeeContact(user, need);
        var whole = revealContact && mayContact;
        if (whole)
        {
            NeedAccess.RecordContactRead(db, user, need, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }

        var dto = (await NeedQueries.ProjectAsync(db, db.Needs.AsNoTracking().Where(n => n.Id == needId), _ => whole, ct, user)).Single();
        var photos = await db.NeedPhotos.AsNoTracking().Where(p => p.NeedId == needId).OrderBy(p => p.UploadedAt)
            .Select(p => new NeedPhotoDto(p.Id, p.FileName, p.Width, p.Height)).ToListAsync(ct);
        var dispatches = await GetNeedDispatches.ForNeedAsync(db, user, needId, ct);
        var answerable = user.IsUnitLeader ? dispatches.FirstOrDefault(d => d.Status == NeedDispatchStatus.Pending && d.UnitId == user.UnitId) : null;
        var staff = NeedAccess.MayReview(user, need);
        var can = new NeedActions(
            Review: NeedRules.MayReview(need.Status) && staff,
            Withdraw: NeedRules.MayWithdraw(need.Status) && staff,
            Claim: NeedRules.MayClaim(need.Status) && user is { IsUnitLeader: true, UnitId: not null } && need.DispatchedUnitId is null,
            Complete: NeedRules.MayComplete(need.Status) && need.ProjectId is null && NeedAccess.MayComplete(user, need),
            RevealContact: mayContact && !whole,
            Dispatch: NeedDispatchRules.MayDispatch(need.Status) && need.DispatchedUnitId is null && staff,
            ReturnVisit: ReturnVisitRules.MayRecord(need.Status) && staff,
            AnswerDispatchId: answerable?.Id,
            Release: NeedRules.MayRelease(need.Status, need.ProjectId) && NeedAccess.IsClaimer(user, need));
        var visit = need is { ReturnVisitOn: { } on, ReturnVisitWay: { } way, ReturnVisitSatisfied: { } satisfied } && !user.IsUnitLeader && !user.IsPartyMember
            ? new NeedReturnVisitDto(on, way, need.ReturnVisitNote, satisfied, need.ReturnVisitBy)
            : null;
        return new NeedDetail(dto, photos, can, dispatches, need.DispatchedUnitId is not null, visit);
    }
}

/// <summary>What resident submission and staff entry share: validation against the street's communities, the new record.</summary>
internal static class NeedWrites
{
    public static async Task<Need> CreateAsync(PortalDbContext db, Guid streetId, NeedInput input, NeedSource source, DateOnly today, DateTimeOffset now,
        string code, string? enteredBy, CancellationToken ct)
    {
        var failures = NeedRules.Validate(input, today).ToList();
        if (input.CommunityId is { } communityId && communityId != Guid.Empty
            && !await db.Communities.AnyAsync(c => c.Id == communityId && c.StreetId == streetId, ct))
        {
            failures.Add(new(nameof(input.CommunityId), "Validation.CommunityNotInStreet"));
        }

        PortalValidationException.ThrowIfAny(failures);
        var need = new Need
        {
            StreetId = streetId,
            CommunityId = input.CommunityId!.Value,
            Kind = input.Kind!.Value,
            Category = input.Category!.Value,
            Title = input.Title.Trim(),
            Description = input.Description?.Trim() ?? "",
            Source = source,
            ContactName = input.ContactName.Trim(),
            ContactPhone = NeedRules.NormalisePhone(input.ContactPhone)!,
            WantedBy = input.WantedBy,
            TrackingCodeHash = NeedRules.HashTrackingCode(code),
            SubmittedAt = now,
            SubmittedBy = enteredBy,
        };
        db.Needs.Add(need);
        return need;
    }
}

/// <summary>
/// A resident submits a need or a small wish on the public page or POST /public/streets/{id}/needs: rate limited per
/// client; the tracking code is returned once and only its hash is kept.
/// </summary>
public sealed class SubmitNeed(IDbContextFactory<PortalDbContext> dbFactory, BusinessCalendar calendar, PublicNeedLimiter limiter) : IHandler
{
    public async Task<NeedSubmitted> HandleAsync(Guid streetId, NeedInput input, string client, CancellationToken ct = default)
    {
        limiter.EnsureSubmissionAllowed(client);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Streets.AnyAsync(s => s.Id == streetId, ct))
        {
            throw new PortalNotFoundException("Error.StreetNotFound");
        }

        var code = NeedRules.NewTrackingCode();
        var need = await NeedWrites.CreateAsync(db, streetId, input, NeedSource.Resident, calendar.Today, calendar.UtcNow, code, null, ct);
        await db.SaveChangesAsync(ct);
        PortalTelemetry.NeedsSubmitted.Add(1, new KeyValuePair<string, object?>("source", "resident"));
        return new NeedSubmitted(need.Id, NeedRules.FormatTrackingCode(code));
    }

    /// <summary>The street's name and communities for the public form; null when there is no such street.</summary>
    public async Task<PublicNeedForm?> FormAsync(Guid streetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var street = await db.Streets.AsNoTracking().Where(s => s.Id == streetId).Select(s => new { s.Name }).FirstOrDefaultAsync(ct);
        if (street is null)
        {
            return null;
        }

        var communities = await db.Communities.AsNoTracking().Where(c => c.StreetId == streetId).OrderBy(c => c.Name)
            .Select(c => new PublicCommunity(c.Id, c.Name)).ToListAsync(ct);
        return new PublicNeedForm(streetId, street.Name, communities);
    }
}

public sealed record PublicCommunity(Guid Id, string Name);

public sealed record PublicNeedForm(Guid StreetId, string StreetName, IReadOnlyList<PublicCommunity> Communities);

/// <summary>
/// Community or street staff enter a need for a resident who came in or phoned. They have reviewed it by entering it,
/// so it is published at once; the tracking code is shown once, for the resident.
/// </summary>
public sealed class EnterNeed(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<NeedSubmitted> HandleAsync(Guid communityId, NeedInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streets = scope.VisibleStreets(db).Select(s => s.Id);
        var streetId = await db.Communities.Where(c => c.Id == communityId && streets.Contains(c.StreetId)).Select(c => (Guid?)c.StreetId).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.CommunityNotFound");
        if (!scope.User.MayManageCommunity(streetId, communityId))
        {
            throw new PortalForbiddenException("Error.ReadOnly");
        }

        if (input.CommunityId is { } given && given != communityId)
        {
            throw new PortalValidationException([new(nameof(input.CommunityId), "Validation.CommunityMismatch")]);
        }

        var code = NeedRules.NewTrackingCode();
        var need = await NeedWrites.CreateAsync(db, streetId, input with { CommunityId = communityId }, NeedSource.Staff, calendar.Today, calendar.UtcNow,
            code, scope.User.Email, ct);
        need.Status = NeedStatus.Published;
        need.PublishedAt = calendar.UtcNow;
        need.ReviewedBy = scope.User.Email;
        await db.SaveChangesAsync(ct);
        PortalTelemetry.NeedsSubmitted.Add(1, new KeyValuePair<string, object?>("source", "staff"));
        return new NeedSubmitted(need.Id, NeedRules.FormatTrackingCode(code));
    }
}

/// <summary>Publishes a submitted need (审核通过): units and members can see and claim it.</summary>
public sealed class PublishNeed(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task HandleAsync(Guid needId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var need = await NeedAccess.LoadForWriteAsync(scope, db, needId, NeedAccess.MayReview, ct);
        if (!NeedRules.MayReview(need.Status))
        {
            throw new PortalConflictException("Need.NotAwaitingReview");
        }

        need.Status = NeedStatus.Published;
        need.PublishedAt = clock.GetUtcNow();
        need.ReviewedBy = scope.User.Email;
        await NeedSave.SaveAsync(db, ct);
    }
}

/// <summary>Rejects a submitted need (未通过) with a reason the resident reads with their code.</summary>
public sealed class RejectNeed(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task HandleAsync(Guid needId, NeedReasonInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var need = await NeedAccess.LoadForWriteAsync(scope, db, needId, NeedAccess.MayReview, ct);
        var failures = new List<ValidationFailure>();
        UnitRules.Text(failures, input.Reason, nameof(input.Reason), "Field.Need.RejectReason", NeedRules.ReasonMaxLength, required: true);
        PortalValidationException.ThrowIfAny(failures);
        if (!NeedRules.MayReview(need.Status))
        {
            throw new PortalConflictException("Need.NotAwaitingReview");
        }

        need.Status = NeedStatus.Rejected;
        need.RejectReason = input.Reason!.Trim();
        need.ReviewedBy = scope.User.Email;
        await NeedSave.SaveAsync(db, ct);
    }
}

/// <summary>Withdraws a need that is not done (the resident cancelled, or it was answered otherwise); it can never be claimed again.</summary>
public sealed class WithdrawNeed(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task HandleAsync(Guid needId, NeedReasonInput? input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var need = await NeedAccess.LoadForWriteAsync(scope, db, needId, NeedAccess.MayReview, ct);
        var failures = new List<ValidationFailure>();
        UnitRules.Text(failures, input?.Reason, nameof(NeedReasonInput.Reason), "Field.Need.WithdrawReason", NeedRules.ReasonMaxLength, required: false);
        PortalValidationException.ThrowIfAny(failures);
        if (need.Status == NeedStatus.Withdrawn)
        {
            return;
        }

        if (!NeedRules.MayWithdraw(need.Status))
        {
            throw new PortalConflictException("Need.CannotWithdraw");
        }

        if (need.DispatchedUnitId is not null
            && await db.NeedDispatches.FirstOrDefaultAsync(d => d.NeedId == need.Id && d.Status == NeedDispatchStatus.Pending, ct) is { } pending)
        {
            NeedDispatchSteps.Close(need, pending, NeedDispatchStatus.Cancelled, clock.GetUtcNow(), scope.User.Email);
        }

        need.Status = NeedStatus.Withdrawn;
        need.RejectReason = string.IsNullOrWhiteSpace(input?.Reason) ? null : input.Reason.Trim();
        await NeedSave.SaveAsync(db, ct);
    }
}

/// <summary>
/// A unit leader claims a published need for their unit, or an in-service member for themselves (rule 6). Two claims at
/// once: the row's version lets exactly one save; the other is told it was just claimed (409) and nothing is doubled.
/// </summary>
public sealed class ClaimNeed(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid needId, Guid? forUnitId, CancellationToken ct = default)
    {
        var user = scope.User;
        if (user.IsPartyMember)
        {
            if (forUnitId is not null)
            {
                throw new PortalForbiddenException("Need.ClaimForOwnUnit");
            }

            await ClaimAsMemberAsync(needId, ct);
            return;
        }

        if (user is not { IsUnitLeader: true, UnitId: { } unitId })
        {
            throw new PortalForbiddenException("Need.OnlyUnitsClaim");
        }

        if (forUnitId is { } asked && asked != unitId)
        {
            throw new PortalForbiddenException("Need.ClaimForOwnUnit");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Any need of the leader's street: one claimed a moment ago by another unit is no longer listed for this leader,
        // but "someone was quicker" (409) says more than "not found".
        var need = await db.Needs.FirstOrDefaultAsync(n => n.Id == needId && n.StreetId == user.StreetId, ct);
        if (need is null || (need.Status is NeedStatus.Submitted or NeedStatus.Rejected or NeedStatus.Withdrawn && need.ClaimerUnitId != unitId))
        {
            throw new PortalNotFoundException("Error.NeedNotFound");
        }

        await NeedClaims.ClaimAsync(db, need, unitId, user.Email, calendar, ct);
        await NeedClaims.SaveAsync(db, ct);
    }

    /// <summary>
    /// The member's claim: <see cref="NeedClaimRules.MemberRefusal"/> decides, read under a lock of the member's registration
    /// row so that two claims of one member at once cannot pass the limit together; the need's row version settles a race
    /// with anyone else.
    /// </summary>
    private async Task ClaimAsMemberAsync(Guid needId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await scope.CurrentMemberAsync(db, ct);
        var claimer = NeedClaimer.Member(member.Id);
        await db.InTransactionAsync(async () =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"MemberRegistrations\" WHERE \"Id\" = {member.Id} FOR UPDATE", ct);
            var status = await db.MemberRegistrations.Where(r => r.Id == member.Id).Select(r => r.Status).SingleAsync(ct);
            var need = await db.Needs.FirstOrDefaultAsync(n => n.Id == needId, ct);
            if (need is null || (need.Status is NeedStatus.Submitted or NeedStatus.Rejected or NeedStatus.Withdrawn))
            {
                throw new PortalNotFoundException("Error.NeedNotFound");
            }

            var open = await db.Needs.CountAsync(n => n.ClaimerMemberId == member.Id && n.Status == NeedStatus.Claimed, ct);
            var facts = new MemberClaimFacts(status, member.StreetId, need.StreetId, need.Kind, need.Category, open, claimer.Holds(need));
            if (NeedClaimRules.MemberRefusal(facts) is { } refusal)
            {
                throw NeedClaimRules.ToException(refusal);
            }

            await NeedClaims.ClaimAsync(db, need, claimer, scope.User.Email, calendar, ct);
            await NeedClaims.SaveAsync(db, ct, "Need.JustClaimedMember");
        }, ct);
    }
}

/// <summary>
/// Rule 6's claim of a published need by a unit, shared by a leader's claim (<see cref="ClaimNeed"/>) and a unit's
/// acceptance of a dispatch (<see cref="AcceptNeedDispatch"/>), so both obey the same checks and race the same way: the
/// need's row version lets one save through and the other is told it was just claimed (409).
/// </summary>
internal static class NeedClaims
{
    /// <summary>
    /// Claims the tracked <paramref name="need"/> for <paramref name="unitId"/>. A pending dispatch to another unit holds
    /// the need (409 naming it and its deadline) unless its deadline has passed; one to this unit is accepted by the claim.
    /// </summary>
    public static async Task ClaimAsync(PortalDbContext db, Need need, Guid unitId, string by, BusinessCalendar calendar, CancellationToken ct)
    {
        if (await db.MemberUnits.AnyAsync(u => u.Id == unitId && u.Status == UnitStatus.Withdrawn, ct))
        {
            throw new PortalConflictException("Error.UnitWithdrawn");
        }

        await ClaimAsync(db, need, NeedClaimer.Unit(unitId), by, calendar, ct);
    }

    /// <summary>
    /// Claims the tracked <paramref name="need"/> for a unit or a member, after <see cref="NeedClaimRules.StateRefusal"/>.
    /// A pending dispatch to a unit holds the need against everyone else (a member included) until its deadline passes.
    /// </summary>
    public static async Task ClaimAsync(PortalDbContext db, Need need, NeedClaimer claimer, string by, BusinessCalendar calendar, CancellationToken ct)
    {
        if (NeedClaimRules.StateRefusal(need, claimer) is { } refusal)
        {
            throw NeedClaimRules.ToException(refusal);
        }

        var today = calendar.Today;
        var now = calendar.UtcNow;
        var pending = need.DispatchedUnitId is null
            ? null
            : await db.NeedDispatches.FirstOrDefaultAsync(d => d.NeedId == need.Id && d.Status == NeedDispatchStatus.Pending, ct);
        if (pending is not null && NeedDispatchRules.Expired(pending.Deadline, today))
        {
            // Past its deadline: the pass would expire it this hour; the claim does it now.
            NeedDispatchSteps.Close(need, pending, NeedDispatchStatus.Expired, now, null);
            pending = null;
        }

        if (pending is not null && (claimer.UnitId is not { } unitId || NeedDispatchRules.BlocksClaim(pending.UnitId, unitId)))
        {
            var unitName = await db.MemberUnits.Where(u => u.Id == pending.UnitId).Select(u => u.Name).SingleAsync(ct);
            throw new PortalConflictException("Need.DispatchedToOther", unitName, Components.Shared.DateFormat.Date(pending.Deadline));
        }

        need.Status = NeedStatus.Claimed;
        need.ClaimerUnitId = claimer.UnitId;
        need.ClaimerMemberId = claimer.MemberId;
        need.ClaimedAt = now;
        need.ClaimedBy = by;
        need.ClaimBy = NeedRules.ClaimDue(today, need.WantedBy);
        if (pending is not null)
        {
            NeedDispatchSteps.Close(need, pending, NeedDispatchStatus.Accepted, now, by);
        }
    }

    /// <summary>Ends a claim (released, lapsed, or its member moved away): the need is published again, the claimer cleared.</summary>
    public static void Free(Need need)
    {
        need.Status = NeedStatus.Published;
        need.ClaimerUnitId = null;
        need.ClaimerMemberId = null;
        need.ClaimedAt = null;
        need.ClaimedBy = null;
        need.ClaimBy = null;
    }

    /// <summary>Saves a claim: a concurrent change of the need (another claim, a dispatch) means someone was quicker (409).</summary>
    public static async Task SaveAsync(PortalDbContext db, CancellationToken ct, string lostKey = "Need.JustClaimed")
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalConflictException(lostKey);
        }
    }
}

/// <summary>
/// The claimer marks the need done with a note, after at least one photo (rule 6). A need claimed by a unit gives it one
/// verified activity (rule 7), linked both ways, in the same save; doing it again is refused, so it never counts twice.
/// </summary>
public sealed class CompleteNeed(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public const decimal MaxVolunteerHours = 10_000m;

    public async Task HandleAsync(Guid needId, NeedDoneInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var need = await NeedAccess.LoadForWriteAsync(scope, db, needId, NeedAccess.MayComplete, ct);
        var failures = new List<ValidationFailure>();
        UnitRules.Text(failures, input.Note, nameof(input.Note), "Field.Need.CompletionNote", NeedRules.NoteMaxLength, required: true);
        if (input.VolunteerHours is { } hours && (hours < 0 || hours > MaxVolunteerHours || decimal.Round(hours, 1) != hours))
        {
            failures.Add(new(nameof(input.VolunteerHours), "Validation.Range", "Field.Need.VolunteerHours", 0, MaxVolunteerHours));
        }

        if (input.Participants is { } people && (people < 1 || people > 10_000))
        {
            failures.Add(new(nameof(input.Participants), "Validation.Range", "Field.Need.Participants", 1, 10_000));
        }

        if (need.ClaimerMemberId is not null && (input.VolunteerHours is not null || input.Participants is not null))
        {
            // A member's hours are service records (rule 8), confirmed by the community; the need itself carries none.
            failures.Add(new(input.VolunteerHours is not null ? nameof(input.VolunteerHours) : nameof(input.Participants), "Need.MemberHoursAsRecords"));
        }

        PortalValidationException.ThrowIfAny(failures);
        if (need.Status is NeedStatus.Done or NeedStatus.Rated)
        {
            throw new PortalConflictException("Need.AlreadyDone");
        }

        if (!NeedRules.MayComplete(need.Status))
        {
            throw new PortalConflictException("Need.NotClaimed");
        }

        if (need.ProjectId is not null)
        {
            throw new PortalConflictException("Need.DoneWithProject");
        }

        if (!await db.NeedPhotos.AnyAsync(p => p.NeedId == needId, ct))
        {
            throw new PortalValidationException([new("Photos", "Need.PhotoRequired")]);
        }

        var now = calendar.UtcNow;
        need.Status = NeedStatus.Done;
        need.CompletedAt = now;
        need.CompletionNote = input.Note!.Trim();
        if (need.ClaimerUnitId is { } unitId && need.ActivityId is null)
        {
            var community = await db.Communities.Where(c => c.Id == need.CommunityId).Select(c => c.Name).SingleAsync(ct);
            var activity = new CoBuildingActivity
            {
                StreetId = need.StreetId,
                UnitId = unitId,
                NeedId = need.Id,
                Title = NeedCredit.ActivityTitle(need),
                Category = need.Category,
                HeldOn = calendar.Today,
                Place = community,
                Participants = input.Participants ?? 1,
                VolunteerHours = input.VolunteerHours ?? 0,
                Beneficiaries = 1,
                Description = need.CompletionNote,
                Status = ActivityStatus.Verified,
                SubmittedAt = now,
                SubmittedBy = scope.User.Email,
                ReviewedAt = now,
                ReviewedBy = NeedCredit.Reviewer,
            };
            db.Activities.Add(activity);
            need.ActivityId = activity.Id;
        }

        await NeedSave.SaveAsync(db, ct);
    }
}

/// <summary>
/// The claimer gives a claim back (POST /needs/{id}/release): a leader of the claiming unit, or the member who claimed it.
/// The need is published again for anyone to claim; photos added for the claim go with it. A need a project answers is
/// released by editing the project, not here.
/// </summary>
public sealed class ReleaseNeed(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task HandleAsync(Guid needId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var need = await NeedAccess.LoadForWriteAsync(scope, db, needId, NeedAccess.IsClaimer, ct);
        if (need.Status is NeedStatus.Done or NeedStatus.Rated)
        {
            throw new PortalConflictException("Need.AlreadyDone");
        }

        if (need.ProjectId is not null)
        {
            throw new PortalConflictException("Need.ReleaseWithProject");
        }

        if (!NeedRules.MayRelease(need.Status, need.ProjectId))
        {
            throw new PortalConflictException("Need.NotClaimed");
        }

        NeedClaims.Free(need);
        db.NeedPhotos.RemoveRange(await db.NeedPhotos.Where(p => p.NeedId == needId).ToListAsync(ct));
        await NeedSave.SaveAsync(db, ct);
    }
}

/// <summary>Rule 7 for needs: the activity a done need gives the claiming unit.</summary>
public static class NeedCredit
{
    /// <summary>Who "verified" it: the rule, not a person (the need was done with a photo and is linked).</summary>
    public const string Reviewer = "需求办结（规则7）";

    public static string ActivityTitle(Need need) => (need.Kind == NeedKind.Wish ? "微心愿：" : "社区需求：") + need.Title;
}

/// <summary>The resident's tracking page and rating with the code (GET /public/needs/{code}, POST …/rating).</summary>
public sealed class TrackNeed(IDbContextFactory<PortalDbContext> dbFactory, BusinessCalendar calendar, PublicNeedLimiter limiter) : IHandler
{
    public async Task<PublicNeedStatus> HandleAsync(string? code, string client, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var need = await FindAsync(db, code, client, track: false, ct);
        var street = await db.Streets.Where(s => s.Id == need.StreetId).Select(s => s.Name).SingleAsync(ct);
        var community = await db.Communities.Where(c => c.Id == need.CommunityId).Select(c => c.Name).SingleAsync(ct);
        var claimer = need.ClaimerUnitId is { } unit ? await db.MemberUnits.Where(u => u.Id == unit).Select(u => u.Name).SingleAsync(ct) : null;
        var doneOn = need.CompletedAt is { } done ? calendar.DateOf(done) : (DateOnly?)null;
        var canRate = doneOn is { } d && need.ClosedAt is null && NeedRules.RatingOpen(need.Status, d, calendar.Today);
        return new PublicNeedStatus(street, community, need.Kind, need.Category, need.Title, need.Status, need.SubmittedAt,
            need.Status == NeedStatus.Rejected ? need.RejectReason : null,
            need.Status is NeedStatus.Claimed or NeedStatus.Done or NeedStatus.Rated ? claimer : null,
            need.ClaimedAt, need.CompletedAt, need.CompletionNote, need.Rating, need.RatingComment, need.RatedAt,
            canRate, doneOn?.AddDays(NeedRules.RatingWindowDays), need.Status == NeedStatus.Done && !canRate,
            need.Status is NeedStatus.Claimed or NeedStatus.Done or NeedStatus.Rated && need.ClaimerMemberId is not null);
    }

    /// <summary>Rates a done need once, within the window; a wrong code counts towards the client's failures.</summary>
    public async Task RateAsync(string? code, NeedRatingInput input, string client, CancellationToken ct = default)
    {
        var failures = new List<ValidationFailure>();
        if (input.Rating is not { } rating || !Enum.IsDefined(rating))
        {
            failures.Add(new(nameof(input.Rating), "Validation.Choose", "Field.Need.Rating"));
        }

        UnitRules.Text(failures, input.Comment, nameof(input.Comment), "Field.Need.RatingComment", NeedRules.CommentMaxLength, required: false);
        PortalValidationException.ThrowIfAny(failures);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var need = await FindAsync(db, code, client, track: true, ct);
        if (need.Status == NeedStatus.Rated)
        {
            throw new PortalConflictException("Need.AlreadyRated");
        }

        if (need.Status != NeedStatus.Done)
        {
            throw new PortalConflictException("Need.NotDoneYet");
        }

        if (need.ClosedAt is not null || !NeedRules.RatingOpen(need.Status, calendar.DateOf(need.CompletedAt!.Value), calendar.Today))
        {
            throw new PortalConflictException("Need.RatingClosed", NeedRules.RatingWindowDays);
        }

        need.Status = NeedStatus.Rated;
        need.Rating = input.Rating;
        need.RatingComment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        need.RatedAt = calendar.UtcNow;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalConflictException("Need.AlreadyRated");
        }
    }

    private async Task<Need> FindAsync(PortalDbContext db, string? code, string client, bool track, CancellationToken ct)
    {
        limiter.EnsureCodeAttemptAllowed(client);
        var normalised = NeedRules.NormaliseTrackingCode(code);
        Need? need = null;
        if (normalised is not null)
        {
            var hash = NeedRules.HashTrackingCode(normalised);
            var needs = track ? db.Needs : db.Needs.AsNoTracking();
            need = await needs.FirstOrDefaultAsync(n => n.TrackingCodeHash == hash, ct);
        }

        if (need is null)
        {
            limiter.RecordCodeFailure(client);
            throw new PortalNotFoundException("Need.UnknownCode");
        }

        return need;
    }
}

/// <summary>Saves a need's change; a concurrent change of the same need is a 409 (the page reloads).</summary>
internal static class NeedSave
{
    public static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalConflictException("Error.ConcurrencyConflict");
        }
    }
}

/// <summary>Photos of a done need: the claimer adds them while the need is claimed (at least one before done).</summary>
public sealed class AddNeedPhoto(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task<Guid> HandleAsync(Guid needId, string? fileName, Stream content, long length, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var need = await NeedAccess.LoadForWriteAsync(scope, db, needId, NeedAccess.MayComplete, ct);
        if (need.Status != NeedStatus.Claimed)
        {
            throw new PortalConflictException("Need.PhotosWhileClaimed");
        }

        if (await db.NeedPhotos.CountAsync(p => p.NeedId == needId, ct) >= NeedRules.MaxPhotos)
        {
            throw new PortalValidationException([new("File", "Upload.TooManyPhotos", NeedRules.MaxPhotos)]);
        }

        var (bytes, kind, image) = await Uploads.ReadPhotoAsync(content, length, NeedRules.MaxPhotoBytes, ct);
        var photo = new NeedPhoto
        {
            NeedId = needId,
            StreetId = need.StreetId,
            FileName = Uploads.SafeName(fileName, need.Title, kind),
            ContentType = FileSignatures.ContentType(kind),
            Width = image.Width,
            Height = image.Height,
            Content = bytes,
            Thumbnail = image.Thumbnail,
            UploadedAt = clock.GetUtcNow(),
        };
        db.NeedPhotos.Add(photo);
        await db.SaveChangesAsync(ct);
        return photo.Id;
    }
}

/// <summary>Removes a photo while the need is still claimed.</summary>
public sealed class RemoveNeedPhoto(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task HandleAsync(Guid photoId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var needId = await db.NeedPhotos.Where(p => p.Id == photoId).Select(p => (Guid?)p.NeedId).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.PhotoNotFound");
        var need = await NeedAccess.LoadForWriteAsync(scope, db, needId, NeedAccess.MayComplete, ct);
        if (need.Status != NeedStatus.Claimed)
        {
            throw new PortalConflictException("Need.PhotosWhileClaimed");
        }

        var photo = await db.NeedPhotos.SingleAsync(p => p.Id == photoId, ct);
        db.NeedPhotos.Remove(photo);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>A photo (or its thumbnail) of a need the caller may read.</summary>
public sealed class GetNeedPhoto(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<(byte[] Content, string ContentType, string FileName)> HandleAsync(Guid photoId, bool thumbnail, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var needId = await db.NeedPhotos.Where(p => p.Id == photoId).Select(p => (Guid?)p.NeedId).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.PhotoNotFound");
        if (!await NeedAccess.Visible(scope, db).AnyAsync(n => n.Id == needId, ct))
        {
            throw new PortalNotFoundException("Error.PhotoNotFound");
        }

        return thumbnail
            ? await db.NeedPhotos.Where(p => p.Id == photoId).Select(p => new ValueTuple<byte[], string, string>(p.Thumbnail, "image/jpeg", p.FileName)).SingleAsync(ct)
            : await db.NeedPhotos.Where(p => p.Id == photoId).Select(p => new ValueTuple<byte[], string, string>(p.Content, p.ContentType, p.FileName)).SingleAsync(ct);
    }
}
