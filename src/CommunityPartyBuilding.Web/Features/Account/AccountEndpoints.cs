using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyBuilding.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary>Sign-out (a form POST, protected by antiforgery) and the keep-alive the idle timer pings.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account").ExcludeFromDescription();
        account.MapPost("/Logout", async (SignInManager<ApplicationUser> signInManager, [FromForm] string? reason) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect(reason == "idle" ? "~/Account/Login?reason=idle" : "~/Account/Login");
        });

        // Active people in a long-lived circuit send no HTTP requests; the page pings this so the sliding cookie stays alive.
        account.MapPost("/KeepAlive", () => TypedResults.NoContent()).RequireAuthorization();
    }
}
