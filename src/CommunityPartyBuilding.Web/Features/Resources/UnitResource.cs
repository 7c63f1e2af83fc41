using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Resources;

/// <summary>
/// 资源 (资源清单): what a member unit offers the street's communities: a venue, funds, volunteers, expertise or
/// materials, with its capacity, when it is available and the communities it serves. Replaces the resource flags
/// that units used to carry (migrated into resources by <c>UnitResources</c>).
/// </summary>
public sealed class UnitResource : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid UnitId { get; set; }

    public ResourceKind Kind { get; set; }

    public required string Title { get; set; }

    public string Description { get; set; } = "";

    /// <summary>How much is offered, in <see cref="Measure"/>; null when the unit does not say.</summary>
    public decimal? Capacity { get; set; }

    public CapacityMeasure? Measure { get; set; }

    /// <summary>When it can be used, in the unit's words (工作日 9:00–17:00，提前三天预约).</summary>
    public string Availability { get; set; } = "";

    /// <summary>The last day it is offered; null: no end. Matching leaves out resources past this day.</summary>
    public DateOnly? AvailableUntil { get; set; }

    public ResourceStatus Status { get; set; } = ResourceStatus.Active;

    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>
    /// The communities it serves (a PostgreSQL uuid[]: audited and versioned with the resource); none means every
    /// community of the street. The handler admits only communities of the resource's street.
    /// </summary>
    public List<Guid> CommunityIds { get; set; } = [];

    public uint Version { get; set; }
}

/// <summary>场地, 资金, 志愿者, 专业技能, 物资.</summary>
public enum ResourceKind
{
    Venue,
    Funds,
    Volunteers,
    Expertise,
    Materials,
}

/// <summary>What a capacity counts: seats, yuan, people, items.</summary>
public enum CapacityMeasure
{
    Seats,
    Yuan,
    People,
    Items,
}

public enum ResourceStatus
{
    Active,
    Withdrawn,
}
