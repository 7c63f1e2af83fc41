using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>
/// 在职党员报到: an in-service Party member reporting to the community where they live. The account it created
/// (<see cref="UserId"/>) may sign in only once the registration is <see cref="RegistrationStatus.Registered"/>: the
/// community confirmed it and, when the employer is a member unit of the street, that unit's leader confirmed the
/// employment. Name and phone are personal data (rule 10).
/// </summary>
public sealed class MemberRegistration : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    /// <summary>The residential community (居住社区) the member reports to.</summary>
    public Guid CommunityId { get; set; }

    /// <summary>The member's account (role <c>PartyMember</c>).</summary>
    public required string UserId { get; set; }

    [PersonalData]
    public required string Name { get; set; }

    /// <summary>Normalised like a need's contact phone; unique among the street's pending and registered members.</summary>
    [PersonalData]
    public required string Phone { get; set; }

    public required string Email { get; set; }

    /// <summary>The employer when it is a member unit of the street; its leader confirms the employment.</summary>
    public Guid? EmployerUnitId { get; set; }

    /// <summary>The employer's name: typed for a unit outside the street, the unit's name (at registration) otherwise.</summary>
    public required string EmployerName { get; set; }

    /// <summary>The employer's Party organisation (所在党组织).</summary>
    public string EmployerPartyOrganisation { get; set; } = "";

    /// <summary>Building, entrance, room: where in the community the member lives (楼栋).</summary>
    [PersonalData]
    public string Building { get; set; } = "";

    public RegistrationStatus Status { get; set; } = RegistrationStatus.Pending;

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>How it came in: the public page, or an Excel sheet of the community staff.</summary>
    public RegistrationSource Source { get; set; }

    public DateTimeOffset? CommunityConfirmedAt { get; set; }

    public string? CommunityConfirmedBy { get; set; }

    public DateTimeOffset? EmploymentConfirmedAt { get; set; }

    public string? EmploymentConfirmedBy { get; set; }

    /// <summary>报到日期: the day the registration became effective (both confirmations in).</summary>
    public DateOnly? RegisteredOn { get; set; }

    public string? ReturnReason { get; set; }

    public DateTimeOffset? ReturnedAt { get; set; }

    public string? ReturnedBy { get; set; }

    /// <summary>已迁出: the day the member moved away; records and hours stay.</summary>
    public DateOnly? MovedAwayOn { get; set; }

    public uint Version { get; set; }
}

public enum RegistrationStatus
{
    /// <summary>待确认: waiting for the community (and, for a member unit, the employer).</summary>
    Pending,

    /// <summary>已报到.</summary>
    Registered,

    /// <summary>已退回, with a reason.</summary>
    Returned,

    /// <summary>已迁出, with a date.</summary>
    MovedAway,
}

public enum RegistrationSource
{
    Public,
    Import,
}

/// <summary>
/// 优秀在职党员: a community names a registered member outstanding for a year; each gets a 喜报 sent to their unit. A
/// commendation may be withdrawn (撤销) with a reason: it is kept, marked withdrawn, no longer counts or shows as
/// outstanding, its 喜报 is no longer issued, and a 喜报 issued for it says so when verified. The member may then be
/// named again for that year (one live commendation per member and year: a unique partial index).
/// </summary>
public sealed class MemberCommendation : IAuditable, IStreetScoped, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid RegistrationId { get; set; }

    public int Year { get; set; }

    /// <summary>The community's words, printed on the 喜报.</summary>
    public string Citation { get; set; } = "";

    public DateTimeOffset NamedAt { get; set; }

    public required string NamedBy { get; set; }

    /// <summary>When the commendation was withdrawn (撤销); null while it stands.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    public string? WithdrawnBy { get; set; }

    /// <summary>Why it was withdrawn (required), told to the member.</summary>
    public string? WithdrawReason { get; set; }

    public uint Version { get; set; }
}

/// <summary>社区评语: a community's remark on a member for a quarter, printed on the employer's 反馈函.</summary>
public sealed class MemberRemark : IAuditable, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid RegistrationId { get; set; }

    public int Year { get; set; }

    /// <summary>1–4.</summary>
    public int Quarter { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset WrittenAt { get; set; }

    public required string WrittenBy { get; set; }
}
