using CommunityPartyBuilding.Web.Features.Reports;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyBuilding.Web.Features.Units;

public sealed record WithdrawRequest(DateOnly WithdrawnOn, string? Reason);

public static class UnitApi
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapUnitApi(this RouteGroupBuilder api)
    {
        api.MapGet("/streets/{streetId:guid}/units", (Guid streetId, string? search, string? category, string? status, bool? includeWithdrawn,
                Guid? communityId, string? sort, bool? desc, int? page, int? pageSize, GetUnits handler, CancellationToken ct) =>
                handler.HandleAsync(streetId, new UnitQuery
                {
                    Search = search,
                    Category = ApiEnums.Parse<UnitCategory>(category, nameof(category)),
                    Status = ApiEnums.Parse<UnitStatus>(status, nameof(status)),
                    IncludeWithdrawn = includeWithdrawn ?? false,
                    CommunityId = communityId,
                    Sort = ApiEnums.Parse<UnitSort>(sort, nameof(sort)) ?? UnitSort.Name,
                    Descending = desc ?? false,
                    Page = page ?? 1,
                    PageSize = pageSize ?? 50,
                }, ct));

        api.MapPost("/streets/{streetId:guid}/units", async (Guid streetId, UnitInput request, SaveUnit save, GetUnit get, CancellationToken ct) =>
            {
                var id = await save.HandleAsync(streetId, null, request, null, ct);
                return TypedResults.Created($"/api/v1/units/{id}", await get.HandleAsync(id, ct));
            })
            .RequireAuthorization(Policies.StreetStaff);

        api.MapGet("/units/{unitId:guid}", (Guid unitId, GetUnit handler, CancellationToken ct) => handler.HandleAsync(unitId, ct));

        api.MapPut("/units/{unitId:guid}", async (Guid unitId, UnitInput request, SaveUnit save, GetUnit get, CancellationToken ct) =>
            {
                await save.HandleAsync(Guid.Empty, unitId, request, request.Version, ct);
                return await get.HandleAsync(unitId, ct);
            });

        api.MapPost("/units/{unitId:guid}/withdraw", async (Guid unitId, WithdrawRequest request, WithdrawUnit handler, GetUnit get, CancellationToken ct) =>
            {
                await handler.HandleAsync(unitId, request.WithdrawnOn, request.Reason, ct);
                return await get.HandleAsync(unitId, ct);
            });

        api.MapPost("/units/{unitId:guid}/reinstate", async (Guid unitId, ReinstateUnit handler, GetUnit get, CancellationToken ct) =>
            {
                await handler.HandleAsync(unitId, ct);
                return await get.HandleAsync(unitId, ct);
            });

        api.MapPost("/streets/{streetId:guid}/units/import", async (Guid streetId, IFormFile? file, ImportUnits handler, CancellationToken ct) =>
            {
                if (file is null)
                {
                    throw new PortalValidationException([new("File", "Import.NoFile")]);
                }

                await using var stream = file.OpenReadStream();
                return await handler.HandleAsync(streetId, stream, file.Length, ct);
            })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(UnitSheet.MaxFileBytes * 3));

        api.MapGet("/streets/{streetId:guid}/units/export", async (Guid streetId, string? search, string? category, string? status,
                bool? includeWithdrawn, Guid? communityId, ExportUnits handler, BusinessCalendar calendar, CancellationToken ct) =>
            {
                var bytes = await handler.HandleAsync(streetId, new UnitQuery
                {
                    Search = search,
                    Category = ApiEnums.Parse<UnitCategory>(category, nameof(category)),
                    Status = ApiEnums.Parse<UnitStatus>(status, nameof(status)),
                    IncludeWithdrawn = includeWithdrawn ?? false,
                    CommunityId = communityId,
                }, ct);
                return TypedResults.File(bytes, XlsxContentType, $"成员单位-{calendar.Today:yyyyMMdd}.xlsx");
            })
            .Expensive();

        api.MapGet("/units/import-template", () => TypedResults.File(UnitSheet.Template(), XlsxContentType, "成员单位导入模板.xlsx"));

        api.MapGet("/streets/{streetId:guid}/committee-members", (Guid streetId, GetCommitteeMembers handler, CancellationToken ct) =>
                handler.HandleAsync(streetId, ct));

        api.MapPost("/streets/{streetId:guid}/committee-members", async (Guid streetId, CommitteeMemberInput request, SaveCommitteeMember save, CancellationToken ct) =>
            {
                var id = await save.HandleAsync(streetId, null, request, null, ct);
                return TypedResults.Created($"/api/v1/streets/{streetId}/committee-members/{id}", new { id });
            })
            .RequireAuthorization(Policies.StreetStaff);

        api.MapPut("/streets/{streetId:guid}/committee-members/{memberId:guid}", async (Guid streetId, Guid memberId, CommitteeMemberInput request,
                SaveCommitteeMember save, CancellationToken ct) =>
            {
                await save.HandleAsync(streetId, memberId, request, request.Version, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.StreetStaff);

        api.MapDelete("/streets/{streetId:guid}/committee-members/{memberId:guid}", async (Guid streetId, Guid memberId, RemoveCommitteeMember remove, CancellationToken ct) =>
            {
                await remove.HandleAsync(streetId, memberId, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.StreetStaff);
    }
}
