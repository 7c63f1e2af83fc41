using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.UnitTests.Features.Agreements;

public class AgreementRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static AgreementInput Valid() => new()
    {
        UnitId = Guid.NewGuid(),
        Title = "东湖街道与东湖中学共驻共建协议",
        SignedOn = new DateOnly(2026, 1, 8),
        ValidFrom = new DateOnly(2026, 1, 1),
        ValidTo = new DateOnly(2027, 12, 31),
        Commitments = [new(ServiceCategory.Environment, ContributionType.Personnel, "环境整治", CommitmentMeasure.VolunteerHours, 200)],
    };

    [Fact]
    public void A_complete_agreement_is_valid() => Assert.Empty(AgreementRules.Validate(Valid(), Today));

    [Fact]
    public void Validity_must_not_end_before_it_starts()
    {
        var failure = Assert.Single(AgreementRules.Validate(Valid() with { ValidTo = new DateOnly(2025, 12, 31) }, Today));
        Assert.Equal("Validation.ValidToBeforeFrom", failure.MessageKey);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_commitment_needs_a_positive_target(int target)
    {
        var input = Valid() with { Commitments = [new(ServiceCategory.Other, ContributionType.Funds, null, CommitmentMeasure.Funds, target)] };
        Assert.Contains(AgreementRules.Validate(input, Today), f => f.MessageKey == "Validation.CommitmentTarget");
    }

    [Fact]
    public void A_draft_becomes_active_only_with_a_signing_date_and_a_commitment()
    {
        Assert.Empty(AgreementRules.CanActivate(AgreementStatus.Draft, new DateOnly(2026, 1, 8), 1, new DateOnly(2027, 12, 31), Today));
        var both = AgreementRules.CanActivate(AgreementStatus.Draft, null, 0, new DateOnly(2027, 12, 31), Today);
        Assert.Equal(["Agreement.ActivateNeedsSignedOn", "Agreement.ActivateNeedsCommitment"], both.Select(f => f.MessageKey).ToArray());
    }

    [Theory]
    [InlineData(AgreementStatus.Active)]
    [InlineData(AgreementStatus.Expired)]
    [InlineData(AgreementStatus.Terminated)]
    public void Only_a_draft_can_be_activated(AgreementStatus status)
    {
        var failure = Assert.Single(AgreementRules.CanActivate(status, new DateOnly(2026, 1, 8), 1, new DateOnly(2027, 12, 31), Today));
        Assert.Equal("Agreement.OnlyDraftActivates", failure.MessageKey);
    }

    [Fact]
    public void Termination_needs_an_active_agreement_a_past_date_and_a_reason()
    {
        Assert.Empty(AgreementRules.CanTerminate(AgreementStatus.Active, Today, "单位迁出", new DateOnly(2026, 1, 1), Today));
        Assert.Equal("Agreement.OnlyActiveTerminates", Assert.Single(AgreementRules.CanTerminate(AgreementStatus.Draft, Today, "x", new DateOnly(2026, 1, 1), Today)).MessageKey);
        Assert.Contains(AgreementRules.CanTerminate(AgreementStatus.Active, Today.AddDays(1), " ", new DateOnly(2026, 1, 1), Today), f => f.Field == "Reason");
        Assert.Contains(AgreementRules.CanTerminate(AgreementStatus.Active, Today.AddDays(1), "x", new DateOnly(2026, 1, 1), Today), f => f.Field == "TerminatedOn");
    }

    [Theory]
    [InlineData(AgreementStatus.Active, 0, AgreementStatus.Active)]
    [InlineData(AgreementStatus.Active, -1, AgreementStatus.Expired)]
    [InlineData(AgreementStatus.Draft, -1, AgreementStatus.Draft)]
    [InlineData(AgreementStatus.Terminated, -1, AgreementStatus.Terminated)]
    public void An_active_agreement_past_its_valid_to_date_is_expired(AgreementStatus stored, int validToOffset, AgreementStatus effective) =>
        Assert.Equal(effective, AgreementRules.Effective(stored, Today.AddDays(validToOffset), Today));

    [Theory]
    [InlineData(0, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    [InlineData(-1, false)]
    public void Agreements_ending_within_30_days_are_flagged(int days, bool flagged) =>
        Assert.Equal(flagged, AgreementRules.EndsSoon(AgreementRules.Effective(AgreementStatus.Active, Today.AddDays(days), Today), Today.AddDays(days), Today));

    [Theory]
    [InlineData(CommitmentMeasure.Activities, 1)]
    [InlineData(CommitmentMeasure.VolunteerHours, 12.5)]
    [InlineData(CommitmentMeasure.Funds, 3000)]
    [InlineData(CommitmentMeasure.Beneficiaries, 40)]
    public void Each_measure_counts_its_own_quantity(CommitmentMeasure measure, double expected) =>
        Assert.Equal((decimal)expected, Fulfilment.Contribution(measure, volunteerHours: 12.5m, funds: 3000m, beneficiaries: 40));

    [Theory]
    [InlineData(0, 4, 0)]
    [InlineData(3, 4, 0.75)]
    [InlineData(4, 4, 1)]
    [InlineData(9, 4, 1)]
    public void Fulfilment_is_achieved_over_target_capped_at_one(double achieved, double target, double expected) =>
        Assert.Equal((decimal)expected, Fulfilment.Ratio((decimal)achieved, (decimal)target));

    [Fact]
    public void Activities_are_validated()
    {
        var valid = new ActivityInput { Title = "义诊", Category = ServiceCategory.ConvenienceService, HeldOn = Today, Participants = 10, PartyMemberParticipants = 4 };
        Assert.Empty(ActivityRules.Validate(valid, Today));
        Assert.Contains(ActivityRules.Validate(valid with { PartyMemberParticipants = 11 }, Today), f => f.MessageKey == "Validation.PartyMembersExceedParticipants");
        Assert.Contains(ActivityRules.Validate(valid with { HeldOn = Today.AddDays(1) }, Today), f => f.Field == "HeldOn");
        Assert.Contains(ActivityRules.Validate(valid with { Funds = -1 }, Today), f => f.Field == "Funds");
        Assert.Contains(ActivityRules.Validate(valid with { Participants = 0, PartyMemberParticipants = 0 }, Today), f => f.Field == "Participants");
        Assert.Contains(ActivityRules.Validate(valid with { Title = "" }, Today), f => f.Field == "Title");
    }

    [Fact]
    public void Only_submitted_activities_are_reviewed_and_a_return_needs_a_reason()
    {
        Assert.Empty(ActivityRules.CanVerify(ActivityStatus.Submitted));
        Assert.NotEmpty(ActivityRules.CanVerify(ActivityStatus.Verified));
        Assert.NotEmpty(ActivityRules.CanReturn(ActivityStatus.Submitted, " "));
        Assert.Empty(ActivityRules.CanReturn(ActivityStatus.Submitted, "请补充照片"));
        Assert.False(ActivityRules.UnitMayEdit(ActivityStatus.Verified));
        Assert.True(ActivityRules.UnitMayEdit(ActivityStatus.Returned));
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, FileKind.Pdf)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, FileKind.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, FileKind.Png)]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, FileKind.Unknown)]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38 }, FileKind.Unknown)]
    [InlineData(new byte[0], FileKind.Unknown)]
    public void Files_are_recognised_by_their_content(byte[] head, FileKind kind) => Assert.Equal(kind, FileSignatures.Detect(head));

    [Fact]
    public void A_png_header_on_garbage_is_not_an_image()
    {
        byte[] fake = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8];
        Assert.Null(Images.CheckAndThumbnail(fake));
    }
}
