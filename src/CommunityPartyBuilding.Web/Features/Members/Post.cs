using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>岗位 (设岗定责): a community's standing post for in-service members, with a number of places.</summary>
public sealed class Post : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid CommunityId { get; set; }

    public PostKind Kind { get; set; }

    public required string Title { get; set; }

    public string Duties { get; set; } = "";

    public string Place { get; set; } = "";

    /// <summary>When the post is served, in words (每周六上午 9:00–11:00).</summary>
    public string Schedule { get; set; } = "";

    public int Places { get; set; }

    /// <summary>Places held now; changed only by a guarded single-row update, so that two claims of the last place cannot both win.</summary>
    public int Taken { get; set; }

    /// <summary>Withdrawn posts take no new claims or records; their history stays.</summary>
    public bool Withdrawn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public uint Version { get; set; }
}

public enum PostKind
{
    /// <summary>政策宣传.</summary>
    PolicyOutreach,

    /// <summary>环境监督.</summary>
    EnvironmentWatch,

    /// <summary>治安巡逻.</summary>
    SafetyPatrol,

    /// <summary>文明劝导.</summary>
    CivilityGuidance,

    /// <summary>助老助残.</summary>
    ElderlyDisabledCare,

    /// <summary>文化辅导.</summary>
    CultureTutoring,

    /// <summary>其他.</summary>
    Other,
}

/// <summary>A member holding a place on a post, from claim to release.</summary>
public sealed class PostClaim : IAuditable, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid PostId { get; set; }

    public Guid RegistrationId { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }
}

/// <summary>
/// The code behind a post's or a project's QR poster (签到码). Scanning it on site fills in what and where and marks the
/// record as checked in. A new poster replaces the old code (which then counts as expired); a code also expires on its own.
/// </summary>
public sealed class CheckInCode : IAuditable, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid? PostId { get; set; }

    public Guid? ProjectId { get; set; }

    /// <summary>10 characters of <see cref="Reports.VerificationCodes.Alphabet"/>-like letters; unique.</summary>
    public required string Code { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly ValidUntil { get; set; }

    /// <summary>Set when a newer poster replaced this code.</summary>
    public DateTimeOffset? ReplacedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }
}
