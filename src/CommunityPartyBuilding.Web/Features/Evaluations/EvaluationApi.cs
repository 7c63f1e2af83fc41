using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Evaluations;

public sealed record CodesRequest(int Count);

public sealed record BallotRequest(string? Code, IReadOnlyList<RatingInput>? Ratings);

public sealed record AdjustmentRequest(Guid UnitId, decimal Delta, string? Reason);

public static class EvaluationApi
{
    public static void MapEvaluationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/streets/{streetId:guid}/evaluations", (Guid streetId, GetCampaigns handler, CancellationToken ct) => handler.HandleAsync(streetId, ct));

        api.MapPost("/streets/{streetId:guid}/evaluations", async (Guid streetId, CampaignInput request, CreateCampaign create, GetCampaign get, CancellationToken ct) =>
            {
                var id = await create.HandleAsync(streetId, request, ct);
                return TypedResults.Created($"/api/v1/evaluations/{id}", await get.HandleAsync(id, ct));
            });

        api.MapGet("/evaluations/{evaluationId:guid}", (Guid evaluationId, GetCampaign handler, CancellationToken ct) => handler.HandleAsync(evaluationId, ct));

        api.MapPut("/evaluations/{evaluationId:guid}", async (Guid evaluationId, CampaignInput request, uint? version, UpdateCampaign update, GetCampaign get, CancellationToken ct) =>
            {
                await update.HandleAsync(evaluationId, request, version, ct);
                return await get.HandleAsync(evaluationId, ct);
            });

        MapStep<OpenCampaign>(api, "open", (h, id, ct) => h.HandleAsync(id, ct));
        MapStep<CloseCampaign>(api, "close", (h, id, ct) => h.HandleAsync(id, ct));
        MapStep<FinaliseCampaign>(api, "finalise", (h, id, ct) => h.HandleAsync(id, ct));
        MapStep<PublishCampaign>(api, "publish", (h, id, ct) => h.HandleAsync(id, ct));

        api.MapPost("/evaluations/{evaluationId:guid}/codes", (Guid evaluationId, CodesRequest request, IssueBallotCodes handler, CancellationToken ct) =>
                handler.HandleAsync(evaluationId, request.Count, ct));

        api.MapPost("/ballots", async (BallotRequest request, CastBallot handler, HttpContext http, CancellationToken ct) =>
            {
                await handler.HandleAsync(request.Code, request.Ratings, ClientKey(http), ct);
                return TypedResults.Created();
            })
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/evaluations/{evaluationId:guid}/paper-ballots", async (Guid evaluationId, PaperBallotInput request, EnterPaperBallot handler, CancellationToken ct) =>
            {
                var id = await handler.HandleAsync(evaluationId, request, ct);
                return TypedResults.Created($"/api/v1/evaluations/{evaluationId}", new { id });
            });

        api.MapGet("/evaluations/{evaluationId:guid}/results", async (Guid evaluationId, GetResults handler, CancellationToken ct) =>
                (await handler.HandleAsync(evaluationId, ct)).Rows);

        api.MapPost("/evaluations/{evaluationId:guid}/adjustments", async (Guid evaluationId, AdjustmentRequest request, AdjustAssessment handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(evaluationId, request.UnitId, request.Delta, request.Reason, ct);
                return TypedResults.NoContent();
            });

        api.MapGet("/units/{unitId:guid}/evaluations", (Guid unitId, GetUnitEvaluationHistory handler, CancellationToken ct) => handler.HandleAsync(unitId, ct));
    }

    /// <summary>The address the rate limits count against (behind a proxy, enable forwarded headers so this is the client's).</summary>
    public static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static void MapStep<THandler>(RouteGroupBuilder api, string step, Func<THandler, Guid, CancellationToken, Task> action)
        where THandler : IHandler =>
        api.MapPost($"/evaluations/{{evaluationId:guid}}/{step}", async (Guid evaluationId, THandler handler, GetCampaign get, CancellationToken ct) =>
            {
                await action(handler, evaluationId, ct);
                return await get.HandleAsync(evaluationId, ct);
            });
}
