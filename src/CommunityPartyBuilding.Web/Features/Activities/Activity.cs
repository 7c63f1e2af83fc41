using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Activities;

/// <summary>共建活动: one entry of the co-building ledger (共建台账), logged by a unit. Only verified ones count.</summary>
public sealed class CoBuildingActivity : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid UnitId { get; set; }

    /// <summary>The commitment this activity fulfils, if any.</summary>
    public Guid? CommitmentId { get; set; }

    /// <summary>The done need this activity credits (rule 7); at most one activity per need.</summary>
    public Guid? NeedId { get; set; }

    /// <summary>The accepted project this activity credits (rule 7); at most one activity per unit and project.</summary>
    public Guid? ProjectId { get; set; }

    public required string Title { get; set; }

    public ServiceCategory Category { get; set; }

    public DateOnly HeldOn { get; set; }

    public string Place { get; set; } = "";

    public int Participants { get; set; }

    public int PartyMemberParticipants { get; set; }

    public decimal VolunteerHours { get; set; }

    public decimal Funds { get; set; }

    public int Beneficiaries { get; set; }

    public string Description { get; set; } = "";

    public ActivityStatus Status { get; set; } = ActivityStatus.Submitted;

    public string? ReturnReason { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public string SubmittedBy { get; set; } = "";

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public uint Version { get; set; }
}

public enum ActivityStatus
{
    Submitted,
    Verified,
    Returned,
}

/// <summary>A photo of an activity (JPEG/PNG, content-checked), with a generated thumbnail.</summary>
public sealed class ActivityPhoto : IAuditable, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ActivityId { get; set; }

    public Guid StreetId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public required byte[] Content { get; set; }

    public required byte[] Thumbnail { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
