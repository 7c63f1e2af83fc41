using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Evaluations;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.IntegrationTests.Features.Reports;

/// <summary>Issue #18: a finalised campaign's reports are issued once and then served; reissued only on purpose; drafts never issued.</summary>
public class KeptReportTests(PortalApp app) : PortalTest(app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private int ThisYear => TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), Shanghai).Year;

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<Guid> UnitOfAsync(HttpClient client) =>
        Guid.Parse((await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("unitId").ToString());

    private Task<List<IssuedReport>> CopiesAsync(string copyOf) =>
        App.QueryAsync(db => db.IssuedReports.AsNoTracking().Where(r => r.CopyOf == copyOf).OrderBy(r => r.IssuedAt).ToListAsync());

    [Fact]
    public async Task A_finalised_annual_report_is_issued_once_and_then_served_byte_for_byte_with_the_same_code()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var id = await EvaluationApiTests.CampaignIdAsync(App, staff, ThisYear - 1);

        var first = await (await staff.GetAsync($"/api/v1/evaluations/{id}/report.pdf")).Content.ReadAsByteArrayAsync();
        var issuedAfterFirst = await App.QueryAsync(db => db.IssuedReports.CountAsync());
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await staff.GetAsync($"/api/v1/evaluations/{id}/report.pdf");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var secondBytes = await second.Content.ReadAsByteArrayAsync();

        Assert.Equal(first, secondBytes);
        Assert.Equal(issuedAfterFirst, await App.QueryAsync(db => db.IssuedReports.CountAsync()));
        var copy = Assert.Single(await CopiesAsync(IssueAnnualReport.CopyOf(Guid.Parse(id))));
        Assert.Equal(Hash(first), copy.Sha256);
        Assert.Null(copy.SupersededAt);
        Assert.Equal("Published", copy.Edition);
        var pages = ReportTestSupport.PageTexts(secondBytes);
        Assert.Contains(VerificationCodes.Format(copy.VerificationCode), string.Concat(pages), StringComparison.Ordinal);

        // The organisation department is served the same copy, and each of its downloads is in the audit log.
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        Assert.Equal(first, await orgDept.GetByteArrayAsync($"/api/v1/evaluations/{id}/report.pdf"));
        Assert.Equal(first, await orgDept.GetByteArrayAsync($"/api/v1/evaluations/{id}/report.pdf"));
        Assert.Equal(2, await App.QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == copy.Id.ToString() && a.Action == Web.Features.Audit.AuditAction.Downloaded)));
        Assert.Single(await CopiesAsync(IssueAnnualReport.CopyOf(Guid.Parse(id))));

        // A unit's feedback sheet the same way, for its leader and for staff.
        using var leader = await App.ApiAsAsync("leader1@example.org");
        var unit = await UnitOfAsync(leader);
        var sheet = await leader.GetByteArrayAsync($"/api/v1/evaluations/{id}/units/{unit}/feedback.pdf");
        Assert.Equal(sheet, await staff.GetByteArrayAsync($"/api/v1/evaluations/{id}/units/{unit}/feedback.pdf"));
        Assert.Equal(Hash(sheet), Assert.Single(await CopiesAsync(IssueUnitFeedback.CopyOf(Guid.Parse(id), unit))).Sha256);
    }

    [Fact]
    public async Task Staff_reissue_on_purpose_and_the_old_copy_still_verifies_and_says_it_was_superseded()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var id = await EvaluationApiTests.CampaignIdAsync(App, staff, ThisYear - 1);
        var old = await staff.GetByteArrayAsync($"/api/v1/evaluations/{id}/report.pdf");
        var oldCopy = Assert.Single(await CopiesAsync(IssueAnnualReport.CopyOf(Guid.Parse(id))));

        // The organisation department reads, never reissues; nor may a unit leader reissue a feedback sheet.
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await orgDept.PostAsync($"/api/v1/evaluations/{id}/report/reissue", null)).StatusCode);
        using var leader = await App.ApiAsAsync("leader1@example.org");
        var unit = await UnitOfAsync(leader);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/api/v1/evaluations/{id}/units/{unit}/feedback/reissue", null)).StatusCode);

        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var response = await staff.PostAsync($"/api/v1/evaluations/{id}/report/reissue", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reissued = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(old, reissued);

        var copies = await CopiesAsync(IssueAnnualReport.CopyOf(Guid.Parse(id)));
        Assert.Equal(2, copies.Count);
        var superseded = copies.Single(c => c.Id == oldCopy.Id);
        var current = copies.Single(c => c.Id != oldCopy.Id);
        Assert.NotNull(superseded.SupersededAt);
        Assert.Equal(current.Id, superseded.SupersededById);
        Assert.Null(current.SupersededAt);
        Assert.Equal(Hash(reissued), current.Sha256);
        Assert.NotEqual(oldCopy.VerificationCode, current.VerificationCode);
        Assert.True(await App.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == oldCopy.Id.ToString() && a.Action == Web.Features.Audit.AuditAction.Updated)));

        // Later downloads get the new copy; the old one's bytes are no longer kept in memory, the new one's are.
        Assert.Equal(reissued, await staff.GetByteArrayAsync($"/api/v1/evaluations/{id}/report.pdf"));
        var kept = App.Services.GetRequiredService<IssuedCopyCache>();
        Assert.False(kept.TryGet(oldCopy.Id, out _));
        Assert.True(kept.TryGet(current.Id, out var keptBytes));
        Assert.Equal(reissued, keptBytes);

        // The old code: still issued, identical to the old file, and superseded by the new code (API, page in both languages).
        using var anonymous = App.Anonymous();
        var answer = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/verify/{oldCopy.VerificationCode}");
        Assert.True(answer.GetProperty("issued").GetBoolean());
        Assert.True(answer.GetProperty("superseded").GetBoolean());
        Assert.Equal(current.VerificationCode, answer.GetProperty("supersededBy").GetString());
        Assert.Equal(superseded.SupersededAt, answer.GetProperty("supersededAt").GetDateTimeOffset());
        var currentAnswer = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/verify/{current.VerificationCode}");
        Assert.False(currentAnswer.GetProperty("superseded").GetBoolean());

        var page = await anonymous.GetStringAsync($"/verify/{oldCopy.VerificationCode}");
        Assert.Contains("id=\"verify-superseded\"", page, StringComparison.Ordinal);
        Assert.Contains("已被重新出具的版本取代", page, StringComparison.Ordinal);
        Assert.Contains(VerificationCodes.Format(current.VerificationCode), page, StringComparison.Ordinal);
        Assert.Contains("id=\"verify-identical\"", await ReportTestSupport.UploadOnPageAsync(anonymous, oldCopy.VerificationCode, old), StringComparison.Ordinal);
        Assert.DoesNotContain("verify-superseded", await anonymous.GetStringAsync($"/verify/{current.VerificationCode}"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/culture?culture=en&returnUrl=/verify/{oldCopy.VerificationCode}")).StatusCode);
        Assert.Contains("has been superseded by a reissued copy", await anonymous.GetStringAsync($"/verify/{oldCopy.VerificationCode}"), StringComparison.Ordinal);

        // A feedback sheet too.
        var sheet = await staff.GetByteArrayAsync($"/api/v1/evaluations/{id}/units/{unit}/feedback.pdf");
        var newSheet = await (await staff.PostAsync($"/api/v1/evaluations/{id}/units/{unit}/feedback/reissue", null)).Content.ReadAsByteArrayAsync();
        Assert.NotEqual(sheet, newSheet);
        Assert.Equal(newSheet, await leader.GetByteArrayAsync($"/api/v1/evaluations/{id}/units/{unit}/feedback.pdf"));
        Assert.Single(await CopiesAsync(IssueUnitFeedback.CopyOf(Guid.Parse(id), unit)), c => c.SupersededAt is null);
    }

    [Fact]
    public async Task A_draft_is_drawn_on_demand_and_never_issued()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var id = await EvaluationApiTests.CampaignIdAsync(App, staff, ThisYear);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/evaluations/{id}/close", null)).StatusCode);
        using var leader = await App.ApiAsAsync("leader1@example.org");
        var unit = await UnitOfAsync(leader);
        var before = await App.QueryAsync(db => db.IssuedReports.CountAsync());

        var report = await staff.GetAsync($"/api/v1/evaluations/{id}/report.pdf");
        var sheet = await staff.GetAsync($"/api/v1/evaluations/{id}/units/{unit}/feedback.pdf");

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        var pages = ReportTestSupport.PageTexts(await report.Content.ReadAsByteArrayAsync());
        Assert.All(pages, p => Assert.Contains("草稿", p, StringComparison.Ordinal));
        Assert.DoesNotContain("验证码", string.Concat(pages), StringComparison.Ordinal);
        Assert.Equal(before, await App.QueryAsync(db => db.IssuedReports.CountAsync()));
        Assert.False(await App.QueryAsync(db => db.IssuedReports.AnyAsync(r => r.SubjectId == Guid.Parse(id) || r.SubjectId == unit && r.Year == ThisYear)));

        // Nothing to reissue before finalisation.
        var refused = await staff.PostAsync($"/api/v1/evaluations/{id}/report/reissue", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await App.QueryAsync(db => db.IssuedReports.CountAsync()));
    }

    [Fact]
    public async Task Concurrent_first_downloads_issue_one_copy()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var id = await EvaluationApiTests.CampaignIdAsync(App, staff, ThisYear - 1);

        var downloads = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => staff.GetByteArrayAsync($"/api/v1/evaluations/{id}/report.pdf")));

        Assert.All(downloads, d => Assert.Equal(downloads[0], d));
        var copy = Assert.Single(await CopiesAsync(IssueAnnualReport.CopyOf(Guid.Parse(id))));
        Assert.Equal(Hash(downloads[0]), copy.Sha256);
        Assert.Equal(1, await App.QueryAsync(db => db.IssuedReports.CountAsync(r => r.Kind == ReportKind.AnnualReport && r.SubjectId == Guid.Parse(id))));
    }
}
