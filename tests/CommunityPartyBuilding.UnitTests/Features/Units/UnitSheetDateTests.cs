using CommunityPartyBuilding.Web.Features.Units;

namespace CommunityPartyBuilding.UnitTests.Features.Units;

public class UnitSheetDateTests
{
    private static readonly DateOnly March31 = new(2026, 3, 31);

    public static TheoryData<object> Dates => new()
    {
        new DateTime(2026, 3, 31),
        new DateTime(2026, 3, 31, 23, 59, 59),
        46112d,
        46112.75d,
        "2026-03-31",
        "2026-3-31",
        "2026/3/31",
        "2026/03/31",
        "2026.3.31",
        "2026年3月31日",
        "2026年03月31日",
        " 2026-03-31 ",
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void Excel_dates_and_the_usual_written_forms_parse(object value)
    {
        Assert.True(UnitSheet.TryParseDate(value, out var date));
        Assert.Equal(March31, date);
    }

    [Fact]
    public void The_earliest_joining_date_parses_as_an_OADate_too()
    {
        // 18172 days after 1899-12-30.
        Assert.True(UnitSheet.TryParseDate(18172d, out var date));
        Assert.Equal(new DateOnly(1949, 10, 1), date);
    }

    public static TheoryData<object?> Garbage => new()
    {
        null,
        "",
        "   ",
        "garbage",
        "明年",
        "2026-02-30",
        "2026-13-01",
        "2026年13月1日",
        0d,
        -5d,
        3_000_000d,
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_is_not_a_date(object? value) => Assert.False(UnitSheet.TryParseDate(value, out _));
}
