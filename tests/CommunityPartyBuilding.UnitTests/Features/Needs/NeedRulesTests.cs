using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.UnitTests.Features.Needs;

/// <summary>Rule 6 and the checks of a need's fields, without a database.</summary>
public class NeedRulesTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static NeedInput Valid() => new()
    {
        CommunityId = Guid.NewGuid(),
        Kind = NeedKind.Wish,
        Category = ServiceCategory.ConvenienceService,
        Title = "帮忙修理楼道声控灯",
        ContactName = "李秀英",
        ContactPhone = "139 1234 5678",
    };

    [Theory]
    [InlineData("13912345678", "13912345678")]
    [InlineData("139 1234 5678", "13912345678")]
    [InlineData("+86 139-1234-5678", "13912345678")]
    [InlineData("010-62345678", "010-62345678")]
    [InlineData("01062345678", "010-62345678")]
    [InlineData("(021) 6543 2100", "021-65432100")]
    [InlineData("0571-87012345", "0571-87012345")]
    [InlineData("05718701234", "0571-8701234")]
    public void Chinese_mobiles_and_landlines_are_normalised(string input, string expected) => Assert.Equal(expected, NeedRules.NormalisePhone(input));

    [Theory]
    [InlineData("12345")]
    [InlineData("12912345678")]
    [InlineData("139123456789")]
    [InlineData("010-1234567890")]
    [InlineData("0571-01234567")]
    [InlineData("400-123-4567")]
    [InlineData("电话13912345678")]
    [InlineData("")]
    public void Other_numbers_are_refused(string input) => Assert.Null(NeedRules.NormalisePhone(input));

    [Fact]
    public void A_valid_need_passes_and_each_bad_field_is_named()
    {
        Assert.Empty(NeedRules.Validate(Valid(), Today));
        Assert.Equal(["CommunityId"], NeedRules.Validate(Valid() with { CommunityId = null }, Today).Select(f => f.Field));
        Assert.Equal(["Kind"], NeedRules.Validate(Valid() with { Kind = (NeedKind)42 }, Today).Select(f => f.Field));
        Assert.Equal(["Title"], NeedRules.Validate(Valid() with { Title = new string('长', 2000) }, Today).Select(f => f.Field));
        Assert.Equal(["ContactPhone"], NeedRules.Validate(Valid() with { ContactPhone = "123" }, Today).Select(f => f.Field));
        Assert.Equal(["WantedBy"], NeedRules.Validate(Valid() with { WantedBy = Today.AddDays(-1) }, Today).Select(f => f.Field));
        Assert.Equal(["WantedBy"], NeedRules.Validate(Valid() with { WantedBy = Today.AddDays(NeedRules.MaxWantedByDays + 1) }, Today).Select(f => f.Field));
    }

    [Fact]
    public void Only_a_published_need_can_be_claimed_and_rejected_or_withdrawn_ones_never()
    {
        Assert.Equal([NeedStatus.Published], Enum.GetValues<NeedStatus>().Where(NeedRules.MayClaim));
        Assert.Equal([NeedStatus.Claimed], Enum.GetValues<NeedStatus>().Where(NeedRules.MayComplete));
        Assert.Equal([NeedStatus.Submitted], Enum.GetValues<NeedStatus>().Where(NeedRules.MayReview));
        Assert.False(NeedRules.MayWithdraw(NeedStatus.Done));
        Assert.False(NeedRules.MayWithdraw(NeedStatus.Rated));
    }

    [Fact]
    public void A_claim_runs_to_the_wanted_by_date_within_3_and_30_days_else_14()
    {
        Assert.Equal(Today.AddDays(14), NeedRules.ClaimDue(Today, null));
        Assert.Equal(Today.AddDays(10), NeedRules.ClaimDue(Today, Today.AddDays(10)));
        Assert.Equal(Today.AddDays(3), NeedRules.ClaimDue(Today, Today.AddDays(1)));
        Assert.Equal(Today.AddDays(30), NeedRules.ClaimDue(Today, Today.AddDays(90)));
        Assert.False(NeedRules.Lapsed(Today, Today));
        Assert.True(NeedRules.Lapsed(Today, Today.AddDays(1)));
    }

    [Fact]
    public void The_resident_may_rate_a_done_need_through_the_30th_day()
    {
        Assert.True(NeedRules.RatingOpen(NeedStatus.Done, Today, Today.AddDays(30)));
        Assert.False(NeedRules.RatingOpen(NeedStatus.Done, Today, Today.AddDays(31)));
        Assert.False(NeedRules.RatingOpen(NeedStatus.Rated, Today, Today));
    }

    [Fact]
    public void Tracking_codes_are_typed_in_any_case_with_or_without_the_dash_and_only_their_hash_is_kept()
    {
        var code = NeedRules.NewTrackingCode();
        Assert.Equal(NeedRules.TrackingCodeLength, code.Length);
        var printed = NeedRules.FormatTrackingCode(code);
        Assert.Equal(code, NeedRules.NormaliseTrackingCode(printed.ToLowerInvariant()));
        Assert.Equal(code, NeedRules.NormaliseTrackingCode(" " + code[..5] + " " + code[5..]));
        Assert.Null(NeedRules.NormaliseTrackingCode("ABCDE-FGHJ0"));
        Assert.Null(NeedRules.NormaliseTrackingCode("short"));
        Assert.Equal(64, NeedRules.HashTrackingCode(code).Length);
        Assert.DoesNotContain(code, NeedRules.HashTrackingCode(code), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("李秀英", "李**")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("王", "王*")]
    [InlineData("", "")]
    public void Names_keep_their_first_character(string name, string masked) => Assert.Equal(masked, PersonalDataMask.Name(name));

    [Theory]
    [InlineData("13912345678", "139****5678")]
    [InlineData("010-12345678", "010-****5678")]
    [InlineData("0571-8701234", "0571-***1234")]
    public void Phones_keep_the_prefix_and_the_last_four_digits(string phone, string masked) => Assert.Equal(masked, PersonalDataMask.Phone(phone));
}
