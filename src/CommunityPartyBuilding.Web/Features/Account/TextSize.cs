using System.Security.Claims;
using CommunityPartyBuilding.Web.Authorization;

namespace CommunityPartyBuilding.Web.Features.Account;

/// <summary>
/// The larger-text setting (适老化 大字模式): the signed-in person's choice travels in their claims (from
/// <see cref="ApplicationUser.LargeText"/>); anonymous visitors of the sign-in and public pages keep it in a cookie.
/// </summary>
public static class TextSize
{
    public const string CookieName = "portal.text";

    /// <summary>The class on &lt;html&gt; that enlarges the root font size (app.css).</summary>
    public const string LargeClass = "portal-large-text";

    public static bool IsLarge(HttpContext context) => IsLarge(context.User, context.Request.Cookies[CookieName]);

    /// <summary>
    /// Large when this browser chose it (so a choice made on the sign-in page stays after signing in) or the signed-in
    /// account did (so it follows the person to another device). Switching it off clears both.
    /// </summary>
    public static bool IsLarge(ClaimsPrincipal? user, string? cookie) =>
        cookie == "large" || user?.FindFirst(PortalClaims.LargeText)?.Value == "1";

    public static void Remember(HttpResponse response, bool large)
    {
        if (large)
        {
            response.Cookies.Append(CookieName, "large", new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Path = "/",
            });
        }
        else
        {
            response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        }
    }

    /// <summary>Only paths of this site: never another host (open redirect).</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
}
