using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Authorization;

/// <summary>
/// Sets the audit actor for the request, and keeps a signed-in person on the account pages until they have
/// changed a temporary password (and, where enforced, an administrator has enrolled an authenticator).
/// </summary>
public sealed class AccountGateMiddleware(RequestDelegate next, IOptions<PortalOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var user = PortalUser.FromPrincipal(context.User);
        AuditActor.Current = user is null ? null : new AuditActor.Actor(user.Id, user.Email);
        if (user is null || !IsPage(context.Request.Path))
        {
            return next(context);
        }

        var target = GateTarget(context.User, options.Value.Security);
        if (target is not null && !context.Request.Path.StartsWithSegments("/Account"))
        {
            context.Response.Redirect(target);
            return Task.CompletedTask;
        }

        return next(context);
    }

    /// <summary>Where this person must go before anything else, or null.</summary>
    public static string? GateTarget(System.Security.Claims.ClaimsPrincipal principal, SecurityOptions security)
    {
        if (principal.FindFirst(PortalClaims.MustChangePassword)?.Value == "1")
        {
            return "/Account/ChangePassword";
        }

        if (security.RequireTwoFactorForAdministrators
            && principal.IsInRole(PortalRoles.SystemAdministrator)
            && principal.FindFirst(PortalClaims.TwoFactorEnabled)?.Value != "1")
        {
            return "/Account/Manage/TwoFactor";
        }

        return null;
    }

    private static bool IsPage(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/_framework") && !path.StartsWithSegments("/_content")
        && !path.StartsWithSegments("/_blazor") && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/culture")
        && !Path.HasExtension(path.Value);
}
