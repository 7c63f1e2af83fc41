namespace CommunityPartyBuilding.Web.Authorization;

/// <summary>
/// The one predicate for "may this person manage (change) this street / this community / this unit". Handlers ask it
/// through <see cref="ScopeGuard"/> (which turns a "no" into 403), pages ask it to show or hide their buttons; nobody
/// restates "staff of this street".
/// </summary>
/// <remarks>
/// The scopes nest: a street holds communities, a community holds units. Whoever manages a street manages each of its
/// communities, and whoever manages a community manages the units in it. A role scoped to one community (社区工作人员)
/// fits by answering <see cref="MayManageCommunity"/> for its own community only; callers already pass the community,
/// so none of them changes. Callers ask the narrowest question that fits: a unit's data → <see cref="MayManageUnit"/>,
/// street-wide business (meetings, committee, evaluations) → <see cref="MayManageStreet"/>.
/// </remarks>
public static class ScopeRules
{
    /// <summary>Street staff of that very street: the people who manage its committee, units, meetings…</summary>
    public static bool MayManageStreet(this PortalUser? user, Guid streetId) =>
        user is { IsStreetStaff: true } && user.StreetId == streetId;

    /// <summary>Whoever manages the street manages each of its communities (and, later, the community's own staff).</summary>
    public static bool MayManageCommunity(this PortalUser? user, Guid streetId, Guid? communityId) =>
        user.MayManageStreet(streetId);

    /// <summary>Whoever manages the unit's community (or its street) manages the unit.</summary>
    public static bool MayManageUnit(this PortalUser? user, Guid streetId, Guid? communityId) =>
        user.MayManageCommunity(streetId, communityId);

    /// <summary>The unit's own leaders, or whoever manages the unit: who may log and correct the unit's activities.</summary>
    public static bool MayActForUnit(this PortalUser? user, Guid streetId, Guid? communityId, Guid unitId) =>
        (user is { IsUnitLeader: true } && user.UnitId == unitId) || user.MayManageUnit(streetId, communityId);
}
