using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Reports;

public static class ReportApi
{
    public static void MapReportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/verify/{verificationCode}", (string verificationCode, VerifyReport handler, CancellationToken ct) =>
                handler.GetAsync(verificationCode, ct))
            .AllowAnonymous()
            .RequireRateLimiting(ReportsServiceCollectionExtensions.VerifyRateLimit)
            .WithSummary("Anyone: whether a report with this verification code was issued, what it is, for which street and year, by whom and when, and its SHA-256; 404 otherwise.");

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
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(VerifyReport.MaxUploadBytes + 64 * 1024))
            .WithSummary("Anyone: multipart `file` → whether it is byte-identical to the issued PDF (same SHA-256 and length).");

        api.MapGet("/meetings/{meetingId:guid}/minutes.pdf", async (Guid meetingId, IssueMeetingMinutes handler, CancellationToken ct) =>
            {
                var issued = await handler.HandleAsync(meetingId, ct);
                return TypedResults.File(issued.Content, IssuedFile.ContentType, issued.FileName);
            })
            .WithSummary("The minutes (会议纪要) of a held meeting as an issued PDF; 409 while the meeting is not held. Readers of the meeting only.");

        api.MapGet("/organisation-departments/{departmentId:guid}/summary.pdf", async (Guid departmentId, int? year, IssueDistrictSummary handler, CancellationToken ct) =>
            {
                var issued = await handler.HandleAsync(departmentId, year, ct);
                return TypedResults.File(issued.Content, IssuedFile.ContentType, issued.FileName);
            })
            .WithSummary("The district summary (街道共驻共建工作汇总) of an organisation department for a year: every street side by side, with a chart; an issued PDF.");

        api.MapGet("/evaluations/{evaluationId:guid}/report.pdf", async (Guid evaluationId, IssueAnnualReport handler, CancellationToken ct) =>
            {
                var issued = await handler.HandleAsync(evaluationId, ct);
                return TypedResults.File(issued.Content, IssuedFile.ContentType, issued.FileName);
            })
            .WithSummary("The street's annual assessment report (年度共驻共建考核报告) as an issued PDF; marked 草稿 until finalised. Staff of the street from 已截止; the organisation department once published (409 before).");

        api.MapGet("/evaluations/{evaluationId:guid}/units/{unitId:guid}/feedback.pdf", async (Guid evaluationId, Guid unitId, IssueUnitFeedback handler, CancellationToken ct) =>
            {
                var issued = await handler.HandleAsync(evaluationId, unitId, ct);
                return TypedResults.File(issued.Content, IssuedFile.ContentType, issued.FileName);
            })
            .WithSummary("A unit's feedback sheet (成员单位考核反馈单) as an issued PDF; marked 草稿 until finalised. Staff of the street; the organisation department and the unit's own leaders once published.");
    }
}
