using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CommunityPartyBuilding.Web.Features.Account;

/// <summary>The authentication events written to the audit log (entity type <see cref="EntityType"/>).</summary>
public enum SecurityEvent
{
    SignedIn,
    SignInFailed,
    LockedOut,
    TokenIssued,
    TokenRefused,
    SignedOut,
    SessionsEnded,
    PasswordChanged,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodesRegenerated,
    TwoFactorFailed,
    CrossSiteRequestRefused,
}

/// <summary>
/// ASVS 16.3.1–16.3.3: authentication events go to the audit log (filterable by administrators: entity type
/// <c>SecurityEvent</c>) and to the application log, each with who (account id and e-mail as typed), what,
/// and the client address; never a password, code or token.
/// </summary>
public sealed class SecurityEvents(
    IDbContextFactory<PortalDbContext> dbFactory,
    IHttpContextAccessor httpContextAccessor,
    TimeProvider clock,
    ILogger<SecurityEvents> logger)
{
    public const string EntityType = "SecurityEvent";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task RecordAsync(SecurityEvent what, ApplicationUser? user, string? email = null, string? detail = null)
    {
        var client = httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "";
        var who = Truncate(user?.Email ?? email ?? "", 256);
        logger.SecurityEventRecorded(what.ToString(), user?.Id ?? "(unknown)", who, client, detail is null ? "" : " — " + detail);

        List<AuditChange> changes = [new("Event", null, what.ToString()), new("ClientAddress", null, client)];
        if (detail is not null)
        {
            changes.Add(new("Detail", null, Truncate(detail, 500)));
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(),
            UserId = user?.Id,
            UserName = who,
            EntityType = EntityType,
            EntityId = Truncate(user?.Id ?? who, 100),
            Action = AuditAction.Security,
            StreetId = user?.StreetId,
            Changes = JsonSerializer.Serialize(changes, JsonOptions),
        });
        await db.SaveChangesAsync();
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>
/// Sign-in attempts for e-mail addresses with no account (ASVS 6.3.8, issue 14 item 8): the password is hashed
/// against a dummy hash so that the answer takes as long as for a real account, and failures count towards a
/// lockout exactly as Identity counts them for real accounts, so neither timing nor the lockout answer tells
/// whether an account exists.
/// </summary>
public sealed class UnknownAccountGuard(IMemoryCache cache, IPasswordHasher<ApplicationUser> hasher, TimeProvider clock, Microsoft.Extensions.Options.IOptions<IdentityOptions> identity)
{
    /// <summary>Made once with the configured hasher (same cost as a real account's hash).</summary>
    private static string? dummyHash;

    /// <summary>Spends the time of a password check, records the failure, and says whether the address now counts as locked out.</summary>
    public bool Fail(string email, string password)
    {
        dummyHash ??= hasher.HashPassword(new ApplicationUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(new ApplicationUser(), dummyHash, password);
        var key = Key(email);
        var lockout = identity.Value.Lockout;
        var state = cache.Get<Attempts>(key) ?? new Attempts();
        if (state.LockedUntil is { } until && until > clock.GetUtcNow())
        {
            return true;
        }

        state = state.LockedUntil is not null ? new Attempts() : state;
        var failures = state.Failures + 1;
        var locked = failures >= lockout.MaxFailedAccessAttempts;
        cache.Set(key, new Attempts(locked ? 0 : failures, locked ? clock.GetUtcNow() + lockout.DefaultLockoutTimeSpan : null), TimeSpan.FromHours(1));
        return locked;
    }

    private static string Key(string email) =>
        "unknown-account:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));

    private sealed record Attempts(int Failures = 0, DateTimeOffset? LockedUntil = null);
}
