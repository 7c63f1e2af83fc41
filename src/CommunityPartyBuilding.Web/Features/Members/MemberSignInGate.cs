using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>
/// An in-service member's account works once the registration took effect (the community confirmed it and, for a member
/// unit, the employer confirmed the employment). Asked after the password was checked, so that the answer tells nothing
/// to someone who does not know it. A member who moved away still signs in to read their own history.
/// </summary>
public sealed class MemberSignInGate(IDbContextFactory<PortalDbContext> dbFactory) : Infrastructure.IHandler
{
    public async Task<bool> MaySignInAsync(ApplicationUser user, CancellationToken ct = default)
    {
        if (user.Role != PortalRole.PartyMember)
        {
            return true;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var status = await db.MemberRegistrations.Where(r => r.UserId == user.Id).Select(r => (RegistrationStatus?)r.Status).FirstOrDefaultAsync(ct);
        return status is RegistrationStatus.Registered or RegistrationStatus.MovedAway;
    }

    /// <summary>Why a member may not sign in, for the sign-in page once the password was right: the return reason when the registration was returned.</summary>
    public async Task<string?> ReturnReasonAsync(ApplicationUser user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MemberRegistrations.Where(r => r.UserId == user.Id && r.Status == RegistrationStatus.Returned).Select(r => r.ReturnReason).FirstOrDefaultAsync(ct);
    }
}
