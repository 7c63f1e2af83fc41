using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary>
/// 需求 (需求清单): a resident's small wish (微心愿) or a need of the community, from submission to the resident's rating
/// (rule 6). The contact is personal data (rule 10): whole only for the community's and the street's staff.
/// </summary>
public sealed class Need : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid CommunityId { get; set; }

    public NeedKind Kind { get; set; }

    public ServiceCategory Category { get; set; }

    public required string Title { get; set; }

    public string Description { get; set; } = "";

    public NeedSource Source { get; set; }

    [PersonalData]
    public string ContactName { get; set; } = "";

    /// <summary>Normalised: 11 digits for a mobile, area code and number with a dash for a landline.</summary>
    [PersonalData]
    public string ContactPhone { get; set; } = "";

    public DateOnly? WantedBy { get; set; }

    public NeedStatus Status { get; set; } = NeedStatus.Submitted;

    public string? RejectReason { get; set; }

    /// <summary>SHA-256 (hex) of the tracking code; the code itself is shown once, to the resident, and never stored.</summary>
    public string TrackingCodeHash { get; set; } = "";

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>The staff member who entered it for a resident; null for the public page.</summary>
    public string? SubmittedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? ReviewedBy { get; set; }

    /// <summary>The claiming unit (a unit leader claimed for it, or it accepted a dispatch).</summary>
    public Guid? ClaimerUnitId { get; set; }

    /// <summary>The project answering this need; while it runs the need is claimed for its lead unit and the project sets the pace.</summary>
    public Guid? ProjectId { get; set; }

    /// <summary>The claiming in-service member (their registration), once that role exists; exclusive with <see cref="ClaimerUnitId"/>.</summary>
    public Guid? ClaimerMemberId { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    public string? ClaimedBy { get; set; }

    /// <summary>
    /// The unit a pending dispatch waits on (派单待答复); null when none is pending. Kept on the need so that a dispatch and
    /// a claim of the same need race on its row version: one saves, the other is told (409).
    /// </summary>
    public Guid? DispatchedUnitId { get; set; }

    /// <summary>The claim lapses after this day unless the need is done (rule 6).</summary>
    public DateOnly? ClaimBy { get; set; }

    /// <summary>How many claims lapsed; the history of who claimed is in the audit log.</summary>
    public int LapsedClaims { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? CompletionNote { get; set; }

    /// <summary>The verified activity rule 7 gave the claiming unit when the need was done.</summary>
    public Guid? ActivityId { get; set; }

    public Rating? Rating { get; set; }

    public string? RatingComment { get; set; }

    public DateTimeOffset? RatedAt { get; set; }

    /// <summary>Done and not rated within the window: closed unrated (the status stays done).</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>回访: the day staff called or visited the resident after the need was done.</summary>
    public DateOnly? ReturnVisitOn { get; set; }

    public ReturnVisitWay? ReturnVisitWay { get; set; }

    public string? ReturnVisitNote { get; set; }

    /// <summary>Whether the resident said they were satisfied on the return visit.</summary>
    public bool? ReturnVisitSatisfied { get; set; }

    public string? ReturnVisitBy { get; set; }

    public uint Version { get; set; }
}

public enum NeedKind
{
    /// <summary>微心愿: a resident's small wish.</summary>
    Wish,

    /// <summary>社区需求: a need of the community or of a building.</summary>
    CommunityNeed,
}

public enum NeedStatus
{
    Submitted,
    Published,
    Claimed,
    Done,
    Rated,
    Rejected,
    Withdrawn,
}

public enum NeedSource
{
    /// <summary>The public page, by the resident.</summary>
    Resident,

    /// <summary>Entered by community or street staff for a resident who came in or phoned.</summary>
    Staff,
}

/// <summary>A photo of a done need (JPEG/PNG, content-checked like activity photos), with a thumbnail.</summary>
public sealed class NeedPhoto : IAuditable, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid NeedId { get; set; }

    public Guid StreetId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public required byte[] Content { get; set; }

    public required byte[] Thumbnail { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
