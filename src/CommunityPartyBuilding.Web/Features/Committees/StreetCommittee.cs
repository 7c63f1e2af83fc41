using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Committees;

/// <summary>大党工委: the street's big Party working committee, one per street.</summary>
public sealed class StreetCommittee : IAuditable, IVersioned, IStreetScoped
{
    public const decimal DefaultQuorumFraction = 0.5m;
    public const int DefaultMinimumJointMeetingsPerQuarter = 1;
    public const int DefaultAnnualActivityTarget = 4;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public required string Name { get; set; }

    public string Secretary { get; set; } = "";

    public DateOnly? EstablishedOn { get; set; }

    /// <summary>议事规则: scope, procedure and discipline of deliberation.</summary>
    public string DeliberationRules { get; set; } = "";

    /// <summary>Resolutions need present or delegated units to be MORE than this fraction of active member units.</summary>
    public decimal QuorumFraction { get; set; } = DefaultQuorumFraction;

    public int MinimumJointMeetingsPerQuarter { get; set; } = DefaultMinimumJointMeetingsPerQuarter;

    public int AnnualActivityTarget { get; set; } = DefaultAnnualActivityTarget;

    public uint Version { get; set; }

    public static StreetCommittee CreateDefault(Guid streetId, string streetName) => new()
    {
        StreetId = streetId,
        Name = streetName + "大党工委",
    };
}
