using SkiaSharp;

namespace CommunityPartyBuilding.Documents.Skia;

/// <summary>
/// First pass: places the blocks on A4 pages as drawing instructions, so that the page count is known before
/// anything is drawn (the footer says "共 Y 页"). Tables repeat their header row on every page and never split a
/// row; headings stay with what follows them.
/// </summary>
internal sealed partial class LayoutEngine
{
    private readonly Document document;
    private readonly FontCache fonts;
    private readonly List<List<DrawOp>> pages = [];
    private readonly List<IDisposable> resources = [];
    private float y;

    /// <summary>Where a heading that opens a page ended (page count, y): a chart right below it may use the rest of the page.</summary>
    private (int Page, float Y)? headingAtTop;

    public LayoutEngine(Document document, FontCache fonts)
    {
        this.document = document;
        this.fonts = fonts;
        var margins = document.Margins;
        Left = margins.Left;
        Right = PageSize.A4Width - margins.Right;
        Top = margins.Top;
        Bottom = PageSize.A4Height - margins.Bottom;
        NewPage();
    }

    public float Left { get; }

    public float Right { get; }

    public float Top { get; }

    public float Bottom { get; }

    public float Width => Right - Left;

    private List<DrawOp> Ops => pages[^1];

    private bool PageIsEmpty => y <= Top + 0.01f;

    /// <summary>Lays out every block; the result owns decoded images until disposed.</summary>
    public LayoutResult Run()
    {
        for (var index = 0; index < document.Blocks.Count; index++)
        {
            var block = document.Blocks[index];
            switch (block)
            {
                case MastheadBlock masthead: Masthead(masthead); break;
                case TitleBlock title: Title(title); break;
                case HeadingBlock heading: Heading(heading, index + 1 < document.Blocks.Count ? document.Blocks[index + 1] : null); break;
                case ParagraphBlock paragraph: Paragraph(paragraph); break;
                case KeyValueBlock facts: Facts(facts); break;
                case FiguresBlock figures: Figures(figures); break;
                case TableBlock table: Table(table); break;
                case ImageBlock image: Image(image); break;
                case ChartBlock chart: Chart(chart); break;
                case SignatureBlock signature: Signature(signature); break;
                case CardSheetBlock cards: Cards(cards); break;
                case QrBlock qr: Qr(qr); break;
                case SpacerBlock spacer: Space(spacer.Height); break;
                case PageBreakBlock: if (!PageIsEmpty) { NewPage(); } break;
                default: throw new NotSupportedException($"Block {block.GetType().Name} is not supported by the Skia renderer.");
            }
        }

        return new LayoutResult(pages, resources);
    }

