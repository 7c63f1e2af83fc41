using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Administration;
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
            PortalRole.StreetStaff or PortalRole.UnitLeader => streets.Where(s => s.Id == user.StreetId),
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
        var user = User;
        if (!(user.IsStreetStaff && user.StreetId == streetId))
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
}
