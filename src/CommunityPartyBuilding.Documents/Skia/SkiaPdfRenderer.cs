using System.Globalization;
using SkiaSharp;

namespace CommunityPartyBuilding.Documents.Skia;

/// <summary>
/// Draws documents with SkiaSharp's PDF backend: a layout pass places the blocks on pages (so the page count is
/// known), a drawing pass paints each page with its running header, footer ("第 X 页 / 共 Y 页", verification code
/// and QR) and, for drafts, the diagonal watermark; finally the ToUnicode maps are corrected so that the text
/// extracts as written. Thread-safe: each call uses its own canvas and SKFont objects.
/// </summary>
public sealed class SkiaPdfRenderer(IFontProvider fontProvider) : IPdfRenderer
{
    private const float FooterQrSize = 40f;

    public byte[] Render(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var fonts = SkiaFonts.For(fontProvider.Availability);
        using var cache = new FontCache(fonts);
        using var layout = new LayoutEngine(document, cache).Run();

        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = document.Metadata.Title,
            Author = document.Metadata.Author,
            Subject = document.Metadata.Subject,
            Keywords = document.Metadata.Keywords ?? "",
            Creator = document.Metadata.Creator,
            Producer = "CommunityPartyBuilding.Documents (SkiaSharp)",
            Creation = document.Metadata.CreatedAt.UtcDateTime,
            Modified = document.Metadata.CreatedAt.UtcDateTime,
            RasterDpi = 300f,
            EncodingQuality = 101,
        };

        using (var pdf = SKDocument.CreatePdf(stream, metadata))
        {
            var count = layout.Pages.Count;

            // The footer's QR code is the same on every page: encoded once (choosing its mask is the costly part).
            var footerQr = document.Verification is { } verification ? QrMatrix.Create(verification.Url) : null;
            for (var index = 0; index < count; index++)
            {
                var canvas = pdf.BeginPage(PageSize.A4Width, PageSize.A4Height);
                var context = new RenderContext(canvas, fonts, cache);
                foreach (var op in layout.Pages[index])
                {
                    op.Draw(context);
                }

                DrawHeader(context, document);
                DrawFooter(context, document, index + 1, count, footerQr);
                if (document.Draft)
                {
                    DrawWatermark(context, document.WatermarkText);
                }

                pdf.EndPage();
            }

            pdf.Close();
        }

        return ToUnicodeRepair.Apply(stream.ToArray(), fonts.RadicalToIdeograph);
    }

    private static void DrawHeader(RenderContext context, Document document)
    {
        if (document.HeaderText is null && document.HeaderRightText is null)
        {
            return;
        }

        var margins = document.Margins;
        var left = margins.Left;
        var right = PageSize.A4Width - margins.Right;
        var baseline = margins.Top - 16f;
        var font = context.Font(FontRole.Regular, 8.5f);
        using var paint = new SKPaint { Color = Typography.Muted, IsAntialias = true };
        if (document.HeaderText is { } text)
        {
            context.Canvas.DrawText(text, left, baseline, SKTextAlign.Left, font, paint);
        }

        if (document.HeaderRightText is { } rightText)
        {
            context.Canvas.DrawText(rightText, right, baseline, SKTextAlign.Right, font, paint);
        }

        using var rule = LineOp.Stroke(Typography.Rule, 0.5f, dashed: false);
        context.Canvas.DrawLine(left, margins.Top - 10f, right, margins.Top - 10f, rule);
    }

    /// <param name="footerQr">The QR code of the verification URL, encoded once per document; null without verification.</param>
    private static void DrawFooter(RenderContext context, Document document, int page, int count, QrMatrix? footerQr)
    {
        var margins = document.Margins;
        var left = margins.Left;
        var right = PageSize.A4Width - margins.Right;
        var top = PageSize.A4Height - margins.Bottom + 8f;
        var canvas = context.Canvas;
        using var muted = new SKPaint { Color = Typography.Muted, IsAntialias = true };
        using var dark = new SKPaint { Color = Typography.Text, IsAntialias = true };
        using var rule = LineOp.Stroke(Typography.Rule, 0.5f, dashed: false);
        canvas.DrawLine(left, top, right, top, rule);

        var pageText = document.Footer.PageNumbers
            ? string.Format(CultureInfo.InvariantCulture, document.Footer.PageNumberFormat, page, count)
            : null;
        var pageFont = context.Font(FontRole.Regular, 9f);
        if (document.Verification is not { } verification)
        {
            if (pageText is not null)
            {
                canvas.DrawText(pageText, (left + right) / 2f, top + 16f, SKTextAlign.Center, pageFont, dark);
            }

            if (document.Footer.Text is { } footerText)
            {
                canvas.DrawText(footerText, left, top + 16f, SKTextAlign.Left, context.Font(FontRole.Regular, 8f), muted);
            }

            return;
        }

        // Verification: code and URL on the left, page number before the QR code on the right.
        var qr = new SKRect(right - FooterQrSize, top + 4f, right, top + 4f + FooterQrSize);
        QrOp.DrawQr(canvas, footerQr!, qr);
        var labelFont = context.Font(FontRole.Regular, 8f);
        var label = verification.CodeLabel + "：";
        canvas.DrawText(label, left, top + 16f, SKTextAlign.Left, labelFont, muted);
        var codeX = left + labelFont.MeasureText(label);
        canvas.DrawText(FormatCode(verification.Code), codeX, top + 16f, SKTextAlign.Left, context.Font(FontRole.Mono, 9.5f), dark);
        var urlFont = context.Font(FontRole.Regular, 7f);
        var urlLine = verification.UrlLabel + "：" + verification.Url;
        canvas.DrawText(urlLine, left, top + 28f, SKTextAlign.Left, urlFont, muted);
        if (pageText is not null)
        {
            // Centred like on every other document, unless the code or the URL reaches that far.
            var textEnd = left + Math.Max(urlFont.MeasureText(urlLine), codeX - left + context.Font(FontRole.Mono, 9.5f).MeasureText(FormatCode(verification.Code)));
            var centre = (left + right) / 2f;
            var halfWidth = pageFont.MeasureText(pageText) / 2f;
            if (textEnd + 12f < centre - halfWidth)
            {
                canvas.DrawText(pageText, centre, top + 16f, SKTextAlign.Center, pageFont, dark);
            }
            else
            {
                canvas.DrawText(pageText, qr.Left - 10f, top + 16f, SKTextAlign.Right, pageFont, dark);
            }
        }
    }

    /// <summary>ABCDEFGH → ABCD-EFGH (easier to read aloud and to type).</summary>
    public static string FormatCode(string code) =>
        code.Length == 8 && !code.Contains('-', StringComparison.Ordinal) ? code[..4] + "-" + code[4..] : code;

    private static void DrawWatermark(RenderContext context, string text)
    {
        var canvas = context.Canvas;
        var font = context.Font(FontRole.Bold, 120f);
        using var paint = new SKPaint { Color = Typography.Watermark, IsAntialias = true };
        canvas.Save();
        canvas.Translate(PageSize.A4Width / 2f, PageSize.A4Height / 2f);
        canvas.RotateDegrees(-40f);
        canvas.DrawText(text, 0f, font.Size * 0.35f, SKTextAlign.Center, font, paint);
        canvas.Restore();
    }
}
