using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.IntegrationTests.Features.Account;

public class TwoFactorTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task An_enrolled_account_needs_its_authenticator_code_on_the_page_and_on_tokens()
    {
        var key = await EnrolAsync("staff.xicheng@example.org");

        using var client = App.Anonymous();
        var withoutCode = await client.PostAsJsonAsync("/api/v1/tokens", new { email = "staff.xicheng@example.org", password = PortalApp.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.Contains("twoFactorCode", await withoutCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var wrong = await client.PostAsJsonAsync("/api/v1/tokens", new { email = "staff.xicheng@example.org", password = PortalApp.Password, twoFactorCode = "000000" == Totp(key) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var right = await client.PostAsJsonAsync("/api/v1/tokens", new { email = "staff.xicheng@example.org", password = PortalApp.Password, twoFactorCode = Totp(key) });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);

        // The sign-in page hands over to the authenticator step instead of signing in.
        var page = await PortalApp.PostSignInFormAsync(App.Anonymous(), "staff.xicheng@example.org", PortalApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/LoginWith2fa", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_enrolment_page_shows_a_QR_code_and_the_key()
    {
        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var html = await staff.GetStringAsync("/Account/Manage/TwoFactor");
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("id=\"shared-key\"", html, StringComparison.Ordinal);
        Assert.Contains("两步验证", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turning_the_second_factor_off_or_new_recovery_codes_need_the_password_again()
    {
        const string Email = "staff.xicheng@example.org";
        var key = await EnrolAsync(Email);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync(Email))!, 10);
        }

        // Signed in with password and authenticator code, through the real pages.
        using var browser = App.Anonymous();
        var signIn = await PortalApp.PostSignInFormAsync(browser, Email, PortalApp.Password);
        Assert.Contains("/Account/LoginWith2fa", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var second = await PostFormAsync(browser, "/Account/LoginWith2fa", "login-with-2fa", new() { ["Input.Code"] = Totp(key) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);

        // A session alone (say, a computer left signed in) cannot turn it off or take new recovery codes.
        foreach (var password in new[] { "", "wrong-password-1234" })
        {
            var disable = await PostFormAsync(browser, "/Account/Manage/TwoFactor", "disable", new() { ["ConfirmPassword"] = password });
            Assert.Contains("密码不正确", await disable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var regenerate = await PostFormAsync(browser, "/Account/Manage/TwoFactor", "regenerate", new() { ["ConfirmPassword"] = password });
            Assert.DoesNotContain("recovery-codes", await regenerate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var (enabled, left) = await StateAsync(Email);
        Assert.True(enabled);
        Assert.Equal(10, left);

        // With the password: ten new codes shown once, then off.
        var renewed = await PostFormAsync(browser, "/Account/Manage/TwoFactor", "regenerate", new() { ["ConfirmPassword"] = PortalApp.Password });
        var html = await renewed.Content.ReadAsStringAsync();
        Assert.Contains("recovery-codes", html, StringComparison.Ordinal);
        var off = await PostFormAsync(browser, "/Account/Manage/TwoFactor", "disable", new() { ["ConfirmPassword"] = PortalApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False((await StateAsync(Email)).Enabled);
        var events = await App.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == SecurityEvents.EntityType && e.UserName.Contains("staff.xicheng"))
            .Select(e => e.Changes).ToListAsync());
        Assert.Contains(events, e => e.Contains(nameof(SecurityEvent.RecoveryCodesRegenerated), StringComparison.Ordinal));
        Assert.Contains(events, e => e.Contains(nameof(SecurityEvent.TwoFactorDisabled), StringComparison.Ordinal));
    }

    private async Task<(bool Enabled, int RecoveryLeft)> StateAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        return (user.TwoFactorEnabled, await users.CountRecoveryCodesAsync(user));
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private async Task<string> EnrolAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from a base32 key, as an authenticator app computes it.</summary>
    internal static string Totp(string base32Key)
    {
        var key = Base32(base32Key);
        // The phone's clock; Identity's authenticator provider checks codes against the system clock too (not the app's TimeProvider).
        var counter = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }

#pragma warning disable CA5350 // RFC 6238 authenticator codes are defined with HMAC-SHA1.
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var code = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (code % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
