using System.Linq.Expressions;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Data.Configurations;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Units;

/// <summary>A member unit as lists, pages and the API show it.</summary>
public sealed record UnitDto(
    Guid Id,
    Guid StreetId,
    string Name,
    string CreditCode,
    UnitCategory Category,
    string PartyOrganisationName,
    PartyOrganisationType PartyOrganisationType,
    int PartyMemberCount,
    string Address,
    Guid? CommunityId,
    string? CommunityName,
    string ContactPerson,
    string ContactPhone,
    DateOnly JoinedOn,
    UnitStatus Status,
    DateOnly? WithdrawnOn,
    string? WithdrawalReason,
    uint Version);

public enum UnitSort
{
    Name,
    CreditCode,
    Category,
    PartyMemberCount,
    JoinedOn,
    Community,
}

public sealed record UnitQuery
{
    public string? Search { get; init; }

    public UnitCategory? Category { get; init; }

    /// <summary>Null: active units only (withdrawn ones are hidden unless asked for).</summary>
    public UnitStatus? Status { get; init; }

    public bool IncludeWithdrawn { get; init; }

    public Guid? CommunityId { get; init; }

    public UnitSort Sort { get; init; } = UnitSort.Name;

    public bool Descending { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

internal static class UnitQueries
{
    public static IQueryable<MemberUnit> Filter(IQueryable<MemberUnit> units, UnitQuery query)
    {
        if (query.Status is { } status)
        {
            units = units.Where(u => u.Status == status);
        }
        else if (!query.IncludeWithdrawn)
        {
            units = units.Where(u => u.Status == UnitStatus.Active);
        }

        if (query.Category is { } category)
        {
            units = units.Where(u => u.Category == category);
        }

        if (query.CommunityId is { } community)
        {
            units = units.Where(u => u.CommunityId == community);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            var like = "%" + EscapeLike(term) + "%";
            var codePrefix = EscapeLike(CreditCode.Normalise(term)) + "%";
            units = units.Where(u => EF.Functions.ILike(u.Name, like, LikePattern.EscapeCharacter) || EF.Functions.Like(u.CreditCode, codePrefix, LikePattern.EscapeCharacter));
        }

        return units;

        // % and _ typed by a person are literal characters, in the name fragment and in the credit-code prefix alike.
        static string EscapeLike(string text) =>
            text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
    }

    /// <summary>
    /// Categories are stored as text: sort by their order in <see cref="UnitCategory"/> (党政机关 first, 其他 last), not
    /// alphabetically by their English names. Translates to a SQL CASE.
    /// </summary>
    private static readonly Expression<Func<MemberUnit, int>> CategoryRank = BuildCategoryRank();

    private static Expression<Func<MemberUnit, int>> BuildCategoryRank()
    {
        var unit = Expression.Parameter(typeof(MemberUnit), "u");
        var category = Expression.Property(unit, nameof(MemberUnit.Category));
        var values = Enum.GetValues<UnitCategory>();
        Expression rank = Expression.Constant(values.Length);
        for (var i = values.Length - 1; i >= 0; i--)
        {
            rank = Expression.Condition(Expression.Equal(category, Expression.Constant(values[i])), Expression.Constant(i), rank);
        }

        return Expression.Lambda<Func<MemberUnit, int>>(rank, unit);
    }

    public static IQueryable<MemberUnit> Order(IQueryable<MemberUnit> units, UnitSort sort, bool descending) => (sort, descending) switch
    {
        (UnitSort.CreditCode, false) => units.OrderBy(u => u.CreditCode),
        (UnitSort.CreditCode, true) => units.OrderByDescending(u => u.CreditCode),
        (UnitSort.Category, false) => units.OrderBy(CategoryRank).ThenBy(u => u.Name),
        (UnitSort.Category, true) => units.OrderByDescending(CategoryRank).ThenBy(u => u.Name),
        (UnitSort.PartyMemberCount, false) => units.OrderBy(u => u.PartyMemberCount).ThenBy(u => u.Name),
        (UnitSort.PartyMemberCount, true) => units.OrderByDescending(u => u.PartyMemberCount).ThenBy(u => u.Name),
        (UnitSort.JoinedOn, false) => units.OrderBy(u => u.JoinedOn).ThenBy(u => u.Name),
        (UnitSort.JoinedOn, true) => units.OrderByDescending(u => u.JoinedOn).ThenBy(u => u.Name),
        (UnitSort.Community, false) => units.OrderBy(u => u.CommunityId).ThenBy(u => u.Name),
        (UnitSort.Community, true) => units.OrderByDescending(u => u.CommunityId).ThenBy(u => u.Name),
        (_, true) => units.OrderByDescending(u => u.Name).ThenBy(u => u.Id),
        _ => units.OrderBy(u => u.Name).ThenBy(u => u.Id),
    };

    public static IQueryable<UnitDto> Project(IQueryable<MemberUnit> units, PortalDbContext db) => units.Select(u => new UnitDto(
        u.Id, u.StreetId, u.Name, u.CreditCode, u.Category, u.PartyOrganisationName, u.PartyOrganisationType, u.PartyMemberCount,
        u.Address, u.CommunityId, db.Communities.Where(c => c.Id == u.CommunityId).Select(c => c.Name).FirstOrDefault(),
        u.ContactPerson, u.ContactPhone, u.JoinedOn, u.Status, u.WithdrawnOn, u.WithdrawalReason, u.Version));
}

public sealed class GetUnits(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<PagedResult<UnitDto>> HandleAsync(Guid streetId, UnitQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanListUnitsAsync(db, streetId, ct);
        var units = UnitQueries.Filter(db.MemberUnits.AsNoTracking().Where(u => u.StreetId == streetId), query);
        var total = await units.CountAsync(ct);
        var page = Paging.Clamp(query.Page, query.PageSize);
        var items = await UnitQueries.Project(UnitQueries.Order(units, query.Sort, query.Descending).Skip(page.Skip).Take(page.Take), db)
            .ToListAsync(ct);
        return new PagedResult<UnitDto>(items, total);
    }

    /// <summary>Every unit matching the filter (for the Excel export), in the list's order.</summary>
    public async Task<List<UnitDto>> AllAsync(Guid streetId, UnitQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanListUnitsAsync(db, streetId, ct);
        var units = UnitQueries.Filter(db.MemberUnits.AsNoTracking().Where(u => u.StreetId == streetId), query);
        return await UnitQueries.Project(UnitQueries.Order(units, query.Sort, query.Descending), db).ToListAsync(ct);
    }

    /// <summary>Active units of a street for pickers (committee members, leader accounts).</summary>
    public async Task<List<UnitOption>> OptionsAsync(Guid streetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadStreetAsync(db, streetId, ct);
        return await scope.VisibleUnits(db).Where(u => u.StreetId == streetId && u.Status == UnitStatus.Active)
            .OrderBy(u => u.Name).Select(u => new UnitOption(u.Id, u.Name, u.Category)).ToListAsync(ct);
    }
}

public sealed record UnitOption(Guid Id, string Name, UnitCategory Category);

public sealed record UnitLeaderDto(string Id, string Email, string DisplayName, string? JobTitle, bool MustChangePassword, bool IsLockedOut);

public sealed record UnitDetail(UnitDto Unit, string StreetName, IReadOnlyList<CommitteeMemberDto> CommitteeMembers, IReadOnlyList<UnitLeaderDto> Leaders, bool CanEdit);

public sealed class GetUnit(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task<UnitDto> HandleAsync(Guid unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        return await UnitQueries.Project(db.MemberUnits.AsNoTracking().Where(u => u.Id == unitId), db).SingleAsync(ct);
    }

    public async Task<UnitDetail> DetailAsync(Guid unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streetId = await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        var unit = await UnitQueries.Project(db.MemberUnits.AsNoTracking().Where(u => u.Id == unitId), db).SingleAsync(ct);
        var streetName = await db.Streets.Where(s => s.Id == streetId).Select(s => s.Name).SingleAsync(ct);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.UnitId == unitId)
            .OrderByDescending(m => m.TermEnd)
            .Select(m => new CommitteeMemberDto(m.Id, m.PersonName, m.UnitId, unit.Name, unit.Category, m.Position, m.TermStart, m.TermEnd, m.Version))
            .ToListAsync(ct);
        var user = scope.User;
        var canEdit = user.MayManageUnit(streetId, unit.CommunityId);
        var now = clock.GetUtcNow();
        var leaders = user.IsStreetStaff || user.IsAdministrator || user.IsOrganisationDepartment || user.UnitId == unitId
            ? await db.Users.AsNoTracking().Where(u => u.UnitId == unitId)
                .OrderBy(u => u.DisplayName)
                .Select(u => new UnitLeaderDto(u.Id, u.Email!, u.DisplayName, u.JobTitle, u.MustChangePassword, u.LockoutEnd != null && u.LockoutEnd > now))
                .ToListAsync(ct)
            : [];
        return new UnitDetail(unit, streetName, members, leaders, canEdit);
    }
}

public sealed class SaveUnit(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    /// <summary>Creates a unit in the street (unitId null) or updates one. Street staff only.</summary>
    public async Task<Guid> HandleAsync(Guid streetId, Guid? unitId, UnitInput input, uint? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (unitId is { } existingId)
        {
            streetId = await scope.EnsureCanManageUnitAsync(db, existingId, ct);
        }
        else
        {
            await scope.EnsureCanManageStreetAsync(db, streetId, ct);
        }

        var failures = UnitRules.Validate(input, calendar.Today).ToList();
        var code = CreditCode.Normalise(input.CreditCode);
        if (input.CommunityId is { } communityId && !await db.Communities.AnyAsync(c => c.Id == communityId && c.StreetId == streetId, ct))
        {
            failures.Add(new(nameof(input.CommunityId), "Validation.CommunityNotInStreet"));
        }

        if (failures.All(f => f.Field != nameof(input.CreditCode))
            && await db.MemberUnits.AnyAsync(u => u.StreetId == streetId && u.CreditCode == code && u.Id != unitId, ct))
        {
            failures.Add(new(nameof(input.CreditCode), "Validation.DuplicateCreditCode", code));
        }

        PortalValidationException.ThrowIfAny(failures);

        MemberUnit unit;
        if (unitId is null)
        {
            unit = new MemberUnit { StreetId = streetId, Name = "", CreditCode = code };
            db.MemberUnits.Add(unit);
        }
        else
        {
            unit = await db.MemberUnits.SingleAsync(u => u.Id == unitId, ct);
        }

        Apply(unit, input);
        try
        {
            await db.SaveWithVersionAsync(unit, expectedVersion ?? unit.Version, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(MemberUnitConfiguration.CreditCodeIndex))
        {
            // Two people registered the same code at the same moment: the index decides, the loser gets a message.
            throw new PortalValidationException([new(nameof(input.CreditCode), "Validation.DuplicateCreditCode", code)]);
        }

        return unit.Id;
    }

    internal static void Apply(MemberUnit unit, UnitInput input)
    {
        unit.Name = input.Name.Trim();
        unit.CreditCode = CreditCode.Normalise(input.CreditCode);
        unit.Category = input.Category!.Value;
        unit.PartyOrganisationName = input.PartyOrganisationName.Trim();
        unit.PartyOrganisationType = input.PartyOrganisationType!.Value;
        unit.PartyMemberCount = input.PartyMemberCount;
        unit.Address = input.Address?.Trim() ?? "";
        unit.CommunityId = input.CommunityId;
        unit.ContactPerson = input.ContactPerson.Trim();
        unit.ContactPhone = UnitRules.NormalisePhone(input.ContactPhone);
        unit.JoinedOn = input.JoinedOn;
    }
}

/// <summary>
/// 退出: the unit and its history stay; it is marked withdrawn with a date and a reason. Scope: whoever manages the unit
/// (<see cref="ScopeGuard.EnsureCanManageUnitAsync"/>).
/// </summary>
public sealed class WithdrawUnit(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid unitId, DateOnly withdrawnOn, string? reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanManageUnitAsync(db, unitId, ct);
        var unit = await db.MemberUnits.SingleAsync(u => u.Id == unitId, ct);
        if (unit.Status == UnitStatus.Withdrawn)
        {
            throw new PortalConflictException("Error.UnitAlreadyWithdrawn");
        }

        PortalValidationException.ThrowIfAny(UnitRules.ValidateWithdrawal(withdrawnOn, reason, unit.JoinedOn, calendar.Today));
        unit.Status = UnitStatus.Withdrawn;
        unit.WithdrawnOn = withdrawnOn;
        unit.WithdrawalReason = reason!.Trim();
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// 恢复: a withdrawn unit becomes active again; the audit log keeps the withdrawal. Scope: whoever manages the unit
/// (<see cref="ScopeGuard.EnsureCanManageUnitAsync"/>).
/// </summary>
public sealed class ReinstateUnit(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task HandleAsync(Guid unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanManageUnitAsync(db, unitId, ct);
        var unit = await db.MemberUnits.SingleAsync(u => u.Id == unitId, ct);
        if (unit.Status == UnitStatus.Active)
        {
            throw new PortalConflictException("Error.UnitNotWithdrawn");
        }

        unit.Status = UnitStatus.Active;
        unit.WithdrawnOn = null;
        unit.WithdrawalReason = null;
        await db.SaveChangesAsync(ct);
    }
}
