using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Projects;

/// <summary>
/// 共建项目 (项目清单): a piece of work that answers one or more needs of a community with several units together
/// (组团式服务). Planned → under way → done → accepted; on acceptance each unit's contribution becomes one verified
/// activity in its ledger (rule 7).
/// </summary>
public sealed class Project : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid CommunityId { get; set; }

    public required string Title { get; set; }

    public string Description { get; set; } = "";

    /// <summary>The service category its activities are counted under (the needs' category unless staff choose another).</summary>
    public ServiceCategory Category { get; set; }

    public Guid LeadUnitId { get; set; }

    public DateOnly PlannedStart { get; set; }

    public DateOnly PlannedEnd { get; set; }

    /// <summary>Budget in yuan.</summary>
    public decimal Budget { get; set; }

    public ProjectStatus Status { get; set; } = ProjectStatus.Planned;

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public string? DoneBy { get; set; }

    /// <summary>The closing summary, written when the work is done.</summary>
    public string? Summary { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public string? AcceptedBy { get; set; }

    public uint Version { get; set; }
}

public enum ProjectStatus
{
    Planned,
    UnderWay,
    Done,
    Accepted,
}

/// <summary>A unit taking part in a project (the lead unit too), with its contribution once the project is accepted.</summary>
public sealed class ProjectUnit : IAuditable, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProjectId { get; set; }

    public Guid StreetId { get; set; }

    public Guid UnitId { get; set; }

    public bool IsLead { get; set; }

    public decimal? VolunteerHours { get; set; }

    public decimal? Funds { get; set; }

    public int? Beneficiaries { get; set; }

    public int? Participants { get; set; }

    /// <summary>The verified activity rule 7 gave the unit on acceptance (linked back through CoBuildingActivity.ProjectId).</summary>
    public Guid? ActivityId { get; set; }
}

/// <summary>A need a project answers; the need is claimed for the lead unit while the project runs.</summary>
public sealed class ProjectNeed : IStreetScoped
{
    public Guid ProjectId { get; set; }

    public Guid NeedId { get; set; }

    public Guid StreetId { get; set; }
}

/// <summary>A photo of a project's work (JPEG/PNG, content-checked), with a generated thumbnail.</summary>
public sealed class ProjectPhoto : IAuditable, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProjectId { get; set; }

    public Guid StreetId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public required byte[] Content { get; set; }

    public required byte[] Thumbnail { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
