using SkiaSharp;

namespace CommunityPartyBuilding.Documents.Skia;

/// <summary>What one render needs while drawing: the canvas, the fonts and SKFont objects made for this render.</summary>
internal sealed class RenderContext(SKCanvas canvas, SkiaFonts fonts, FontCache cache)
{
    public SKCanvas Canvas { get; } = canvas;

    public SkiaFonts Fonts { get; } = fonts;

    public SKFont Font(FontRole role, float size) => cache.Get(role, size);
}

/// <summary>SKFont objects of one render, by role and size; disposed with it.</summary>
internal sealed class FontCache(SkiaFonts fonts) : IDisposable
{
    private readonly Dictionary<(FontRole, float), SKFont> items = [];

    public SKFont Get(FontRole role, float size)
    {
        if (!items.TryGetValue((role, size), out var font))
        {
            font = fonts.Font(role, size);
            items[(role, size)] = font;
        }

        return font;
    }

    public float Measure(string text, FontRole role, float size) => Get(role, size).MeasureText(text);

    public void Dispose()
    {
        foreach (var font in items.Values)
        {
            font.Dispose();
        }

        items.Clear();
    }
}

/// <summary>One drawing instruction of a laid-out page, in points from the page's top-left corner.</summary>
internal abstract record DrawOp
{
    public abstract void Draw(RenderContext context);
}

/// <summary>A line of text from its left edge at its baseline; <see cref="Spacing"/> is added between characters (justification).</summary>
internal sealed record TextOp(string Text, float X, float Baseline, FontRole Role, float Size, SKColor Color) : DrawOp
{
    public float Spacing { get; init; }

    public override void Draw(RenderContext context)
    {
        var font = context.Font(Role, Size);
        using var paint = new SKPaint { Color = Color, IsAntialias = true };
        if (Spacing <= 0f)
        {
            context.Canvas.DrawText(Text, X, Baseline, SKTextAlign.Left, font, paint);
            return;
        }

        var glyphs = font.GetGlyphs(Text);
        var widths = font.GetGlyphWidths(glyphs);
        var positions = new SKPoint[glyphs.Length];
        var x = X;
        for (var i = 0; i < glyphs.Length; i++)
        {
            positions[i] = new SKPoint(x, Baseline);
            x += widths[i] + Spacing;
        }

        using var builder = new SKTextBlobBuilder();
        builder.AddPositionedRun(glyphs, font, positions);
        using var blob = builder.Build();
        if (blob is not null)
        {
            context.Canvas.DrawText(blob, 0, 0, paint);
        }
    }
}

internal sealed record LineOp(float X1, float Y1, float X2, float Y2, float Width, SKColor Color) : DrawOp
{
    public bool Dashed { get; init; }

    public override void Draw(RenderContext context)
    {
        using var paint = Stroke(Color, Width, Dashed);
        context.Canvas.DrawLine(X1, Y1, X2, Y2, paint);
    }

    internal static SKPaint Stroke(SKColor color, float width, bool dashed)
    {
        var paint = new SKPaint { Color = color, StrokeWidth = width, Style = SKPaintStyle.Stroke, IsAntialias = true };
        if (dashed)
        {
            paint.PathEffect = SKPathEffect.CreateDash([4f, 3f], 0f);
        }

        return paint;
    }
}

internal sealed record RectOp(SKRect Rect, SKColor? Fill, SKColor? Stroke, float StrokeWidth = 0.5f) : DrawOp
{
    public override void Draw(RenderContext context)
    {
        if (Fill is { } fill)
        {
            using var paint = new SKPaint { Color = fill, Style = SKPaintStyle.Fill };
            context.Canvas.DrawRect(Rect, paint);
        }

        if (Stroke is { } stroke)
        {
            using var paint = LineOp.Stroke(stroke, StrokeWidth, dashed: false);
            context.Canvas.DrawRect(Rect, paint);
        }
    }
}

internal sealed record CircleOp(float CenterX, float CenterY, float Radius, SKColor Color, float Width) : DrawOp
{
    public bool Dashed { get; init; }

    public override void Draw(RenderContext context)
    {
        using var paint = LineOp.Stroke(Color, Width, Dashed);
        context.Canvas.DrawCircle(CenterX, CenterY, Radius, paint);
    }
}

internal sealed record ImageOp(SKImage Image, SKRect Rect) : DrawOp
{
    public override void Draw(RenderContext context)
    {
        using var paint = new SKPaint { IsAntialias = true };
        context.Canvas.DrawImage(Image, Rect, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None), paint);
    }
}

/// <summary>A ScottPlot chart drawn straight onto the page canvas: vectors and text, no bitmap.</summary>
internal sealed record ChartOp(Action<ScottPlot.Plot> Compose, SKRect Rect) : DrawOp
{
    public override void Draw(RenderContext context)
    {
        context.Fonts.RegisterForCharts();
        var plot = new ScottPlot.Plot();
        plot.Font.Set(SkiaFonts.ChartFamily);
        Compose(plot);
        plot.Font.Set(SkiaFonts.ChartFamily);
        plot.RenderManager.ClearCanvasBeforeEachRender = false;
        var size = new ScottPlot.PixelRect(Rect.Width, Rect.Height);

        // ScottPlot lays out twice on a first render (ticks depend on the layout): do that off the page, so that
        // the page receives exactly one drawing of the chart.
        using (var recorder = new SKPictureRecorder())
        {
            var scratch = recorder.BeginRecording(new SKRect(0, 0, Rect.Width, Rect.Height));
            plot.RenderManager.Render(scratch, size);
            using var discarded = recorder.EndRecording();
        }

        var canvas = context.Canvas;
        canvas.Save();
        canvas.Translate(Rect.Left, Rect.Top);
        canvas.ClipRect(new SKRect(0, 0, Rect.Width, Rect.Height));
        plot.RenderManager.Render(canvas, size);
        canvas.Restore();
    }
}

/// <summary>A QR code drawn as vector squares (sharp at any print size).</summary>
internal sealed record QrOp(string Payload, SKRect Rect) : DrawOp
{
    public override void Draw(RenderContext context) => DrawQr(context.Canvas, QrMatrix.Create(Payload), Rect);

    internal static void DrawQr(SKCanvas canvas, QrMatrix matrix, SKRect rect)
    {
        var module = rect.Width / matrix.Size;
        using var path = new SKPath();
        for (var row = 0; row < matrix.Size; row++)
        {
            var column = 0;
            while (column < matrix.Size)
            {
                if (!matrix[row, column])
                {
                    column++;
                    continue;
                }

                var start = column;
                while (column < matrix.Size && matrix[row, column])
                {
                    column++;
                }

                path.AddRect(new SKRect(rect.Left + start * module, rect.Top + row * module, rect.Left + column * module, rect.Top + (row + 1) * module));
            }
        }

        using var paint = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Fill, IsAntialias = false };
        canvas.DrawPath(path, paint);
    }
}
