using SkiaSharp;

namespace CommunityPartyBuilding.Documents.Skia;

internal sealed partial class LayoutEngine
{
    private const float CellPadX = 4.5f;
    private const float CellPadY = 3.5f;

    private sealed record LaidOutRow(List<IReadOnlyList<string>> Cells, float Height, FontRole Role, SKColor? Fill, bool Total);

    private void Table(TableBlock table)
    {
        if (table.Columns.Count == 0)
        {
            return;
        }

        var size = table.FontSize;
        var lineHeight = size * Typography.TableLeading;
        var totalWeight = table.Columns.Sum(c => Math.Max(0.01f, c.Width));
        var widths = table.Columns.Select(c => Width * Math.Max(0.01f, c.Width) / totalWeight).ToArray();
        var lefts = new float[widths.Length];
        for (var i = 1; i < widths.Length; i++)
        {
            lefts[i] = lefts[i - 1] + widths[i - 1];
        }

        LaidOutRow Lay(IReadOnlyList<string> cells, FontRole role, SKColor? fill, bool total)
        {
            var wrapped = new List<IReadOnlyList<string>>(widths.Length);
            for (var i = 0; i < widths.Length; i++)
            {
                var text = i < cells.Count ? cells[i] ?? "" : "";
                wrapped.Add(Wrap(text, widths[i] - 2 * CellPadX, role, size));
            }

            var lines = wrapped.Max(c => c.Count);
            return new LaidOutRow(wrapped, lines * lineHeight + 2 * CellPadY, role, fill, total);
        }

        var header = Lay(table.Columns.Select(c => c.Header).ToList(), FontRole.Bold, Typography.HeaderFill, false);
        var rows = new List<LaidOutRow>();
        if (table.Rows.Count == 0)
        {
            rows.Add(new LaidOutRow([[table.EmptyText]], lineHeight + 2 * CellPadY, FontRole.Regular, null, false));
        }

        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            var fill = table.Zebra && i % 2 == 1 ? Typography.ZebraFill : (SKColor?)null;
            rows.Add(Lay(row.Cells, row.Emphasis ? FontRole.Bold : FontRole.Regular, fill, false));
        }

        if (table.TotalRow is { } totalRow)
        {
            rows.Add(Lay(totalRow.Cells, FontRole.Bold, Typography.TotalFill, true));
        }

        // A row taller than a whole page (a pathological cell) is the one case that must continue on the next page:
        // it is cut into pieces that each fit under the repeated header.
        var captionHeight = table.Caption is null ? 0f : 22f;
        var maxLines = Math.Max(1, (int)((Bottom - Top - header.Height - captionHeight - 2 * CellPadY) / lineHeight));
        rows = [.. rows.SelectMany(r => Split(r, maxLines, lineHeight))];

        Ensure(captionHeight + header.Height + rows[0].Height);
        if (table.Caption is { } caption)
        {
            var w = Measure(caption, FontRole.Bold, Typography.BodySize);
            Text(caption, Left + (Width - w) / 2f, y, 20f, FontRole.Bold, Typography.BodySize, Typography.Text);
            y += captionHeight;
        }

        DrawRow(header, isHeader: true);
        foreach (var row in rows)
        {
            if (y + row.Height > Bottom + 0.01f)
            {
                NewPage();
                DrawRow(header, isHeader: true);
            }

            DrawRow(row, isHeader: false);
        }

        y += 10f;

