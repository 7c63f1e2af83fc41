using CommunityPartyBuilding.Documents;

namespace CommunityPartyBuilding.UnitTests.Documents;

public class LineBreakerTests
{
    /// <summary>Every CJK character 10 wide, every other character 5 wide: easy widths to reason about.</summary>
    private static float Measure(string text) => text.EnumerateRunes().Sum(r => LineBreaker.IsCjk(r) ? 10f : 5f);

    [Fact]
    public void Chinese_text_breaks_between_any_two_characters()
    {
        var lines = LineBreaker.Break("东湖街道大党工委共驻共建", 40f, Measure);

        Assert.Equal(["东湖街道", "大党工委", "共驻共建"], lines);
    }

    [Theory]
    [InlineData("东湖街道，大党工委", "东湖街道，")]
    [InlineData("东湖街道。大党工委", "东湖街道。")]
    [InlineData("东湖街道、大党工委", "东湖街道、")]
    [InlineData("东湖街道”大党工委", "东湖街道”")]
    [InlineData("东湖街道）大党工委", "东湖街道）")]
    [InlineData("东湖街道》大党工委", "东湖街道》")]
    [InlineData("东湖街道！大党工委", "东湖街道！")]
    public void A_closing_punctuation_mark_never_starts_a_line_it_takes_the_character_before_with_it(string text, string _)
    {
        // Four characters fit; the fifth is punctuation that may not start the next line.
        var lines = LineBreaker.Break(text, 40f, Measure);

        Assert.All(lines.Skip(1), line => Assert.False(LineBreaker.IsClosing(line[0]), $"line starts with '{line[0]}': {string.Join(" | ", lines)}"));
        Assert.Equal(text, string.Concat(lines));
        Assert.Equal("东湖街", lines[0]);
        Assert.StartsWith("道", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Several_closing_marks_in_a_row_stay_with_the_character_before_them()
    {
        var lines = LineBreaker.Break("他说：“好的。”然后离开", 50f, Measure);

        Assert.All(lines.Skip(1), line => Assert.False(LineBreaker.IsClosing(line[0])));
        Assert.Equal("他说：“好的。”然后离开", string.Concat(lines));
    }

    [Theory]
    [InlineData("东湖街道（大党工委）")]
    [InlineData("东湖街道“大党工委”")]
    [InlineData("东湖街道《大党工委》")]
    [InlineData("东湖街道【大党工委】")]
    public void An_opening_punctuation_mark_never_ends_a_line(string text)
    {
        var lines = LineBreaker.Break(text, 50f, Measure);

        Assert.All(lines, line => Assert.False(LineBreaker.IsOpening(line[^1]), $"line ends with '{line[^1]}': {string.Join(" | ", lines)}"));
        Assert.Equal(text, string.Concat(lines));
    }

    [Theory]
    [InlineData("2026年12月24日", new[] { "2026年12月24日" })]
    [InlineData("完成时限2026年3月31日前", new[] { "完", "成", "时", "限", "2026年3月31日", "前" })]
    [InlineData("12月24日。", new[] { "12月24日。" })]
    [InlineData("共12人参加", new[] { "共", "12", "人", "参", "加" })]
    [InlineData("年月日", new[] { "年", "月", "日" })]
    public void A_date_is_one_piece(string text, string[] tokens)
    {
        Assert.Equal(tokens, LineBreaker.Tokens(text));
    }

    [Fact]
    public void A_narrow_column_breaks_before_a_date_not_inside_it()
    {
        // "截止" (20) + the date (4×5 + 10 + 2×5 + 10 + 2×5 + 10 = 70) do not fit in 80: the date goes whole to the next line.
        Assert.Equal(["截止", "2026年12月24日"], LineBreaker.Break("截止2026年12月24日", 80f, Measure));

        // Narrower than the date itself: it is cut, as any word wider than the line.
        Assert.Equal(3, LineBreaker.Break("2026年12月24日", 30f, Measure).Count);
    }

    [Fact]
    public void Latin_words_and_numbers_are_kept_whole()
    {
        var lines = LineBreaker.Break("投入资金48.5万元，惠及12,000人次，详见https://example.org报告", 60f, Measure);

        Assert.Contains(lines, l => l.Contains("48.5", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("12,000", StringComparison.Ordinal));
        Assert.Equal("投入资金48.5万元，惠及12,000人次，详见https://example.org报告", string.Concat(lines));
    }

    [Fact]
    public void A_word_wider_than_the_line_is_cut()
    {
        var lines = LineBreaker.Break("ABCDEFGHIJKLMNOPQRST", 30f, Measure);

        Assert.Equal(["ABCDEF", "GHIJKL", "MNOPQR", "ST"], lines);
    }

    [Fact]
    public void Spaces_between_words_are_break_points_and_are_not_kept_at_line_ends()
    {
        var lines = LineBreaker.Break("Party building in the street", 60f, Measure);

        Assert.Equal(["Party", "building in", "the street"], lines);
    }

    [Fact]
    public void The_first_line_indent_narrows_the_first_line_only_and_newlines_force_breaks()
    {
        var lines = LineBreaker.Break("一二三四五六七八\n九十", 40f, Measure, firstLineIndent: 20f);

        Assert.Equal(["一二", "三四五六", "七八", "九十"], lines);
    }

    [Fact]
    public void Tokens_glue_closing_marks_backwards_and_opening_marks_forwards()
    {
        Assert.Equal(["东", "湖，", "（大", "党）。"], LineBreaker.Tokens("东湖，（大党）。"));
        Assert.Equal(["2026年"], LineBreaker.Tokens("2026年"));
    }
}
