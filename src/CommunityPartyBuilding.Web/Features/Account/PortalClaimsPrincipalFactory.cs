using System.Globalization;
using System.Security.Claims;
using CommunityPartyBuilding.Web.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Account;

/// <summary>Adds the portal's role and scope claims to every principal built for a user (cookie or token).</summary>
public sealed class PortalClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    IOptions<IdentityOptions> options,
    TimeProvider clock)
    : UserClaimsPrincipalFactory<ApplicationUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        if (user.OrganisationDepartmentId is { } orgDept)
        {
            identity.AddClaim(new Claim(PortalClaims.OrganisationDepartment, orgDept.ToString()));
        }

        if (user.StreetId is { } street)
        {
            identity.AddClaim(new Claim(PortalClaims.Street, street.ToString()));
        }

        if (user.CommunityId is { } community)
        {
            identity.AddClaim(new Claim(PortalClaims.Community, community.ToString()));
        }

        if (user.MemberRegistrationId is { } registration)
        {
            identity.AddClaim(new Claim(PortalClaims.MemberRegistration, registration.ToString()));
        }

        if (user.UnitId is { } unit)
        {
            identity.AddClaim(new Claim(PortalClaims.Unit, unit.ToString()));
        }

        identity.AddClaim(new Claim(PortalClaims.MustChangePassword, user.MustChangePassword ? "1" : "0"));
        identity.AddClaim(new Claim(PortalClaims.TwoFactorEnabled, user.TwoFactorEnabled ? "1" : "0"));
        identity.AddClaim(new Claim(PortalClaims.LargeText, user.LargeText ? "1" : "0"));
        identity.AddClaim(new Claim(
            PortalClaims.SignedInAt,
            clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return identity;
    }
}
