using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Account;

public sealed record TokenRequest(string? Email, string? Password, string? TwoFactorCode);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

public enum TokenRefusal
{
    None,
    BadCredentials,
    LockedOut,
    MustChangePassword,
    TwoFactorRequired,
    TwoFactorEnrolmentRequired,

    /// <summary>An in-service member whose registration has not taken effect.</summary>
    MemberNotConfirmed,

    /// <summary>An in-service member whose registration the community returned (the reason is in <see cref="TokenResult.ReturnReason"/>).</summary>
    MemberReturned,
}

public sealed record TokenResult(TokenResponse? Token, TokenRefusal Refusal)
{
    /// <summary>Why the registration was returned; only ever set after the right password, like the sign-in page's message.</summary>
    public string? ReturnReason { get; init; }
}

/// <summary>Issues API tokens; failed passwords count towards lockout exactly as on the sign-in page.</summary>
public sealed class IssueToken(
    IServiceScopeFactory scopeFactory,
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<PortalOptions> options,
    SecurityEvents events,
    UnknownAccountGuard unknownAccounts,
    TimeProvider clock) : IHandler
{
    /// <summary>The <c>Retry-After</c> of a locked-out answer: the lockout's full length, the same for every account.</summary>
    public static readonly TimeSpan LockoutRetryAfter = TimeSpan.FromMinutes(15);

    public async Task<TokenResult> HandleAsync(TokenRequest request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return new(null, TokenRefusal.BadCredentials);
        }

        await using var serviceScope = scopeFactory.CreateAsyncScope();
        var userManager = serviceScope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var signInManager = serviceScope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        var user = await userManager.FindByEmailAsync(request.Email.Trim());
        if (user is null)
        {
            // The same time and the same lockout answers as for a real account.
            var locked = unknownAccounts.Fail(request.Email, request.Password);
            await events.RecordAsync(locked ? SecurityEvent.LockedOut : SecurityEvent.TokenRefused, null, request.Email.Trim(), "no such account");
            return new(null, locked ? TokenRefusal.LockedOut : TokenRefusal.BadCredentials);
        }

        var check = await signInManager.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            await events.RecordAsync(SecurityEvent.LockedOut, user, detail: "token request");
            return new(null, TokenRefusal.LockedOut);
        }

        if (!check.Succeeded)
        {
            await events.RecordAsync(SecurityEvent.TokenRefused, user, detail: "wrong password");
            return new(null, TokenRefusal.BadCredentials);
        }

        if (user.TwoFactorEnabled)
        {
            var code = request.TwoFactorCode?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (string.IsNullOrEmpty(code)
                || !await userManager.VerifyTwoFactorTokenAsync(user, userManager.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                if (!string.IsNullOrEmpty(code))
                {
                    await userManager.AccessFailedAsync(user);
                    await events.RecordAsync(SecurityEvent.TwoFactorFailed, user, detail: "token request");
                }

                return new(null, TokenRefusal.TwoFactorRequired);
            }
        }
        else if (user.Role == PortalRole.SystemAdministrator && options.Value.Security.RequireTwoFactorForAdministrators)
        {
            return new(null, TokenRefusal.TwoFactorEnrolmentRequired);
        }

        var memberGate = serviceScope.ServiceProvider.GetRequiredService<Members.MemberSignInGate>();
        if (!await memberGate.MaySignInAsync(user, ct))
        {
            // Every factor was right (this comes after the second factor, as the sign-in page's message comes after a full
            // sign-in), so saying why is safe: returned (with the reason) or still waiting.
            if (await memberGate.ReturnReasonAsync(user, ct) is { } reason)
            {
                await events.RecordAsync(SecurityEvent.TokenRefused, user, detail: "member registration returned");
                return new(null, TokenRefusal.MemberReturned) { ReturnReason = reason };
            }

            await events.RecordAsync(SecurityEvent.TokenRefused, user, detail: "member registration not confirmed");
            return new(null, TokenRefusal.MemberNotConfirmed);
        }

        if (user.MustChangePassword)
        {
            return new(null, TokenRefusal.MustChangePassword);
        }

        var token = ApiTokenHandler.NewToken();
        var now = clock.GetUtcNow();
        var expires = now.AddMinutes(options.Value.Security.ApiTokenLifetimeMinutes);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, TokenHash = ApiTokenHandler.Hash(token), CreatedAt = now, ExpiresAt = expires });
        await db.ApiTokens.Where(t => t.UserId == user.Id && t.ExpiresAt < now.AddDays(-7)).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now), ct);
        await events.RecordAsync(SecurityEvent.TokenIssued, user);
        return new(new TokenResponse(token, expires), TokenRefusal.None);
    }
}
