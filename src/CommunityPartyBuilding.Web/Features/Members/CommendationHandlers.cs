using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Notifications;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Members;

public sealed record CommendationInput(int? Year, string? Citation);

/// <param name="CommendationId">The commendation the caller saw; when given and no longer the year's standing one (withdrawn
/// and named again meanwhile), the withdrawal is refused (409) instead of hitting the newer one.</param>
public sealed record CommendationWithdrawInput(string? Reason, Guid? CommendationId = null);

public sealed record RemarkInput(int? Year, int? Quarter, string? Text);

/// <summary>Who may read and write a member's commendations and remarks, and the notices to the member's unit.</summary>
internal static class MemberBackToUnit
{
    /// <summary>
    /// The registration for a write by community staff (of the member's community) or street staff: 404 outside the
    /// caller's streets, 403 for anyone else who can see the street (organisation departments, unit leaders, other communities).
    /// </summary>
    public static async Task<MemberRegistration> LoadForWriteAsync(ScopeGuard scope, PortalDbContext db, Guid registrationId, CancellationToken ct)
    {
        var streets = scope.VisibleStreets(db).Select(s => s.Id);
        var registration = await db.MemberRegistrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == registrationId && streets.Contains(r.StreetId), ct)
            ?? throw new PortalNotFoundException("Error.NotFound");
        return scope.User.MayManageCommunity(registration.StreetId, registration.CommunityId) ? registration : throw new PortalForbiddenException("Error.ReadOnly");
    }

    /// <summary>Notifies the leaders of a member unit (once per item and day).</summary>
    public static async Task NotifyUnitLeadersAsync(PortalDbContext db, Guid unitId, Guid streetId, NotificationKind kind, string itemKey, List<string> arguments,
        string link, BusinessCalendar calendar, CancellationToken ct)
    {
        var today = calendar.Today;
        var leaders = await db.Users.Where(u => u.Role == PortalRole.UnitLeader && u.UnitId == unitId).Select(u => u.Id).ToListAsync(ct);
        var already = await db.Notifications.Where(n => n.ItemKey == itemKey && n.Day == today && leaders.Contains(n.RecipientUserId)).Select(n => n.RecipientUserId).ToListAsync(ct);
        foreach (var leader in leaders.Except(already))
        {
            db.Notifications.Add(new Notification
            {
                RecipientUserId = leader,
                StreetId = streetId,
                Kind = kind,
                ItemKey = itemKey,
                Day = today,
                Arguments = arguments,
                LinkUrl = link,
                CreatedAt = calendar.UtcNow,
            });
        }
    }
}

