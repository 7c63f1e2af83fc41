using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Evaluations;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
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

    [Fact]
    public async Task Stored_reports_are_served_without_computing_the_results_and_scope_still_refuses()
    {
        var year = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Year - 1;
        using var staff = await app.ApiAsAsync("staff.donghu@example.org");
        var id = await EvaluationApiTests.CampaignIdAsync(app, staff, year);
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
        }

        // Authentication (2), one statement for the campaign, its status and scope, the stored copy (row and bytes) and,
        // for the organisation department, its audit row: 6 and 5 (17 and 16 when the results were computed first).
        Assert.True(orgDeptReport.Count <= 6, $"{orgDeptReport.Count} statements (issuing took {issuing}):\n" + string.Join('\n', orgDeptReport));
        Assert.True(leaderSheet.Count <= 5, $"{leaderSheet.Count} statements:\n" + string.Join('\n', leaderSheet));
        Assert.True(staffSheet.Count <= 5, $"{staffSheet.Count} statements:\n" + string.Join('\n', staffSheet));
        Assert.True(issuing > orgDeptReport.Count);

        // Scope first: another unit's leader, another street's staff are refused before any stored copy is read.
        using var otherLeader = await app.ApiAsAsync("leader2@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherLeader.GetAsync(sheet)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLeader.GetAsync(report)).StatusCode);
        using var otherStreet = await app.ApiAsAsync("staff.xicheng@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync(report)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync(sheet)).StatusCode);
    }
}
