using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Evaluations;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.IntegrationTests.Features.Reports;

/// <summary>
/// Issue #18: a stored annual report or feedback sheet is served to every reader (the organisation department, unit
/// leaders, staff) from the campaign's street, status and scope and the stored copy, without computing the results first.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the app through IAsyncLifetime.DisposeAsync, which also drops its database.")]
public class StoredReportStatementsTests : IAsyncLifetime
{
    private readonly PortalApp app = new() { TestServices = SqlCommandCounter.Register };

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    /// <summary>The demo street's published campaign of last year (in the street's time zone).</summary>
    internal static Task<string> LastYearsCampaignAsync(PortalApp app, HttpClient staff) => EvaluationApiTests.CampaignIdAsync(
        app, staff, TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Year - 1);

    [Fact]
    public async Task Stored_reports_are_served_without_computing_the_results_and_scope_still_refuses()
    {
        using var staff = await app.ApiAsAsync("staff.donghu@example.org");
        var id = await LastYearsCampaignAsync(app, staff);
        using var leader = await app.ApiAsAsync("leader1@example.org");
        var unit = Guid.Parse((await leader.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("unitId").ToString());
        using var orgDept = await app.ApiAsAsync("orgdept@example.org");
        var counter = app.Services.GetRequiredService<SqlCommandCounter>();
        var report = $"/api/v1/evaluations/{id}/report.pdf";
        var sheet = $"/api/v1/evaluations/{id}/units/{unit}/feedback.pdf";

        // Issued once (the full path: results, turnout, committee, render).
        var reportBytes = await staff.GetByteArrayAsync(report);
        var sheetBytes = await staff.GetByteArrayAsync(sheet);
        var issuing = counter.For(report).Count;

        counter.Clear();
        Assert.Equal(reportBytes, await orgDept.GetByteArrayAsync(report));
        var orgDeptReport = counter.For(report);
        Assert.Equal(sheetBytes, await leader.GetByteArrayAsync(sheet));
        var leaderSheet = counter.For(sheet);
        counter.Clear();
        Assert.Equal(sheetBytes, await staff.GetByteArrayAsync(sheet));
        var staffSheet = counter.For(sheet);

        foreach (var served in new[] { orgDeptReport, leaderSheet, staffSheet })
        {
            Assert.DoesNotContain(served, sql => sql.Contains("\"UnitAssessments\"", StringComparison.Ordinal));
            Assert.DoesNotContain(served, sql => sql.Contains("\"BallotCodes\"", StringComparison.Ordinal));
            Assert.DoesNotContain(served, sql => sql.Contains("\"StreetCommittees\"", StringComparison.Ordinal));

            // The bytes were kept in memory when the copy was stored: they are not read from PostgreSQL again.
            Assert.DoesNotContain(served, sql => sql.Contains("\"IssuedReportContents\"", StringComparison.Ordinal));
        }

        // Authentication (2), one statement for the campaign, its status and scope, the stored copy's row and, for the
        // organisation department, its audit row: 5 and 4 (17 and 16 when the results were computed first, 6 and 5
        // when the bytes were read from PostgreSQL on every download).
        Assert.True(orgDeptReport.Count <= 5, $"{orgDeptReport.Count} statements (issuing took {issuing}):\n" + string.Join('\n', orgDeptReport));
        Assert.True(leaderSheet.Count <= 4, $"{leaderSheet.Count} statements:\n" + string.Join('\n', leaderSheet));
        Assert.True(staffSheet.Count <= 4, $"{staffSheet.Count} statements:\n" + string.Join('\n', staffSheet));
        Assert.True(issuing > orgDeptReport.Count);

        // Scope first: another unit's leader, another street's staff are refused before any stored copy is read.
        using var otherLeader = await app.ApiAsAsync("leader2@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherLeader.GetAsync(sheet)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLeader.GetAsync(report)).StatusCode);
        using var otherStreet = await app.ApiAsAsync("staff.xicheng@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync(report)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync(sheet)).StatusCode);
    }

    [Fact]
    public async Task A_copy_superseded_elsewhere_is_never_served_from_memory_and_a_kept_copy_answers_if_none_match()
    {
        using var staff = await app.ApiAsAsync("staff.donghu@example.org");
        var id = await LastYearsCampaignAsync(app, staff);
        var report = $"/api/v1/evaluations/{id}/report.pdf";
        var first = await staff.GetAsync(report);
        var firstBytes = await first.Content.ReadAsByteArrayAsync();
        var copy = await app.QueryAsync(db => db.IssuedReports.AsNoTracking()
            .SingleAsync(r => r.CopyOf == IssueAnnualReport.CopyOf(Guid.Parse(id)) && r.SupersededAt == null));

        // The entity tag is the SHA-256 the verification page holds; a client with that copy gets 304 and no bytes.
        Assert.Equal($"\"{copy.Sha256}\"", first.Headers.ETag?.Tag);
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, report))
        {
            conditional.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{copy.Sha256}\""));
            var notModified = await staff.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }

