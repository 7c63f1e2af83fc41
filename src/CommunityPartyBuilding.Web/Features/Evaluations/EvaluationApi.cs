
namespace CommunityPartyBuilding.Web.Features.Evaluations;

public sealed record CampaignRequest(int Year, DateTimeOffset BallotOpensAt, DateTimeOffset BallotClosesAt, IndicatorWeights? Weights, GradeThresholds? Thresholds);

public sealed record CodesRequest(int Count);

public sealed record BallotRequest(string? Code, IReadOnlyList<RatingInput>? Ratings);

public sealed record PaperBallotRequest(string? Serial, IReadOnlyList<RatingInput>? Ratings);

public sealed record AdjustmentRequest(Guid UnitId, decimal Delta, string? Reason);

public static class EvaluationApi
{
    public static void MapEvaluationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/streets/{streetId:guid}/evaluations", (Guid streetId, GetCampaigns handler, CancellationToken ct) => handler.HandleAsync(streetId, ct))
            .WithSummary("The street's evaluation campaigns, newest year first.");

        api.MapPost("/streets/{streetId:guid}/evaluations", async (Guid streetId, CampaignRequest request, SaveCampaign save, GetCampaign get, CancellationToken ct) =>
            {
                var id = await save.CreateAsync(streetId, ToInput(request), ct);
                return TypedResults.Created($"/api/v1/evaluations/{id}", await get.HandleAsync(id, ct));
            })
            .WithSummary("Creates the year's campaign (草稿): ballot window, weights (default 20/30/10/20/20, summing to 100) and grade thresholds.");

        api.MapGet("/evaluations/{evaluationId:guid}", (Guid evaluationId, GetCampaign handler, CancellationToken ct) => handler.HandleAsync(evaluationId, ct))
            .WithSummary("One campaign with its settings and turnout (ballots cast, codes left).");

        api.MapPut("/evaluations/{evaluationId:guid}", async (Guid evaluationId, CampaignRequest request, uint? version, SaveCampaign save, GetCampaign get, CancellationToken ct) =>
            {
                await save.UpdateAsync(evaluationId, ToInput(request), version, ct);
                return await get.HandleAsync(evaluationId, ct);
            })
            .WithSummary("Changes the window, weights or thresholds while the campaign is a draft (the year cannot change).");

        MapStep(api, "open", (h, id, ct) => h.OpenAsync(id, ct), "草稿 → 评议中: the units active now are put on the ballot; codes can be used inside the window.");
        MapStep(api, "close", (h, id, ct) => h.CloseAsync(id, ct), "评议中 → 已截止: no more online ballots; results become visible to staff.");
        MapStep(api, "finalise", (h, id, ct) => h.FinaliseAsync(id, ct), "已截止 → 已定稿: the figures are computed once more and stored for good.");
        MapStep(api, "publish", (h, id, ct) => h.PublishAsync(id, ct), "已定稿 → 已通报: unit leaders see their own row, the organisation department all rows.");

        api.MapPost("/evaluations/{evaluationId:guid}/codes", (Guid evaluationId, CodesRequest request, IssueBallotCodes handler, CancellationToken ct) =>
                handler.HandleAsync(evaluationId, request.Count, ct))
            .WithSummary("Issues one-time codes; the plain codes are in this answer only (the portal keeps their hashes).");

        api.MapPost("/ballots", async (BallotRequest request, CastBallot handler, HttpContext http, CancellationToken ct) =>
            {
                await handler.HandleAsync(request.Code, request.Ratings, ClientKey(http), ct);
                return TypedResults.Created();
            })
            .AllowAnonymous()
            .WithSummary("A resident casts a ballot with a one-time code: 404 unknown code, 409 used, 422 window closed or bad ratings, 429 too many attempts.");

        api.MapPost("/evaluations/{evaluationId:guid}/paper-ballots", async (Guid evaluationId, PaperBallotRequest request, EnterPaperBallot handler, CancellationToken ct) =>
            {
                var id = await handler.HandleAsync(evaluationId, new PaperBallotInput(request.Serial, request.Ratings), ct);
                return TypedResults.Created($"/api/v1/evaluations/{evaluationId}", new { id });
            })
            .WithSummary("Staff enter a paper ballot (optional sheet number, unique per campaign); it counts the same, marked paper.");

        api.MapGet("/evaluations/{evaluationId:guid}/results", async (Guid evaluationId, GetResults handler, CancellationToken ct) =>
                (await handler.HandleAsync(evaluationId, ct)).Rows)
            .WithSummary("Every unit's indicators (weighted points; null when left out), adjustment, total, rank and grade. Sealed until the window closes.");

        api.MapPost("/evaluations/{evaluationId:guid}/adjustments", async (Guid evaluationId, AdjustmentRequest request, AdjustAssessment handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(evaluationId, request.UnitId, request.Delta, request.Reason, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Sets a unit's manual adjustment (±20 points, one decimal) with its reason, after closing and before finalising; 0 removes it.");

        api.MapGet("/units/{unitId:guid}/evaluations", (Guid unitId, GetUnitEvaluationHistory handler, CancellationToken ct) => handler.HandleAsync(unitId, ct))
            .WithSummary("The unit's stored assessments by year (its leaders see published ones).");
    }

    /// <summary>The address the rate limits count against (behind a proxy, enable forwarded headers so this is the client's).</summary>
    public static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static CampaignInput ToInput(CampaignRequest request) => new()
    {
        Year = request.Year,
        BallotOpensAt = request.BallotOpensAt,
        BallotClosesAt = request.BallotClosesAt,
        Weights = request.Weights,
        Thresholds = request.Thresholds,
    };

    private static void MapStep(RouteGroupBuilder api, string step, Func<ChangeCampaignStatus, Guid, CancellationToken, Task> action, string summary) =>
        api.MapPost($"/evaluations/{{evaluationId:guid}}/{step}", async (Guid evaluationId, ChangeCampaignStatus handler, GetCampaign get, CancellationToken ct) =>
            {
                await action(handler, evaluationId, ct);
                return await get.HandleAsync(evaluationId, ct);
            })
            .WithSummary(summary);
}
