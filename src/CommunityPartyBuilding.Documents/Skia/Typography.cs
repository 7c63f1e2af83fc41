using SkiaSharp;

namespace CommunityPartyBuilding.Documents.Skia;

/// <summary>Sizes (points), leading and colours of the documents: 五号 body text, 黑体-style bold headings.</summary>
internal static class Typography
{
    public const float BodySize = 10.5f;
    public const float Leading = 1.75f;
    public const float TableLeading = 1.4f;
    public const float TitleSize = 18f;
    public const float MastheadSize = 28f;

    /// <summary>Where the baseline sits in an em box of Noto Sans CJK (ascender 0.88 em).</summary>
    public const float Ascent = 0.88f;

    public static readonly SKColor Text = new(0x1A, 0x1A, 0x1A);
    public static readonly SKColor Muted = new(0x66, 0x66, 0x66);
    public static readonly SKColor Rule = new(0x8C, 0x8C, 0x8C);
    public static readonly SKColor Grid = new(0x80, 0x80, 0x80);
    public static readonly SKColor HeaderFill = new(0xEC, 0xE8, 0xE1);
    public static readonly SKColor ZebraFill = new(0xF7, 0xF6, 0xF3);
    public static readonly SKColor TotalFill = new(0xF1, 0xEE, 0xE8);
    public static readonly SKColor LabelFill = new(0xF4, 0xF2, 0xEE);
    public static readonly SKColor Red = new(0xC8, 0x10, 0x1E);
    public static readonly SKColor FigureValue = new(0xA3, 0x12, 0x1C);
    public static readonly SKColor Seal = new(0xD6, 0x8A, 0x8A);
    public static readonly SKColor CutLine = new(0x9A, 0x9A, 0x9A);
    public static readonly SKColor Watermark = new(0x80, 0x80, 0x80, 0x38);

    public static float HeadingSize(int level) => level switch
    {
        <= 1 => 14f,
        2 => 12f,
        _ => BodySize,
    };

    /// <summary>Baseline of a line of <paramref name="size"/> set in a line box of <paramref name="lineHeight"/> starting at <paramref name="top"/>.</summary>
    public static float Baseline(float top, float lineHeight, float size) => top + (lineHeight - size) / 2f + Ascent * size;
}
