using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>A confirmation, optionally guarded by the version the reader saw.</summary>
public sealed record RegistrationConfirmInput(uint? Version);

public sealed record RegistrationReturnInput(string? Reason, uint? Version);

public sealed record RegistrationMoveAwayInput(DateOnly? MovedAwayOn, uint? Version);

/// <summary>在职党员报到 routes: the public registration, the staff's and the employer's lists and confirmations.</summary>
public static class MemberApi
{
    public static void MapMemberApi(this RouteGroupBuilder api)
    {
        api.MapPost("/public/streets/{streetId:guid}/member-registrations", async (Guid streetId, RegistrationInput request, RegisterMember handler, HttpContext http, CancellationToken ct) =>
            {
                var submitted = await handler.HandleAsync(streetId, request, EvaluationApi.ClientKey(http), ct);
                return TypedResults.Created($"/api/v1/member-registrations/{submitted.RegistrationId}", submitted);
            })
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/communities/{communityId:guid}/member-registrations", (Guid communityId, string? status, string? search, bool? awaiting, int? page, int? pageSize,
                GetMemberRegistrations handler, CancellationToken ct) =>
            handler.HandleAsync(communityId, Query(status, search, awaiting, page, pageSize), ct));

        api.MapGet("/streets/{streetId:guid}/member-registrations", (Guid streetId, Guid? communityId, string? status, string? search, bool? awaiting, int? page, int? pageSize,
                GetMemberRegistrations handler, CancellationToken ct) =>
            handler.StreetAsync(streetId, communityId, Query(status, search, awaiting, page, pageSize), ct));

        api.MapGet("/member-registrations/{registrationId:guid}", (Guid registrationId, GetMemberRegistrations handler, CancellationToken ct) =>
            handler.OneAsync(registrationId, ct));

        api.MapPost("/member-registrations/{registrationId:guid}/confirm", (Guid registrationId, [FromBody] RegistrationConfirmInput? request, ReviewMemberRegistration handler, CancellationToken ct) =>
            handler.ConfirmAsync(registrationId, request?.Version, ct));

        api.MapPost("/member-registrations/{registrationId:guid}/return", (Guid registrationId, RegistrationReturnInput request, ReviewMemberRegistration handler, CancellationToken ct) =>
            handler.ReturnAsync(registrationId, request.Reason, request.Version, ct));

        api.MapPost("/member-registrations/{registrationId:guid}/move-away", (Guid registrationId, [FromBody] RegistrationMoveAwayInput? request, ReviewMemberRegistration handler, CancellationToken ct) =>
            handler.MoveAwayAsync(registrationId, request?.MovedAwayOn, request?.Version, ct));
    }

    private static RegistrationQuery Query(string? status, string? search, bool? awaiting, int? page, int? pageSize) => new(
        ApiEnums.Parse<RegistrationStatus>(status, nameof(status)), search, awaiting ?? false, page ?? 1, pageSize ?? 50);
}