/// <summary>POST /member-registrations/{id}/commendations: the community names a member outstanding (优秀) for a year; the unit's leaders are told.</summary>
public sealed class NameOutstandingMember(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<Guid> HandleAsync(Guid registrationId, CommendationInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registration = await MemberBackToUnit.LoadForWriteAsync(scope, db, registrationId, ct);
        var failures = new List<ValidationFailure>();
        var today = calendar.Today;
        if (input.Year is not { } year || year < 2000 || year > today.Year)
        {
            failures.Add(new("year", "Validation.Range", "Field.Year", 2000, today.Year));
            year = 0;
        }

        Units.UnitRules.Text(failures, input.Citation, "citation", "Field.Member.Citation", MemberRules.CitationMaxLength, required: true);
        PortalValidationException.ThrowIfAny(failures);
        if (!MemberFigures.RegisteredDuring(registration.Status, registration.RegisteredOn, registration.MovedAwayOn, year))
        {
            throw new PortalConflictException("Member.NotRegisteredInYear");
        }

        if (await db.MemberCommendations.AnyAsync(c => c.RegistrationId == registrationId && c.Year == year && c.WithdrawnAt == null, ct))
        {
            throw new PortalConflictException("Member.CommendationExists");
        }

        var user = scope.User;
        var commendation = new MemberCommendation
        {
            StreetId = registration.StreetId,
            RegistrationId = registrationId,
            Year = year,
            Citation = input.Citation!.Trim(),
            NamedAt = calendar.UtcNow,
            NamedBy = user.Email,
        };
        db.MemberCommendations.Add(commendation);
        if (registration.EmployerUnitId is { } unitId)
        {
            await MemberBackToUnit.NotifyUnitLeadersAsync(db, unitId, registration.StreetId, NotificationKind.MemberCommendationIssued,
                $"member-commendation:{commendation.Id}", [PersonalDataMask.Name(registration.Name), year.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                $"/units/{unitId}", calendar, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new PortalConflictException("Member.CommendationExists");
        }

        return commendation.Id;
    }
}

/// <summary>
/// POST /member-registrations/{id}/commendations/{year}/withdraw: the staff who may name a member outstanding (community
/// staff of the member's community, street staff of its street) withdraw that year's standing commendation, with a
/// reason. It is kept and marked withdrawn (when, by whom, why; audited as any change); it no longer counts or shows as
/// outstanding, its 喜报 is no longer issued, and a 喜报 already issued says so when verified. The member is told why;
/// the unit's leaders, who were told of the 喜报, are told it was withdrawn (without the reason). The member may be named
/// again for that year.
/// </summary>
public sealed class WithdrawCommendation(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<MemberCommendationDto> HandleAsync(Guid registrationId, int year, CommendationWithdrawInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registration = await MemberBackToUnit.LoadForWriteAsync(scope, db, registrationId, ct);
        var failures = new List<ValidationFailure>();
        Units.UnitRules.Text(failures, input.Reason, "reason", "Field.Member.WithdrawReason", MemberRules.ReasonMaxLength, required: true);
        PortalValidationException.ThrowIfAny(failures);

        var commendations = await db.MemberCommendations.Where(c => c.RegistrationId == registrationId && c.Year == year).ToListAsync(ct);
        if (commendations.Count == 0)
        {
            throw new PortalNotFoundException("Member.CommendationNotFound");
        }

        var commendation = commendations.SingleOrDefault(c => c.WithdrawnAt is null)
            ?? throw new PortalConflictException("Member.CommendationAlreadyWithdrawn", year);
        if (input.CommendationId is { } seen && seen != commendation.Id)
        {
            throw new PortalConflictException("Member.CommendationChanged", year);
        }

        var user = scope.User;
        commendation.WithdrawnAt = calendar.UtcNow;
        commendation.WithdrawnBy = user.Email;
        commendation.WithdrawReason = input.Reason!.Trim();
        var yearText = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var community = await db.Communities.AsNoTracking().Where(c => c.Id == registration.CommunityId).Select(c => c.Name).SingleAsync(ct);
        db.Notifications.Add(new Notification
        {
            RecipientUserId = registration.UserId,
            StreetId = registration.StreetId,
            Kind = NotificationKind.MemberCommendationWithdrawn,
            ItemKey = $"member-commendation:{commendation.Id}:withdrawn",
            Day = calendar.Today,
            Arguments = [community, yearText, commendation.WithdrawReason],
            LinkUrl = "/",
            CreatedAt = calendar.UtcNow,
        });
        if (registration.EmployerUnitId is { } unitId)
        {
            await MemberBackToUnit.NotifyUnitLeadersAsync(db, unitId, registration.StreetId, NotificationKind.MemberCommendationWithdrawnForUnit,
                $"member-commendation:{commendation.Id}:withdrawn", [PersonalDataMask.Name(registration.Name), yearText], $"/units/{unitId}", calendar, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            // Withdrawn by someone else at the same moment (the row's version, or the notice already there): theirs
            // stands, and the member was told once.
            throw new PortalConflictException("Member.CommendationAlreadyWithdrawn", year);
        }

        return GetMemberRemarks.ToDto(commendation);
    }
}

/// <summary>POST /member-registrations/{id}/remarks: the community's remark on a member for a quarter (written again, it replaces the earlier one).</summary>
public sealed class WriteMemberRemark(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<Guid> HandleAsync(Guid registrationId, RemarkInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registration = await MemberBackToUnit.LoadForWriteAsync(scope, db, registrationId, ct);
        var failures = new List<ValidationFailure>();
        var today = calendar.Today;
        if (input.Year is not { } year || year < 2000 || year > today.Year)
        {
            failures.Add(new("year", "Validation.Range", "Field.Year", 2000, today.Year));
            year = 0;
        }

        if (input.Quarter is not { } quarter || quarter is < 1 or > 4)
        {
            failures.Add(new("quarter", "Validation.Range", "Field.Quarter", 1, 4));
            quarter = 0;
        }

        Units.UnitRules.Text(failures, input.Text, "text", "Field.Member.Remark", MemberRules.RemarkMaxLength, required: true);
        PortalValidationException.ThrowIfAny(failures);
        if (MemberFigures.QuarterBounds(year, quarter).From > today)
        {
            throw new PortalValidationException([new("quarter", "Member.QuarterNotStarted")]);
        }

        var remark = await db.MemberRemarks.FirstOrDefaultAsync(r => r.RegistrationId == registrationId && r.Year == year && r.Quarter == quarter, ct);
        if (remark is null)
        {
            remark = new MemberRemark { StreetId = registration.StreetId, RegistrationId = registrationId, Year = year, Quarter = quarter, Text = "", WrittenBy = "" };
            db.MemberRemarks.Add(remark);
        }

        remark.Text = input.Text!.Trim();
        remark.WrittenAt = calendar.UtcNow;
        remark.WrittenBy = scope.User.Email;
        await db.SaveChangesAsync(ct);
        return remark.Id;
    }
}

/// <summary>A community's remark on a member for a quarter.</summary>
public sealed record MemberRemarkDto(Guid Id, Guid RegistrationId, int Year, int Quarter, string Text, DateTimeOffset WrittenAt);

/// <summary>A member named outstanding for a year (the 喜报 is issued from it while it stands); a withdrawn one says when and why.</summary>
public sealed record MemberCommendationDto(Guid Id, Guid RegistrationId, int Year, string Citation, DateTimeOffset NamedAt,
    DateTimeOffset? WithdrawnAt = null, string? WithdrawReason = null)
{
    public bool Withdrawn => WithdrawnAt is not null;
}

/// <summary>
/// GET /member-registrations/{id}/remarks and /commendations, and the same for a page of the members list: the remarks
/// for whoever writes them (the member's community staff, the street's staff) and the employer unit's leaders (they are
/// printed on its 反馈函); the commendations also for the member. Others: 404, as for the registration itself.
/// </summary>
public sealed class GetMemberRemarks(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<IReadOnlyList<MemberRemarkDto>> RemarksAsync(Guid registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureVisibleAsync(db, registrationId, remarks: true, ct);
        return await RemarksOf(db, [registrationId]).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<MemberCommendationDto>> CommendationsAsync(Guid registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureVisibleAsync(db, registrationId, remarks: false, ct);
        return ForReader(await CommendationsOf(db, [registrationId]).ToListAsync(ct));
    }

    /// <summary>Why a commendation was withdrawn is for the member and their community's and street's staff, not the unit's leaders.</summary>
    private List<MemberCommendationDto> ForReader(List<MemberCommendationDto> commendations) =>
        scope.User.IsUnitLeader ? commendations.Select(c => c with { WithdrawReason = null }).ToList() : commendations;

    /// <summary>The remarks and commendations of those of <paramref name="registrationIds"/> the reader may see (one query each).</summary>
    public async Task<(ILookup<Guid, MemberRemarkDto> Remarks, ILookup<Guid, MemberCommendationDto> Commendations)> ForRegistrationsAsync(
        IReadOnlyCollection<Guid> registrationIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await scope.VisibleRegistrations(db).Where(r => registrationIds.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct);
        var remarks = scope.User.IsPartyMember ? [] : await RemarksOf(db, visible).ToListAsync(ct);
        var commendations = ForReader(await CommendationsOf(db, visible).ToListAsync(ct));
        return (remarks.ToLookup(r => r.RegistrationId), commendations.ToLookup(c => c.RegistrationId));
    }

    private async Task EnsureVisibleAsync(PortalDbContext db, Guid registrationId, bool remarks, CancellationToken ct)
    {
        if (!await scope.VisibleRegistrations(db).AnyAsync(r => r.Id == registrationId, ct))
        {
            throw new PortalNotFoundException("Member.NotFound");
        }

        if (remarks && scope.User.IsPartyMember)
        {
            throw new PortalForbiddenException();
        }
    }

    private static IQueryable<MemberRemarkDto> RemarksOf(PortalDbContext db, IReadOnlyCollection<Guid> ids) =>
        db.MemberRemarks.AsNoTracking().Where(r => ids.Contains(r.RegistrationId))
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Quarter)
            .Select(r => new MemberRemarkDto(r.Id, r.RegistrationId, r.Year, r.Quarter, r.Text, r.WrittenAt));

    internal static MemberCommendationDto ToDto(MemberCommendation c) =>
        new(c.Id, c.RegistrationId, c.Year, c.Citation, c.NamedAt, c.WithdrawnAt, c.WithdrawReason);

    /// <summary>Standing and withdrawn commendations, latest year first and, within a year, the standing one first.</summary>
    private static IQueryable<MemberCommendationDto> CommendationsOf(PortalDbContext db, IReadOnlyCollection<Guid> ids) =>
        db.MemberCommendations.AsNoTracking().Where(c => ids.Contains(c.RegistrationId))
            .OrderByDescending(c => c.Year).ThenBy(c => c.WithdrawnAt != null).ThenByDescending(c => c.NamedAt)
            .Select(c => new MemberCommendationDto(c.Id, c.RegistrationId, c.Year, c.Citation, c.NamedAt, c.WithdrawnAt, c.WithdrawReason));
}
