using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Agreements;

/// <summary>共驻共建协议: between the street (or one of its communities) and a member unit.</summary>
public sealed class CoBuildingAgreement : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid UnitId { get; set; }

    /// <summary>Null: the agreement is with the street itself.</summary>
    public Guid? CommunityId { get; set; }

    public required string Title { get; set; }

    public DateOnly? SignedOn { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly ValidTo { get; set; }

    public AgreementStatus Status { get; set; } = AgreementStatus.Draft;

    public DateOnly? TerminatedOn { get; set; }

    public string? TerminationReason { get; set; }

    public uint Version { get; set; }

    public List<Commitment> Commitments { get; } = [];
}

/// <summary>承诺事项: what the unit commits to, with a measurable target.</summary>
public sealed class Commitment : IAuditable, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid AgreementId { get; set; }

    public Guid StreetId { get; set; }

    public ServiceCategory Category { get; set; }

    public ContributionType ContributionType { get; set; }

    public string Description { get; set; } = "";

    public CommitmentMeasure Measure { get; set; }

    public decimal Target { get; set; }

    public int SortOrder { get; set; }
}

/// <summary>The signed scan of an agreement (PDF, JPEG or PNG), kept in the database with it.</summary>
public sealed class AgreementScan
{
    public Guid AgreementId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public string UploadedBy { get; set; } = "";
}

public enum AgreementStatus
{
    Draft,
    Active,
    Expired,
    Terminated,
}

public enum ServiceCategory
{
    PovertyRelief,
    ConvenienceService,
    SkillTraining,
    CultureSports,
    Environment,
    PublicSafety,
    Employment,
    VenueSharing,
    Other,
}

public enum ContributionType
{
    Funds,
    Personnel,
    Venue,
    Materials,
}

public enum CommitmentMeasure
{
    Activities,
    VolunteerHours,
    Funds,
    Beneficiaries,
}
