using CommunityPartyBuilding.Documents.Skia;

namespace CommunityPartyBuilding.UnitTests.Documents;

public class ToUnicodeRepairTests
{
    private static readonly Dictionary<int, int> Radicals = new() { [0x2F24] = 0x5927, [0x2EDA] = 0x9875 };

    [Fact]
    public void Radical_destinations_in_bfchar_entries_become_the_ideographs()
    {
        const string cmap = "begincmap\n2 beginbfchar\n<01> <2F24>\n<02> <4E1C>\nendbfchar\nendcmap";

        var repaired = ToUnicodeRepair.RepairCMap(cmap, Radicals);

        Assert.Equal("begincmap\n2 beginbfchar\n<01> <5927>\n<02> <4E1C>\nendbfchar\nendcmap", repaired);
    }

    [Fact]
    public void A_range_that_contains_a_radical_is_expanded_and_the_others_are_kept()
    {
        const string cmap = "2 beginbfrange\n<10> <12> <2ED9>\n<20> <21> <4E00>\nendbfrange";

        var repaired = ToUnicodeRepair.RepairCMap(cmap, Radicals);

        Assert.Equal("1 beginbfrange\n<20> <21> <4E00>\nendbfrange\n3 beginbfchar\n<10> <2ED9>\n<11> <9875>\n<12> <2EDB>\nendbfchar", repaired);
    }

    [Fact]
    public void A_map_without_radicals_is_left_alone()
    {
        Assert.Null(ToUnicodeRepair.RepairCMap("1 beginbfchar\n<01> <4E1C>\nendbfchar", Radicals));
    }

    [Fact]
    public void The_installed_font_maps_the_radicals_it_shares_glyphs_with()
    {
        var availability = new FontconfigFontProvider().Availability;
        using var typeface = SkiaSharp.SKTypeface.FromFile(availability.Regular!.Path, availability.Regular.Index);

        var map = RadicalMap.Build([typeface]);

        Assert.Equal(0x5927, map[0x2F24]); // ⼤ → 大
        Assert.Equal(0x9875, map[0x2EDA]); // ⻚ → 页
        Assert.Equal(0x5DE5, map[0x2F2F]); // ⼯ → 工
    }
}
