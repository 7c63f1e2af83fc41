using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>
/// 服务记录: a member's service for a post, a need or a project, on one day from a start to an end time. Only confirmed
/// records count (rule 8); one member's records never overlap, at most 12 hours a day, not more than 60 days back nor in
/// the future.
/// </summary>
public sealed class ServiceRecord : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    /// <summary>The member's community at the time (whose staff confirm the record).</summary>
    public Guid CommunityId { get; set; }

    public Guid RegistrationId { get; set; }

    public Guid? PostId { get; set; }

    public Guid? NeedId { get; set; }

    public Guid? ProjectId { get; set; }

    public DateOnly Date { get; set; }

    public TimeOnly Start { get; set; }

    public TimeOnly End { get; set; }

    /// <summary>(End − Start) in hours, to one decimal.</summary>
    public decimal Hours { get; set; }

    public string Note { get; set; } = "";

    public CheckInWay CheckIn { get; set; }

    public ServiceRecordStatus Status { get; set; } = ServiceRecordStatus.Submitted;

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Who entered it: the member, or community staff for the member.</summary>
    public required string SubmittedBy { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public string? ReturnReason { get; set; }

    public uint Version { get; set; }
}

public enum ServiceRecordStatus
{
    Submitted,
    Confirmed,
    Returned,
}

public enum CheckInWay
{
    /// <summary>Logged by the member without a code.</summary>
    None,

    /// <summary>The post's or project's QR code scanned on site, on the day.</summary>
    QrCode,

    /// <summary>Entered by community staff for the member.</summary>
    Staff,
}

/// <summary>A photo of a service record (JPEG/PNG, content-checked like activity photos), with a thumbnail.</summary>
public sealed class ServiceRecordPhoto : IAuditable, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ServiceRecordId { get; set; }

    public Guid StreetId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public required byte[] Content { get; set; }

    public required byte[] Thumbnail { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
