using System.Collections.Concurrent;
using System.Security.Claims;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Account;

/// <summary>
/// Issue #18: validated bearer tokens, kept in this process for <see cref="SecurityOptions.ApiTokenCacheSeconds"/>
/// (default 30 s) so that an API request does not cost two statements (the token joined to its user, the user's claims).
/// Anything that changes an account (its row, claims, roles or tokens, saved through EF Core's change tracker:
/// <see cref="ApiTokenCacheInvalidation"/>) drops the account's entries on this instance at once; another instance keeps
/// its own entries until they expire, so there a revoked token works for at most that long (docs/operations.md).
/// Times are the portal's clock; a token's own expiry is checked on every hit.
/// </summary>
public sealed class ApiTokenCache : IDisposable
{
    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = 50_000 });
    private readonly ConcurrentDictionary<string, long> invalidatedAt = new(StringComparer.Ordinal);
    private readonly TimeProvider clock;
    private long counter;

    public ApiTokenCache(IOptions<PortalOptions> options, TimeProvider clock)
    {
        this.clock = clock;
        Lifetime = TimeSpan.FromSeconds(options.Value.Security.ApiTokenCacheSeconds);
    }

    public TimeSpan Lifetime { get; }

    public bool Enabled => Lifetime > TimeSpan.Zero;

    /// <summary>Read before looking a token up in the database; an entry stored with it is void if its account changes after.</summary>
    public long Stamp() => Volatile.Read(ref counter);

    public bool TryGet(byte[] hash, out IReadOnlyList<Claim> claims)
    {
        claims = [];
        if (!Enabled || !entries.TryGetValue(Key(hash), out Entry? entry) || entry is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (now >= entry.TokenExpiresAt || now - entry.CachedAt >= Lifetime || now < entry.CachedAt
            || invalidatedAt.GetValueOrDefault(entry.UserId) > entry.Stamp)
        {
            entries.Remove(Key(hash));
            return false;
        }

        claims = entry.Claims;
        return true;
    }

    public void Store(byte[] hash, string userId, DateTimeOffset tokenExpiresAt, IReadOnlyList<Claim> claims, long stamp)
    {
        if (!Enabled || invalidatedAt.GetValueOrDefault(userId) > stamp)
        {
            return;
        }

        entries.Set(Key(hash), new Entry(userId, claims, clock.GetUtcNow(), tokenExpiresAt, stamp),
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
    }

    /// <summary>The account changed (revoked, locked, signed out, new password, new role…): its entries are void from now on.</summary>
    public void Invalidate(string userId)
    {
        var next = Interlocked.Increment(ref counter);
        invalidatedAt.AddOrUpdate(userId, next, (_, _) => next);
    }

    public void Dispose() => entries.Dispose();

    private static string Key(byte[] hash) => Convert.ToBase64String(hash);

    private sealed record Entry(string UserId, IReadOnlyList<Claim> Claims, DateTimeOffset CachedAt, DateTimeOffset TokenExpiresAt, long Stamp);
}

/// <summary>
/// Voids <see cref="ApiTokenCache"/> entries of every account whose row, claims, roles, logins or tokens a save changes:
/// when the save is done and again when its transaction commits (so that a token read between the two is not kept).
/// The cycle is <see cref="CommitAwareInvalidation{TKey}"/>'s; the keys are account ids.
/// </summary>
public sealed class ApiTokenCacheInvalidation(ApiTokenCache cache) : CommitAwareInvalidation<string>
{
    /// <summary>
    /// A save that fails voids its accounts too (and, outside a transaction, forgets them), unlike the dashboard's
    /// figures: a failure may leave the change stored after all (a commit whose answer was lost), and a revoked token
    /// must not stay valid for the cache's lifetime; voiding costs only the next request's lookup.
    /// </summary>
    protected override bool ApplyWhenSaveFails => true;

    protected override void Collect(EntityEntry entry, ISet<string> keys)
    {
        if (UserOf(entry) is { } user)
        {
            keys.Add(user);
        }
    }

    protected override void Apply(IReadOnlyCollection<string> keys)
    {
        foreach (var id in keys)
        {
            cache.Invalidate(id);
        }
    }

    private static string? UserOf(EntityEntry entry) => entry.Entity switch
    {
        ApplicationUser u => u.Id,
        ApiToken t => t.UserId,
        IdentityUserClaim<string> c => c.UserId,
        IdentityUserRole<string> r => r.UserId,
        IdentityUserLogin<string> l => l.UserId,
        _ => null,
    };
}
