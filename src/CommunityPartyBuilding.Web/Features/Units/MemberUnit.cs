using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Units;

/// <summary>成员单位: a unit located in the street whose Party organisation has joined the big committee.</summary>
public sealed class MemberUnit : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public required string Name { get; set; }

    /// <summary>统一社会信用代码, normalised (upper case, no spaces); unique within the street.</summary>
    public required string CreditCode { get; set; }

    public UnitCategory Category { get; set; }

    public string PartyOrganisationName { get; set; } = "";

    public PartyOrganisationType PartyOrganisationType { get; set; }

    public int PartyMemberCount { get; set; }

    public string Address { get; set; } = "";

    public Guid? CommunityId { get; set; }

    public string ContactPerson { get; set; } = "";

    public string ContactPhone { get; set; } = "";

    public DateOnly JoinedOn { get; set; }

    public UnitStatus Status { get; set; } = UnitStatus.Active;

    public DateOnly? WithdrawnOn { get; set; }

    public string? WithdrawalReason { get; set; }

    public uint Version { get; set; }
}

public enum UnitCategory
{
    PartyGovernmentOrgan,
    PublicInstitution,
    StateOwnedEnterprise,
    PrivateEnterprise,
    SocialOrganisation,
    MilitaryUnit,
    School,
    Hospital,
    PropertyManagement,
    Other,
}

public enum PartyOrganisationType
{
    Committee,
    GeneralBranch,
    Branch,
    JointBranch,
}

public enum UnitStatus
{
    Active,
    Withdrawn,
}

/// <summary>大党工委委员: a member of the committee, from a unit or from the street itself (no unit).</summary>
public sealed class CommitteeMember : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public required string PersonName { get; set; }

    /// <summary>Null: the member comes from the street committee itself.</summary>
    public Guid? UnitId { get; set; }

    public CommitteePosition Position { get; set; }

    public DateOnly TermStart { get; set; }

    public DateOnly TermEnd { get; set; }

    public uint Version { get; set; }
}

public enum CommitteePosition
{
    Secretary,
    DeputySecretary,
    Member,
    PartTimeMember,
}
