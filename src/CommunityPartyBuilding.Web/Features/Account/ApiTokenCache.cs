using System.Collections.Concurrent;
using System.Security.Claims;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
/// Voids <see cref="ApiTokenCache"/> entries of every account whose row, claims, roles or tokens a save changes: when the
/// save is done and again when its transaction commits (so that a token read between the two is not kept).
/// </summary>
public sealed class ApiTokenCacheInvalidation(ApiTokenCache cache) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData.Context, committed: false);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, committed: false);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Flush(eventData.Context, committed: false);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    /// <summary>The transaction the saves were part of has committed: void their accounts once more.</summary>
    internal void Committed(DbContext? context) => Flush(context, committed: true);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, HashSet<string>> Pending = [];

    private static void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            // SavingChanges runs before SaveChanges detects changes: a property set on a tracked user must count too.
            context.ChangeTracker.DetectChanges();
        }

        HashSet<string>? users = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || UserOf(entry) is not { } user)
            {
                continue;
            }

            users ??= Pending.GetOrCreateValue(context);
            lock (users)
            {
                users.Add(user);
            }
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

    private void Flush(DbContext? context, bool committed)
    {
        if (context is null || !Pending.TryGetValue(context, out var users))
        {
            return;
        }

        string[] ids;
        lock (users)
        {
            ids = [.. users];
            if (committed || context.Database.CurrentTransaction is null)
            {
                users.Clear();
            }
        }

        foreach (var id in ids)
        {
            cache.Invalidate(id);
        }
    }
}

/// <summary>Tells <see cref="ApiTokenCacheInvalidation"/> that a transaction committed.</summary>
public sealed class ApiTokenCacheCommitInvalidation(ApiTokenCacheInvalidation invalidation) : DbTransactionInterceptor
{
    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        invalidation.Committed(eventData.Context);

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        invalidation.Committed(eventData.Context);
        return Task.CompletedTask;
    }
}
