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
    [InlineData("场地、志愿者", UnitResources.Venues | UnitResources.Volunteers)]
    [InlineData("资金,专业技能", UnitResources.Funds | UnitResources.Expertise)]
    [InlineData("资金，场地；志愿者", UnitResources.Funds | UnitResources.Venues | UnitResources.Volunteers)]
    [InlineData("场地;专业技能", UnitResources.Venues | UnitResources.Expertise)]
    [InlineData("场地 资金", UnitResources.Venues | UnitResources.Funds)]
    [InlineData(" 场地 、 、资金 ", UnitResources.Venues | UnitResources.Funds)]
    [InlineData("场地、场地", UnitResources.Venues)]
    [InlineData("专业技能", UnitResources.Expertise)]
    [InlineData("场地、资金、志愿者、专业技能", UnitResources.Venues | UnitResources.Funds | UnitResources.Volunteers | UnitResources.Expertise)]
    [InlineData("", UnitResources.None)]
    [InlineData("   ", UnitResources.None)]
    [InlineData(null, UnitResources.None)]
    public void Resource_lists_parse_with_any_of_the_usual_separators(string? text, UnitResources expected)
    {
        Assert.True(UnitLabels.TryParseResources(text, out var resources));
        Assert.Equal(expected, resources);
    }

    [Theory]
    [InlineData("场地、停车位")]
    [InlineData("场地/资金")]
    [InlineData("venues")]
    [InlineData("技能")]
    public void A_resource_list_with_an_unknown_word_fails(string text) => Assert.False(UnitLabels.TryParseResources(text, out _));

    [Theory]
    [InlineData(UnitResources.None, "")]
    [InlineData(UnitResources.Venues | UnitResources.Volunteers, "场地、志愿者")]
    [InlineData(UnitResources.Expertise | UnitResources.Funds, "资金、专业技能")]
    [InlineData(UnitResources.Venues | UnitResources.Funds | UnitResources.Volunteers | UnitResources.Expertise, "场地、资金、志愿者、专业技能")]
    public void Resources_are_written_in_a_fixed_order_separated_by_the_enumeration_comma(UnitResources resources, string expected) =>
        Assert.Equal(expected, UnitLabels.FormatResources(resources));

    [Fact]
    public void Every_combination_of_resources_round_trips()
    {
        for (var flags = 0; flags < 16; flags++)
        {
            var resources = (UnitResources)flags;
            Assert.True(UnitLabels.TryParseResources(UnitLabels.FormatResources(resources), out var parsed));
            Assert.Equal(resources, parsed);
        }
    }
}
