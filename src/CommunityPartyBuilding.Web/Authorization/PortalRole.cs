using System.Security.Claims;

namespace CommunityPartyBuilding.Web.Authorization;

public enum PortalRole
{
    SystemAdministrator,
    OrganisationDepartment,
    StreetStaff,
    UnitLeader,

    /// <summary>社区党组织工作人员: staff of one community of a street.</summary>
    CommunityStaff,

    /// <summary>在职党员: an in-service Party member, through their registration (报到) in the community where they live.</summary>
    PartyMember,
}

/// <summary>Role names as they appear in role claims and <c>[Authorize(Roles = …)]</c>.</summary>
public static class PortalRoles
{
    public const string SystemAdministrator = nameof(PortalRole.SystemAdministrator);
    public const string OrganisationDepartment = nameof(PortalRole.OrganisationDepartment);
    public const string StreetStaff = nameof(PortalRole.StreetStaff);
    public const string UnitLeader = nameof(PortalRole.UnitLeader);
    public const string CommunityStaff = nameof(PortalRole.CommunityStaff);
    public const string PartyMember = nameof(PortalRole.PartyMember);
}

/// <summary>Claim types the portal adds to every principal.</summary>
public static class PortalClaims
{
    public const string Role = ClaimTypes.Role;
    public const string DisplayName = "portal:name";
    public const string OrganisationDepartment = "portal:orgdept";
    public const string Street = "portal:street";
    public const string Unit = "portal:unit";
    public const string Community = "portal:community";
    public const string MemberRegistration = "portal:member";
    public const string SignedInAt = "portal:signed_in_at";
    public const string MustChangePassword = "portal:must_change_password";
    public const string TwoFactorEnabled = "portal:2fa";
    public const string LargeText = "portal:large_text";
}

/// <summary>Named authorization policies. Pages and API use these; handlers check scope on top.</summary>
public static class Policies
{
    public const string SignedIn = "SignedIn";
    public const string SystemAdministrator = "SystemAdministrator";
    public const string StreetStaff = "StreetStaff";

    /// <summary>Anyone who may look at street-level data: admin, org department, street staff, community staff (their street, read only outside their community).</summary>
    public const string StreetReaders = "StreetReaders";

    /// <summary>Admin or organisation department: the district oversight view.</summary>
    public const string OversightReaders = "OversightReaders";

    /// <summary>Admin or street staff: the accounts page (staff manage their street's unit leader accounts).</summary>
    public const string AccountManagers = "AccountManagers";

    /// <summary>Admin or street staff: the audit log.</summary>
    public const string AuditReaders = "AuditReaders";
}

/// <summary>The signed-in person as the portal sees them.</summary>
public sealed record PortalUser(
    string Id,
    string Email,
    string DisplayName,
    PortalRole Role,
    Guid? OrganisationDepartmentId,
    Guid? StreetId,
    Guid? UnitId,
    Guid? CommunityId = null,
    Guid? MemberRegistrationId = null)
{
    public bool IsAdministrator => Role == PortalRole.SystemAdministrator;

    public bool IsOrganisationDepartment => Role == PortalRole.OrganisationDepartment;

    public bool IsStreetStaff => Role == PortalRole.StreetStaff;

    public bool IsUnitLeader => Role == PortalRole.UnitLeader;

    public bool IsCommunityStaff => Role == PortalRole.CommunityStaff;

    public bool IsPartyMember => Role == PortalRole.PartyMember;

    public static PortalUser? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var roleText = principal.FindFirstValue(PortalClaims.Role);
        if (id is null || !Enum.TryParse<PortalRole>(roleText, out var role))
        {
            return null;
        }

        return new PortalUser(
            id,
            principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue(ClaimTypes.Name) ?? "",
            principal.FindFirstValue(PortalClaims.DisplayName) ?? "",
            role,
            ParseGuid(principal.FindFirstValue(PortalClaims.OrganisationDepartment)),
            ParseGuid(principal.FindFirstValue(PortalClaims.Street)),
            ParseGuid(principal.FindFirstValue(PortalClaims.Unit)),
            ParseGuid(principal.FindFirstValue(PortalClaims.Community)),
            ParseGuid(principal.FindFirstValue(PortalClaims.MemberRegistration)));
    }

    private static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var g) ? g : null;
}
