using CommunityPartyBuilding.Web.Authorization;

namespace CommunityPartyBuilding.Web.Features.Committees;

public sealed record CommitteeUpdateRequest
{
    public string Name { get; init; } = "";

    public string? Secretary { get; init; }

    public DateOnly? EstablishedOn { get; init; }

    public string? DeliberationRules { get; init; }

    public decimal QuorumFraction { get; init; } = StreetCommittee.DefaultQuorumFraction;

    public int MinimumJointMeetingsPerQuarter { get; init; } = StreetCommittee.DefaultMinimumJointMeetingsPerQuarter;

    public int AnnualActivityTarget { get; init; } = StreetCommittee.DefaultAnnualActivityTarget;

    /// <summary>The <c>version</c> from the GET this edit started from; a stale one is refused with 409.</summary>
    public uint? Version { get; init; }
}

public static class CommitteeApi
{
    public static void MapCommitteeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/streets/{streetId:guid}/committee", (Guid streetId, GetCommittee handler, CancellationToken ct) =>
                handler.HandleAsync(streetId, ct))
            .WithName("GetCommittee");

        api.MapPut("/streets/{streetId:guid}/committee", async (Guid streetId, CommitteeUpdateRequest request,
                UpdateCommittee update, GetCommittee get, CancellationToken ct) =>
            {
                var profile = new CommitteeProfile
                {
                    Name = request.Name,
                    Secretary = request.Secretary,
                    EstablishedOn = request.EstablishedOn,
                    DeliberationRules = request.DeliberationRules,
                    QuorumFraction = request.QuorumFraction,
                    MinimumJointMeetingsPerQuarter = request.MinimumJointMeetingsPerQuarter,
                    AnnualActivityTarget = request.AnnualActivityTarget,
                };
                await update.HandleAsync(streetId, profile, request.Version, ct);
                return await get.HandleAsync(streetId, ct);
            })
            .RequireAuthorization(Policies.StreetStaff)
            .WithName("UpdateCommittee");
    }
}
