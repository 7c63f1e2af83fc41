using System.Collections.Concurrent;
using SkiaSharp;

namespace CommunityPartyBuilding.Documents.Skia;

internal enum FontRole
{
    Regular,
    Bold,
    Title,
    Mono,
}

/// <summary>
/// The typefaces of one <see cref="FontAvailability"/>, loaded once per process and shared by every render
/// (SKTypeface is immutable and thread-safe; SKFont objects are made per render).
/// </summary>
internal sealed class SkiaFonts
{
    /// <summary>The family name under which charts ask ScottPlot for the document's CJK typefaces.</summary>
    public const string ChartFamily = "CommunityPartyBuilding CJK";

    private static readonly ConcurrentDictionary<FontFace, SKTypeface> Typefaces = new();
    private static readonly ConcurrentDictionary<FontAvailability, SkiaFonts> Sets = new();
    private static volatile SkiaFonts? chartFonts;

    private readonly Lazy<IReadOnlyDictionary<int, int>> radicals;

    /// <summary>
    /// ScottPlot keeps its font resolvers in a static list; ours is added once, when this type is first used (the
    /// first PDF), and from then on answers for <see cref="ChartFamily"/> with the current typefaces.
    /// </summary>
    static SkiaFonts() => ScottPlot.Fonts.FontResolvers.Insert(0, new ChartFontResolver());

    private SkiaFonts(FontAvailability availability)
    {
        Regular = Load(availability.Regular!);
        Bold = availability.Bold is { } b ? Load(b) : Regular;
        Title = availability.Title is { } t ? Load(t) : Bold;
        Mono = availability.Monospace is { } m ? Load(m) : Bold;
        SyntheticBold = availability.Bold is null;
        radicals = new(() => RadicalMap.Build([Regular, Bold, Title, Mono]));
    }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    public SKTypeface Title { get; }

    public SKTypeface Mono { get; }

    /// <summary>No bold face was found: bold text is emboldened regular.</summary>
    public bool SyntheticBold { get; }

    /// <summary>Radical code points (⼤ U+2F24) → the ideograph (大 U+5927) drawn with the same glyph.</summary>
    public IReadOnlyDictionary<int, int> RadicalToIdeograph => radicals.Value;

    public static SkiaFonts For(FontAvailability availability)
    {
        if (!availability.IsAvailable)
        {
            throw new CjkFontMissingException($"No CJK font is installed ({availability.Description}): a PDF would show boxes instead of Chinese characters.");
        }

        return Sets.GetOrAdd(availability, a => new SkiaFonts(a));
    }

    public SKTypeface Typeface(FontRole role) => role switch
    {
        FontRole.Bold => Bold,
        FontRole.Title => Title,
        FontRole.Mono => Mono,
        _ => Regular,
    };

    public SKFont Font(FontRole role, float size)
    {
        var font = new SKFont(Typeface(role), size)
        {
            Subpixel = true,
            Edging = SKFontEdging.Antialias,
            Embolden = SyntheticBold && role is FontRole.Bold,
        };
        return font;
    }

    /// <summary>Lets ScottPlot find these typefaces under <see cref="ChartFamily"/>.</summary>
    public void RegisterForCharts() => chartFonts = this;

    private static SKTypeface Load(FontFace face) =>
        Typefaces.GetOrAdd(face, f => SKTypeface.FromFile(f.Path, f.Index)
            ?? throw new CjkFontMissingException($"The font file {f.Path} (face {f.Index}) could not be read."));

    private sealed class ChartFontResolver : ScottPlot.IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == ChartFamily && chartFonts is { } fonts ? (bold ? fonts.Bold : fonts.Regular) : null;

        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing width) =>
            CreateTypeface(fontName, (int)weight >= (int)ScottPlot.FontWeight.SemiBold, slant != ScottPlot.FontSlant.Upright);
    }
}

/// <summary>
/// CJK fonts map both the radical (⼤ U+2F24, ⻚ U+2EDA) and the ideograph (大 U+5927, 页 U+9875) to one glyph.
/// Skia's PDF backend writes the lowest code point of a glyph into the ToUnicode map, so copied or extracted
/// text would come out as radicals; this map lets <see cref="ToUnicodeRepair"/> put the ideographs back.
/// </summary>
internal static class RadicalMap
{
    public static IReadOnlyDictionary<int, int> Build(IEnumerable<SKTypeface> typefaces)
    {
        var map = new Dictionary<int, int>();
        foreach (var typeface in typefaces.Distinct())
        {
            using var font = new SKFont(typeface, 12);
            var radicals = Range(0x2E80, 0x2FDF);
            var radicalGlyphs = font.GetGlyphs(radicals);
            var wanted = new HashSet<ushort>(radicalGlyphs.Where(g => g != 0));
            var ideographs = Range(0x3400, 0x4DBF) + Range(0x4E00, 0x9FFF);
            var glyphs = font.GetGlyphs(ideographs);
            var ideographOfGlyph = new Dictionary<ushort, int>();
            for (var i = 0; i < ideographs.Length; i++)
            {
                if (wanted.Contains(glyphs[i]))
                {
                    // The unified ideograph block wins over extension A (it comes second: later entries overwrite).
                    ideographOfGlyph[glyphs[i]] = ideographs[i];
                }
            }

            for (var i = 0; i < radicals.Length; i++)
            {
                if (radicalGlyphs[i] != 0 && ideographOfGlyph.TryGetValue(radicalGlyphs[i], out var ideograph))
                {
                    map.TryAdd(radicals[i], ideograph);
                }
            }
        }

        return map;
    }

    private static string Range(int first, int last) =>
        string.Create(last - first + 1, first, (span, start) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)(start + i);
            }
        });
}
