using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Account;

public class SignInTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task Five_wrong_passwords_on_the_sign_in_page_lock_the_account_for_fifteen_minutes()
    {
        using var client = App.Anonymous();
        for (var i = 0; i < 4; i++)
        {
            var failed = await PortalApp.PostSignInFormAsync(client, "staff.donghu@example.org", "wrong-password-1");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains("邮箱或密码不正确", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var fifth = await PortalApp.PostSignInFormAsync(client, "staff.donghu@example.org", "wrong-password-1");
        Assert.Contains("账户已被锁定", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The right password is refused while locked, on the page and on /tokens.
        var right = await PortalApp.PostSignInFormAsync(client, "staff.donghu@example.org", PortalApp.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("账户已被锁定", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var token = await client.PostAsJsonAsync("/api/v1/tokens", new { email = "staff.donghu@example.org", password = PortalApp.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, token.StatusCode);

        var lockoutEnd = await App.QueryAsync(db => db.Users.Where(u => u.Email == "staff.donghu@example.org").Select(u => u.LockoutEnd).SingleAsync());
        // Identity's lockout (UserManager) reads the system clock, not the app's TimeProvider: so does this check.
        Assert.InRange(lockoutEnd!.Value - TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));

        // Once the lockout has run out the person can sign in again (Identity reads the system clock, so the
        // lockout end is moved into the past instead of moving the clock).
        await App.QueryAsync(db => db.Users.Where(u => u.Email == "staff.donghu@example.org")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, TimeProvider.System.GetUtcNow().AddSeconds(-1))));
        var later = await PortalApp.PostSignInFormAsync(client, "staff.donghu@example.org", PortalApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_on_tokens_lock_the_account_too()
    {
        using var client = App.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            var failed = await client.PostAsJsonAsync("/api/v1/tokens", new { email = "orgdept@example.org", password = "not-the-password" });
            Assert.Equal(i < 4 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, failed.StatusCode);
        }

        var right = await client.PostAsJsonAsync("/api/v1/tokens", new { email = "orgdept@example.org", password = PortalApp.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        var problem = await right.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("锁定", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_reports_role_and_scope()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var me = await staff.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("streetStaff", me.GetProperty("role").GetString());
        Assert.Equal(donghu, me.GetProperty("streetId").GetGuid());
    }

    [Fact]
    public async Task Signing_in_lands_on_a_home_page_that_fits_the_role()
    {
        using var admin = await App.BrowserAsAsync("admin@example.org");
        Assert.Contains("系统管理员", await admin.GetStringAsync("/"), StringComparison.Ordinal);
        using var orgDept = await App.BrowserAsAsync("orgdept@example.org");
        var orgHome = await orgDept.GetStringAsync("/");
        Assert.Contains("东湖街道", orgHome, StringComparison.Ordinal);
        Assert.Contains("西城街道", orgHome, StringComparison.Ordinal);
        using var staff = await App.BrowserAsAsync("staff.xicheng@example.org");
        var staffHome = await staff.GetStringAsync("/");
        Assert.Contains("西城街道大党工委", staffHome, StringComparison.Ordinal);
        Assert.DoesNotContain("东湖街道大党工委", staffHome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ending_a_users_sessions_revokes_their_api_tokens()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/v1/me")).StatusCode);
        using var admin = await App.ApiAsAsync("admin@example.org");
        var userId = await App.QueryAsync(db => db.Users.Where(u => u.Email == "staff.donghu@example.org").Select(u => u.Id).SingleAsync());

        var ended = await admin.PostAsync($"/api/v1/users/{userId}/end-sessions", null);
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Api_tokens_expire()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        App.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.GetAsync("/api/v1/me")).StatusCode);
    }
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the app through IAsyncLifetime.DisposeAsync, which also drops its database.")]
public class SignInRateLimitTests : IAsyncLifetime
{
    private readonly PortalApp app = new() { SignInRateLimit = 3 };

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_address_get_429_problem_details()
    {
        using var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/tokens", new { email = $"nobody{i}@example.org", password = "x" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        var limited = await client.PostAsJsonAsync("/api/v1/tokens", new { email = "nobody@example.org", password = "x" });
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(limited.Headers.RetryAfter);
    }
}
