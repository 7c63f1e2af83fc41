using CommunityPartyBuilding.Web.Authorization;

namespace CommunityPartyBuilding.Web.Features.Committees;

public static class CommitteeApi
{
    public static void MapCommitteeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/streets/{streetId:guid}/committee", (Guid streetId, GetCommittee handler, CancellationToken ct) =>
                handler.HandleAsync(streetId, ct))
            .WithName("GetCommittee");

        api.MapPut("/streets/{streetId:guid}/committee", async (Guid streetId, CommitteeProfile request,
                UpdateCommittee update, GetCommittee get, CancellationToken ct) =>
            {
                await update.HandleAsync(streetId, request, request.Version, ct);
                return await get.HandleAsync(streetId, ct);
            })
            .RequireAuthorization(Policies.StreetStaff)
            .WithName("UpdateCommittee");
    }
}
