using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.IntegrationTests.Features.Account;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.IntegrationTests.Features.Security;

/// <summary>Issue 14, items 1, 2, 6, 7 and 8: sessions end on the server, TOTP replay, security events, password policy, unknown accounts.</summary>
public class SessionAndAccountTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task A_copied_session_cookie_dies_with_the_sign_out()
    {
        using var browser = await App.BrowserAsAsync("staff.donghu@example.org");
        var cookie = CookieHeader(browser);
        using var thief = App.Anonymous();
        thief.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/v1/me")).StatusCode);

        var home = await browser.GetStringAsync("/");
        var token = Regex.Match(home, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var logout = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/v1/me")).StatusCode);
        var events = await SecurityEventsAsync();
        Assert.Contains(events, e => e.Contains("SignedOut", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ending_all_sessions_ends_cookie_sessions_at_once()
    {
        using var browser = await App.BrowserAsAsync("staff.donghu@example.org");
        using var second = await App.BrowserAsAsync("staff.donghu@example.org");
        using var admin = await App.ApiAsAsync("admin@example.org");
        var userId = await App.QueryAsync(db => db.Users.Where(u => u.Email == "staff.donghu@example.org").Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{userId}/end-sessions", null)).StatusCode);

        // No minute of grace: the very next request of either browser is refused.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task An_authenticator_code_works_once()
    {
        string key;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync("staff.xicheng@example.org"))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }

        using var client = App.Anonymous();
        var code = TwoFactorTests.Totp(key);
        var first = await client.PostAsJsonAsync("/api/v1/tokens", new { email = "staff.xicheng@example.org", password = PortalApp.Password, twoFactorCode = code });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var again = await client.PostAsJsonAsync("/api/v1/tokens", new { email = "staff.xicheng@example.org", password = PortalApp.Password, twoFactorCode = code });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Theory]
    [InlineData("password123456")]
    [InlineData("qwertyuiop123")]
    [InlineData("111111111111")]
    [InlineData("short#Pass1")]
    public async Task Weak_passwords_are_refused(string password)
    {
        using var admin = await App.ApiAsAsync("admin@example.org");
        var response = await admin.PostAsJsonAsync("/api/v1/users", NewUser(password));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task A_long_passphrase_without_digits_or_capitals_is_accepted_and_the_limit_is_128()
    {
        using var admin = await App.ApiAsAsync("admin@example.org");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/users", NewUser("correct horse battery staple"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsJsonAsync("/api/v1/users", NewUser(new string('x', 60) + "correct horse battery staple" + new string('y', 60), "other.new@example.org"))).StatusCode);
        Assert.True(PasswordPolicy.BlockListCount > 3000);
    }

    [Fact]
    public async Task Unknown_accounts_get_the_same_lockout_answer_and_cost_a_password_hash()
    {
        using var client = App.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/tokens", new { email = "nobody.here@example.org", password = "not-the-password" })).StatusCode);
        }

        // Exactly as a real account (Five_wrong_passwords_on_tokens_lock_the_account_too): 4 × 401, then 429.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);

        // The page says the same.
        using var page = App.Anonymous();
        for (var i = 0; i < 4; i++)
        {
            await PortalApp.PostSignInFormAsync(page, "ghost@example.org", "wrong-password-1");
        }

        var fifth = await PortalApp.PostSignInFormAsync(page, "ghost@example.org", "wrong-password-1");
        Assert.Contains("账户已被锁定", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The unknown address was hashed against (events show the attempts, without the password).
        var events = await SecurityEventsAsync();
        Assert.Contains(events, e => e.Contains("nobody.here@example.org", StringComparison.Ordinal) && e.Contains("LockedOut", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Contains("not-the-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failed_sign_ins_and_token_requests_are_in_the_audit_log_with_the_client_address_and_administrators_filter_them()
    {
        using var client = App.Anonymous();
        await client.PostAsJsonAsync("/api/v1/tokens", new { email = "staff.donghu@example.org", password = "wrong-password-1" });
        await PortalApp.PostSignInFormAsync(App.Anonymous(), "staff.donghu@example.org", "wrong-password-2");

        using var admin = await App.ApiAsAsync("admin@example.org");
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityType={SecurityEvents.EntityType}&pageSize=100");
        var text = page.GetRawText();
        Assert.Contains("TokenRefused", text, StringComparison.Ordinal);
        Assert.Contains("SignInFailed", text, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", text, StringComparison.Ordinal);
    }

    private object NewUser(string password, string email = "new.person@example.org") => new
    {
        email,
        displayName = "新用户",
        role = "streetStaff",
        streetId = App.StreetIdAsync(CommunityPartyBuilding.Web.Data.Seeding.DemoSeeder.DonghuStreet).GetAwaiter().GetResult(),
        password,
        mustChangePassword = false,
    };

    private Task<List<string>> SecurityEventsAsync() => App.QueryAsync(db => db.AuditEntries
        .Where(e => e.EntityType == SecurityEvents.EntityType && e.Action == AuditAction.Security)
        .Select(e => e.UserName + " " + e.Changes).ToListAsync());

    private string CookieHeader(HttpClient client)
    {
        var handler = (HttpClientHandler)typeof(HttpMessageInvoker).GetField("_handler", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(client)!;
        return handler.CookieContainer.GetCookieHeader(App.BaseAddress);
    }
}
