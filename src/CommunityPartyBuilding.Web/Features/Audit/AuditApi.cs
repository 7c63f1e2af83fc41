using CommunityPartyBuilding.Web.Authorization;

namespace CommunityPartyBuilding.Web.Features.Audit;

public static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", (string? entityType, string? user, DateOnly? from, DateOnly? to, Guid? streetId, int? page, int? pageSize,
                GetAuditEntries handler, CancellationToken ct) =>
                handler.HandleAsync(new AuditQuery(entityType, user, from, to, streetId, page ?? 1, pageSize ?? 50), ct))
            .RequireAuthorization(Policies.AuditReaders)
            .WithName("GetAuditEntries");
    }
}
