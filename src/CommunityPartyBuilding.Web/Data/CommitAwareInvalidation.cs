using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommunityPartyBuilding.Web.Data;

/// <summary>
/// How an in-process cache forgets what a save changes (the dashboard's figures, the API's validated tokens): when a
/// SaveChanges starts, the keys of its added, modified and deleted rows are collected for that context (the subclass
/// says which keys a row touches, <see cref="Collect"/>); when the save is done they are applied (<see cref="Apply"/>).
/// <list type="bullet">
/// <item>Without a transaction of the caller's, they are then forgotten. (SaveChanges' own transaction, when it opens
/// one, commits inside the save and applies them already; the save then finds nothing left.)</item>
/// <item>Inside the caller's transaction they stay pending and are applied once more when it commits, so that what a
/// request read between the save and the commit is not kept as current.</item>
/// <item>A rolled-back transaction is not watched: its keys stay pending and are applied with the context's next save or
/// commit. A failed save applies nothing unless <see cref="ApplyWhenSaveFails"/>. Either way the cache forgets too
/// much, at worst, never too little.</item>
/// </list>
/// One object is both the save and the transaction interceptor: a subclass is registered once with AddInterceptors.
/// </summary>
public abstract class CommitAwareInvalidation<TKey> : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<TKey>> pending = [];

    /// <summary>
    /// Whether a save that fails applies its keys as a successful one does (and forgets them when the context has no
    /// transaction); otherwise they stay pending until the context's next save or commit.
    /// </summary>
    protected virtual bool ApplyWhenSaveFails => false;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        CollectFrom(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        CollectFrom(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ApplyPending(eventData.Context, committed: false);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ApplyPending(eventData.Context, committed: false);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (ApplyWhenSaveFails)
        {
            ApplyPending(eventData.Context, committed: false);
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        ApplyPending(eventData.Context, committed: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ApplyPending(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    /// <summary>Adds to <paramref name="keys"/> what this added, modified or deleted row changes; nothing if it changes nothing cached.</summary>
    protected abstract void Collect(EntityEntry entry, ISet<TKey> keys);

    /// <summary>Forgets what depends on these keys (never empty). May be called more than once for one change.</summary>
    protected abstract void Apply(IReadOnlyCollection<TKey> keys);

    private void CollectFrom(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // SavingChanges runs before SaveChanges detects changes; Entries() detects them first (unless the context has
        // AutoDetectChangesEnabled off, as SaveChanges then does not either), so a property set on a tracked row counts.
        HashSet<TKey>? keys = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            keys ??= pending.GetOrCreateValue(context);
            lock (keys)
            {
                Collect(entry, keys);
            }
        }
    }

    private void ApplyPending(DbContext? context, bool committed)
    {
        if (context is null || !pending.TryGetValue(context, out var keys))
        {
            return;
        }

        TKey[] applied;
        lock (keys)
        {
            applied = [.. keys];
            if (committed || context.Database.CurrentTransaction is null)
            {
                keys.Clear();
            }
        }

        if (applied.Length > 0)
        {
            Apply(applied);
        }
    }
}
