using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Members;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.UnitTests.Features.Needs;

/// <summary>Who may claim which need: units and in-service members, without a database.</summary>
public class NeedClaimRulesTests
{
    private static readonly Guid Street = Guid.NewGuid();

    private static MemberClaimFacts Facts(RegistrationStatus status = RegistrationStatus.Registered, Guid? needStreet = null, NeedKind kind = NeedKind.Wish,
        ServiceCategory category = ServiceCategory.ConvenienceService, int open = 0, bool theirs = false) =>
        new(status, Street, needStreet ?? Street, kind, category, open, theirs);

    private static Need Need(NeedStatus status, Guid? unit = null, Guid? member = null) =>
        new() { Title = "帮忙代购药品", Status = status, ClaimerUnitId = unit, ClaimerMemberId = member };

    [Fact]
    public void A_registered_member_may_claim_a_wish_of_their_street_while_under_the_limit()
    {
        Assert.Null(NeedClaimRules.MemberRefusal(Facts()));
        Assert.Null(NeedClaimRules.MemberRefusal(Facts(open: NeedClaimRules.MaxOpenMemberClaims - 1)));
    }

    [Fact]
    public void The_limit_of_open_claims_is_a_conflict_naming_the_limit()
    {
        var refusal = NeedClaimRules.MemberRefusal(Facts(open: NeedClaimRules.MaxOpenMemberClaims));
        Assert.NotNull(refusal);
        Assert.Equal((NeedClaimRefusalKind.Conflict, "Need.MemberClaimLimit"), (refusal.Kind, refusal.MessageKey));
        Assert.Equal([NeedClaimRules.MaxOpenMemberClaims], refusal.Arguments);
        Assert.IsType<PortalConflictException>(NeedClaimRules.ToException(refusal));
    }

    [Theory]
    [InlineData(RegistrationStatus.Pending)]
    [InlineData(RegistrationStatus.Returned)]
    [InlineData(RegistrationStatus.MovedAway)]
    public void A_member_whose_registration_is_not_in_effect_is_refused(RegistrationStatus status)
    {
        var refusal = NeedClaimRules.MemberRefusal(Facts(status));
        Assert.Equal((NeedClaimRefusalKind.Conflict, "Member.NotActive"), (refusal!.Kind, refusal.MessageKey));
    }

    [Fact]
    public void Another_streets_need_is_not_found_whatever_else_holds()
    {
        var refusal = NeedClaimRules.MemberRefusal(Facts(RegistrationStatus.MovedAway, needStreet: Guid.NewGuid(), kind: NeedKind.CommunityNeed, open: 9));
        Assert.Equal(NeedClaimRefusalKind.NotFound, refusal!.Kind);
        Assert.IsType<PortalNotFoundException>(NeedClaimRules.ToException(refusal));
    }

    [Fact]
    public void Members_claim_wishes_not_a_communitys_needs_and_not_a_venue()
    {
        Assert.Equal("Need.MembersClaimWishes", NeedClaimRules.MemberRefusal(Facts(kind: NeedKind.CommunityNeed))!.MessageKey);
        var venue = NeedClaimRules.MemberRefusal(Facts(category: ServiceCategory.VenueSharing))!;
        Assert.Equal((NeedClaimRefusalKind.Forbidden, "Need.CategoryNeedsUnit"), (venue.Kind, venue.MessageKey));
        Assert.IsType<PortalForbiddenException>(NeedClaimRules.ToException(venue));
        Assert.True(NeedClaimRules.MemberMayTake(NeedKind.Wish, ServiceCategory.PovertyRelief));
        Assert.False(NeedClaimRules.MemberMayTake(NeedKind.Wish, ServiceCategory.VenueSharing));
        Assert.False(NeedClaimRules.MemberMayTake(NeedKind.CommunityNeed, ServiceCategory.ConvenienceService));
    }

    [Fact]
    public void A_member_claiming_their_own_claim_again_hears_it_is_theirs_even_at_the_limit()
    {
        var refusal = NeedClaimRules.MemberRefusal(Facts(open: NeedClaimRules.MaxOpenMemberClaims, theirs: true));
        Assert.Equal("Need.AlreadyYoursMember", refusal!.MessageKey);
    }

    [Fact]
    public void Only_a_published_need_may_be_claimed_and_a_claimed_one_was_just_claimed_by_someone_else()
    {
        var unit = Guid.NewGuid();
        var member = Guid.NewGuid();
        Assert.Null(NeedClaimRules.StateRefusal(Need(NeedStatus.Published), NeedClaimer.Unit(unit)));
        Assert.Null(NeedClaimRules.StateRefusal(Need(NeedStatus.Published), NeedClaimer.Member(member)));

        Assert.Equal("Need.JustClaimed", NeedClaimRules.StateRefusal(Need(NeedStatus.Claimed, member: member), NeedClaimer.Unit(unit))!.MessageKey);
        Assert.Equal("Need.JustClaimedMember", NeedClaimRules.StateRefusal(Need(NeedStatus.Claimed, unit: unit), NeedClaimer.Member(member))!.MessageKey);
        Assert.Equal("Need.AlreadyYours", NeedClaimRules.StateRefusal(Need(NeedStatus.Done, unit: unit), NeedClaimer.Unit(unit))!.MessageKey);
        Assert.Equal("Need.AlreadyYoursMember", NeedClaimRules.StateRefusal(Need(NeedStatus.Claimed, member: member), NeedClaimer.Member(member))!.MessageKey);

        // A unit and a member never hold each other's claim, even with equal ids.
        Assert.False(NeedClaimer.Unit(member).Holds(Need(NeedStatus.Claimed, member: member)));
        foreach (var status in new[] { NeedStatus.Submitted, NeedStatus.Rejected, NeedStatus.Withdrawn })
        {
            var refusal = NeedClaimRules.StateRefusal(Need(status), NeedClaimer.Member(member));
            Assert.Equal((NeedClaimRefusalKind.Conflict, "Need.NotClaimable"), (refusal!.Kind, refusal.MessageKey));
        }
    }

    [Fact]
    public void A_claim_may_be_released_while_claimed_and_not_answered_by_a_project()
    {
        Assert.True(NeedRules.MayRelease(NeedStatus.Claimed, null));
        Assert.False(NeedRules.MayRelease(NeedStatus.Claimed, Guid.NewGuid()));
        Assert.False(NeedRules.MayRelease(NeedStatus.Done, null));
        Assert.False(NeedRules.MayRelease(NeedStatus.Published, null));
    }
}
