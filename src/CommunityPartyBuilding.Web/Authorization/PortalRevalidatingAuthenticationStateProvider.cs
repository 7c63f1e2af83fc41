using System.Security.Claims;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Authorization;

/// <summary>
/// Re-checks an open circuit every five seconds: the server-side session (<see cref="ServerSessions"/>), the security stamp (ended sessions, locks, resets), the 12-hour
/// absolute limit and the 30-minute idle limit measured on the circuit's own inbound activity.
/// </summary>
internal sealed class PortalRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> identityOptions,
    IOptions<PortalOptions> portalOptions,
    Microsoft.EntityFrameworkCore.IDbContextFactory<Data.PortalDbContext> dbFactory,
    CircuitActivity circuit,
    TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>Often, so that a sign-out elsewhere or "end all sessions" closes an open circuit within seconds (one indexed lookup).</summary>
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var security = portalOptions.Value.Security;
        if (AuthServiceCollectionExtensions.SessionTooOld(authenticationState.User, clock, security)
            || clock.GetUtcNow() - circuit.LastActivity > TimeSpan.FromMinutes(security.IdleTimeoutMinutes))
        {
            return false;
        }

        if (!await ServerSessions.IsAliveAsync(dbFactory, authenticationState.User, cancellationToken))
        {
            return false;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await userManager.GetUserAsync(authenticationState.User);
        if (user is null)
        {
            return false;
        }

        var principalStamp = authenticationState.User.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await userManager.GetSecurityStampAsync(user);
    }
}
