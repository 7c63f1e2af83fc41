namespace CommunityPartyBuilding.Documents;

/// <summary>
/// Fluent construction of a <see cref="Document"/>:
/// <code>
/// var document = new DocumentBuilder(new DocumentMetadata(title, author, subject, now))
///     .Header("东湖街道大党工委", "2026年度考核报告")
///     .Draft(!finalised)
///     .Title(title, "（2026年度）")
///     .Heading("一、总体情况")
///     .Paragraph("……")
///     .Table(t => t.Column("单位", 3).Column("得分", 1, CellAlign.Right).Row("东湖小学", "92.5"))
///     .Chart(plot => plot.Add.Bars(values), height: 200, caption: "图1 各单位得分")
///     .Signature("东湖街道大党工委", date)
///     .Build();
/// </code>
/// </summary>
public sealed class DocumentBuilder(DocumentMetadata metadata)
{
    private readonly List<Block> blocks = [];
    private string? headerLeft;
    private string? headerRight;
    private bool draft;
    private FooterOptions footer = new();
    private PageMargins margins = PageMargins.Standard;

    public DocumentBuilder Header(string? left, string? right = null)
    {
        headerLeft = left;
        headerRight = right;
        return this;
    }

    public DocumentBuilder Draft(bool isDraft = true)
    {
        draft = isDraft;
        return this;
    }

    public DocumentBuilder Footer(FooterOptions options)
    {
        footer = options;
        return this;
    }

    public DocumentBuilder Margins(PageMargins pageMargins)
    {
        margins = pageMargins;
        return this;
    }

    public DocumentBuilder Add(Block block)
    {
        blocks.Add(block);
        return this;
    }

    public DocumentBuilder Masthead(string text, string? leftNote = null, string? rightNote = null, string? issueLine = null) =>
        Add(new MastheadBlock(text) { LeftNote = leftNote, RightNote = rightNote, IssueLine = issueLine });

    public DocumentBuilder Title(string text, string? subtitle = null) => Add(new TitleBlock(text, subtitle));

    public DocumentBuilder Heading(string text, int level = 1) => Add(new HeadingBlock(text, level));

    public DocumentBuilder Paragraph(string text, bool firstLineIndent = true) => Add(new ParagraphBlock(text) { FirstLineIndent = firstLineIndent });

    public DocumentBuilder Note(string text) => Add(new ParagraphBlock(text) { FirstLineIndent = false, Muted = true, Align = TextAlign.Left });

    public DocumentBuilder Facts(IEnumerable<KeyValuePair<string, string>> items, int columns = 2) =>
        Add(new KeyValueBlock([.. items]) { Columns = columns });

    public DocumentBuilder Facts(params (string Label, string Value)[] items) =>
        Facts(items.Select(i => new KeyValuePair<string, string>(i.Label, i.Value)));

    public DocumentBuilder Figures(params Figure[] figures) => Add(new FiguresBlock(figures));

    public DocumentBuilder Table(Action<TableBuilder> build)
    {
        var table = new TableBuilder();
        build(table);
        return Add(table.Build());
    }

    public DocumentBuilder Image(byte[] data, float? width = null, string? caption = null) => Add(new ImageBlock(data) { Width = width, Caption = caption });

    public DocumentBuilder Chart(Action<ScottPlot.Plot> draw, float height = 220f, string? caption = null) =>
        Add(new ChartBlock(draw) { Height = height, Caption = caption });

    public DocumentBuilder PageBreak() => Add(new PageBreakBlock());

    public DocumentBuilder Spacer(float height) => Add(new SpacerBlock(height));

    public DocumentBuilder Signature(string organisation, DateOnly date, params string[] signatories) =>
        Add(new SignatureBlock(organisation, date) { Signatories = signatories });

    public Document Build() => new()
    {
        Metadata = metadata,
        HeaderText = headerLeft,
        HeaderRightText = headerRight,
        Draft = draft,
        Footer = footer,
        Margins = margins,
        Blocks = [.. blocks],
    };
}

public sealed class TableBuilder
{
    private readonly List<TableColumn> columns = [];
    private readonly List<TableRow> rows = [];
    private TableRow? total;
    private string? caption;
    private bool zebra = true;
    private float fontSize = 9.5f;
    private string emptyText = "（无）";

    public TableBuilder Column(string header, float width = 1f, CellAlign align = CellAlign.Left)
    {
        columns.Add(new TableColumn(header, width, align));
        return this;
    }

    public TableBuilder Row(params string[] cells)
    {
        rows.Add(new TableRow(cells));
        return this;
    }

    public TableBuilder EmphasisRow(params string[] cells)
    {
        rows.Add(new TableRow(cells) { Emphasis = true });
        return this;
    }

    public TableBuilder Rows<T>(IEnumerable<T> items, Func<T, string[]> cells)
    {
        rows.AddRange(items.Select(i => new TableRow(cells(i))));
        return this;
    }

    public TableBuilder Total(params string[] cells)
    {
        total = new TableRow(cells) { Emphasis = true };
        return this;
    }

    public TableBuilder Caption(string text)
    {
        caption = text;
        return this;
    }

    public TableBuilder Zebra(bool on)
    {
        zebra = on;
        return this;
    }

    public TableBuilder FontSize(float size)
    {
        fontSize = size;
        return this;
    }

    public TableBuilder Empty(string text)
    {
        emptyText = text;
        return this;
    }

    public TableBlock Build() => new([.. columns], [.. rows])
    {
        Caption = caption,
        Zebra = zebra,
        TotalRow = total,
        FontSize = fontSize,
        EmptyText = emptyText,
    };
}