        using (var stale = new HttpRequestMessage(HttpMethod.Get, report))
        {
            stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"0000\""));
            Assert.Equal(firstBytes, await (await staff.SendAsync(stale)).Content.ReadAsByteArrayAsync());
        }

        // Another instance reissues (simulated in the database: the copy this instance keeps in memory is superseded by
        // a new current one): the next download here is the new copy, read from PostgreSQL, not the one in memory.
        var replacement = new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x6E, 0x65, 0x77 };
        var newId = Guid.CreateVersion7();
        await app.QueryAsync(async db =>
        {
            var old = await db.IssuedReports.SingleAsync(r => r.Id == copy.Id);
            old.SupersededAt = app.Clock.GetUtcNow();
            await db.SaveChangesAsync();
            db.IssuedReports.Add(new IssuedReport
            {
                Id = newId,
                Kind = copy.Kind,
                StreetId = copy.StreetId,
                Year = copy.Year,
                SubjectId = copy.SubjectId,
                Title = copy.Title,
                FileName = copy.FileName,
                VerificationCode = "ZZZZ2222",
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(replacement)),
                ByteLength = replacement.Length,
                IssuedByUserId = copy.IssuedByUserId,
                IssuedByName = copy.IssuedByName,
                IssuedAt = app.Clock.GetUtcNow(),
                CopyOf = copy.CopyOf,
                Edition = copy.Edition,
            });
            db.IssuedReportContents.Add(new IssuedReportContent { IssuedReportId = newId, Content = replacement });
            await db.SaveChangesAsync();
            old.SupersededById = newId;
            return await db.SaveChangesAsync();
        });

        var counter = app.Services.GetRequiredService<SqlCommandCounter>();
        counter.Clear();
        Assert.Equal(replacement, await staff.GetByteArrayAsync(report));
        Assert.Contains(counter.For(report), sql => sql.Contains("\"IssuedReportContents\"", StringComparison.Ordinal));

        // Now kept in memory too: the download after reads no bytes from PostgreSQL.
        counter.Clear();
        Assert.Equal(replacement, await staff.GetByteArrayAsync(report));
        Assert.DoesNotContain(counter.For(report), sql => sql.Contains("\"IssuedReportContents\"", StringComparison.Ordinal));
    }
}

/// <summary>With <c>Portal:Reports:CopyCacheMegabytes</c> 0 nothing is kept in memory: every download reads the stored bytes.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the app through IAsyncLifetime.DisposeAsync, which also drops its database.")]
public class StoredReportWithoutCopyCacheTests : IAsyncLifetime
{
    private readonly PortalApp app = new()
    {
        TestServices = SqlCommandCounter.Register,
        Settings = new Dictionary<string, string> { ["Portal:Reports:CopyCacheMegabytes"] = "0" },
    };

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task Every_download_reads_the_stored_bytes_and_they_are_the_same()
    {
        using var staff = await app.ApiAsAsync("staff.donghu@example.org");
        var id = await StoredReportStatementsTests.LastYearsCampaignAsync(app, staff);
        var report = $"/api/v1/evaluations/{id}/report.pdf";
        var first = await staff.GetByteArrayAsync(report);
        var counter = app.Services.GetRequiredService<SqlCommandCounter>();
        for (var i = 0; i < 2; i++)
        {
            counter.Clear();
            Assert.Equal(first, await staff.GetByteArrayAsync(report));
            Assert.Contains(counter.For(report), sql => sql.Contains("\"IssuedReportContents\"", StringComparison.Ordinal));
        }
    }
}
