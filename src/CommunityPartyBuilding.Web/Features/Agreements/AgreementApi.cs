using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyBuilding.Web.Features.Agreements;

public sealed record TerminateRequest(DateOnly TerminatedOn, string? Reason);

public static class AgreementApi
{
    public static void MapAgreementApi(this RouteGroupBuilder api)
    {
        api.MapGet("/streets/{streetId:guid}/agreements", (Guid streetId, Guid? unitId, string? status, bool? endingSoon, string? search,
                int? page, int? pageSize, GetAgreements handler, CancellationToken ct) =>
                handler.HandleAsync(streetId, new AgreementQuery
                {
                    UnitId = unitId,
                    Status = ApiEnums.Parse<AgreementStatus>(status, nameof(status)),
                    EndingSoon = endingSoon ?? false,
                    Search = search,
                    Page = page ?? 1,
                    PageSize = pageSize ?? 50,
                }, ct));

        api.MapPost("/streets/{streetId:guid}/agreements", async (Guid streetId, AgreementInput request, SaveAgreement save,
                ActivateAgreement activate, GetAgreement get, CancellationToken ct) =>
            {
                if (request.Status is { } wanted && wanted is not (AgreementStatus.Draft or AgreementStatus.Active))
                {
                    throw new PortalValidationException([new("Status", "Agreement.CreateStatus")]);
                }

                var id = await save.HandleAsync(streetId, null, request, null, ct);
                if (request.Status == AgreementStatus.Active)
                {
                    await activate.HandleAsync(id, ct);
                }

                return TypedResults.Created($"/api/v1/agreements/{id}", await get.HandleAsync(id, ct));
            })
            .RequireAuthorization(Policies.StreetStaff);

        api.MapGet("/agreements/{agreementId:guid}", (Guid agreementId, GetAgreement get, CancellationToken ct) => get.HandleAsync(agreementId, ct));

        api.MapPut("/agreements/{agreementId:guid}", async (Guid agreementId, AgreementInput request, SaveAgreement save, GetAgreement get, CancellationToken ct) =>
            {
                await save.HandleAsync(Guid.Empty, agreementId, request, request.Version, ct);
                return await get.HandleAsync(agreementId, ct);
            });

        api.MapGet("/agreements/{agreementId:guid}/fulfilment", (Guid agreementId, GetAgreement get, CancellationToken ct) => get.FulfilmentAsync(agreementId, ct));

        api.MapPost("/agreements/{agreementId:guid}/activate", async (Guid agreementId, ActivateAgreement activate, GetAgreement get, CancellationToken ct) =>
            {
                await activate.HandleAsync(agreementId, ct);
                return await get.HandleAsync(agreementId, ct);
            });

        api.MapPost("/agreements/{agreementId:guid}/terminate", async (Guid agreementId, TerminateRequest request, TerminateAgreement terminate, GetAgreement get, CancellationToken ct) =>
            {
                await terminate.HandleAsync(agreementId, request.TerminatedOn, request.Reason, ct);
                return await get.HandleAsync(agreementId, ct);
            });

        api.MapPost("/agreements/{agreementId:guid}/scan", async (Guid agreementId, IFormFile? file, UploadAgreementScan upload, CancellationToken ct) =>
            {
                if (file is null)
                {
                    throw new PortalValidationException([new("File", "Upload.NoFile")]);
                }

                await using var stream = file.OpenReadStream();
                await upload.HandleAsync(agreementId, file.FileName, stream, file.Length, ct);
                return TypedResults.NoContent();
            })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(UploadAgreementScan.MaxBytes * 2));

        api.MapGet("/agreements/{agreementId:guid}/scan", async (Guid agreementId, GetAgreementScan getScan, CancellationToken ct) =>
            {
                var scan = await getScan.HandleAsync(agreementId, ct);
                return TypedResults.File(scan.Content, scan.ContentType, scan.FileName);
            });
    }
}