        void DrawRow(LaidOutRow row, bool isHeader)
        {
            var top = y;
            var spanned = row.Cells.Count == 1 && widths.Length > 1;
            if (row.Fill is { } fill)
            {
                Ops.Add(new RectOp(new SKRect(Left, top, Right, top + row.Height), fill, null));
            }

            for (var i = 0; i < row.Cells.Count; i++)
            {
                var cellLeft = Left + lefts[i];
                var cellRight = spanned ? Right : cellLeft + widths[i];
                var align = isHeader || spanned ? CellAlign.Center : table.Columns[i].Align;
                var lines = row.Cells[i];
                var lineTop = top + (row.Height - lines.Count * lineHeight) / 2f;
                foreach (var line in lines)
                {
                    var w = Measure(line, row.Role, size);
                    Text(line, Align(cellLeft + CellPadX, cellRight - CellPadX, w, align), lineTop, lineHeight, row.Role, size, Typography.Text);
                    lineTop += lineHeight;
                }
            }

            // Grid: top and bottom rules, and the vertical rules between cells.
            var topWidth = isHeader || row.Total ? 0.9f : 0.5f;
            Ops.Add(new LineOp(Left, top, Right, top, topWidth, Typography.Grid));
            Ops.Add(new LineOp(Left, top + row.Height, Right, top + row.Height, isHeader ? 0.9f : 0.5f, Typography.Grid));
            Ops.Add(new LineOp(Left, top, Left, top + row.Height, 0.5f, Typography.Grid));
            Ops.Add(new LineOp(Right, top, Right, top + row.Height, 0.5f, Typography.Grid));
            if (!spanned)
            {
                for (var i = 1; i < widths.Length; i++)
                {
                    Ops.Add(new LineOp(Left + lefts[i], top, Left + lefts[i], top + row.Height, 0.5f, Typography.Grid));
                }
            }

            y += row.Height;
        }
    }

    private static IEnumerable<LaidOutRow> Split(LaidOutRow row, int maxLines, float lineHeight)
    {
        var lines = row.Cells.Max(c => c.Count);
        if (lines <= maxLines)
        {
            yield return row;
            yield break;
        }

        for (var start = 0; start < lines; start += maxLines)
        {
            var cells = row.Cells.Select(c => (IReadOnlyList<string>)[.. c.Skip(start).Take(maxLines)]).ToList();
            var count = Math.Min(maxLines, lines - start);
            yield return row with { Cells = cells, Height = count * lineHeight + 2 * CellPadY };
        }
    }

    private void Cards(CardSheetBlock sheet)
    {
        if (sheet.Cards.Count == 0)
        {
            return;
        }

        if (!PageIsEmpty)
        {
            NewPage();
        }

        var columns = Math.Max(1, sheet.Columns);
        var rows = Math.Max(1, sheet.Rows);
        var perPage = columns * rows;
        var cardWidth = Width / columns;
        var cardHeight = (Bottom - Top) / rows;
        for (var i = 0; i < sheet.Cards.Count; i++)
        {
            var slot = i % perPage;
            if (slot == 0)
            {
                if (i > 0)
                {
                    NewPage();
                }

                var used = Math.Min(perPage, sheet.Cards.Count - i);
                CutLines(columns, (used + columns - 1) / columns, cardWidth, cardHeight);
            }

            var x = Left + slot % columns * cardWidth;
            var top = Top + slot / columns * cardHeight;
            Card(sheet.Cards[i], new SKRect(x, top, x + cardWidth, top + cardHeight));
        }

        y = Bottom;
    }

    /// <summary>Dashed cut lines around and between the cards of a page.</summary>
    private void CutLines(int columns, int usedRows, float cardWidth, float cardHeight)
    {
        var bottom = Top + usedRows * cardHeight;
        for (var r = 0; r <= usedRows; r++)
        {
            var lineY = Top + r * cardHeight;
            Ops.Add(new LineOp(Left - 12f, lineY, Right + 12f, lineY, 0.5f, Typography.CutLine) { Dashed = true });
        }

        for (var c = 0; c <= columns; c++)
        {
            var lineX = Left + c * cardWidth;
            Ops.Add(new LineOp(lineX, Top - 12f, lineX, bottom + 12f, 0.5f, Typography.CutLine) { Dashed = true });
        }
    }

    private void Card(Card card, SKRect rect)
    {
        const float pad = 14f;
        var qrSize = card.QrPayload is null ? 0f : Math.Min(rect.Height - 2 * pad, rect.Width * 0.36f);
        var textRight = rect.Right - pad - (qrSize > 0 ? qrSize + 10f : 0f);
        var textWidth = textRight - (rect.Left + pad);
        var laidOut = card.Lines.Select(line =>
        {
            var role = line.Monospace ? FontRole.Mono : line.Bold ? FontRole.Bold : FontRole.Regular;
            return (Line: line, Role: role, Height: line.Size * 1.45f, Wrapped: Wrap(line.Text, textWidth, role, line.Size));
        }).ToList();

        // The text block is centred vertically, like the QR code beside it.
        var textHeight = laidOut.Sum(l => l.Line.SpaceBefore + l.Wrapped.Count * l.Height);
        var top = rect.Top + Math.Max(pad, (rect.Height - textHeight) / 2f);
        foreach (var (line, role, lineHeight, lines) in laidOut)
        {
            top += line.SpaceBefore;
            foreach (var wrapped in lines)
            {
                if (top + lineHeight > rect.Bottom - pad + 2f)
                {
                    break;
                }

                Text(wrapped, rect.Left + pad, top, lineHeight, role, line.Size, line.Muted ? Typography.Muted : Typography.Text);
                top += lineHeight;
            }
        }

        if (card.QrPayload is { } payload)
        {
            var qrTop = rect.Top + (rect.Height - qrSize) / 2f;
            Ops.Add(new QrOp(payload, new SKRect(rect.Right - pad - qrSize, qrTop, rect.Right - pad, qrTop + qrSize)));
        }
    }
}
