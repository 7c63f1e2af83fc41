using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace CommunityPartyBuilding.Web.Features.Account;

/// <summary>An account: one role, scoped to an organisation department, a street or a unit.</summary>
public sealed class ApplicationUser : IdentityUser, IAuditable
{
    public string DisplayName { get; set; } = "";

    public PortalRole Role { get; set; }

    public Guid? OrganisationDepartmentId { get; set; }

    public Guid? StreetId { get; set; }

    public Guid? UnitId { get; set; }

    /// <summary>Community staff: their community (of <see cref="StreetId"/>).</summary>
    public Guid? CommunityId { get; set; }

    /// <summary>In-service members: their registration (报到); <see cref="CommunityId"/> is the community they live in.</summary>
    public Guid? MemberRegistrationId { get; set; }

    /// <summary>For unit leaders: 书记, 联络员… as the unit calls the person.</summary>
    public string? JobTitle { get; set; }

    /// <summary>A new or reset account must choose its own password before anything else.</summary>
    public bool MustChangePassword { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>Larger text on every page (适老化 大字模式), chosen by the person and kept with the account.</summary>
    public bool LargeText { get; set; }

    Guid IAuditable.Id => Guid.TryParse(Id, out var id) ? id : Guid.Empty;
}

/// <summary>A bearer token issued by <c>POST /api/v1/tokens</c>; only its SHA-256 is stored.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string UserId { get; set; }

    public required byte[] TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
