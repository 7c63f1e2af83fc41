using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Administration;

/// <summary>组织部: a city or district organisation department overseeing several streets.</summary>
public sealed class OrganisationDepartment : IAuditable, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public string Region { get; set; } = "";

    public uint Version { get; set; }

    public List<Street> Streets { get; } = [];
}
