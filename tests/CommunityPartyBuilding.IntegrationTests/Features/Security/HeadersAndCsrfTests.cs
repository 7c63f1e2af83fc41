using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Reports;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Security;

/// <summary>Issue 14, items 4, 5 and 9: CSRF on cookie-authenticated API calls, security headers, the public address in PDFs.</summary>
public class HeadersAndCsrfTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task A_cookie_authenticated_API_write_from_another_origin_is_refused()
    {
        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var leader = await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.Id).SingleAsync());

        var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{leader}/end-sessions")
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"),
        };
        forged.Headers.Add("Origin", "http://evil.example");
        var refused = await staff.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        // No Origin and a foreign Referer: refused too; neither header: refused.
        var byReferer = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{leader}/end-sessions");
        byReferer.Headers.Referrer = new Uri("http://evil.example/page");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.SendAsync(byReferer)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"/api/v1/users/{leader}/end-sessions", null)).StatusCode);

        // The portal's own origin passes, and reads are not affected.
        var own = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{leader}/end-sessions");
        own.Headers.Add("Origin", App.BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.NoContent, (await staff.SendAsync(own)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Bearer_token_calls_are_not_affected_by_the_origin_check()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var leader = await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.Id).SingleAsync());
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{leader}/end-sessions");
        request.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.NoContent, (await staff.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Pages_and_API_answers_carry_the_security_headers()
    {
        using var client = App.Anonymous();
        var page = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("nosniff", Header(page, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(page, "Referrer-Policy"));
        var csp = Header(page, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.False(page.Headers.Contains("Server"), "Server header disclosed");

        // The import map is the one inline script, and it carries the response's nonce.
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        var html = await page.Content.ReadAsStringAsync();
        var importMap = System.Text.RegularExpressions.Regex.Match(html, "<script[^>]*importmap[^>]*>").Value;
        // Razor encodes the attribute ('+' and '=' of the base64 nonce as &#x2B; and &#x3D;); the browser compares the
        // decoded value with the header's, as this does.
        var attribute = System.Text.RegularExpressions.Regex.Match(importMap, "nonce=\"([^\"]*)\"").Groups[1].Value;
        Assert.Equal(nonce, System.Net.WebUtility.HtmlDecode(attribute));

        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var me = await staff.GetAsync("/api/v1/me");
        Assert.Equal("no-store", me.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Header(me, "X-Content-Type-Options"));
        Assert.False(me.Headers.Contains("Server"));
        var problem = await staff.GetAsync($"/api/v1/units/{Guid.NewGuid()}");
        Assert.Equal("no-store", problem.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Uploaded_files_are_served_as_attachments_with_nosniff()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var (activityId, photoId) = await App.QueryAsync(async db =>
        {
            var photo = await db.ActivityPhotos.Select(p => new { p.ActivityId, p.Id }).FirstOrDefaultAsync();
            return (photo?.ActivityId, photo?.Id);
        });
        Assert.NotNull(photoId);
        var response = await staff.GetAsync($"/api/v1/photos/{photoId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.NotNull(activityId);
    }

    [Fact]
    public async Task The_verification_link_in_an_issued_pdf_ignores_a_forged_Host_header()
    {
        var meetingId = await App.QueryAsync(async db =>
        {
            var donghu = await db.Streets.Where(s => s.Name == DemoSeeder.DonghuStreet).Select(s => s.Id).SingleAsync();
            return await db.Meetings.Where(m => m.StreetId == donghu && m.Status == MeetingStatus.Held).Select(m => m.Id).FirstAsync();
        });
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/meetings/{meetingId}/minutes.pdf");
        request.Headers.Host = "evil.example";
        var response = await staff.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = string.Concat(ReportTestSupport.PageTexts(await response.Content.ReadAsByteArrayAsync()));
        Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal);
        Assert.Contains("/verify/", text, StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : "";
}
