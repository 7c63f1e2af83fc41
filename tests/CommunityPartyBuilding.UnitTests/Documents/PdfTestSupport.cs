using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Documents.Skia;
using UglyToad.PdfPig;

namespace CommunityPartyBuilding.UnitTests.Documents;

/// <summary>Renders with the machine's fonts and reads the PDF back with PdfPig.</summary>
internal static class PdfTestSupport
{
    public static readonly IPdfRenderer Renderer = new SkiaPdfRenderer(new FontconfigFontProvider());

    public static readonly DateTimeOffset CreatedAt = new(2026, 3, 31, 6, 30, 0, TimeSpan.Zero);

    public static DocumentMetadata Metadata(string title = "东湖街道大党工委2026年度共驻共建考核报告") =>
        new(title, "东湖街道大党工委", "年度考核报告", CreatedAt) { Keywords = "共驻共建;考核" };

    /// <summary>Renders; with PORTAL_PDF_OUT set, also writes the file there (for looking at it with pdftoppm).</summary>
    public static byte[] Render(Document document, string? name = null)
    {
        var pdf = Renderer.Render(document);
        var directory = Environment.GetEnvironmentVariable("PORTAL_PDF_OUT");
        if (!string.IsNullOrEmpty(directory) && name is not null)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, name + ".pdf"), pdf);
        }

        return pdf;
    }

    public static List<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => p.Text)];
    }
}
