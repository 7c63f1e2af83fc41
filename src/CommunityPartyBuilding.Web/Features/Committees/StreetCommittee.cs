using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Committees;

/// <summary>大党工委: the street's big Party working committee, one per street.</summary>
public sealed class StreetCommittee : IAuditable, IVersioned, IStreetScoped
{
    public const decimal DefaultQuorumFraction = 0.5m;
    public const int DefaultMinimumJointMeetingsPerQuarter = 1;
    public const int DefaultAnnualActivityTarget = 4;
    public const int DefaultMemberYearlyHours = 12;
    public const decimal DefaultMemberTargetRate = 0.5m;

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

    /// <summary>Rule 9: confirmed service hours a registered member should give in a year (default 12).</summary>
    public int MemberYearlyHours { get; set; } = DefaultMemberYearlyHours;

    /// <summary>Rule 9: the share of a unit's Party members expected to register and serve their yearly hours (default 0.5).</summary>
    public decimal MemberTargetRate { get; set; } = DefaultMemberTargetRate;

    public uint Version { get; set; }

    public static StreetCommittee CreateDefault(Guid streetId, string streetName) => new()
    {
        StreetId = streetId,
        Name = streetName + "大党工委",
    };
}
