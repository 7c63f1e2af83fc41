using System.Text.Json;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Notifications;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Members;

public sealed record RegistrationOption(Guid Id, string Name);

/// <summary>What the public registration page offers: the street's communities and its active member units.</summary>
public sealed record RegistrationForm(Guid StreetId, string StreetName, IReadOnlyList<RegistrationOption> Communities, IReadOnlyList<RegistrationOption> Units);

public sealed record RegistrationSubmitted(Guid RegistrationId, RegistrationStatus Status, bool EmployerConfirms);

/// <summary>A registration as its readers see it; name, phone and building whole only for rule 10's readers.</summary>
public sealed record RegistrationDto(
    Guid Id,
    Guid StreetId,
    Guid CommunityId,
    string CommunityName,
    string Name,
    string Phone,
    string? Email,
    string? Building,
    Guid? EmployerUnitId,
    string EmployerName,
    string EmployerPartyOrganisation,
    RegistrationStatus Status,
    RegistrationSource Source,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? CommunityConfirmedAt,
    DateTimeOffset? EmploymentConfirmedAt,
    DateOnly? RegisteredOn,
    string? ReturnReason,
    DateOnly? MovedAwayOn,
    bool AwaitsCommunity,
    bool AwaitsEmployer,
    bool PersonalDataWhole,
    uint Version);

public sealed record RegistrationQuery(RegistrationStatus? Status = null, string? Search = null, bool AwaitingMe = false, int Page = 1, int PageSize = 50);

/// <summary>
/// 报到: a member registers on the street's public page (no account yet: this creates it, unusable until the
/// registration takes effect). A phone already registered in the street, the same person twice at once, an unknown
/// community or unit, a weak password: each refused with a clear message, nothing stored. A registration that was
/// returned may be sent again with the same e-mail: it is corrected and waits again.
/// </summary>
public sealed class RegisterMember(IServiceScopeFactory scopeFactory, IDbContextFactory<PortalDbContext> dbFactory, BusinessCalendar calendar, PublicNeedLimiter limiter) : IHandler
{
    public async Task<RegistrationForm?> FormAsync(Guid streetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var street = await db.Streets.AsNoTracking().Where(s => s.Id == streetId).Select(s => new { s.Name }).FirstOrDefaultAsync(ct);
        if (street is null)
        {
            return null;
        }

        var communities = await db.Communities.AsNoTracking().Where(c => c.StreetId == streetId).OrderBy(c => c.Name)
            .Select(c => new RegistrationOption(c.Id, c.Name)).ToListAsync(ct);
        var units = await db.MemberUnits.AsNoTracking().Where(u => u.StreetId == streetId && u.Status == UnitStatus.Active).OrderBy(u => u.Name)
            .Select(u => new RegistrationOption(u.Id, u.Name)).ToListAsync(ct);
        return new RegistrationForm(streetId, street.Name, communities, units);
    }

