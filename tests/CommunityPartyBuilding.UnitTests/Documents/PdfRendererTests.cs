using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Documents.Skia;
using UglyToad.PdfPig;

namespace CommunityPartyBuilding.UnitTests.Documents;

public class PdfRendererTests
{
    [Fact]
    public void A_long_table_spans_pages_repeats_its_header_and_numbers_every_page()
    {
        var pdf = PdfTestSupport.Render(SampleDocuments.Report(draft: true), "sample-report");
        var pages = PdfTestSupport.PageTexts(pdf);

        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"第 {i + 1} 页 / 共 {pages.Count} 页", pages[i], StringComparison.Ordinal);
        }

        // The table starts on page 1 and continues on page 2, whose first table row is again the header.
        Assert.Contains("成员单位年度考核得分", pages[0], StringComparison.Ordinal);
        Assert.Contains("序号成员单位会议参与协议履行总分等级", pages[1], StringComparison.Ordinal);
        Assert.Contains("序号成员单位会议参与协议履行总分等级", pages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_row_is_never_split_across_pages()
    {
        // Rows of different heights (every seventh wraps to several lines); each row's first and last cell carry markers.
        var document = new DocumentBuilder(PdfTestSupport.Metadata())
            .Table(t =>
            {
                t.Column("开始", 1).Column("内容", 4).Column("结束", 1);
                for (var row = 1; row <= 90; row++)
                {
                    var content = row % 7 == 0 ? string.Concat(Enumerable.Repeat(SampleDocuments.LongParagraph[..40], 4)) : SampleDocuments.Units[row % SampleDocuments.Units.Length];
                    t.Row($"R{row:000}", content, $"E{row:000}");
                }
            })
            .Build();

        var pages = PdfTestSupport.PageTexts(PdfTestSupport.Render(document));

        Assert.True(pages.Count >= 4);
        for (var row = 1; row <= 90; row++)
        {
            var start = pages.FindIndex(p => p.Contains($"R{row:000}", StringComparison.Ordinal));
            var end = pages.FindIndex(p => p.Contains($"E{row:000}", StringComparison.Ordinal));
            Assert.True(start >= 0 && start == end, $"row {row}: starts on page {start + 1}, ends on page {end + 1}");
        }

        Assert.All(pages, page => Assert.StartsWith("开始内容结束", page, StringComparison.Ordinal));
    }

    [Fact]
    public void A_heading_is_never_left_at_the_foot_of_a_page_without_what_follows_it()
    {
        // Push the heading down 4 points at a time across the page end: it always stays with the table's caption and header.
        for (var space = 560f; space <= 690f; space += 4f)
        {
            var builder = new DocumentBuilder(PdfTestSupport.Metadata()).Paragraph("第一段").Spacer(space);

            var pages = PdfTestSupport.PageTexts(PdfTestSupport.Render(builder
                .Heading("三、成员单位得分情况")
                .Table(t => t.Caption("表3 得分").Column("单位", 3).Column("得分").Row("东湖小学", "92.5").Row("东湖医院", "90.0"))
                .Build()));

            var page = pages.Single(p => p.Contains("三、成员单位得分情况", StringComparison.Ordinal));
            Assert.Contains("表3 得分单位得分东湖小学", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_watermark_is_there_exactly_when_the_document_is_a_draft()
    {
        var draft = PdfTestSupport.PageTexts(PdfTestSupport.Render(SampleDocuments.Report(draft: true)));
        var final = PdfTestSupport.PageTexts(PdfTestSupport.Render(SampleDocuments.Report(draft: false)));

        Assert.All(draft, page => Assert.Contains("草稿", page, StringComparison.Ordinal));
        Assert.All(final, page => Assert.DoesNotContain("草稿", page, StringComparison.Ordinal));
    }

    [Fact]
    public void The_document_information_carries_title_author_subject_and_creation_time()
    {
        using var document = PdfDocument.Open(PdfTestSupport.Render(SampleDocuments.Report()));

        Assert.Equal("东湖街道大党工委2026年度共驻共建考核报告", document.Information.Title);
        Assert.Equal("东湖街道大党工委", document.Information.Author);
        Assert.Equal("年度考核报告", document.Information.Subject);
        Assert.Equal("CommunityPartyBuilding", document.Information.Creator);
        Assert.Equal(PdfTestSupport.CreatedAt, document.Information.GetCreatedDateTimeOffset());
    }

    [Fact]
    public void Chinese_text_is_extracted_exactly_as_written_including_characters_that_share_a_glyph_with_a_radical()
    {
        // 大, 页, 工, 长 … share their glyph with a Kangxi or supplementary radical in Noto Sans CJK.
        const string text = "东湖街道大党工委第一页长见风青龙门；“共驻共建”（2026年）：居民满意率96.8%。";
        var pdf = PdfTestSupport.Render(new DocumentBuilder(PdfTestSupport.Metadata())
            .Paragraph(text, firstLineIndent: false)
            .Build());

        var page = PdfTestSupport.PageTexts(pdf).Single();
        Assert.StartsWith(text, page, StringComparison.Ordinal);
        Assert.DoesNotContain(page, c => c is >= '\u2E80' and <= '\u2FDF');
    }

    [Fact]
    public void Wrapped_paragraphs_keep_every_character_in_order()
    {
        var pdf = PdfTestSupport.Render(new DocumentBuilder(PdfTestSupport.Metadata())
            .Footer(new FooterOptions { PageNumbers = false })
            .Paragraph(SampleDocuments.LongParagraph)
            .Build());

        Assert.Equal(SampleDocuments.LongParagraph, PdfTestSupport.PageTexts(pdf).Single());
    }

    [Fact]
    public void A_chart_is_drawn_as_vectors_and_text_not_as_a_bitmap()
    {
        var pdf = PdfTestSupport.Render(new DocumentBuilder(PdfTestSupport.Metadata())
            .Chart(plot =>
            {
                plot.Add.Scatter(new double[] { 1, 2, 3, 4 }, new double[] { 3, 1, 4, 1 });
                plot.Title("季度共建活动");
            }, height: 240, caption: "图1 季度共建活动")
            .Build());

        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        Assert.Empty(page.GetImages());

        // The title once in the chart and once in the caption: the chart was drawn exactly once.
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(page.Text, "季度共建活动"));
        Assert.True(pdf.Length < 200_000, $"{pdf.Length} bytes");
    }

    [Theory]
    [InlineData(40, 4_560f)]   // half a page of text, then a chart asked to be far taller than a page
    [InlineData(40, 220f)]
    [InlineData(150, 220f)]    // the heading falls near the bottom of a page
    [InlineData(150, 4_560f)]
    [InlineData(0, 4_560f)]
    public void A_heading_goes_with_the_chart_below_it_and_a_chart_taller_than_a_page_gets_one(int sentences, float chartHeight)
    {
        var pdf = PdfTestSupport.Render(new DocumentBuilder(PdfTestSupport.Metadata())
            .Paragraph(string.Concat(Enumerable.Repeat("东湖街道大党工委共驻共建。", Math.Max(1, sentences))))
            .Heading("六、考核结果分布")
            .Chart(plot => plot.Add.Bars(Enumerable.Range(1, 40).Select(i => (double)i).ToArray()), height: chartHeight, caption: "图1 考核总分")
            .Paragraph("以上考核结果经街道大党工委审定。")
            .Build(), $"chart-{sentences}-{chartHeight}");
        var pages = PdfTestSupport.PageTexts(pdf);

        var heading = pages.FindIndex(p => p.Contains("六、考核结果分布", StringComparison.Ordinal));
        Assert.True(heading >= 0);
        Assert.Contains("图1 考核总分", pages[heading], StringComparison.Ordinal);
        Assert.Single(pages, p => p.Contains("图1 考核总分", StringComparison.Ordinal));
        if (chartHeight > PageSize.A4Height)
        {
            // The chart fills the page it is on: what follows starts the next one.
            Assert.Equal(heading + 1, pages.FindIndex(p => p.Contains("以上考核结果", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Images_are_placed_on_the_page()
    {
        using var bitmap = new SkiaSharp.SKBitmap(120, 80);
        bitmap.Erase(SkiaSharp.SKColors.DarkRed);
        using var encoded = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);

        using var document = PdfDocument.Open(PdfTestSupport.Render(new DocumentBuilder(PdfTestSupport.Metadata())
            .Image(encoded.ToArray(), width: 200, caption: "图2 活动照片")
            .Build()));

        Assert.Single(document.GetPage(1).GetImages());
        Assert.Contains("图2 活动照片", document.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_verification_code_and_its_url_are_in_the_footer_of_every_page()
    {
        var document = SampleDocuments.Report(draft: false) with
        {
            Verification = new VerificationMark("ABCD2345", "https://portal.example.org/verify/ABCD2345"),
        };

        var pages = PdfTestSupport.PageTexts(PdfTestSupport.Render(document, "sample-verified"));

        Assert.True(pages.Count > 1);
        Assert.All(pages, page =>
        {
            Assert.Contains("验证码：ABCD-2345", page, StringComparison.Ordinal);
            Assert.Contains("https://portal.example.org/verify/ABCD2345", page, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Without_a_CJK_font_rendering_fails_with_a_clear_exception()
    {
        var renderer = new SkiaPdfRenderer(new NoFonts());

        var error = Assert.Throws<CjkFontMissingException>(() => renderer.Render(SampleDocuments.Report()));
        Assert.Contains("fonts-noto-cjk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_machine_has_Noto_Sans_CJK_SC()
    {
        var availability = new FontconfigFontProvider().Availability;

        Assert.True(availability.IsAvailable, availability.Description);
        Assert.Equal("Noto Sans CJK SC", availability.Regular!.Family);
    }

    private sealed class NoFonts : IFontProvider
    {
        public FontAvailability Availability { get; } = FontAvailability.Missing("test: no fonts; install fonts-noto-cjk");
    }
}
