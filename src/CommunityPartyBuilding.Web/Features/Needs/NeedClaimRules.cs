using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Members;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary>Who claims a need: a unit (its leader claims for it) or an in-service member (their registration). Exactly one is set.</summary>
public sealed record NeedClaimer(Guid? UnitId, Guid? MemberId)
{
    public static NeedClaimer Unit(Guid unitId) => new(unitId, null);

    public static NeedClaimer Member(Guid registrationId) => new(null, registrationId);

    public bool IsMember => MemberId is not null;

    /// <summary>Whether <paramref name="need"/> is claimed by this very claimer.</summary>
    public bool Holds(Need need) => IsMember ? need.ClaimerMemberId == MemberId : need.ClaimerUnitId == UnitId;
}

/// <summary>Why a claim is refused: not found (404), not allowed for this claimer (403), or the state forbids it now (409).</summary>
public enum NeedClaimRefusalKind
{
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>A refused claim: its kind (the HTTP status), the message key and its arguments.</summary>
public sealed record NeedClaimRefusal(NeedClaimRefusalKind Kind, string MessageKey, params object[] Arguments);

/// <summary>What decides a member's claim, read before the claim under the member's row lock.</summary>
/// <param name="OpenClaims">Needs the member holds now (claimed, not yet done).</param>
/// <param name="AlreadyTheirs">The member already claimed this very need.</param>
public sealed record MemberClaimFacts(
    RegistrationStatus Registration,
    Guid MemberStreetId,
    Guid NeedStreetId,
    NeedKind Kind,
    ServiceCategory Category,
    int OpenClaims,
    bool AlreadyTheirs = false);

/// <summary>
/// Who may claim which need (rule 6 and Part 2's roles), the one place it is decided for units and members alike:
/// <list type="bullet">
/// <item>only a published need; one already claimed was "just claimed" by someone else (or is already the caller's);</item>
/// <item>an in-service member claims small wishes (微心愿, "claim posts and wishes" in the roles table), not a community's
/// needs, and not a wish for a venue (场地共享), which only a unit can give;</item>
/// <item>a member's registration must be in effect (已报到: confirmed, not moved away), and the need of their own street;</item>
/// <item>a member holds at most <see cref="MaxOpenMemberClaims"/> claims at a time, so that wishes are not hoarded.</item>
/// </list>
/// </summary>
public static class NeedClaimRules
{
    /// <summary>Claims a member may hold at once (claimed, not yet done).</summary>
    public const int MaxOpenMemberClaims = 3;

    /// <summary>How many claimable wishes the member's home lists (their own community's first).</summary>
    public const int MaxListedForMember = 30;

    /// <summary>Categories a person cannot answer alone: a venue is a unit's to give.</summary>
    public static bool NeedsUnit(ServiceCategory category) => category == ServiceCategory.VenueSharing;

    /// <summary>Whether a member may take a need of this kind and category at all.</summary>
    public static bool MemberMayTake(NeedKind kind, ServiceCategory category) => kind == NeedKind.Wish && !NeedsUnit(category);

    /// <summary>The state's refusal of a claim by <paramref name="claimer"/>, or null when the need may be claimed now.</summary>
    public static NeedClaimRefusal? StateRefusal(Need need, NeedClaimer claimer)
    {
        if (need.Status is NeedStatus.Claimed or NeedStatus.Done or NeedStatus.Rated)
        {
            return claimer.Holds(need)
                ? new(NeedClaimRefusalKind.Conflict, claimer.IsMember ? "Need.AlreadyYoursMember" : "Need.AlreadyYours")
                : new(NeedClaimRefusalKind.Conflict, claimer.IsMember ? "Need.JustClaimedMember" : "Need.JustClaimed");
        }

        return NeedRules.MayClaim(need.Status) ? null : new(NeedClaimRefusalKind.Conflict, "Need.NotClaimable");
    }

    /// <summary>A member's refusal, or null when they may claim (the need's state is checked by <see cref="StateRefusal"/>).</summary>
    public static NeedClaimRefusal? MemberRefusal(MemberClaimFacts facts)
    {
        if (facts.MemberStreetId != facts.NeedStreetId)
        {
            return new(NeedClaimRefusalKind.NotFound, "Error.NeedNotFound");
        }

        if (facts.AlreadyTheirs)
        {
            return new(NeedClaimRefusalKind.Conflict, "Need.AlreadyYoursMember");
        }

        if (facts.Registration != RegistrationStatus.Registered)
        {
            return new(NeedClaimRefusalKind.Conflict, "Member.NotActive");
        }

        if (facts.Kind != NeedKind.Wish)
        {
            return new(NeedClaimRefusalKind.Forbidden, "Need.MembersClaimWishes");
        }

        if (NeedsUnit(facts.Category))
        {
            return new(NeedClaimRefusalKind.Forbidden, "Need.CategoryNeedsUnit");
        }

        return facts.OpenClaims >= MaxOpenMemberClaims ? new(NeedClaimRefusalKind.Conflict, "Need.MemberClaimLimit", MaxOpenMemberClaims) : null;
    }

    /// <summary>The refusal as the exception the API turns into 404, 403 or 409 with the message.</summary>
    public static Infrastructure.PortalException ToException(NeedClaimRefusal refusal) => refusal.Kind switch
    {
        NeedClaimRefusalKind.NotFound => new Infrastructure.PortalNotFoundException(refusal.MessageKey, refusal.Arguments),
        NeedClaimRefusalKind.Forbidden => new Infrastructure.PortalForbiddenException(refusal.MessageKey, refusal.Arguments),
        _ => new Infrastructure.PortalConflictException(refusal.MessageKey, refusal.Arguments),
    };
}
