using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Documents.Skia;
using CommunityPartyBuilding.Web.Features.Dashboard;
using CommunityPartyBuilding.Web.Features.Reports;
using SkiaSharp;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// Issue #7: ms per report for the annual report of a street of 300 units with 3,000 activities and for the district
/// summary of 50 streets, each against a baseline measured in the same run: SkiaSharp's PDF backend drawing the same
/// text (every string of the document, cut to lines) on the same number of pages with no layout at all. The ratio is
/// what our composition layer (line breaking, tables, charts, header, footer, QR, ToUnicode repair) costs over the
/// bare engine. Compose is included: charts are drawn from it during the render.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ReportBenchmarks
{
    public const string AnnualCategory = "Annual report, 300 units";
    public const string DistrictCategory = "District summary, 50 streets";

    private ReportFixture fixture = null!;

    [GlobalSetup]
    public void Setup() => fixture = ReportFixture.Instance;

    [Benchmark(Baseline = true, Description = "bare Skia, same text and pages")]
    [BenchmarkCategory(AnnualCategory)]
    public byte[] AnnualBaseline() => fixture.AnnualBaseline.Render();

    [Benchmark(Description = "AnnualReportDocument + SkiaPdfRenderer")]
    [BenchmarkCategory(AnnualCategory)]
    public byte[] AnnualReport() => fixture.Renderer.Render(ReportData.ComposeAnnualReport(fixture.Annual));

    [Benchmark(Baseline = true, Description = "bare Skia, same text and pages")]
    [BenchmarkCategory(DistrictCategory)]
    public byte[] DistrictBaseline() => fixture.DistrictBaseline.Render();

    [Benchmark(Description = "DistrictSummaryDocument + SkiaPdfRenderer")]
    [BenchmarkCategory(DistrictCategory)]
    public byte[] DistrictSummary() => fixture.Renderer.Render(ReportData.ComposeDistrictSummary(fixture.District));
}

/// <summary>The data, the renderer and the baselines, built once (the data is synthetic and reproducible).</summary>
public sealed class ReportFixture
{
    private static readonly Lazy<ReportFixture> Shared = new(() => new ReportFixture());

    private ReportFixture()
    {
        var fonts = new FontconfigFontProvider();
        if (!fonts.Availability.IsAvailable)
        {
            throw new CjkFontMissingException();
        }

        Renderer = new SkiaPdfRenderer(fonts);
        Annual = ReportData.AnnualReport();
        District = ReportData.DistrictSummary();
        AnnualPages = PdfReadBack.PageCount(Renderer.Render(ReportData.ComposeAnnualReport(Annual)));
        DistrictPages = PdfReadBack.PageCount(Renderer.Render(ReportData.ComposeDistrictSummary(District)));
        AnnualBaseline = new BareSkiaText(fonts.Availability.Regular!, DocumentText.Lines(ReportData.ComposeAnnualReport(Annual)), AnnualPages);
        DistrictBaseline = new BareSkiaText(fonts.Availability.Regular!, DocumentText.Lines(ReportData.ComposeDistrictSummary(District)), DistrictPages);
    }

    public static ReportFixture Instance => Shared.Value;

    public IPdfRenderer Renderer { get; }

    public AnnualReportData Annual { get; }

    public DepartmentOverview District { get; }

    public int AnnualPages { get; }

    public int DistrictPages { get; }

    public BareSkiaText AnnualBaseline { get; }

    public BareSkiaText DistrictBaseline { get; }
}

/// <summary>Every string a document shows (block texts, table cells, figures), cut into lines of at most 36 characters.</summary>
public static class DocumentText
{
    public const int LineLength = 36;

    public static IReadOnlyList<string> Lines(Document document)
    {
        var texts = new List<string>();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case MastheadBlock m:
                    texts.AddRange(new[] { m.Text, m.LeftNote, m.RightNote, m.IssueLine }.OfType<string>());
                    break;
                case TitleBlock t:
                    texts.AddRange(new[] { t.Text, t.Subtitle }.OfType<string>());
                    break;
                case HeadingBlock h:
                    texts.Add(h.Text);
                    break;
                case ParagraphBlock p:
                    texts.Add(p.Text);
                    break;
                case KeyValueBlock kv:
                    texts.AddRange(kv.Items.SelectMany(i => new[] { i.Key, i.Value }));
                    break;
                case FiguresBlock f:
                    texts.AddRange(f.Figures.Select(x => $"{x.Value}{x.Unit} {x.Label}"));
                    break;
                case TableBlock table:
                    texts.AddRange(new[] { table.Caption }.OfType<string>());
                    texts.Add(string.Join(" ", table.Columns.Select(c => c.Header)));
                    texts.AddRange(table.Rows.Select(r => string.Join(" ", r.Cells)));
                    break;
                case ChartBlock c when c.Caption is not null:
                    texts.Add(c.Caption);
                    break;
                case SignatureBlock s:
                    texts.Add(s.Organisation);
                    break;
            }
        }

        return [.. texts.SelectMany(t => t.Chunk(LineLength).Select(chunk => new string(chunk)))];
    }
}

/// <summary>
/// The baseline: SkiaSharp's PDF backend with the same font drawing the given lines top to bottom over the given
/// number of A4 pages: no measuring, no line breaking, no tables, no header, footer or charts.
/// </summary>
public sealed class BareSkiaText(FontFace face, IReadOnlyList<string> lines, int pages)
{
    private readonly SKTypeface typeface = SKTypeface.FromFile(face.Path, face.Index) ?? throw new CjkFontMissingException();

    public int Pages => pages;

    public int LineCount => lines.Count;

    public byte[] Render()
    {
        using var stream = new MemoryStream();
        using (var pdf = SKDocument.CreatePdf(stream))
        using (var font = new SKFont(typeface, 9.5f))
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            var perPage = (lines.Count + pages - 1) / pages;
            for (var page = 0; page < pages; page++)
            {
                var canvas = pdf.BeginPage(595.28f, 841.89f);
                var y = 60f;
                foreach (var line in lines.Skip(page * perPage).Take(perPage))
                {
                    canvas.DrawText(line, 56f, y, SKTextAlign.Left, font, paint);
                    y += 720f / Math.Max(1, perPage);
                }

                pdf.EndPage();
            }

            pdf.Close();
        }

        return stream.ToArray();
    }
}

/// <summary>PdfPig reading the rendered files back: the benchmark checks it measures what it claims.</summary>
public static class PdfReadBack
{
    public static int PageCount(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    /// <summary>All pages' text without whitespace (PdfPig inserts spaces between some glyph runs).</summary>
    public static string FlatText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => Flat(p.Text)));
    }

    public static string Flat(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
