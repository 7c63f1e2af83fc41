using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

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

    /// <summary>批量登记, the export and temporary passwords (staff).</summary>
    public static void MapMemberSheetApi(this RouteGroupBuilder api)
    {
        api.MapGet("/streets/{streetId:guid}/member-registrations/import-template", async (Guid streetId, GetMemberImportTemplate handler, CancellationToken ct) =>
            TypedResults.File(await handler.HandleAsync(streetId, ct), SheetUpload.XlsxContentType, "在职党员批量登记模板.xlsx"));

        api.MapPost("/streets/{streetId:guid}/member-registrations/import", async (Guid streetId, IFormFile? file, ImportMembers handler,
                IStringLocalizer<SharedResource> localizer, HttpContext http, CancellationToken ct) =>
            {
                await using var stream = OpenUpload(file);
                return Answer(await handler.StreetAsync(streetId, stream, file!.Length, ct), localizer, http);
            })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MemberSheet.MaxFileBytes * 3))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/communities/{communityId:guid}/member-registrations/import", async (Guid communityId, IFormFile? file, ImportMembers handler,
                IStringLocalizer<SharedResource> localizer, HttpContext http, CancellationToken ct) =>
            {
                await using var stream = OpenUpload(file);
                return Answer(await handler.CommunityAsync(communityId, stream, file!.Length, ct), localizer, http);
            })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MemberSheet.MaxFileBytes * 3))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/streets/{streetId:guid}/member-registrations/export", async (Guid streetId, Guid? communityId, string? status, string? search, bool? awaiting,
                ExportMembers handler, CancellationToken ct) =>
            {
                var (content, name) = await handler.HandleAsync(streetId, communityId, Query(status, search, awaiting, null, null), ct);
                return TypedResults.File(content, SheetUpload.XlsxContentType, name);
            });

        api.MapGet("/communities/{communityId:guid}/member-registrations/export", async (Guid communityId, string? status, string? search, bool? awaiting,
                ExportMembers handler, CancellationToken ct) =>
            {
                var (content, name) = await handler.CommunityAsync(communityId, Query(status, search, awaiting, null, null), ct);
                return TypedResults.File(content, SheetUpload.XlsxContentType, name);
            });

        api.MapPost("/member-registrations/{registrationId:guid}/temporary-password", (Guid registrationId, IssueMemberPassword handler, CancellationToken ct) =>
            handler.HandleAsync(registrationId, ct));
    }

    private static Stream OpenUpload(IFormFile? file) =>
        file is null ? throw new PortalValidationException([new("File", "Import.NoFile")]) : file.OpenReadStream();

    /// <summary>
    /// 200 <c>{imported, errors: []}</c>; or, when any row is wrong, 422 problem details: <c>errors</c> keyed by
    /// <c>rows[N].field</c> as validation problems are, and <c>rows</c> listing each problem with its row, column header,
    /// message and message key.
    /// </summary>
    private static IResult Answer(ImportResult result, IStringLocalizer<SharedResource> localizer, HttpContext http)
    {
        if (result.Errors.Count == 0)
        {
            return TypedResults.Ok(result);
        }

        var errors = result.Errors
            .GroupBy(e => $"rows[{e.Row}].{MemberSheet.ApiField(MemberSheet.FieldOfColumn(e.Column))}")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return TypedResults.Problem(new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = localizer[ProblemResponses.TitleKey(StatusCodes.Status422UnprocessableEntity)],
            Detail = localizer["Import.Failed", result.Errors.Select(e => e.Row).Distinct().Count(), result.Errors.Count],
            Instance = http.Request.Path,
            Extensions =
            {
                ["imported"] = 0,
                ["rows"] = result.Errors,
                ["traceId"] = http.TraceIdentifier,
            },
        });
    }

    private static RegistrationQuery Query(string? status, string? search, bool? awaiting, int? page, int? pageSize) => new(
        ApiEnums.Parse<RegistrationStatus>(status, nameof(status)), search, awaiting ?? false, page ?? 1, pageSize ?? 50);
}