    private void NewPage()
    {
        pages.Add([]);
        y = Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits below the cursor (or the page is still empty).</summary>
    private void Ensure(float height)
    {
        if (y + height > Bottom + 0.01f && !PageIsEmpty)
        {
            NewPage();
        }
    }

    private void Space(float height)
    {
        if (y + height > Bottom)
        {
            NewPage();
            return;
        }

        if (!PageIsEmpty)
        {
            y += height;
        }
    }

    private float Measure(string text, FontRole role, float size) => fonts.Measure(text, role, size);

    private IReadOnlyList<string> Wrap(string text, float width, FontRole role, float size, float firstLineIndent = 0f) =>
        LineBreaker.Break(text, width, s => Measure(s, role, size), firstLineIndent);

    private void Text(string text, float x, float top, float lineHeight, FontRole role, float size, SKColor color, float spacing = 0f) =>
        Ops.Add(new TextOp(text, x, Typography.Baseline(top, lineHeight, size), role, size, color) { Spacing = spacing });

    /// <summary>Left edge of a line of <paramref name="width"/> aligned in [left, right].</summary>
    private static float Align(float left, float right, float width, CellAlign align) => align switch
    {
        CellAlign.Center => left + (right - left - width) / 2f,
        CellAlign.Right => right - width,
        _ => left,
    };

    private void Masthead(MastheadBlock masthead)
    {
        var size = Typography.MastheadSize;
        while (Measure(masthead.Text, FontRole.Title, size) > Width && size > 12f)
        {
            size -= 1f;
        }

        var lineHeight = size * 1.3f;
        var notes = masthead.LeftNote is not null || masthead.RightNote is not null;
        Ensure(lineHeight + (masthead.IssueLine is null ? 0 : 22) + (notes ? 22 : 0) + 24);
        var width = Measure(masthead.Text, FontRole.Title, size);
        Text(masthead.Text, Left + (Width - width) / 2f, y, lineHeight, FontRole.Title, size, Typography.Red);
        y += lineHeight + 4f;
        if (masthead.IssueLine is { } issue)
        {
            var w = Measure(issue, FontRole.Regular, 12f);
            Text(issue, Left + (Width - w) / 2f, y, 20f, FontRole.Regular, 12f, Typography.Text);
            y += 20f;
        }

        if (notes)
        {
            if (masthead.LeftNote is { } left)
            {
                Text(left, Left + Typography.BodySize, y, 20f, FontRole.Regular, Typography.BodySize, Typography.Text);
            }

            if (masthead.RightNote is { } right)
            {
                var w = Measure(right, FontRole.Regular, Typography.BodySize);
                Text(right, Right - Typography.BodySize - w, y, 20f, FontRole.Regular, Typography.BodySize, Typography.Text);
            }

            y += 20f;
        }

        y += 3f;
        Ops.Add(new LineOp(Left, y, Right, y, 1.6f, Typography.Red));
        y += 20f;
    }

    private void Title(TitleBlock title)
    {
        const float size = Typography.TitleSize;
        var lineHeight = size * 1.5f;
        var lines = Balanced(title.Text, Width * 0.9f, FontRole.Title, size);
        var subtitleHeight = title.Subtitle is null ? 0f : 22f;
        Ensure(lines.Count * lineHeight + subtitleHeight + 3 * Typography.BodySize * Typography.Leading);
        foreach (var line in lines)
        {
            var w = Measure(line, FontRole.Title, size);
            Text(line, Left + (Width - w) / 2f, y, lineHeight, FontRole.Title, size, Typography.Text);
            y += lineHeight;
        }

        if (title.Subtitle is { } subtitle)
        {
            var w = Measure(subtitle, FontRole.Regular, 11f);
            Text(subtitle, Left + (Width - w) / 2f, y, subtitleHeight, FontRole.Regular, 11f, Typography.Text);
            y += subtitleHeight;
        }

        y += 12f;
    }

    /// <summary>
    /// Wrapped into as few lines as at full width, but of even length: a title never ends with a lone word on its
    /// last line.
    /// </summary>
    private IReadOnlyList<string> Balanced(string text, float width, FontRole role, float size)
    {
        var lines = Wrap(text, width, role, size);
        if (lines.Count < 2)
        {
            return lines;
        }

        var (low, high) = (width / lines.Count, width);
        for (var i = 0; i < 12; i++)
        {
            var middle = (low + high) / 2f;
            if (Wrap(text, middle, role, size).Count > lines.Count)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return Wrap(text, high + 0.5f, role, size);
    }

    private void Heading(HeadingBlock heading, Block? next)
    {
        var size = Typography.HeadingSize(heading.Level);
        var lineHeight = size * 1.6f;
        var before = heading.Level <= 1 ? 8f : 4f;
        var lines = Wrap(heading.Text, Width, FontRole.Bold, size);

        // Keep with next: the heading moves to the next page with the start of what follows it.
        Ensure(before + lines.Count * lineHeight + 2f + StartHeight(next));
        var atTop = PageIsEmpty;
        if (!PageIsEmpty)
        {
            y += before;
        }

        foreach (var line in lines)
        {
            Text(line, Left, y, lineHeight, FontRole.Bold, size, Typography.Text);
            y += lineHeight;
        }

        y += 2f;
        headingAtTop = atTop ? (pages.Count, y) : null;
    }

    private bool OnlyAHeadingAbove => headingAtTop is { } h && h.Page == pages.Count && Math.Abs(h.Y - y) < 0.01f;

    /// <summary>Roughly the height of the part of a block that must not be separated from a heading above it.</summary>
    private float StartHeight(Block? block)
    {
        const float bodyLine = Typography.BodySize * Typography.Leading;
        return block switch
        {
            TableBlock table => (table.Caption is null ? 0f : 22f) + 2 * (table.FontSize * Typography.TableLeading + 2 * CellPadY) + 2f,
            ChartBlock chart => Math.Min(chart.Height, Bottom - Top - HeadingAllowance) + (chart.Caption is null ? 0f : 18f),
            FiguresBlock => 66f,
            KeyValueBlock => 24f,
            ImageBlock => 6 * bodyLine,
            ParagraphBlock paragraph => 2 * (paragraph.FontSize ?? Typography.BodySize) * Typography.Leading,
            _ => 2 * bodyLine,
        };
    }

    private void Paragraph(ParagraphBlock paragraph)
    {
        var size = paragraph.FontSize ?? (paragraph.Muted ? 9f : Typography.BodySize);
        var role = paragraph.Bold ? FontRole.Bold : FontRole.Regular;
        var color = paragraph.Muted ? Typography.Muted : Typography.Text;
        var lineHeight = size * (paragraph.Muted ? 1.55f : Typography.Leading);
        var indent = paragraph.FirstLineIndent ? 2f * size : 0f;
        foreach (var part in paragraph.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var lines = LineBreaker.Break(part, Width, s => Measure(s, role, size), indent);
            for (var i = 0; i < lines.Count; i++)
            {
                Ensure(lineHeight);
                var line = lines[i];
                var x = Left + (i == 0 ? indent : 0f);
                var available = Right - x;
                var width = Measure(line, role, size);
                var spacing = 0f;
                switch (paragraph.Align)
                {
                    case TextAlign.Justify when i < lines.Count - 1:
                        var gaps = line.EnumerateRunes().Count() - 1;
                        var extra = gaps > 0 ? (available - width) / gaps : 0f;
                        spacing = extra > 0f && extra < size * 0.5f ? extra : 0f;
                        break;
                    case TextAlign.Center:
                        x = Left + (Width - width) / 2f;
                        break;
                    case TextAlign.Right:
                        x = Right - width;
                        break;
                }

                Text(line, x, y, lineHeight, role, size, color, spacing);
                y += lineHeight;
            }
        }

        y += size * 0.45f;
    }

    private void Facts(KeyValueBlock facts)
    {
        const float size = 10f;
        const float padX = 6f;
        const float padY = 4f;
        var lineHeight = size * Typography.TableLeading;
        var columns = Math.Max(1, facts.Columns);
        var pairWidth = Width / columns;
        var longestLabel = facts.Items.Count == 0 ? 0f : facts.Items.Max(i => Measure(i.Key, FontRole.Bold, size));
        var labelWidth = Math.Min(pairWidth * 0.4f, longestLabel + 2 * padX + 2f);
        var valueWidth = pairWidth - labelWidth;
        foreach (var row in facts.Items.Chunk(columns))
        {
            var cells = row.Select(item => (
                Label: Wrap(item.Key, labelWidth - 2 * padX, FontRole.Bold, size),
                Value: Wrap(item.Value, valueWidth - 2 * padX, FontRole.Regular, size))).ToList();
            var lines = cells.Max(c => Math.Max(c.Label.Count, c.Value.Count));
            var height = lines * lineHeight + 2 * padY;
            Ensure(height);
            for (var i = 0; i < columns; i++)
            {
                var x = Left + i * pairWidth;
                Ops.Add(new RectOp(new SKRect(x, y, x + labelWidth, y + height), Typography.LabelFill, Typography.Grid));
                Ops.Add(new RectOp(new SKRect(x + labelWidth, y, x + pairWidth, y + height), null, Typography.Grid));
                if (i >= cells.Count)
                {
                    continue;
                }

                var labelTop = y + (height - cells[i].Label.Count * lineHeight) / 2f;
                foreach (var line in cells[i].Label)
                {
                    Text(line, x + padX, labelTop, lineHeight, FontRole.Bold, size, Typography.Text);
                    labelTop += lineHeight;
                }

                var valueTop = y + (height - cells[i].Value.Count * lineHeight) / 2f;
                foreach (var line in cells[i].Value)
                {
                    Text(line, x + labelWidth + padX, valueTop, lineHeight, FontRole.Regular, size, Typography.Text);
                    valueTop += lineHeight;
                }
            }

            y += height;
        }

        y += 10f;
    }

    private void Figures(FiguresBlock block)
    {
        if (block.Figures.Count == 0)
        {
            return;
        }

        const float gap = 8f;
        const float height = 56f;
        Ensure(height + 10f);
        var count = block.Figures.Count;
        var boxWidth = (Width - gap * (count - 1)) / count;
        for (var i = 0; i < count; i++)
        {
            var figure = block.Figures[i];
            var x = Left + i * (boxWidth + gap);
            Ops.Add(new RectOp(new SKRect(x, y, x + boxWidth, y + height), Typography.LabelFill, Typography.Grid, 0.4f));
            var valueSize = 20f;
            while (Measure(figure.Value, FontRole.Bold, valueSize) + (figure.Unit is null ? 0 : Measure(figure.Unit, FontRole.Regular, 9f) + 3f) > boxWidth - 8f && valueSize > 9f)
            {
                valueSize -= 1f;
            }

            var valueWidth = Measure(figure.Value, FontRole.Bold, valueSize);
            var unitWidth = figure.Unit is null ? 0f : Measure(figure.Unit, FontRole.Regular, 9f) + 3f;
            var start = x + (boxWidth - valueWidth - unitWidth) / 2f;
            var baseline = y + 30f;
            Ops.Add(new TextOp(figure.Value, start, baseline, FontRole.Bold, valueSize, Typography.FigureValue));
            if (figure.Unit is { } unit)
            {
                Ops.Add(new TextOp(unit, start + valueWidth + 3f, baseline, FontRole.Regular, 9f, Typography.Muted));
            }

            var label = Fit(figure.Label, boxWidth - 8f, FontRole.Regular, 9f);
            Ops.Add(new TextOp(label, x + (boxWidth - Measure(label, FontRole.Regular, 9f)) / 2f, y + 47f, FontRole.Regular, 9f, Typography.Muted));
        }

        y += height + 10f;
    }

    /// <summary>The text, shortened with an ellipsis if it is wider than <paramref name="width"/>.</summary>
    private string Fit(string text, float width, FontRole role, float size)
    {
        if (Measure(text, role, size) <= width)
        {
            return text;
        }

        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToList();
        while (runes.Count > 1 && Measure(string.Concat(runes) + "…", role, size) > width)
        {
            runes.RemoveAt(runes.Count - 1);
        }

        return string.Concat(runes) + "…";
    }

    private void Image(ImageBlock block)
    {
        var image = SKImage.FromEncodedData(block.Data)
            ?? throw new ArgumentException("The image could not be decoded (PNG, JPEG, WebP, GIF or BMP expected).", nameof(block));
        resources.Add(image);
        var width = Math.Min(block.Width ?? image.Width * 0.75f, Width);
        var height = width * image.Height / image.Width;
        var captionHeight = block.Caption is null ? 0f : 18f;
        var maxHeight = Bottom - Top - captionHeight;
        if (height > maxHeight)
        {
            width *= maxHeight / height;
            height = maxHeight;
        }

        Ensure(height + captionHeight);
        var x = Left + (Width - width) / 2f;
        Ops.Add(new ImageOp(image, new SKRect(x, y, x + width, y + height)));
        y += height;
        Caption(block.Caption);
    }

    private void Qr(QrBlock block)
    {
        var size = Math.Min(block.Size, Math.Min(Width, Bottom - Top - 26f));
        Ensure(size + (block.Caption is null ? 8f : 26f));
        var x = Left + (Width - size) / 2f;
        Ops.Add(new QrOp(block.Payload, new SKRect(x, y, x + size, y + size)));
        y += size;
        Caption(block.Caption);
    }

    /// <summary>Room kept above a chart taller than a page for the heading that goes over with it.</summary>
    private const float HeadingAllowance = 60f;

    /// <summary>
    /// A chart is drawn at its height, on the next page when it does not fit below the cursor. A chart taller than a
    /// page gets a page: the whole of a fresh one, or the rest of one that only a heading above it opened (the heading
    /// went over with it, see <see cref="StartHeight"/>).
    /// </summary>
    private void Chart(ChartBlock chart)
    {
        var captionHeight = chart.Caption is null ? 0f : 18f;
        var height = Math.Min(chart.Height, Bottom - Top - captionHeight);
        if (OnlyAHeadingAbove)
        {
            height = Math.Min(height, Bottom - y - captionHeight);
        }

        Ensure(height + captionHeight);
        Ops.Add(new ChartOp(chart.Draw, new SKRect(Left, y, Right, y + height)));
        y += height;
        Caption(chart.Caption);
    }

    private void Caption(string? caption)
    {
        if (caption is not null)
        {
            var w = Measure(caption, FontRole.Regular, 9f);
            Text(caption, Left + (Width - w) / 2f, y + 2f, 16f, FontRole.Regular, 9f, Typography.Muted);
            y += 18f;
        }

        y += 8f;
    }

    private void Signature(SignatureBlock signature)
    {
        const float size = Typography.BodySize;
        var lineHeight = size * Typography.Leading;
        var date = ChineseDate.Format(signature.Date);
        var blockWidth = Math.Max(Measure(signature.Organisation, FontRole.Regular, size), Measure(date, FontRole.Regular, size));
        const float radius = 46f;
        var signatories = signature.Signatories.Count > 0 ? lineHeight + 14f : 0f;
        var height = 18f + signatories + Math.Max(2 * lineHeight, signature.SealBox ? 2 * radius - 12f : 0f) + 10f;
        Ensure(height);
        y += 18f;
        if (signature.Signatories.Count > 0)
        {
            var x = Left + 2 * size;
            foreach (var signatory in signature.Signatories)
            {
                Text(signatory, x, y, lineHeight, FontRole.Regular, size, Typography.Text);
                x += Measure(signatory, FontRole.Regular, size) + 4 * size;
            }

            y += lineHeight + 14f;
        }

        // 落款: right-aligned, two characters in from the right edge; the seal box covers the name and the date.
        var right = Right - 2 * size;
        var top = y + (signature.SealBox ? radius - lineHeight - 6f : 0f);
        var centre = right - blockWidth / 2f;
        if (signature.SealBox)
        {
            Ops.Add(new CircleOp(centre, top + lineHeight, radius, Typography.Seal, 0.8f) { Dashed = true });
            var label = "（盖章）";
            var w = Measure(label, FontRole.Regular, 7.5f);
            Ops.Add(new TextOp(label, centre - w / 2f, top + lineHeight - radius + 16f, FontRole.Regular, 7.5f, Typography.Seal));
        }

        var orgWidth = Measure(signature.Organisation, FontRole.Regular, size);
        Text(signature.Organisation, centre - orgWidth / 2f, top, lineHeight, FontRole.Regular, size, Typography.Text);
        var dateWidth = Measure(date, FontRole.Regular, size);
        Text(date, centre - dateWidth / 2f, top + lineHeight, lineHeight, FontRole.Regular, size, Typography.Text);
        y = Math.Max(top + 2 * lineHeight, signature.SealBox ? top + lineHeight + radius : 0f) + 10f;
    }
}

/// <summary>The pages' drawing instructions, and the decoded images they refer to.</summary>
internal sealed class LayoutResult(IReadOnlyList<IReadOnlyList<DrawOp>> pages, IReadOnlyList<IDisposable> resources) : IDisposable
{
    public IReadOnlyList<IReadOnlyList<DrawOp>> Pages { get; } = pages;

    public void Dispose()
    {
        foreach (var resource in resources)
        {
            resource.Dispose();
        }
    }
}
