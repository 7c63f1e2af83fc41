using System.Collections.Concurrent;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Features.Reports;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Dashboard;

public sealed class DashboardOptions
{
    public const string Section = "Portal:Dashboard";

    /// <summary>
    /// How long the street dashboard's and the department table's figures are kept per (street, year), in seconds;
    /// 0 turns the cache off. Any write that could change them invalidates them at once (<see cref="FigureVersions"/>),
    /// so the time only bounds how long unchanged figures are reused. Default 60.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public int CacheSeconds { get; set; } = 60;

    public TimeSpan CacheDuration => TimeSpan.FromSeconds(CacheSeconds);
}

/// <summary>
/// A version number per street, and one for everything: a cached figure is stored under the versions of its streets
/// and is never found again once one of them moves. <see cref="FigureInvalidation"/> moves them after every save that
/// changes a street's data (its <see cref="IStreetScoped.StreetId"/>) and moves the global one for any other change
/// that could matter (commitments, ballots, assessments, streets themselves…). Over-invalidating only costs a
/// recomputation; under-invalidating would show stale figures, so anything not known to be irrelevant counts.
/// </summary>
public sealed class FigureVersions
{
    private readonly ConcurrentDictionary<Guid, long> streets = new();
    private long global;

    public void Bump(Guid streetId) => streets.AddOrUpdate(streetId, 1, (_, v) => v + 1);

    public void BumpAll() => Interlocked.Increment(ref global);

    /// <summary>The versions a figure over these streets depends on, as part of a cache key.</summary>
    public string Stamp(IEnumerable<Guid> ids)
    {
        long sum = 0;
        foreach (var id in ids)
        {
            sum += streets.GetValueOrDefault(id);
        }

        return $"{Interlocked.Read(ref global)}.{sum}";
    }
}

/// <summary>
/// The cache of the street dashboard and the department table: one entry per key and versions (see
/// <see cref="FigureVersions"/>), kept <see cref="DashboardOptions.CacheSeconds"/>. Requests that miss at the same time
/// share one computation, so 200 clients opening a cold dashboard run its SQL once.
/// </summary>
public sealed class FigureCache(IMemoryCache cache, FigureVersions versions, IOptions<DashboardOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Entry>>> inflight = new(StringComparer.Ordinal);

    /// <summary>The figures, and when they were computed if they come from the cache (null: computed for this request).</summary>
    public async Task<(T Value, DateTimeOffset? CachedAt)> GetOrComputeAsync<T>(string key, IReadOnlyCollection<Guid> streets, Func<Task<T>> compute)
        where T : class
    {
        var duration = options.Value.CacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return (await compute(), null);
        }

        // The versions are read before the figures: a write during the computation leaves this entry under old versions, never found again.
        var fullKey = $"figures|{key}|{versions.Stamp(streets)}";
        if (cache.TryGetValue(fullKey, out Entry? hit) && hit is not null)
        {
            PortalTelemetry.DashboardCache.Add(1, new KeyValuePair<string, object?>("result", "hit"));
            return ((T)hit.Value, hit.ComputedAt);
        }

        PortalTelemetry.DashboardCache.Add(1, new KeyValuePair<string, object?>("result", "miss"));
        var lazy = inflight.GetOrAdd(fullKey, _ => new Lazy<Task<Entry>>(async () =>
        {
            var computedAt = clock.GetUtcNow();
            var entry = new Entry(await compute(), computedAt);
            cache.Set(fullKey, entry, duration);
            return entry;
        }));
        try
        {
            var entry = await lazy.Value;
            return ((T)entry.Value, null);
        }
        finally
        {
            inflight.TryRemove(KeyValuePair.Create(fullKey, lazy));
        }
    }

    private sealed record Entry(object Value, DateTimeOffset ComputedAt);
}

/// <summary>
/// Moves <see cref="FigureVersions"/> after every successful save: the street of each changed
/// <see cref="IStreetScoped"/> row, or all of them for a changed row of any other type not known to be irrelevant to the
/// figures. Inside an explicit transaction the versions move again when it commits, so that nothing read before the
/// commit is kept under the new versions. The cycle is <see cref="CommitAwareInvalidation{TKey}"/>'s; the keys are
/// street ids, null standing for every street. A failed save moves nothing (what it collected stays pending until the
/// context's next save or commit): the figures are at most <see cref="DashboardOptions.CacheSeconds"/> old anyway.
/// </summary>
public sealed class FigureInvalidation(FigureVersions versions) : CommitAwareInvalidation<Guid?>
{
    /// <summary>Rows that never change a dashboard figure.</summary>
    private static readonly HashSet<Type> Irrelevant =
    [
        typeof(AuditEntry),
        typeof(IssuedReport),
        typeof(IssuedReportContent),
        typeof(Account.ApplicationUser),
        typeof(Account.ApiToken),
        typeof(Notifications.Notification),
        typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey),
    ];

    protected override void Collect(EntityEntry entry, ISet<Guid?> keys)
    {
        if (entry.Entity is IStreetScoped scoped)
        {
            keys.Add(scoped.StreetId);
            if (entry.State == EntityState.Modified && entry.Property(nameof(IStreetScoped.StreetId)).OriginalValue is Guid before && before != scoped.StreetId)
            {
                keys.Add(before);
            }
        }
        else if (!Irrelevant.Contains(entry.Metadata.ClrType))
        {
            keys.Add(null);
        }
    }

    protected override void Apply(IReadOnlyCollection<Guid?> keys)
    {
        if (keys.Contains(null))
        {
            versions.BumpAll();
        }

        foreach (var street in keys)
        {
            if (street is { } id)
            {
                versions.Bump(id);
            }
        }
    }
}
