using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>
/// Who may see and change in-service members' data. Members are deliberately absent from <see cref="ScopeGuard"/>'s
/// street and unit scopes (they read nothing of other people, rule 10 and the roles table): every route a member uses
/// asks here for the member's own registration.
/// </summary>
public static class MemberAccess
{
    /// <summary>The signed-in member's registration (any status: a member who moved away still reads their history).</summary>
    public static async Task<MemberRegistration> CurrentMemberAsync(this ScopeGuard scope, PortalDbContext db, CancellationToken ct)
    {
        var user = scope.User;
        if (!user.IsPartyMember || user.MemberRegistrationId is not { } id)
        {
            throw new PortalForbiddenException("Error.MembersOnly");
        }

        return await db.MemberRegistrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new PortalForbiddenException("Error.MembersOnly");
    }

    /// <summary>The signed-in member's registration when it is in effect (已报到): what claiming posts and logging service need.</summary>
    public static async Task<MemberRegistration> ActiveMemberAsync(this ScopeGuard scope, PortalDbContext db, CancellationToken ct)
    {
        var member = await scope.CurrentMemberAsync(db, ct);
        return member.Status == RegistrationStatus.Registered ? member : throw new PortalConflictException("Member.NotActive");
    }

    /// <summary>
    /// Registrations the current user may read: community staff their community's, street staff (and administrators) their
    /// street's, a unit leader those employed by their unit, a member their own. Organisation departments read figures, not people.
    /// </summary>
    public static IQueryable<MemberRegistration> VisibleRegistrations(this ScopeGuard scope, PortalDbContext db)
    {
        var user = scope.User;
        var registrations = db.MemberRegistrations.AsNoTracking();
        return user.Role switch
        {
            PortalRole.SystemAdministrator => registrations,
            PortalRole.StreetStaff => registrations.Where(r => r.StreetId == user.StreetId),
            PortalRole.CommunityStaff => registrations.Where(r => r.StreetId == user.StreetId && r.CommunityId == user.CommunityId),
            PortalRole.UnitLeader => registrations.Where(r => r.EmployerUnitId == user.UnitId),
            PortalRole.PartyMember => registrations.Where(r => r.Id == user.MemberRegistrationId),
            _ => registrations.Where(_ => false),
        };
    }

    /// <summary>Rule 10: the member's name and phone whole — the person, their community's staff, their street's staff.</summary>
    public static bool MaySeePersonalData(this PortalUser? user, MemberRegistration registration) =>
        user is not null
        && (user.MemberRegistrationId == registration.Id || user.MayManageCommunity(registration.StreetId, registration.CommunityId));
}
