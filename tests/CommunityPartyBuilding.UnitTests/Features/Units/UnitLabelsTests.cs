using CommunityPartyBuilding.Web.Features.Resources;
using CommunityPartyBuilding.Web.Features.Units;

namespace CommunityPartyBuilding.UnitTests.Features.Units;

public class UnitLabelsTests
{
    [Theory]
    [InlineData("党政机关", UnitCategory.PartyGovernmentOrgan)]
    [InlineData("事业单位", UnitCategory.PublicInstitution)]
    [InlineData("国有企业", UnitCategory.StateOwnedEnterprise)]
    [InlineData("非公企业", UnitCategory.PrivateEnterprise)]
    [InlineData("社会组织", UnitCategory.SocialOrganisation)]
    [InlineData("驻军", UnitCategory.MilitaryUnit)]
    [InlineData("学校", UnitCategory.School)]
    [InlineData("医院", UnitCategory.Hospital)]
    [InlineData("物业企业", UnitCategory.PropertyManagement)]
    [InlineData("其他", UnitCategory.Other)]
    [InlineData("  学校 ", UnitCategory.School)]
    [InlineData("\t医院\n", UnitCategory.Hospital)]
    public void Chinese_category_names_parse(string text, UnitCategory expected)
    {
        Assert.True(UnitLabels.TryParseCategory(text, out var category));
        Assert.Equal(expected, category);
    }

    [Theory]
    [InlineData("School")]
    [InlineData("school")]
    [InlineData("学 校")]
    [InlineData("民营企业")]
    [InlineData("3")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_category_texts_do_not_parse(string? text) => Assert.False(UnitLabels.TryParseCategory(text, out _));

    [Theory]
    [InlineData("党委", PartyOrganisationType.Committee)]
    [InlineData("党总支", PartyOrganisationType.GeneralBranch)]
    [InlineData("党支部", PartyOrganisationType.Branch)]
    [InlineData("联合党支部", PartyOrganisationType.JointBranch)]
    [InlineData(" 联合党支部 ", PartyOrganisationType.JointBranch)]
    public void Chinese_party_organisation_types_parse(string text, PartyOrganisationType expected)
    {
        Assert.True(UnitLabels.TryParsePartyType(text, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("支部")]
    [InlineData("党组")]
    [InlineData("branch")]
    [InlineData("")]
    public void Other_party_organisation_types_do_not_parse(string text) => Assert.False(UnitLabels.TryParsePartyType(text, out _));

    [Fact]
    public void Every_category_and_party_type_has_a_distinct_label()
    {
        Assert.Equal(Enum.GetValues<UnitCategory>().Length, UnitLabels.Categories.Count);
        Assert.Equal(UnitLabels.Categories.Count, UnitLabels.Categories.Values.Distinct().Count());
        Assert.Equal(Enum.GetValues<PartyOrganisationType>().Length, UnitLabels.PartyTypes.Count);
        Assert.Equal(Enum.GetValues<CommitteePosition>().Length, UnitLabels.Positions.Count);
        Assert.Equal("兼职委员", UnitLabels.Positions[CommitteePosition.PartTimeMember]);
    }

    [Theory]
    [InlineData("场地、志愿者", "Venue,Volunteers")]
    [InlineData("资金,专业技能", "Funds,Expertise")]
    [InlineData("资金，场地；志愿者", "Venue,Funds,Volunteers")]
    [InlineData("场地;专业技能", "Venue,Expertise")]
    [InlineData("场地 资金", "Venue,Funds")]
    [InlineData(" 场地 、 、资金 ", "Venue,Funds")]
    [InlineData("场地、场地", "Venue")]
    [InlineData("物资、专业技能", "Expertise,Materials")]
    [InlineData("场地、资金、志愿者、专业技能、物资", "Venue,Funds,Volunteers,Expertise,Materials")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void Resource_lists_parse_with_any_of_the_usual_separators_into_kinds_in_order(string? text, string expected)
    {
        Assert.True(UnitLabels.TryParseResources(text, out var kinds));
        Assert.Equal(expected, string.Join(",", kinds));
    }

    [Theory]
    [InlineData("场地、停车位")]
    [InlineData("场地/资金")]
    [InlineData("venues")]
    [InlineData("技能")]
    public void A_resource_list_with_an_unknown_word_fails(string text) => Assert.False(UnitLabels.TryParseResources(text, out _));

    [Theory]
    [InlineData(new ResourceKind[0], "")]
    [InlineData(new[] { ResourceKind.Volunteers, ResourceKind.Venue, ResourceKind.Volunteers }, "场地、志愿者")]
    [InlineData(new[] { ResourceKind.Expertise, ResourceKind.Funds }, "资金、专业技能")]
    [InlineData(new[] { ResourceKind.Materials, ResourceKind.Expertise, ResourceKind.Volunteers, ResourceKind.Funds, ResourceKind.Venue }, "场地、资金、志愿者、专业技能、物资")]
    public void Resources_are_written_once_each_in_a_fixed_order_separated_by_the_enumeration_comma(ResourceKind[] kinds, string expected) =>
        Assert.Equal(expected, UnitLabels.FormatResources(kinds));

    [Fact]
    public void Every_set_of_kinds_round_trips()
    {
        var all = Enum.GetValues<ResourceKind>();
        Assert.Equal(all.Length, UnitLabels.Resources.Count);
        for (var mask = 0; mask < 1 << all.Length; mask++)
        {
            var kinds = all.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            Assert.True(UnitLabels.TryParseResources(UnitLabels.FormatResources(kinds), out var parsed));
            Assert.Equal(kinds, parsed);
        }
    }
}
