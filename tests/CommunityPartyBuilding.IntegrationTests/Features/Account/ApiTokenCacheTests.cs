using System.Net;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
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
    public async Task A_cached_token_still_expires_on_the_portals_clock()
    {
        using var leader = await app.ApiAsAsync("leader1@example.org");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/v1/me")).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await leader.GetAsync("/api/v1/me")).StatusCode);
    }
}
