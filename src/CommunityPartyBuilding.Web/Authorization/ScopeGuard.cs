using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Authorization;

/// <summary>
/// The one place where "may this person see / change this street's data" is decided. Every handler asks it,
/// whether it was called from a page, a Blazor event or the API.
/// Reads outside scope are refused as not found (existence is not revealed); writes to readable data
/// that the role may not change are refused as forbidden.
/// </summary>
public sealed class ScopeGuard(ICurrentUser currentUser)
{
    public PortalUser User => currentUser.Required;

    /// <summary>Streets the current user may read.</summary>
    public IQueryable<Street> VisibleStreets(PortalDbContext db)
    {
        var user = User;
        var streets = db.Streets.AsNoTracking();
        return user.Role switch
        {
            PortalRole.SystemAdministrator => streets,
            PortalRole.OrganisationDepartment => streets.Where(s => s.OrganisationDepartmentId == user.OrganisationDepartmentId),
            PortalRole.StreetStaff or PortalRole.UnitLeader or PortalRole.CommunityStaff => streets.Where(s => s.Id == user.StreetId),
            _ => streets.Where(_ => false),
        };
    }

    public async Task EnsureCanReadStreetAsync(PortalDbContext db, Guid streetId, CancellationToken ct)
    {
        if (!await VisibleStreets(db).AnyAsync(s => s.Id == streetId, ct))
        {
            throw new PortalNotFoundException("Error.StreetNotFound");
        }
    }

    /// <summary>Street staff of that very street: the people who manage its committee, units, meetings…</summary>
    public async Task EnsureCanManageStreetAsync(PortalDbContext db, Guid streetId, CancellationToken ct)
    {
        await EnsureCanReadStreetAsync(db, streetId, ct);
        EnsureManagesStreet(streetId);
    }

    /// <summary>
    /// 403 unless the current user manages the street (<see cref="ScopeRules.MayManageStreet"/>). For data already read
    /// within scope, so that readers who may not change it are told so rather than "not found".
    /// </summary>
    public void EnsureManagesStreet(Guid streetId)
    {
        if (!User.MayManageStreet(streetId))
        {
            throw new PortalForbiddenException("Error.ReadOnly");
        }
    }

    public void EnsureAdministrator()
    {
        if (!User.IsAdministrator)
        {
            throw new PortalForbiddenException();
        }
    }

    /// <summary>Administrators, or staff of that street (communities, leader accounts).</summary>
    public async Task EnsureAdministratorOrStaffOfAsync(PortalDbContext db, Guid streetId, CancellationToken ct)
    {
        if (User.IsAdministrator)
        {
            if (!await db.Streets.AnyAsync(s => s.Id == streetId, ct))
            {
                throw new PortalNotFoundException("Error.StreetNotFound");
            }

            return;
        }

        await EnsureCanManageStreetAsync(db, streetId, ct);
    }

    /// <summary>Member units the current user may read: a unit leader only their own unit.</summary>
    public IQueryable<MemberUnit> VisibleUnits(PortalDbContext db)
    {
        var user = User;
        var units = db.MemberUnits.AsNoTracking();
        return user.Role switch
        {
            PortalRole.SystemAdministrator => units,
            PortalRole.OrganisationDepartment => units.Where(u => db.Streets.Any(s => s.Id == u.StreetId && s.OrganisationDepartmentId == user.OrganisationDepartmentId)),
            PortalRole.StreetStaff or PortalRole.CommunityStaff => units.Where(u => u.StreetId == user.StreetId),
            PortalRole.UnitLeader => units.Where(u => u.Id == user.UnitId),
            _ => units.Where(_ => false),
        };
    }

    /// <summary>The unit's street, if the user may read the unit; otherwise not found.</summary>
    public async Task<Guid> EnsureCanReadUnitAsync(PortalDbContext db, Guid unitId, CancellationToken ct) =>
        (await ReadableUnitScopeAsync(db, unitId, ct)).StreetId;

    /// <summary>Whoever manages the unit (<see cref="ScopeRules.MayManageUnit"/>); returns the unit's street.</summary>
    public async Task<Guid> EnsureCanManageUnitAsync(PortalDbContext db, Guid unitId, CancellationToken ct)
    {
        var (streetId, communityId) = await ReadableUnitScopeAsync(db, unitId, ct);
        return User.MayManageUnit(streetId, communityId) ? streetId : throw new PortalForbiddenException("Error.ReadOnly");
    }

    /// <summary>Lists of a street's units are for street readers, not for unit leaders (who see only their unit).</summary>
    public async Task EnsureCanListUnitsAsync(PortalDbContext db, Guid streetId, CancellationToken ct)
    {
        await EnsureCanReadStreetAsync(db, streetId, ct);
        if (User.IsUnitLeader)
        {
            throw new PortalForbiddenException();
        }
    }

    /// <summary>The unit's own leaders, or staff of its street: who may log and correct the unit's activities.</summary>
    public async Task<Guid> EnsureCanActForUnitAsync(PortalDbContext db, Guid unitId, CancellationToken ct)
    {
        var (streetId, communityId) = await ReadableUnitScopeAsync(db, unitId, ct);
        return User.MayActForUnit(streetId, communityId, unitId) ? streetId : throw new PortalForbiddenException("Error.ReadOnly");
    }

    private async Task<(Guid StreetId, Guid? CommunityId)> ReadableUnitScopeAsync(PortalDbContext db, Guid unitId, CancellationToken ct)
    {
        var unit = await VisibleUnits(db).Where(u => u.Id == unitId).Select(u => new { u.StreetId, u.CommunityId }).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.UnitNotFound");
        return (unit.StreetId, unit.CommunityId);
    }
}
