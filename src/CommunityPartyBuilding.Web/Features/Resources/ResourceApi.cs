using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Resources;

/// <summary>资源清单 routes: a unit's resources, the street's list for matching, and writes by the unit's leader or staff.</summary>
public static class ResourceApi
{
    public static void MapResourceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/units/{unitId:guid}/resources", (Guid unitId, bool? includeWithdrawn, GetUnitResources handler, CancellationToken ct) =>
            handler.HandleAsync(unitId, includeWithdrawn ?? false, ct));

        api.MapPost("/units/{unitId:guid}/resources", async (Guid unitId, ResourceInput request, CreateUnitResource create, GetResource get, CancellationToken ct) =>
            {
                var id = await create.HandleAsync(unitId, request, ct);
                return TypedResults.Created($"/api/v1/resources/{id}", await get.HandleAsync(id, ct));
            });

        api.MapGet("/resources/{resourceId:guid}", (Guid resourceId, GetResource handler, CancellationToken ct) => handler.HandleAsync(resourceId, ct));

        api.MapPut("/resources/{resourceId:guid}", async (Guid resourceId, ResourceInput request, UpdateUnitResource update, GetResource get, CancellationToken ct) =>
            {
                await update.HandleAsync(resourceId, request, request.Version, ct);
                return await get.HandleAsync(resourceId, ct);
            });

        api.MapDelete("/resources/{resourceId:guid}", async (Guid resourceId, WithdrawUnitResource withdraw, GetResource get, CancellationToken ct) =>
            {
                await withdraw.HandleAsync(resourceId, ct);
                return await get.HandleAsync(resourceId, ct);
            });

        api.MapGet("/streets/{streetId:guid}/resources", (Guid streetId, string? kind, Guid? communityId, string? search, bool? includeWithdrawn,
                int? page, int? pageSize, GetStreetResources handler, CancellationToken ct) =>
            handler.HandleAsync(streetId, new ResourceQuery
            {
                Kind = ApiEnums.Parse<ResourceKind>(kind, nameof(kind)),
                CommunityId = communityId,
                Search = search,
                IncludeWithdrawn = includeWithdrawn ?? false,
                Page = page ?? 1,
                PageSize = pageSize ?? 50,
            }, ct));
    }
}
