using System.Security.Claims;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.UnitTests.Features.Account;

/// <summary>Issue #18: validated tokens kept briefly, void at once when their account changes.</summary>
public class ApiTokenCacheTests
{
    private static readonly byte[] Hash = [1, 2, 3];
    private static readonly Claim[] Claims = [new(ClaimTypes.NameIdentifier, "u1")];

    private static (ApiTokenCache Cache, ManualClock Clock) Create(int seconds = 30)
    {
        var clock = new ManualClock();
        var options = new PortalOptions();
        options.Security.ApiTokenCacheSeconds = seconds;
        return (new ApiTokenCache(Options.Create(options), clock), clock);
    }

    [Fact]
    public void A_stored_token_is_served_until_its_lifetime_or_the_tokens_own_expiry()
    {
        var (cache, clock) = Create();
        using var owned = cache;
        cache.Store(Hash, "u1", clock.Now.AddMinutes(60), Claims, cache.Stamp());

        Assert.True(cache.TryGet(Hash, out var claims));
        Assert.Equal("u1", Assert.Single(claims).Value);

        clock.Now += TimeSpan.FromSeconds(30);
        Assert.False(cache.TryGet(Hash, out _));

        cache.Store(Hash, "u1", clock.Now.AddSeconds(10), Claims, cache.Stamp());
        clock.Now += TimeSpan.FromSeconds(10);
        Assert.False(cache.TryGet(Hash, out _));
    }

    [Fact]
    public void A_change_to_the_account_voids_its_entries_even_one_read_before_the_change_and_stored_after()
    {
        var (cache, clock) = Create();
        using var owned = cache;
        cache.Store(Hash, "u1", clock.Now.AddMinutes(60), Claims, cache.Stamp());
        cache.Store([9], "u2", clock.Now.AddMinutes(60), Claims, cache.Stamp());

        cache.Invalidate("u1");
        Assert.False(cache.TryGet(Hash, out _));
        Assert.True(cache.TryGet([9], out _));

        // A request read the database before the change and stores its result after: not kept.
        var stamp = cache.Stamp();
        cache.Invalidate("u1");
        cache.Store(Hash, "u1", clock.Now.AddMinutes(60), Claims, stamp);
        Assert.False(cache.TryGet(Hash, out _));

        // Read after the change: kept.
        cache.Store(Hash, "u1", clock.Now.AddMinutes(60), Claims, cache.Stamp());
        Assert.True(cache.TryGet(Hash, out _));
    }

    [Fact]
    public void A_lifetime_of_zero_keeps_nothing()
    {
        var (cache, clock) = Create(seconds: 0);
        using var owned = cache;
        cache.Store(Hash, "u1", clock.Now.AddMinutes(60), Claims, cache.Stamp());
        Assert.False(cache.TryGet(Hash, out _));
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
