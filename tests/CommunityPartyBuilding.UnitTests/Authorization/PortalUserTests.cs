using System.Globalization;
using System.Security.Claims;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.UnitTests.Authorization;

public class PortalUserTests
{
    [Fact]
    public void Anonymous_principal_is_no_user() =>
        Assert.Null(PortalUser.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity())));

    [Fact]
    public void Scope_claims_are_read_back()
    {
        var street = Guid.NewGuid();
        var principal = Principal(
            new(ClaimTypes.NameIdentifier, "u1"),
            new(ClaimTypes.Email, "staff@example.org"),
            new(PortalClaims.Role, "StreetStaff"),
            new(PortalClaims.Street, street.ToString()));
        var user = PortalUser.FromPrincipal(principal);
        Assert.NotNull(user);
        Assert.Equal(PortalRole.StreetStaff, user.Role);
        Assert.Equal(street, user.StreetId);
        Assert.Null(user.UnitId);
        Assert.True(user.IsStreetStaff);
    }

    [Fact]
    public void An_unknown_role_is_no_user() =>
        Assert.Null(PortalUser.FromPrincipal(Principal(new(ClaimTypes.NameIdentifier, "u1"), new(PortalClaims.Role, "Superuser"))));

    [Theory]
    [InlineData(0, false)]
    [InlineData(11.9, false)]
    [InlineData(12.1, true)]
    public void Sessions_end_twelve_hours_after_sign_in(double hoursAgo, bool tooOld)
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var signedIn = clock.GetUtcNow().AddHours(-hoursAgo).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var principal = Principal(new(ClaimTypes.NameIdentifier, "u1"), new(PortalClaims.SignedInAt, signedIn));
        Assert.Equal(tooOld, AuthServiceCollectionExtensions.SessionTooOld(principal, clock, new SecurityOptions()));
    }

    [Fact]
    public void A_signed_in_principal_without_sign_in_time_is_treated_as_expired() =>
        Assert.True(AuthServiceCollectionExtensions.SessionTooOld(Principal(new Claim(ClaimTypes.NameIdentifier, "u1")), TimeProvider.System, new SecurityOptions()));

    [Fact]
    public void Must_change_password_sends_the_person_to_the_password_page_first()
    {
        var principal = Principal(new(PortalClaims.Role, PortalRoles.SystemAdministrator), new(PortalClaims.MustChangePassword, "1"), new(PortalClaims.TwoFactorEnabled, "0"));
        Assert.Equal("/Account/ChangePassword", AccountGateMiddleware.GateTarget(principal, new SecurityOptions { RequireTwoFactorForAdministrators = true }));
    }

    [Theory]
    [InlineData(PortalRoles.SystemAdministrator, "0", true, "/Account/Manage/TwoFactor")]
    [InlineData(PortalRoles.SystemAdministrator, "1", true, null)]
    [InlineData(PortalRoles.SystemAdministrator, "0", false, null)]
    [InlineData(PortalRoles.StreetStaff, "0", true, null)]
    public void Two_factor_is_enforced_only_for_administrators_when_configured(string role, string twoFactor, bool enforce, string? expected)
    {
        var principal = Principal(new(PortalClaims.Role, role), new(PortalClaims.MustChangePassword, "0"), new(PortalClaims.TwoFactorEnabled, twoFactor));
        Assert.Equal(expected, AccountGateMiddleware.GateTarget(principal, new SecurityOptions { RequireTwoFactorForAdministrators = enforce }));
    }

    private static ClaimsPrincipal Principal(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
