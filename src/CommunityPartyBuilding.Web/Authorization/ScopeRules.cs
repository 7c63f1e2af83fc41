namespace CommunityPartyBuilding.Web.Authorization;

/// <summary>
/// The one predicate for "may this person manage (change) this street / this community / this unit". Handlers ask it
/// through <see cref="ScopeGuard"/> (which turns a "no" into 403), pages ask it to show or hide their buttons; nobody
/// restates "staff of this street".
/// </summary>
/// <remarks>
/// The scopes nest: a street holds communities. Whoever manages a street manages each of its communities; community
/// staff (社区党组织工作人员) manage their own community only (its needs, projects, posts, member registrations) and read
/// the rest of their street. Member units are the street's business: <see cref="MayManageUnit"/> is street staff's,
/// whatever community a unit sits in. Callers ask the narrowest question that fits: a unit's data →
/// <see cref="MayManageUnit"/>, a community's → <see cref="MayManageCommunity"/>, street-wide business (meetings,
/// committee, evaluations) → <see cref="MayManageStreet"/>.
/// </remarks>
public static class ScopeRules
{
    /// <summary>Street staff of that very street: the people who manage its committee, units, meetings…</summary>
    public static bool MayManageStreet(this PortalUser? user, Guid streetId) =>
        user is { IsStreetStaff: true } && user.StreetId == streetId;

    /// <summary>Street staff manage each community of their street; community staff their own community.</summary>
    public static bool MayManageCommunity(this PortalUser? user, Guid streetId, Guid? communityId) =>
        user.MayManageStreet(streetId)
        || (user is { IsCommunityStaff: true } && user.StreetId == streetId && communityId is not null && user.CommunityId == communityId);

    /// <summary>Member units are the street's: its staff manage them (community staff read them).</summary>
    public static bool MayManageUnit(this PortalUser? user, Guid streetId, Guid? communityId) =>
        user.MayManageStreet(streetId);

    /// <summary>The unit's own leaders, or whoever manages the unit: who may log and correct the unit's activities.</summary>
    public static bool MayActForUnit(this PortalUser? user, Guid streetId, Guid? communityId, Guid unitId) =>
        (user is { IsUnitLeader: true } && user.UnitId == unitId) || user.MayManageUnit(streetId, communityId);
}
