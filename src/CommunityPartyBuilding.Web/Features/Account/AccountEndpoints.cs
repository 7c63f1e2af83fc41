using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyBuilding.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary>Sign-out (a form POST, protected by antiforgery) and the keep-alive the idle timer pings.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account").ExcludeFromDescription();
        account.MapPost("/Logout", async (SignInManager<ApplicationUser> signInManager, UserManager<ApplicationUser> userManager, SecurityEvents events, HttpContext http, [FromForm] string? reason) =>
        {
            // Ends this session on the server too (ServerSessions): a copy of the cookie no longer works.
            var user = await userManager.GetUserAsync(http.User);
            await signInManager.SignOutAsync();
            if (user is not null)
            {
                await events.RecordAsync(SecurityEvent.SignedOut, user, detail: reason == "idle" ? "idle timeout" : null);
            }

            return TypedResults.LocalRedirect(reason == "idle" ? "~/Account/Login?reason=idle" : "~/Account/Login");
        });

        // The larger-text setting (适老化): kept on the account when signed in, and in a cookie for this browser either way
        // (so the sign-in and public ballot pages follow it too). A form POST with antiforgery, then back to the page.
        endpoints.MapPost("/preferences/text-size", async (
            HttpContext context,
            UserManager<ApplicationUser> userManager,
            SignInManager<ApplicationUser> signInManager,
            [FromForm] bool large,
            [FromForm] string? returnUrl) =>
        {
            TextSize.Remember(context.Response, large);
            if (context.User.Identity?.IsAuthenticated == true && await userManager.GetUserAsync(context.User) is { } user && user.LargeText != large)
            {
                user.LargeText = large;
                await userManager.UpdateAsync(user);
                await signInManager.RefreshSignInAsync(user);
            }

            return TypedResults.LocalRedirect(TextSize.SafeReturnUrl(returnUrl));
        }).ExcludeFromDescription();

        // Active people in a long-lived circuit send no HTTP requests; the page pings this so the sliding cookie stays alive.
        account.MapPost("/KeepAlive", () => TypedResults.NoContent()).RequireAuthorization();
    }
}
