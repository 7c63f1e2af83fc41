using CommunityPartyBuilding.Web.Features.Reports;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary>The claim body: which unit claims (optional; a unit leader claims for their own unit only).</summary>
public sealed record NeedClaimInput(Guid? UnitId);

/// <summary>
/// 需求清单 and 微心愿 routes: the residents' public submission, tracking and rating; the staff's lists, entry and review;
/// claims, photos and completion by the claimer.
/// </summary>
public static class NeedApi
{

    public static void MapNeedApi(this RouteGroupBuilder api)
    {
        api.MapPost("/public/streets/{streetId:guid}/needs", async (Guid streetId, NeedInput request, SubmitNeed handler, HttpContext http, CancellationToken ct) =>
            {
                var submitted = await handler.HandleAsync(streetId, request, EvaluationApi.ClientKey(http), ct);
                return TypedResults.Created($"/api/v1/public/needs/{submitted.TrackingCode}", submitted);
            })
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/public/needs/{trackingCode}", (string trackingCode, TrackNeed handler, HttpContext http, CancellationToken ct) =>
                handler.HandleAsync(trackingCode, EvaluationApi.ClientKey(http), ct))
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/public/needs/{trackingCode}/rating", async (string trackingCode, NeedRatingInput request, TrackNeed handler, HttpContext http, CancellationToken ct) =>
            {
                await handler.RateAsync(trackingCode, request, EvaluationApi.ClientKey(http), ct);
                return await handler.HandleAsync(trackingCode, EvaluationApi.ClientKey(http), ct);
            })
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/communities/{communityId:guid}/needs", async (Guid communityId, string? status, string? kind, string? category, string? search, int? page, int? pageSize,
                GetNeeds handler, CancellationToken ct) =>
            {
                var streetId = await handler.StreetOfCommunityAsync(communityId, ct);
                return await handler.HandleAsync(streetId, Query(communityId, status, kind, category, search, page, pageSize), ct);
            });

        api.MapPost("/communities/{communityId:guid}/needs", async (Guid communityId, NeedInput request, EnterNeed handler, CancellationToken ct) =>
            {
                var entered = await handler.HandleAsync(communityId, request, ct);
                return TypedResults.Created($"/api/v1/needs/{entered.NeedId}", entered);
            });

        api.MapGet("/streets/{streetId:guid}/needs", (Guid streetId, Guid? communityId, string? status, string? kind, string? category, string? search, bool? lapsingSoon,
                int? page, int? pageSize, GetNeeds handler, CancellationToken ct) =>
            handler.HandleAsync(streetId, Query(communityId, status, kind, category, search, page, pageSize) with { LapsingSoon = lapsingSoon ?? false }, ct));

        api.MapGet("/streets/{streetId:guid}/needs/export", async (Guid streetId, Guid? communityId, string? status, string? kind, string? category, string? search,
                bool? lapsingSoon, ExportNeeds handler, CancellationToken ct) =>
            {
                var (content, fileName) = await handler.HandleAsync(streetId, Query(communityId, status, kind, category, search, null, null) with { LapsingSoon = lapsingSoon ?? false }, ct);
                return TypedResults.File(content, Units.UnitApi.XlsxContentType, fileName);
            })
            .Expensive();

        api.MapGet("/units/{unitId:guid}/needs", (Guid unitId, GetUnitNeeds handler, CancellationToken ct) => handler.HandleAsync(unitId, ct));

        api.MapGet("/needs/{needId:guid}", (Guid needId, GetNeed handler, CancellationToken ct) => handler.HandleAsync(needId, revealContact: true, ct));

        api.MapPost("/needs/{needId:guid}/publish", async (Guid needId, PublishNeed handler, GetNeed get, CancellationToken ct) =>
            {
                await handler.HandleAsync(needId, ct);
                return await get.HandleAsync(needId, false, ct);
            });

        api.MapPost("/needs/{needId:guid}/reject", async (Guid needId, NeedReasonInput request, RejectNeed handler, GetNeed get, CancellationToken ct) =>
            {
                await handler.HandleAsync(needId, request, ct);
                return await get.HandleAsync(needId, false, ct);
            });

        api.MapPost("/needs/{needId:guid}/withdraw", async (Guid needId, [FromBody] NeedReasonInput? request, WithdrawNeed handler, GetNeed get, CancellationToken ct) =>
            {
                await handler.HandleAsync(needId, request, ct);
                return await get.HandleAsync(needId, false, ct);
            });

        api.MapPost("/needs/{needId:guid}/claim", async (Guid needId, [FromBody] NeedClaimInput? request, ClaimNeed handler, GetNeed get, CancellationToken ct) =>
            {
                await handler.HandleAsync(needId, request?.UnitId, ct);
                return await get.HandleAsync(needId, false, ct);
            });

        api.MapPost("/needs/{needId:guid}/release", async (Guid needId, ReleaseNeed handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(needId, ct);
                return TypedResults.NoContent();
            });

        api.MapGet("/me/needs", (GetMemberNeeds handler, CancellationToken ct) => handler.HandleAsync(ct));

        api.MapGet("/me/needs/claimable", (GetMemberNeeds handler, CancellationToken ct) => handler.ClaimableAsync(ct));

        api.MapPost("/needs/{needId:guid}/done", async (Guid needId, NeedDoneInput request, CompleteNeed handler, GetNeed get, CancellationToken ct) =>
            {
                await handler.HandleAsync(needId, request, ct);
                return await get.HandleAsync(needId, false, ct);
            });

        api.MapGet("/needs/{needId:guid}/matches", (Guid needId, GetNeedMatches handler, CancellationToken ct) => handler.HandleAsync(needId, ct));

        api.MapGet("/needs/{needId:guid}/dispatches", (Guid needId, GetNeedDispatches handler, CancellationToken ct) => handler.HandleAsync(needId, ct));

        api.MapPost("/needs/{needId:guid}/dispatch", async (Guid needId, NeedDispatchInput request, DispatchNeed handler, GetNeed get, CancellationToken ct) =>
            {
                await handler.HandleAsync(needId, request, ct);
                return await get.HandleAsync(needId, false, ct);
            });

        api.MapPost("/need-dispatches/{needDispatchId:guid}/accept", async (Guid needDispatchId, AcceptNeedDispatch handler, GetNeed get, CancellationToken ct) =>
            {
                var needId = await handler.HandleAsync(needDispatchId, ct);
                return await get.HandleAsync(needId, false, ct);
            });

        api.MapPost("/need-dispatches/{needDispatchId:guid}/decline", async (Guid needDispatchId, NeedReasonInput request, DeclineNeedDispatch handler, GetNeed get, CancellationToken ct) =>
            {
                var needId = await handler.HandleAsync(needDispatchId, request, ct);
                return await get.HandleAsync(needId, false, ct);
            });

        api.MapPost("/needs/{needId:guid}/return-visit", async (Guid needId, ReturnVisitInput request, RecordReturnVisit handler, GetNeed get, CancellationToken ct) =>
            {
                await handler.HandleAsync(needId, request, ct);
                return await get.HandleAsync(needId, false, ct);
            });

        api.MapGet("/streets/{streetId:guid}/need-notices/{month}", (Guid streetId, string month, GetNeedNotice handler, CancellationToken ct) =>
            handler.HandleAsync(streetId, month, ct));

        api.MapGet("/streets/{streetId:guid}/need-notices/{month}/export", async (Guid streetId, string month, ExportNeedNotice handler, CancellationToken ct) =>
            {
                var (content, fileName) = await handler.HandleAsync(streetId, month, ct);
                return TypedResults.File(content, Units.UnitApi.XlsxContentType, fileName);
            })
            .Expensive();

        api.MapGet("/streets/{streetId:guid}/need-notices/{month}.pdf", async (Guid streetId, string month, IssueNeedNotice handler, CancellationToken ct) =>
            {
                var issued = await handler.HandleAsync(streetId, month, ct);
                return TypedResults.File(issued.Content, Reports.IssuedFile.ContentType, issued.FileName);
            })
            .Expensive();

        api.MapPost("/needs/{needId:guid}/photos", async (Guid needId, IFormFile? file, AddNeedPhoto handler, CancellationToken ct) =>
            {
                if (file is null)
                {
                    throw new PortalValidationException([new("File", "Upload.NoFile")]);
                }

                await using var stream = file.OpenReadStream();
                var id = await handler.HandleAsync(needId, file.FileName, stream, file.Length, ct);
                return TypedResults.Created($"/api/v1/need-photos/{id}", new { id });
            })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(NeedRules.MaxPhotoBytes * 3));

        api.MapGet("/need-photos/{needPhotoId:guid}", async (Guid needPhotoId, bool? thumbnail, GetNeedPhoto handler, HttpContext http, CancellationToken ct) =>
            {
                var (content, type, name) = await handler.HandleAsync(needPhotoId, thumbnail ?? false, ct);
                http.Response.Headers.CacheControl = "private, max-age=3600";
                return TypedResults.File(content, type, thumbnail == true ? null : name);
            });

        api.MapDelete("/need-photos/{needPhotoId:guid}", async (Guid needPhotoId, RemoveNeedPhoto handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(needPhotoId, ct);
                return TypedResults.NoContent();
            });
    }

    private static NeedQuery Query(Guid? communityId, string? status, string? kind, string? category, string? search, int? page, int? pageSize) => new()
    {
        CommunityId = communityId,
        Status = ApiEnums.Parse<NeedStatus>(status, nameof(status)),
        Kind = ApiEnums.Parse<NeedKind>(kind, nameof(kind)),
        Category = ApiEnums.Parse<ServiceCategory>(category, nameof(category)),
        Search = search,
        Page = page ?? 1,
        PageSize = pageSize ?? 50,
    };
}
