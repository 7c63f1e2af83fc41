namespace CommunityPartyBuilding.Documents;

/// <summary>
/// Draws a <see cref="Document"/> as an A4 PDF. The SkiaSharp implementation lives in <c>Skia/</c>; another
/// library (QuestPDF, …) would replace that folder and nothing else.
/// </summary>
public interface IPdfRenderer
{
    /// <summary>The PDF's bytes. Throws <see cref="CjkFontMissingException"/> when no CJK font is installed.</summary>
    byte[] Render(Document document);
}

/// <summary>Finds the CJK fonts the documents are set in (Noto Sans CJK SC). Never throws; the answer is cached.</summary>
public interface IFontProvider
{
    FontAvailability Availability { get; }
}

/// <summary>A font file and the index of the face inside it (TrueType/OpenType collections hold several).</summary>
public sealed record FontFace(string Family, string Path, int Index);

/// <summary>
/// Which faces were found. <see cref="Regular"/> is required; the others fall back: bold to regular (synthetic
/// bold), title to bold, monospace to bold.
/// </summary>
public sealed record FontAvailability(FontFace? Regular, FontFace? Bold, FontFace? Title, FontFace? Monospace, string Description)
{
    public bool IsAvailable => Regular is not null;

    public static FontAvailability Missing(string description) => new(null, null, null, null, description);
}

/// <summary>No CJK font is installed: a PDF would show boxes instead of Chinese characters, so none is made.</summary>
public sealed class CjkFontMissingException : InvalidOperationException
{
    public CjkFontMissingException()
        : base("No CJK font (Noto Sans CJK SC) is installed; install fonts-noto-cjk.")
    {
    }

    public CjkFontMissingException(string message)
        : base(message)
    {
    }

    public CjkFontMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
