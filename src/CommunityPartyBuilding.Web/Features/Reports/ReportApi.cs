using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommunityPartyBuilding.Web.Features.Reports;

public static class ReportApi
{
    public static void MapReportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/verify/{verificationCode}", (string verificationCode, VerifyReport handler, CancellationToken ct) =>
                handler.GetAsync(verificationCode, ct))
            .AllowAnonymous()
            .RequireRateLimiting(ReportsServiceCollectionExtensions.VerifyRateLimit);

        api.MapPost("/reports/verify/{verificationCode}", async (string verificationCode, IFormFile? file, VerifyReport handler, CancellationToken ct) =>
            {
                var issued = await handler.GetAsync(verificationCode, ct);
                await using var stream = file?.OpenReadStream();
                var result = await handler.CompareAsync(issued, stream, file?.Length ?? 0, ct);
                return new { identical = result.Identical, sha256 = result.Sha256, byteLength = result.ByteLength, issuedSha256 = issued.Sha256 };
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(ReportsServiceCollectionExtensions.VerifyRateLimit)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(VerifyReport.MaxUploadBytes + 64 * 1024));

        api.MapGet("/meetings/{meetingId:guid}/minutes.pdf", async (Guid meetingId, IssueMeetingMinutes handler, CancellationToken ct) =>
            {
                var issued = await handler.HandleAsync(meetingId, ct);
                return TypedResults.File(issued.Content, IssuedFile.ContentType, issued.FileName);
            })
            .Expensive();

        api.MapGet("/organisation-departments/{departmentId:guid}/summary.pdf", async (Guid departmentId, int? year, IssueDistrictSummary handler, CancellationToken ct) =>
            {
                var issued = await handler.HandleAsync(departmentId, year, ct);
                return TypedResults.File(issued.Content, IssuedFile.ContentType, issued.FileName);
            })
            .Expensive();

        api.MapGet("/evaluations/{evaluationId:guid}/report.pdf", async (Guid evaluationId, IssueAnnualReport handler, CancellationToken ct) =>
                File(await handler.HandleAsync(evaluationId, ct)))
            .Expensive();

        // Issue #18: street staff issue a new copy on purpose; the stored one is superseded (it still verifies, and says so).
        api.MapPost("/evaluations/{evaluationId:guid}/report/reissue", async (Guid evaluationId, IssueAnnualReport handler, CancellationToken ct) =>
                File(await handler.HandleAsync(evaluationId, reissue: true, ct)))
            .Expensive();

        api.MapGet("/evaluations/{evaluationId:guid}/units/{unitId:guid}/feedback.pdf", async (Guid evaluationId, Guid unitId, IssueUnitFeedback handler, CancellationToken ct) =>
                File(await handler.HandleAsync(evaluationId, unitId, ct)))
            .Expensive();

        api.MapPost("/evaluations/{evaluationId:guid}/units/{unitId:guid}/feedback/reissue", async (Guid evaluationId, Guid unitId, IssueUnitFeedback handler, CancellationToken ct) =>
                File(await handler.HandleAsync(evaluationId, unitId, reissue: true, ct)))
            .Expensive();
    }

    /// <summary>
    /// The PDF: a stored copy served again, a newly issued one, or a draft. An issued PDF carries its SHA-256 as its
    /// entity tag, so a client that kept its copy (a script downloading every street's report) can ask with
    /// <c>If-None-Match</c> and get 304 instead of the same bytes again; a draft has none (it is drawn anew each time).
    /// </summary>
    private static FileContentHttpResult File(ReportFile file) => TypedResults.File(file.Content, IssuedFile.ContentType, file.FileName,
        entityTag: file.Issued is { } issued ? new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{issued.Sha256}\"") : null);
}
