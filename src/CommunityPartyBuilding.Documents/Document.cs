namespace CommunityPartyBuilding.Documents;

/// <summary>
/// A printable document, described independently of the PDF library that draws it: metadata, running header,
/// footer (page numbers, optional verification code with QR), an optional diagonal draft watermark, and the
/// blocks of the body in reading order. Build one with <see cref="DocumentBuilder"/> and draw it with an
/// <see cref="IPdfRenderer"/>.
/// </summary>
public sealed record Document
{
    public required DocumentMetadata Metadata { get; init; }

    /// <summary>Running header at the top left of every page (e.g. the committee's name); none when null.</summary>
    public string? HeaderText { get; init; }

    /// <summary>Running header at the top right of every page (e.g. the document's short title).</summary>
    public string? HeaderRightText { get; init; }

    public FooterOptions Footer { get; init; } = new();

    /// <summary>Printed in the footer of every page with a QR code of its URL; set by the issuing service.</summary>
    public VerificationMark? Verification { get; init; }

    /// <summary>Draws the diagonal <see cref="WatermarkText"/> across every page (a document not yet finalised).</summary>
    public bool Draft { get; init; }

    public string WatermarkText { get; init; } = "草稿";

    public PageMargins Margins { get; init; } = PageMargins.Standard;

    public IReadOnlyList<Block> Blocks { get; init; } = [];
}

/// <summary>The PDF's document information: title, author, subject and creation time.</summary>
public sealed record DocumentMetadata(string Title, string Author, string Subject, DateTimeOffset CreatedAt)
{
    public string? Keywords { get; init; }

    public string Creator { get; init; } = "CommunityPartyBuilding";
}

public sealed record FooterOptions
{
    /// <summary>"第 {0} 页 / 共 {1} 页": {0} is the page number, {1} the page count.</summary>
    public string PageNumberFormat { get; init; } = "第 {0} 页 / 共 {1} 页";

    public bool PageNumbers { get; init; } = true;

    /// <summary>Small text at the footer's left when there is no verification mark (e.g. "东湖街道大党工委印制").</summary>
    public string? Text { get; init; }
}

/// <summary>The verification code printed in every page's footer, and the URL its QR code points to.</summary>
public sealed record VerificationMark(string Code, string Url)
{
    public string CodeLabel { get; init; } = "验证码";

    public string UrlLabel { get; init; } = "核验网址";
}

/// <summary>Page margins in points (1 cm ≈ 28.35 pt). The page is always A4 portrait (595 × 842 pt).</summary>
public sealed record PageMargins(float Top, float Right, float Bottom, float Left)
{
    /// <summary>2.5 cm top and bottom (the header and footer sit inside them), 2.2 cm left and right.</summary>
    public static PageMargins Standard { get; } = new(71f, 62f, 71f, 62f);

    /// <summary>Narrow margins for sheets that are cut up (code cards).</summary>
    public static PageMargins Narrow { get; } = new(42f, 34f, 56f, 34f);
}

public static class PageSize
{
    public const float A4Width = 595f;
    public const float A4Height = 842f;
}

public enum CellAlign
{
    Left,
    Center,
    Right,
}

public enum TextAlign
{
    /// <summary>Both edges flush (两端对齐), the usual setting of Chinese body text; the last line is left-aligned.</summary>
    Justify,
    Left,
    Center,
    Right,
}

/// <summary>One element of a document's body, laid out top to bottom.</summary>
public abstract record Block;

/// <summary>The red masthead (版头) of an official document: big red title, optional notes above a red double rule.</summary>
public sealed record MastheadBlock(string Text) : Block
{
    /// <summary>Under the masthead, left (e.g. the issuing office).</summary>
    public string? LeftNote { get; init; }

    /// <summary>Under the masthead, right (e.g. the date in 2026年3月31日 form).</summary>
    public string? RightNote { get; init; }

    /// <summary>Centred under the masthead (e.g. "第 3 期").</summary>
    public string? IssueLine { get; init; }
}

/// <summary>The document's title, centred; an optional subtitle under it.</summary>
public sealed record TitleBlock(string Text, string? Subtitle = null) : Block;

/// <summary>A heading (level 1–3); it is kept on the same page as what follows it.</summary>
public sealed record HeadingBlock(string Text, int Level = 1) : Block;

