using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Reports;

public class ReportVerificationTests(PortalApp app) : PortalTest(app)
{
    private async Task<(byte[] Pdf, IssuedReport Report)> IssueMinutesAsync()
    {
        var meetingId = await App.QueryAsync(db => db.Meetings.Where(m => m.Status == MeetingStatus.Held).OrderBy(m => m.ScheduledAt).Select(m => m.Id).FirstAsync());
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var response = await staff.GetAsync($"/api/v1/meetings/{meetingId}/minutes.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var report = await App.QueryAsync(db => db.IssuedReports.SingleAsync());
        return (pdf, report);
    }

    [Fact]
    public async Task Anyone_can_ask_the_api_what_was_issued_under_a_code()
    {
        var (_, report) = await IssueMinutesAsync();
        using var anonymous = App.Anonymous();

        var answer = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/verify/{report.VerificationCode}");

        Assert.True(answer.GetProperty("issued").GetBoolean());
        Assert.Equal("meetingMinutes", answer.GetProperty("kind").GetString());
        Assert.Equal(report.Title, answer.GetProperty("title").GetString());
        Assert.Equal(report.StreetId.ToString(), answer.GetProperty("streetId").GetString());
        Assert.Equal(DemoSeeder.DonghuStreet, answer.GetProperty("streetName").GetString());
        Assert.Equal(report.Year, answer.GetProperty("year").GetInt32());
        Assert.Equal("东湖街道 刘洋", answer.GetProperty("issuedBy").GetString());
        Assert.Equal(report.Sha256, answer.GetProperty("sha256").GetString());
        Assert.Equal(report.IssuedAt, answer.GetProperty("issuedAt").GetDateTimeOffset());

        // Typed from paper: lower case, with the dash.
        var typed = VerificationCodes.Format(report.VerificationCode).ToLowerInvariant();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/reports/verify/{typed}")).StatusCode);

        var unknown = await anonymous.GetAsync("/api/v1/reports/verify/ABCD2345");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/reports/verify/not-a-code")).StatusCode);
    }

    [Fact]
    public async Task The_public_page_shows_the_report_and_says_whether_an_upload_is_the_issued_file()
    {
        var (pdf, report) = await IssueMinutesAsync();
        using var anonymous = App.Anonymous();

        var page = await anonymous.GetStringAsync($"/verify/{report.VerificationCode}");
        Assert.Contains("id=\"verify-issued\"", page, StringComparison.Ordinal);
        Assert.Contains(report.Title, page, StringComparison.Ordinal);
        Assert.Contains(report.Sha256!, page, StringComparison.Ordinal);
        Assert.Contains("会议纪要", page, StringComparison.Ordinal);
        Assert.Contains("东湖街道 刘洋", page, StringComparison.Ordinal);
        Assert.DoesNotContain("_blazor", page, StringComparison.Ordinal);

        var identical = await ReportTestSupport.UploadOnPageAsync(anonymous, report.VerificationCode, pdf);
        Assert.Contains("与签发文件完全一致", identical, StringComparison.Ordinal);
        Assert.DoesNotContain("与签发文件不一致", identical, StringComparison.Ordinal);

        // One byte changed in the middle of the file (a content stream): no longer the issued file.
        var tampered = (byte[])pdf.Clone();
        tampered[tampered.Length / 2] ^= 0x01;
        var different = await ReportTestSupport.UploadOnPageAsync(anonymous, report.VerificationCode, tampered);
        Assert.Contains("与签发文件不一致", different, StringComparison.Ordinal);
        Assert.DoesNotContain("与签发文件完全一致", different, StringComparison.Ordinal);

        // The same file cut short is not identical either.
        var truncated = await ReportTestSupport.UploadOnPageAsync(anonymous, report.VerificationCode, pdf[..^10]);
        Assert.Contains("与签发文件不一致", truncated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_takes_a_typed_code_and_says_clearly_when_it_is_unknown()
    {
        var (_, report) = await IssueMinutesAsync();
        using var anonymous = App.Anonymous();

        var start = await anonymous.GetStringAsync("/verify");
        Assert.Contains("id=\"verify-code-form\"", start, StringComparison.Ordinal);

        var typed = await anonymous.GetAsync($"/verify?code={Uri.EscapeDataString(VerificationCodes.Format(report.VerificationCode).ToLowerInvariant())}");
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
        Assert.EndsWith($"/verify/{report.VerificationCode}", typed.Headers.Location?.ToString(), StringComparison.Ordinal);

        var unknown = await anonymous.GetStringAsync("/verify/ABCD2345");
        Assert.Contains("id=\"verify-not-found\"", unknown, StringComparison.Ordinal);
        Assert.Contains("未找到验证码为“ABCD2345”的报告", unknown, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"verify-upload-form\"", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_compares_an_uploaded_file_too()
    {
        var (pdf, report) = await IssueMinutesAsync();
        using var anonymous = App.Anonymous();

        async Task<JsonElement> CompareAsync(byte[] file)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "copy.pdf" } };
            var response = await anonymous.PostAsync($"/api/v1/reports/verify/{report.VerificationCode}", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        Assert.True((await CompareAsync(pdf)).GetProperty("identical").GetBoolean());
        var tampered = (byte[])pdf.Clone();
        tampered[100] ^= 0x20;
        Assert.False((await CompareAsync(tampered)).GetProperty("identical").GetBoolean());
    }

    [Fact]
    public async Task The_readiness_check_reports_the_cjk_font()
    {
        using var anonymous = App.Anonymous();

        var health = await anonymous.GetFromJsonAsync<JsonElement>("/health/ready");

        var font = health.GetProperty("checks").GetProperty("cjk-font");
        Assert.Equal("Healthy", font.GetProperty("status").GetString());
        Assert.Contains("Noto Sans CJK SC", font.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the app through IAsyncLifetime.DisposeAsync, which also drops its database.")]
public class ReportVerifyRateLimitTests : IAsyncLifetime
{
    private readonly PortalApp app = new() { VerifyRateLimit = 3, PublicNoticeRateLimit = 3 };

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task Public_verification_and_the_public_notice_are_rate_limited_per_address()
    {
        using var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.GetAsync("/api/v1/reports/verify/ABCD2345")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/verify/ABCD2345")).StatusCode);

        // The public notice (共建公示): page and API share one allowance, and the refusal says when to come back.
        var street = await app.StreetIdAsync(Web.Data.Seeding.DemoSeeder.DonghuStreet);
        statuses.Clear();
        statuses.Add((await client.GetAsync($"/public/streets/{street}")).StatusCode);
        statuses.Add((await client.GetAsync($"/api/v1/public/streets/{street}/notice")).StatusCode);
        statuses.Add((await client.GetAsync($"/public/streets/{street}")).StatusCode);
        var refused = await client.GetAsync($"/api/v1/public/streets/{street}/notice");
        statuses.Add(refused.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}
