using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using CommunityPartyBuilding.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Account;

public static class ApiTokenDefaults
{
    public const string Scheme = "ApiToken";
}

/// <summary>
/// Validates <c>Authorization: Bearer …</c> tokens issued by <c>POST /api/v1/tokens</c>. Tokens are random, stored
/// hashed, expire, and are revoked when the account's sessions end, its password changes or it is locked. A validated
/// token is kept briefly in <see cref="ApiTokenCache"/> (voided at once on this instance by any change to the account).
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<PortalDbContext> dbFactory,
    IUserClaimsPrincipalFactory<ApplicationUser> principalFactory,
    ApiTokenCache cache,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (token.Length is < 20 or > 200)
        {
            return AuthenticateResult.Fail("Malformed token.");
        }

        var hash = Hash(token);
        if (cache.TryGet(hash, out var cached))
        {
            return Success(cached);
        }

        // Read before the database: if the account changes while this request reads it, the entry stored below is void.
        var stamp = cache.Stamp();
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && t.ExpiresAt > now)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { User = u, t.ExpiresAt })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null || found.User.MustChangePassword || (found.User.LockoutEnd is { } end && end > now))
        {
            return AuthenticateResult.Fail("Invalid or expired token.");
        }

        var principal = await principalFactory.CreateAsync(found.User);
        var claims = principal.Claims.ToList();
        cache.Store(hash, found.User.Id, found.ExpiresAt, claims, stamp);
        return Success(claims);
    }

    private static AuthenticateResult Success(IEnumerable<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(claims, ApiTokenDefaults.Scheme)), ApiTokenDefaults.Scheme));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    internal static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    internal static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