/// <summary>Body text: wrapped with Chinese line-breaking rules; <c>\n</c> starts a new line.</summary>
public sealed record ParagraphBlock(string Text) : Block
{
    /// <summary>Indent the first line by two characters (首行缩进两字).</summary>
    public bool FirstLineIndent { get; init; } = true;

    public TextAlign Align { get; init; } = TextAlign.Justify;

    public float? FontSize { get; init; }

    public bool Bold { get; init; }

    /// <summary>Grey, smaller text (notes, sources).</summary>
    public bool Muted { get; init; }
}

/// <summary>Labelled facts in a bordered grid, <see cref="Columns"/> label–value pairs per row.</summary>
public sealed record KeyValueBlock(IReadOnlyList<KeyValuePair<string, string>> Items) : Block
{
    public int Columns { get; init; } = 2;
}

/// <summary>A row of key figures: big value, unit and label (e.g. "24 家 成员单位").</summary>
public sealed record FiguresBlock(IReadOnlyList<Figure> Figures) : Block;

public sealed record Figure(string Label, string Value, string? Unit = null);

/// <summary>
/// A table: the header row repeats at the top of every page it spans, a row is never split across pages,
/// cells wrap. Optional zebra striping and a bold total row at the end.
/// </summary>
public sealed record TableBlock(IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows) : Block
{
    /// <summary>Centred above the table, kept with its first rows.</summary>
    public string? Caption { get; init; }

    public bool Zebra { get; init; } = true;

    public TableRow? TotalRow { get; init; }

    public float FontSize { get; init; } = 9.5f;

    /// <summary>Shown in place of the rows when there are none.</summary>
    public string EmptyText { get; init; } = "（无）";
}

/// <summary>A column: header text, relative width, alignment of its cells.</summary>
public sealed record TableColumn(string Header, float Width = 1f, CellAlign Align = CellAlign.Left);

public sealed record TableRow(IReadOnlyList<string> Cells)
{
    public TableRow(params string[] cells)
        : this((IReadOnlyList<string>)cells)
    {
    }

    /// <summary>Bold row (sub-totals, highlighted units).</summary>
    public bool Emphasis { get; init; }
}

/// <summary>An encoded image (PNG, JPEG, WebP…), scaled to <see cref="Width"/> points or the text width.</summary>
public sealed record ImageBlock(byte[] Data) : Block
{
    public float? Width { get; init; }

    public string? Caption { get; init; }
}

/// <summary>
/// A chart drawn by ScottPlot as vectors onto the page: <see cref="Draw"/> adds plottables to a plot whose
/// fonts are already the document's CJK fonts. The width is the text width.
/// </summary>
public sealed record ChartBlock(Action<ScottPlot.Plot> Draw) : Block
{
    public float Height { get; init; } = 220f;

    public string? Caption { get; init; }
}

/// <summary>A QR code drawn as vector squares, centred, <see cref="Size"/> points wide (a poster's check-in code).</summary>
public sealed record QrBlock(string Payload) : Block
{
    public float Size { get; init; } = 240f;

    public string? Caption { get; init; }
}

public sealed record PageBreakBlock : Block;

public sealed record SpacerBlock(float Height) : Block;

/// <summary>
/// 落款: the issuing organisation and the date (2026年3月31日) at the right with a seal box (盖章处);
/// optional signature lines (e.g. "主持人：王建华", "记录人：") on the left above it.
/// </summary>
public sealed record SignatureBlock(string Organisation, DateOnly Date) : Block
{
    public IReadOnlyList<string> Signatories { get; init; } = [];

    public bool SealBox { get; init; } = true;
}

/// <summary>
/// Cards to cut apart, <see cref="Columns"/> × <see cref="Rows"/> per page with dashed cut lines; it starts on a new
/// page and fills whole pages. Each card stacks its text lines on the left and a QR code on the right.
/// </summary>
public sealed record CardSheetBlock(IReadOnlyList<Card> Cards) : Block
{
    public int Columns { get; init; } = 2;

    public int Rows { get; init; } = 4;
}

public sealed record Card(IReadOnlyList<CardLine> Lines, string? QrPayload);

/// <summary>One line (wrapped if long) of a card.</summary>
public sealed record CardLine(string Text, float Size = 9f)
{
    public bool Bold { get; init; }

    /// <summary>Fixed-width letters (codes).</summary>
    public bool Monospace { get; init; }

    public bool Muted { get; init; }

    /// <summary>Extra space above the line.</summary>
    public float SpaceBefore { get; init; }
}
