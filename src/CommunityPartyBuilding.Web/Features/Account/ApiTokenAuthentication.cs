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
/// hashed, expire, and die with the user's security stamp (so "end all sessions" ends them too).
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<PortalDbContext> dbFactory,
    IUserClaimsPrincipalFactory<ApplicationUser> principalFactory,
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
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && t.ExpiresAt > now)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => u)
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null || found.MustChangePassword || (found.LockoutEnd is { } end && end > now))
        {
            return AuthenticateResult.Fail("Invalid or expired token.");
        }

        var principal = await principalFactory.CreateAsync(found);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(principal.Identities.Select(
            i => new ClaimsIdentity(i.Claims, ApiTokenDefaults.Scheme))), ApiTokenDefaults.Scheme);
        return AuthenticateResult.Success(ticket);
    }

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
