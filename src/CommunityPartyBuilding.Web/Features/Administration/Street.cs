using CommunityPartyBuilding.Web.Features.Committees;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Administration;

/// <summary>街道: a street, overseen by one organisation department.</summary>
public sealed class Street : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public Guid OrganisationDepartmentId { get; set; }

    public OrganisationDepartment? OrganisationDepartment { get; set; }

    public uint Version { get; set; }

    public StreetCommittee? Committee { get; set; }

    public List<Community> Communities { get; } = [];

    Guid IStreetScoped.StreetId => Id;
}

/// <summary>社区: a residential community of a street.</summary>
public sealed class Community : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public required string Name { get; set; }

    public uint Version { get; set; }
}