    public async Task<RegistrationSubmitted> HandleAsync(Guid streetId, RegistrationInput input, string client, CancellationToken ct = default)
    {
        limiter.EnsureSubmissionAllowed(client);
        PortalValidationException.ThrowIfAny(MemberRules.Validate(input));
        var phone = MemberRules.NormaliseMobile(input.Phone)!;
        var email = input.Email.Trim();

        await using var serviceScope = scopeFactory.CreateAsyncScope();
        var db = serviceScope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var userManager = serviceScope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (!await db.Streets.AnyAsync(s => s.Id == streetId, ct))
        {
            throw new PortalNotFoundException("Error.StreetNotFound");
        }

        if (!await db.Communities.AnyAsync(c => c.Id == input.CommunityId && c.StreetId == streetId, ct))
        {
            throw new PortalValidationException([new(nameof(input.CommunityId), "Validation.CommunityNotInStreet")]);
        }

        string employerName;
        if (input.EmployerUnitId is { } unitId)
        {
            employerName = await db.MemberUnits.Where(u => u.Id == unitId && u.StreetId == streetId && u.Status == UnitStatus.Active).Select(u => u.Name).FirstOrDefaultAsync(ct)
                ?? throw new PortalValidationException([new(nameof(input.EmployerUnitId), "Validation.UnitNotInStreet")]);
        }
        else
        {
            employerName = input.EmployerName!.Trim();
        }

        var now = calendar.UtcNow;
        Guid id = Guid.Empty;
        var status = RegistrationStatus.Pending;
        try
        {
            await db.InTransactionAsync(async () =>
            {
                if (await db.MemberRegistrations.AnyAsync(r => r.StreetId == streetId && r.Phone == phone
                        && (r.Status == RegistrationStatus.Pending || r.Status == RegistrationStatus.Registered), ct))
                {
                    throw new PortalConflictException("Member.PhoneRegistered");
                }

                var existing = await userManager.FindByEmailAsync(email);
                MemberRegistration registration;
                if (existing is not null)
                {
                    // Only a returned registration may be sent again under the same address; anything else is taken.
                    registration = existing.Role == PortalRole.PartyMember
                        ? await db.MemberRegistrations.FirstOrDefaultAsync(r => r.UserId == existing.Id && r.Status == RegistrationStatus.Returned, ct)
                            ?? throw new PortalConflictException("Member.EmailTaken")
                        : throw new PortalConflictException("Member.EmailTaken");
                    if (registration.StreetId != streetId)
                    {
                        throw new PortalConflictException("Member.EmailTaken");
                    }

                    var token = await userManager.GeneratePasswordResetTokenAsync(existing);
                    IdentityResults.ThrowIfFailed(await userManager.ResetPasswordAsync(existing, token, input.Password));
                    existing.DisplayName = input.Name.Trim();
                    existing.CommunityId = input.CommunityId!.Value;
                    registration.ReturnReason = null;
                    registration.ReturnedAt = null;
                    registration.ReturnedBy = null;
                    registration.CommunityConfirmedAt = null;
                    registration.CommunityConfirmedBy = null;
                    registration.EmploymentConfirmedAt = null;
                    registration.EmploymentConfirmedBy = null;
                }
                else
                {
                    var user = new ApplicationUser
                    {
                        UserName = email,
                        Email = email,
                        DisplayName = input.Name.Trim(),
                        Role = PortalRole.PartyMember,
                        StreetId = streetId,
                        CommunityId = input.CommunityId!.Value,
                        MustChangePassword = false,
                        CreatedAt = now,
                    };
                    registration = new MemberRegistration
                    {
                        StreetId = streetId,
                        CommunityId = input.CommunityId.Value,
                        UserId = user.Id,
                        Name = input.Name.Trim(),
                        Phone = phone,
                        Email = email,
                        EmployerName = employerName,
                        Source = RegistrationSource.Public,
                    };
                    user.MemberRegistrationId = registration.Id;
                    IdentityResults.ThrowIfFailed(await userManager.CreateAsync(user, input.Password));
                    db.MemberRegistrations.Add(registration);
                }

                registration.CommunityId = input.CommunityId!.Value;
                registration.Name = input.Name.Trim();
                registration.Phone = phone;
                registration.EmployerUnitId = input.EmployerUnitId;
                registration.EmployerName = employerName;
                registration.EmployerPartyOrganisation = input.EmployerPartyOrganisation.Trim();
                registration.Building = input.Building.Trim();
                registration.Status = RegistrationStatus.Pending;
                registration.SubmittedAt = now;
                await db.SaveChangesAsync(ct);
                id = registration.Id;
                status = registration.Status;
            }, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same phone or address sent twice at once: the other one was stored.
            throw new PortalConflictException(e.IsUniqueViolation("ux_member_registration_live_phone") ? "Member.PhoneRegistered" : "Member.EmailTaken");
        }

        return new RegistrationSubmitted(id, status, input.EmployerUnitId is not null);
    }
}

/// <summary>Registrations of a community (staff), of a unit's employees (its leader), or one registration.</summary>
public sealed class GetMemberRegistrations(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task<PagedResult<RegistrationDto>> HandleAsync(Guid communityId, RegistrationQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = scope.User;
        if (!user.IsAdministrator && !user.IsStreetStaff && !user.IsCommunityStaff && !user.IsUnitLeader)
        {
            throw new PortalForbiddenException();
        }

        var community = await db.Communities.AsNoTracking().Where(c => c.Id == communityId).Select(c => new { c.StreetId }).FirstOrDefaultAsync(ct);
        if (community is null || (!user.IsAdministrator && community.StreetId != user.StreetId))
        {
            throw new PortalNotFoundException("Error.CommunityNotFound");
        }

        var rows = scope.VisibleRegistrations(db).Where(r => r.CommunityId == communityId);
        return await PageAsync(db, user, rows, query, ct);
    }

    /// <summary>Every registration the reader may see in the street (staff: all communities they manage; a leader: the unit's).</summary>
    public async Task<PagedResult<RegistrationDto>> StreetAsync(Guid streetId, Guid? communityId, RegistrationQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = scope.User;
        if (!user.IsAdministrator && user.StreetId != streetId)
        {
            throw new PortalNotFoundException("Error.StreetNotFound");
        }

        var rows = scope.VisibleRegistrations(db).Where(r => r.StreetId == streetId);
        if (communityId is { } community)
        {
            rows = rows.Where(r => r.CommunityId == community);
        }

        return await PageAsync(db, user, rows, query, ct);
    }

    public async Task<RegistrationDto> OneAsync(Guid registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registration = await scope.VisibleRegistrations(db).FirstOrDefaultAsync(r => r.Id == registrationId, ct)
            ?? throw new PortalNotFoundException("Member.NotFound");
        var user = scope.User;
        var communityName = await db.Communities.Where(c => c.Id == registration.CommunityId).Select(c => c.Name).SingleAsync(ct);
        var dto = MemberRegistrationMapping.ToDto(registration, communityName, user, whole: user.MaySeePersonalData(registration));
        if (dto.PersonalDataWhole && user.MemberRegistrationId != registration.Id)
        {
            // Rule 10: the phone read whole by staff is written down.
            MemberRegistrationMapping.RecordPersonalDataRead(db, user, registration, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }

        return dto;
    }

    /// <summary>The list's filters (status, search, awaiting the reader), for the list and its export alike.</summary>
    internal static IQueryable<MemberRegistration> Filter(IQueryable<MemberRegistration> rows, PortalUser user, RegistrationQuery query)
    {
        if (query.Status is { } status)
        {
            rows = rows.Where(r => r.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = LikePattern.Contains(query.Search.Trim());
            rows = user.IsUnitLeader
                ? rows.Where(r => EF.Functions.ILike(r.EmployerName, pattern))
                : rows.Where(r => EF.Functions.ILike(r.Name, pattern) || EF.Functions.ILike(r.EmployerName, pattern) || r.Phone.Contains(query.Search.Trim()));
        }

        if (query.AwaitingMe)
        {
            rows = user.IsUnitLeader
                ? rows.Where(r => r.Status == RegistrationStatus.Pending && r.EmploymentConfirmedAt == null)
                : rows.Where(r => r.Status == RegistrationStatus.Pending && r.CommunityConfirmedAt == null);
        }

        return rows;
    }

    private static async Task<PagedResult<RegistrationDto>> PageAsync(PortalDbContext db, PortalUser user, IQueryable<MemberRegistration> rows, RegistrationQuery query, CancellationToken ct)
    {
        rows = Filter(rows, user, query);
        var window = Paging.Clamp(query.Page, query.PageSize);
        var total = await rows.CountAsync(ct);
        var items = await rows
            .OrderBy(r => r.Status == RegistrationStatus.Pending ? 0 : 1).ThenByDescending(r => r.SubmittedAt).ThenBy(r => r.Id)
            .Skip(window.Skip).Take(window.Take)
            .Join(db.Communities, r => r.CommunityId, c => c.Id, (r, c) => new { r, c.Name })
            .ToListAsync(ct);
        return new PagedResult<RegistrationDto>(
            items.Select(x => MemberRegistrationMapping.ToDto(x.r, x.Name, user, whole: user.MaySeePersonalData(x.r), list: true)).ToList(), total);
    }
}

/// <summary>
/// Confirm (community: 社区确认; the employer unit's leader: 单位确认), return with a reason, or mark moved away. The
/// registration takes effect when both confirmations are in (only the community's when the employer is outside the street).
/// </summary>
public sealed class ReviewMemberRegistration(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<RegistrationDto> ConfirmAsync(Guid registrationId, uint? version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (registration, asCommunity, asEmployer) = await LoadAsync(db, registrationId, version, ct);
        if (!MemberRules.MayReview(registration.Status))
        {
            throw new PortalConflictException("Member.NotPending");
        }

        var user = scope.User;
        var now = calendar.UtcNow;
        var byCommunity = asCommunity && registration.CommunityConfirmedAt is null;
        if (byCommunity)
        {
            registration.CommunityConfirmedAt = now;
            registration.CommunityConfirmedBy = user.Email;
        }
        else if (asEmployer && registration.EmploymentConfirmedAt is null)
        {
            registration.EmploymentConfirmedAt = now;
            registration.EmploymentConfirmedBy = user.Email;
        }
        else
        {
            throw new PortalConflictException("Member.AlreadyConfirmed");
        }

        var community = await CommunityNameAsync(db, registration, ct);
        if (MemberRules.Complete(registration))
        {
            registration.Status = RegistrationStatus.Registered;
            registration.RegisteredOn = calendar.Today;
            MemberStatusNotices.Add(db, registration, NotificationKind.MemberRegistrationConfirmed, [community, Iso(calendar.Today)], calendar);
        }
        else if (byCommunity)
        {
            MemberStatusNotices.Add(db, registration, NotificationKind.MemberRegistrationCommunityConfirmed, [community, registration.EmployerName], calendar);
        }
        else
        {
            MemberStatusNotices.Add(db, registration, NotificationKind.MemberRegistrationEmploymentConfirmed, [registration.EmployerName, community], calendar);
        }

        await SaveAsync(db, ct);

        return await ReadBackAsync(registration.Id, ct);
    }

    public async Task<RegistrationDto> ReturnAsync(Guid registrationId, string? reason, uint? version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (registration, _, _) = await LoadAsync(db, registrationId, version, ct);
        var failures = new List<ValidationFailure>();
        UnitRules.Text(failures, reason, "Reason", "Field.Member.ReturnReason", MemberRules.ReasonMaxLength, required: true);
        PortalValidationException.ThrowIfAny(failures);
        if (!MemberRules.MayReview(registration.Status))
        {
            throw new PortalConflictException("Member.NotPending");
        }

        registration.Status = RegistrationStatus.Returned;
        registration.ReturnReason = reason!.Trim();
        registration.ReturnedAt = calendar.UtcNow;
        registration.ReturnedBy = scope.User.Email;
        MemberStatusNotices.Add(db, registration, NotificationKind.MemberRegistrationReturned, [await CommunityNameAsync(db, registration, ct), registration.ReturnReason], calendar);
        await SaveAsync(db, ct);
        return await ReadBackAsync(registration.Id, ct);
    }

    public async Task<RegistrationDto> MoveAwayAsync(Guid registrationId, DateOnly? movedAwayOn, uint? version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (registration, asCommunity, _) = await LoadAsync(db, registrationId, version, ct);
        if (!asCommunity)
        {
            throw new PortalForbiddenException("Error.ReadOnly");
        }

        if (!MemberRules.MayMoveAway(registration.Status))
        {
            throw new PortalConflictException("Member.NotRegistered");
        }

        var day = movedAwayOn ?? calendar.Today;
        if (day > calendar.Today || (registration.RegisteredOn is { } on && day < on))
        {
            throw new PortalValidationException([new("MovedAwayOn", "Validation.MovedAwayOn")]);
        }

        // The posts the member held and the wishes they claimed are free again; the records and hours stay.
        var now = calendar.UtcNow;
        var expected = registration.Version;
        await db.InTransactionAsync(async () =>
        {
            var tracked = await db.MemberRegistrations.SingleAsync(r => r.Id == registrationId, ct);
            if (tracked.Version != expected || tracked.Status != RegistrationStatus.Registered)
            {
                throw new PortalConflictException("Error.ConcurrencyConflict");
            }

            tracked.Status = RegistrationStatus.MovedAway;
            tracked.MovedAwayOn = day;
            MemberStatusNotices.Add(db, tracked, NotificationKind.MemberMovedAway, [await CommunityNameAsync(db, tracked, ct), Iso(day)], calendar);
            var held = await db.PostClaims.Where(c => c.RegistrationId == registrationId && c.ReleasedAt == null).ToListAsync(ct);
            foreach (var claim in held)
            {
                claim.ReleasedAt = now;
                await db.Posts.Where(p => p.Id == claim.PostId && p.Taken > 0).ExecuteUpdateAsync(s => s.SetProperty(p => p.Taken, p => p.Taken - 1), ct);
            }

            // So are the wishes they claimed and did not finish: published again for someone else.
            foreach (var need in await db.Needs.Where(n => n.ClaimerMemberId == registrationId && n.Status == NeedStatus.Claimed).ToListAsync(ct))
            {
                NeedClaims.Free(need);
            }

            await SaveAsync(db, ct);
        }, ct);
        return await ReadBackAsync(registration.Id, ct);
    }

    /// <summary>
    /// The registration for a reviewer: community staff of its community (or the street's staff), or the leader of the
    /// employer unit; others are told it does not exist (404) or, if they may read it, that they may not change it (403).
    /// </summary>
    private async Task<(MemberRegistration Registration, bool AsCommunity, bool AsEmployer)> LoadAsync(PortalDbContext db, Guid registrationId, uint? version, CancellationToken ct)
    {
        var user = scope.User;
        if (!user.IsAdministrator && !user.IsStreetStaff && !user.IsCommunityStaff && !user.IsUnitLeader)
        {
            // The organisation department reads figures, members read their own: neither reviews anyone.
            throw new PortalForbiddenException("Error.ReadOnly");
        }

        if (!await scope.VisibleRegistrations(db).AnyAsync(r => r.Id == registrationId, ct))
        {
            throw new PortalNotFoundException("Member.NotFound");
        }

        var registration = await db.MemberRegistrations.SingleAsync(r => r.Id == registrationId, ct);
        var asCommunity = user.MayManageCommunity(registration.StreetId, registration.CommunityId);
        var asEmployer = user is { IsUnitLeader: true } && registration.EmployerUnitId is { } unit && user.UnitId == unit;
        if (!asCommunity && !asEmployer)
        {
            throw new PortalForbiddenException("Error.ReadOnly");
        }

        if (version is { } v && v != registration.Version)
        {
            throw new PortalConflictException("Error.ConcurrencyConflict");
        }

        return (registration, asCommunity, asEmployer);
    }

    private static Task<string> CommunityNameAsync(PortalDbContext db, MemberRegistration registration, CancellationToken ct) =>
        db.Communities.AsNoTracking().Where(c => c.Id == registration.CommunityId).Select(c => c.Name).SingleAsync(ct);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
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

    private async Task<RegistrationDto> ReadBackAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registration = await db.MemberRegistrations.AsNoTracking().SingleAsync(r => r.Id == id, ct);
        var communityName = await db.Communities.Where(c => c.Id == registration.CommunityId).Select(c => c.Name).SingleAsync(ct);
        return MemberRegistrationMapping.ToDto(registration, communityName, scope.User, whole: scope.User.MaySeePersonalData(registration), list: true);
    }
}

/// <summary>
/// Each change of a registration's status is told to the member on their own account (the bell and /notifications):
/// one notification per change (the key carries the moment, so a registration returned, sent again and returned
/// again the same day is told twice). The portal sends no e-mail; a member who cannot sign in yet (pending, returned)
/// is told the state and the reason on the sign-in page (<see cref="MemberSignInGate"/>).
/// </summary>
internal static class MemberStatusNotices
{
    public static void Add(PortalDbContext db, MemberRegistration registration, NotificationKind kind, List<string> arguments, BusinessCalendar calendar) =>
        db.Notifications.Add(new Notification
        {
            RecipientUserId = registration.UserId,
            StreetId = registration.StreetId,
            Kind = kind,
            ItemKey = $"member-registration:{registration.Id}:{kind}:{calendar.UtcNow.UtcTicks}",
            Day = calendar.Today,
            Arguments = arguments,
            LinkUrl = "/",
            CreatedAt = calendar.UtcNow,
        });
}

internal static class MemberRegistrationMapping
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Rule 10: name, phone, e-mail and building whole for the person and their community's and street's staff. In lists
    /// the phone is masked even for them (the record's page shows it whole, and that read is audited).
    /// </summary>
    public static RegistrationDto ToDto(MemberRegistration r, string communityName, PortalUser user, bool whole, bool list = false) => new(
        r.Id,
        r.StreetId,
        r.CommunityId,
        communityName,
        whole ? r.Name : PersonalDataMask.Name(r.Name),
        whole && !list ? r.Phone : PersonalDataMask.Phone(r.Phone),
        whole ? r.Email : null,
        whole ? r.Building : null,
        r.EmployerUnitId,
        r.EmployerName,
        r.EmployerPartyOrganisation,
        r.Status,
        r.Source,
        r.SubmittedAt,
        r.CommunityConfirmedAt,
        r.EmploymentConfirmedAt,
        r.RegisteredOn,
        r.ReturnReason,
        r.MovedAwayOn,
        r.Status == RegistrationStatus.Pending && r.CommunityConfirmedAt is null,
        r.Status == RegistrationStatus.Pending && r.EmployerUnitId is not null && r.EmploymentConfirmedAt is null,
        whole,
        r.Version);

    public static void RecordPersonalDataRead(PortalDbContext db, PortalUser user, MemberRegistration registration, DateTimeOffset at) =>
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = at,
            UserId = user.Id,
            UserName = user.Email,
            EntityType = nameof(MemberRegistration),
            EntityId = registration.Id.ToString(),
            Action = AuditAction.PersonalDataRead,
            StreetId = registration.StreetId,
            Changes = JsonSerializer.Serialize(new[] { new AuditChange(nameof(MemberRegistration.Name), null, PersonalDataMask.Name(registration.Name)) }, JsonOptions),
        });
}
