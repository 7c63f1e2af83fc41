using CommunityPartyBuilding.Web.Features.Committees;

namespace CommunityPartyBuilding.UnitTests.Features.Committees;

public class CommitteeRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static CommitteeProfile Valid() => new()
    {
        Name = "东湖街道大党工委",
        Secretary = "王建华",
        EstablishedOn = new DateOnly(2019, 6, 28),
        DeliberationRules = "议事规则",
        QuorumFraction = 0.5m,
        MinimumJointMeetingsPerQuarter = 1,
        AnnualActivityTarget = 4,
    };

    [Fact]
    public void A_complete_profile_is_valid() => Assert.Empty(CommitteeRules.Validate(Valid(), Today));

    [Theory]
    [InlineData("0", false)]
    [InlineData("-0.1", false)]
    [InlineData("0.0001", true)]
    [InlineData("0.5", true)]
    [InlineData("0.9999", true)]
    [InlineData("1", false)] // "more than 100 %" can never be met
    [InlineData("1.0001", false)]
    [InlineData("1.5", false)]
    public void Quorum_fraction_must_be_above_zero_and_below_one(string fraction, bool valid)
    {
        var failures = CommitteeRules.Validate(Valid() with { QuorumFraction = decimal.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture) }, Today);
        Assert.Equal(valid, failures.All(f => f.Field != nameof(CommitteeProfile.QuorumFraction)));
        if (!valid)
        {
            Assert.Contains(failures, f => f.Field == nameof(CommitteeProfile.QuorumFraction) && f.MessageKey == "Validation.QuorumFraction");
        }
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-3, false)]
    [InlineData(1, true)]
    [InlineData(13, true)]
    [InlineData(14, false)]
    public void Minimum_meetings_per_quarter_is_at_least_one(int count, bool valid)
    {
        var failures = CommitteeRules.Validate(Valid() with { MinimumJointMeetingsPerQuarter = count }, Today);
        Assert.Equal(valid, failures.Count == 0);
        Assert.All(failures, f => Assert.Equal(nameof(CommitteeProfile.MinimumJointMeetingsPerQuarter), f.Field));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    public void Annual_activity_target_is_at_least_one(int target, bool valid) =>
        Assert.Equal(valid, CommitteeRules.Validate(Valid() with { AnnualActivityTarget = target }, Today).Count == 0);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Name_is_required(string name)
    {
        var failure = Assert.Single(CommitteeRules.Validate(Valid() with { Name = name }, Today));
        Assert.Equal(("Name", "Validation.Required"), (failure.Field, failure.MessageKey));
    }

    [Fact]
    public void Name_longer_than_100_characters_is_refused() =>
        Assert.Contains(CommitteeRules.Validate(Valid() with { Name = new string('委', 101) }, Today), f => f.MessageKey == "Validation.MaxLength");

    [Fact]
    public void Established_date_cannot_be_in_the_future()
    {
        Assert.Empty(CommitteeRules.Validate(Valid() with { EstablishedOn = Today }, Today));
        var failure = Assert.Single(CommitteeRules.Validate(Valid() with { EstablishedOn = Today.AddDays(1) }, Today));
        Assert.Equal("Validation.NotInFuture", failure.MessageKey);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        var failures = CommitteeRules.Validate(Valid() with { Name = "", QuorumFraction = 2m, AnnualActivityTarget = 0 }, Today);
        Assert.Equal(["AnnualActivityTarget", "Name", "QuorumFraction"], failures.Select(f => f.Field).Order().ToArray());
    }

    [Fact]
    public void A_new_committee_gets_the_documented_defaults()
    {
        var committee = StreetCommittee.CreateDefault(Guid.NewGuid(), "东湖街道");
        Assert.Equal("东湖街道大党工委", committee.Name);
        Assert.Equal(0.5m, committee.QuorumFraction);
        Assert.Equal(1, committee.MinimumJointMeetingsPerQuarter);
        Assert.Equal(4, committee.AnnualActivityTarget);
    }
}
