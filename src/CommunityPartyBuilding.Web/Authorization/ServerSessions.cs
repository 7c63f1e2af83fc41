using System.Globalization;
using System.Security.Claims;
using CommunityPartyBuilding.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Authorization;

/// <summary>
/// Server-side sessions (ASVS 7.4.1–7.4.3): every cookie sign-in gets a session id (claim <see cref="SessionClaim"/>)
/// recorded as a row of Identity's user tokens. Each request and each open circuit checks that the row still
/// exists; signing out deletes it, so a copied cookie dies with the sign-out; "end all sessions", a lock and a
/// password change delete every row of the account at once.
/// </summary>
public static class ServerSessions
{
    public const string SessionClaim = "portal:sid";

    /// <summary>The user-token "provider" under which sessions are kept: one row per session, value = start (Unix seconds).</summary>
    public const string Provider = "[PortalSession]";

    public static async Task OnSigningInAsync(CookieSigningInContext context)
    {
        var identity = context.Principal?.Identities.FirstOrDefault();
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (identity is null || userId is null)
        {
            return;
        }

        await using var db = await Factory(context.HttpContext).CreateDbContextAsync();

        // A new sign-in of the same person in this browser (refresh after a password or 2FA change) rotates the id.
        var previous = context.HttpContext.User.FindFirstValue(SessionClaim);
        if (previous is not null)
        {
            await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == previous).ExecuteDeleteAsync();
        }

        var existing = identity.FindFirst(SessionClaim);
        if (existing is not null)
        {
            identity.RemoveClaim(existing);
        }

        var sessionId = Guid.NewGuid().ToString("N");
        identity.AddClaim(new Claim(SessionClaim, sessionId));
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        db.UserTokens.Add(new IdentityUserToken<string>
        {
            UserId = userId,
            LoginProvider = Provider,
            Name = sessionId,
            Value = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync();

        // Rows of sessions past the absolute limit are of no use any more.
        var oldest = now.AddDays(-2).ToUnixTimeSeconds();
        var stale = await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider).ToListAsync();
        var expired = stale.Where(t => long.TryParse(t.Value, CultureInfo.InvariantCulture, out var at) && at < oldest).ToList();
        if (expired.Count > 0)
        {
            db.UserTokens.RemoveRange(expired);
            await db.SaveChangesAsync();
        }
    }

    public static async Task OnSigningOutAsync(CookieSigningOutContext context)
    {
        var userId = context.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = context.HttpContext.User.FindFirstValue(SessionClaim);
        if (userId is null || sessionId is null)
        {
            return;
        }

        await using var db = await Factory(context.HttpContext).CreateDbContextAsync();
        await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == sessionId).ExecuteDeleteAsync();
    }

    /// <summary>True while the principal's session row exists.</summary>
    public static async Task<bool> IsAliveAsync(IDbContextFactory<PortalDbContext> factory, ClaimsPrincipal? principal, CancellationToken ct = default)
    {
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = principal?.FindFirstValue(SessionClaim);
        if (userId is null || sessionId is null)
        {
            return false;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.UserTokens.AnyAsync(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == sessionId, ct);
    }

    /// <summary>Ends every session of the account at once (cookies on their next request, circuits within seconds).</summary>
    public static Task EndAllAsync(PortalDbContext db, string userId, CancellationToken ct = default) =>
        db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider).ExecuteDeleteAsync(ct);

    private static IDbContextFactory<PortalDbContext> Factory(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDbContextFactory<PortalDbContext>>();
}
