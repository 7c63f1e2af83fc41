using System.Net;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.IntegrationTests.Features.Account;

/// <summary>
/// Issue #18: a validated bearer token is reused for a short time without asking the database, and anything that ends
/// it (sessions ended, lock) takes effect on this instance at the very next request.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the app through IAsyncLifetime.DisposeAsync, which also drops its database.")]
public class ApiTokenCacheTests : IAsyncLifetime
{
    private readonly PortalApp app = new() { TestServices = SqlCommandCounter.Register };

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    private Task<string> UserIdAsync(string email) =>
        app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync());

    [Fact]
    public async Task A_cached_token_costs_no_statement_and_ending_sessions_or_locking_refuses_it_at_the_next_request()
    {
        var counter = app.Services.GetRequiredService<SqlCommandCounter>();
        using var leader = await app.ApiAsAsync("leader1@example.org");
        using var staff = await app.ApiAsAsync("staff.donghu@example.org");

        counter.Clear();
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/v1/me")).StatusCode);
        var first = counter.For("/api/v1/me");
        counter.Clear();
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/v1/me")).StatusCode);
        var second = counter.For("/api/v1/me");

        // The token joined to its user and the user's claims: read once, then not again while the entry lives.
        Assert.Contains(first, sql => sql.Contains("\"ApiTokens\"", StringComparison.Ordinal));
        Assert.DoesNotContain(second, sql => sql.Contains("\"ApiTokens\"", StringComparison.Ordinal));
        Assert.DoesNotContain(second, sql => sql.Contains("\"AspNetUserClaims\"", StringComparison.Ordinal));
        Assert.Equal(first.Count - 2, second.Count);

        // Sessions ended by staff: the cached token is refused at once.
        var leaderId = await UserIdAsync("leader1@example.org");
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/api/v1/users/{leaderId}/end-sessions", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await leader.GetAsync("/api/v1/me")).StatusCode);

        // Locked: a fresh token, cached, then refused at the next request.
        using var again = await app.ApiAsAsync("leader1@example.org");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/api/v1/users/{leaderId}/lock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_tracked_change_voids_the_account_at_the_save_and_again_at_the_commit_and_a_failed_save_voids_it_too()
    {
        var cache = app.Services.GetRequiredService<ApiTokenCache>();
        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var leaderId = await UserIdAsync("leader1@example.org");
        var expires = app.Clock.GetUtcNow().AddHours(1);
        byte[] hash = [1, 2, 3];

        await using (var db = await factory.CreateDbContextAsync())
        {
            cache.Store(hash, leaderId, expires, [], cache.Stamp());
            await db.InTransactionAsync(async () =>
            {
                // A property set on the tracked account, no Update call: the change is detected before it is saved.
                var user = await db.Users.SingleAsync(u => u.Id == leaderId);
                user.PhoneNumber = "13900000042";
                await db.SaveChangesAsync();
                Assert.False(cache.TryGet(hash, out _));

                // Read between the save and the commit: kept until the commit.
                cache.Store(hash, leaderId, expires, [], cache.Stamp());
                Assert.True(cache.TryGet(hash, out _));
            }, CancellationToken.None);
            Assert.False(cache.TryGet(hash, out _));

            // Committed, nothing of the account is pending any more: a later save of another kind of row keeps a fresh entry.
            cache.Store(hash, leaderId, expires, [], cache.Stamp());
            var activity = await db.Activities.OrderBy(a => a.Id).FirstAsync();
            activity.Place = "另一次保存";
            await db.SaveChangesAsync();
            Assert.True(cache.TryGet(hash, out _));
        }

        // A save that fails (a token for an account that does not exist) voids the account all the same.
        byte[] ghost = [4, 5, 6];
        cache.Store(ghost, "no-such-account", expires, [], cache.Stamp());
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.ApiTokens.Add(new ApiToken { UserId = "no-such-account", TokenHash = ghost, CreatedAt = app.Clock.GetUtcNow(), ExpiresAt = expires });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.False(cache.TryGet(ghost, out _));
    }

    [Fact]
    public async Task A_cached_token_still_expires_on_the_portals_clock()
    {
        using var leader = await app.ApiAsAsync("leader1@example.org");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/v1/me")).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await leader.GetAsync("/api/v1/me")).StatusCode);
    }
}
