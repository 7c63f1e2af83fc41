using CommunityPartyBuilding.Web.Features.Resources;

namespace CommunityPartyBuilding.UnitTests.Features.Resources;

public class ResourceRulesTests
{
    private static ResourceInput Valid() => new()
    {
        Kind = ResourceKind.Venue,
        Title = "三楼多功能会议室",
        Description = "可容纳40人，有投影",
        Capacity = 40,
        Measure = CapacityMeasure.Seats,
        Availability = "工作日 9:00–17:00",
        CommunityIds = [Guid.CreateVersion7()],
    };

    private static string[] Fields(ResourceInput input) => ResourceRules.Validate(input).Select(f => f.Field + ":" + f.MessageKey).ToArray();

    [Fact]
    public void A_complete_resource_and_a_minimal_one_are_valid()
    {
        Assert.Empty(Fields(Valid()));
        Assert.Empty(Fields(new ResourceInput { Kind = ResourceKind.Materials, Title = "旧书" }));
    }

    [Fact]
    public void Kind_and_title_are_required_and_a_kind_outside_the_list_is_refused()
    {
        Assert.Equal(["Kind:Validation.Choose", "Title:Validation.Required"], Fields(new ResourceInput { Title = "  " }));
        Assert.Equal(["Kind:Validation.Choose"], Fields(Valid() with { Kind = (ResourceKind)42 }));
    }

    [Theory]
    [InlineData("Title", ResourceRules.TitleMaxLength)]
    [InlineData("Description", ResourceRules.DescriptionMaxLength)]
    [InlineData("Availability", ResourceRules.AvailabilityMaxLength)]
    public void Texts_may_reach_their_limit_but_not_pass_it(string field, int max)
    {
        ResourceInput With(string text) => field switch
        {
            "Title" => Valid() with { Title = text },
            "Description" => Valid() with { Description = text },
            _ => Valid() with { Availability = text },
        };

        Assert.Empty(Fields(With(new string('资', max))));
        Assert.Empty(Fields(With("  " + new string('资', max) + "  ")));
        Assert.Equal([field + ":Validation.MaxLength"], Fields(With(new string('资', max + 1))));
    }

    [Theory]
    [InlineData(ResourceKind.Venue, CapacityMeasure.Seats, true)]
    [InlineData(ResourceKind.Venue, CapacityMeasure.Items, true)]
    [InlineData(ResourceKind.Venue, CapacityMeasure.Yuan, false)]
    [InlineData(ResourceKind.Funds, CapacityMeasure.Yuan, true)]
    [InlineData(ResourceKind.Funds, CapacityMeasure.People, false)]
    [InlineData(ResourceKind.Volunteers, CapacityMeasure.People, true)]
    [InlineData(ResourceKind.Volunteers, CapacityMeasure.Seats, false)]
    [InlineData(ResourceKind.Expertise, CapacityMeasure.People, true)]
    [InlineData(ResourceKind.Materials, CapacityMeasure.Items, true)]
    [InlineData(ResourceKind.Materials, CapacityMeasure.Yuan, false)]
    public void A_measure_must_fit_the_kind(ResourceKind kind, CapacityMeasure measure, bool fits)
    {
        Assert.Equal(fits, ResourceRules.Fits(kind, measure));
        var input = Valid() with { Kind = kind, Measure = measure, Capacity = 10 };
        Assert.Equal(fits ? [] : ["Measure:Validation.MeasureNotForKind"], Fields(input));
    }

    [Fact]
    public void Every_kind_has_a_default_measure_that_fits_it()
    {
        foreach (var kind in Enum.GetValues<ResourceKind>())
        {
            Assert.True(ResourceRules.Fits(kind, ResourceRules.DefaultMeasure(kind)), kind.ToString());
        }
    }

    [Theory]
    [InlineData(ResourceKind.Venue, 0, "Capacity:Validation.Range")]
    [InlineData(ResourceKind.Venue, -5, "Capacity:Validation.Range")]
    [InlineData(ResourceKind.Venue, 100_000_001, "Capacity:Validation.Range")]
    [InlineData(ResourceKind.Venue, 100_000_000, null)]
    [InlineData(ResourceKind.Venue, 1, null)]
    [InlineData(ResourceKind.Venue, 40.5, "Capacity:Validation.WholeNumber")]
    [InlineData(ResourceKind.Funds, 5000.25, null)]
    [InlineData(ResourceKind.Funds, 5000.255, "Capacity:Validation.TwoDecimals")]
    public void A_capacity_is_positive_bounded_and_whole_except_for_yuan(ResourceKind kind, double capacity, string? expected)
    {
        var input = Valid() with { Kind = kind, Measure = null, Capacity = (decimal)capacity };
        Assert.Equal(expected is null ? [] : [expected], Fields(input));
    }

    [Fact]
    public void The_measure_stored_is_the_given_one_else_the_kinds_and_none_without_a_capacity()
    {
        Assert.Equal(CapacityMeasure.Items, ResourceRules.MeasureFor(Valid() with { Measure = CapacityMeasure.Items }));
        Assert.Equal(CapacityMeasure.Yuan, ResourceRules.MeasureFor(Valid() with { Kind = ResourceKind.Funds, Measure = null, Capacity = 100 }));
        Assert.Null(ResourceRules.MeasureFor(Valid() with { Capacity = null }));
    }

    [Fact]
    public void At_most_a_hundred_communities()
    {
        var many = Enumerable.Range(0, ResourceRules.MaxCommunities + 1).Select(_ => Guid.CreateVersion7()).ToList();
        Assert.Equal(["CommunityIds:Validation.TooMany"], Fields(Valid() with { CommunityIds = many }));
        Assert.Empty(Fields(Valid() with { CommunityIds = many.Take(ResourceRules.MaxCommunities).ToList() }));
    }

    [Fact]
    public void A_resource_serves_the_communities_it_names_or_all_when_it_names_none()
    {
        var east = Guid.CreateVersion7();
        var west = Guid.CreateVersion7();
        Assert.True(ResourceRules.Serves([], east));
        Assert.True(ResourceRules.Serves([east], east));
        Assert.False(ResourceRules.Serves([east], west));
    }

    [Fact]
    public void An_import_row_becomes_one_resource_per_kind_with_its_notes_and_the_units_community()
    {
        var community = Guid.CreateVersion7();
        var resources = ResourceRules.FromKinds([ResourceKind.Volunteers, ResourceKind.Venue, ResourceKind.Volunteers], "  周末可借用 ", community);
        Assert.Equal([(ResourceKind.Venue, "场地"), (ResourceKind.Volunteers, "志愿者")], resources.Select(r => (r.Kind!.Value, r.Title)));
        Assert.All(resources, r => Assert.Equal(("周末可借用", community), (r.Description, Assert.Single(r.CommunityIds))));
        Assert.All(resources, r => Assert.Empty(ResourceRules.Validate(r)));
        Assert.All(ResourceRules.FromKinds([ResourceKind.Funds], "", null), r => Assert.Equal((null, 0), (r.Description, r.CommunityIds.Count)));
    }
}
