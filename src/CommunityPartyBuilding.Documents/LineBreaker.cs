using System.Text;

namespace CommunityPartyBuilding.Documents;

/// <summary>
/// Breaks text into lines the way Chinese typesetting does: a line may break between any two CJK characters,
/// Latin words and numbers stay whole, and the kinsoku rules (避头尾) hold: no line starts with closing
/// punctuation (，。、；：？！）」』》〉】〕”’…), no line ends with opening punctuation (（「『《〈【〔“‘).
/// A word wider than the line is cut wherever it must be.
/// </summary>
public static class LineBreaker
{
    /// <summary>May not start a line: closing brackets and quotes, sentence and clause punctuation, ellipsis, dashes.</summary>
    public const string Closing = "，。、；：？！）」』》〉】〕〗〙〛］｝”’…—–·・%％‰℃,.;:?!)]}｡､．：";

    /// <summary>May not end a line: opening brackets and quotes, currency signs that precede a number.</summary>
    public const string Opening = "（「『《〈【〔〖〘〚［｛“‘([{￥¥$";

    public static bool IsClosing(char c) => Closing.Contains(c, StringComparison.Ordinal);

    public static bool IsOpening(char c) => Opening.Contains(c, StringComparison.Ordinal);

    /// <summary>
    /// The lines of <paramref name="text"/> (trailing spaces removed); <c>\n</c> forces a break.
    /// <paramref name="measure"/> gives the advance width of a string; <paramref name="firstLineIndent"/> narrows
    /// the first line of each paragraph.
    /// </summary>
    public static IReadOnlyList<string> Break(string text, float maxWidth, Func<string, float> measure, float firstLineIndent = 0f)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            BreakParagraph(paragraph, maxWidth, measure, firstLineIndent, lines);
        }

        return lines;
    }

    private static void BreakParagraph(string text, float maxWidth, Func<string, float> measure, float firstLineIndent, List<string> lines)
    {
        var tokens = Tokens(text);
        if (tokens.Count == 0)
        {
            lines.Add("");
            return;
        }

        var line = new StringBuilder();
        var width = 0f;
        var available = maxWidth - firstLineIndent;

        void Flush()
        {
            lines.Add(line.ToString().TrimEnd(' '));
            line.Clear();
            width = 0f;
            available = maxWidth;
        }

        foreach (var token in tokens)
        {
            var isSpace = token == " ";
            if (isSpace && line.Length == 0)
            {
                continue;
            }

            var tokenWidth = measure(token);
            if (width + tokenWidth <= available || isSpace)
            {
                line.Append(token);
                width += tokenWidth;
                continue;
            }

            if (line.Length > 0 && line.ToString().Trim(' ').Length > 0)
            {
                Flush();
            }

            if (tokenWidth <= available)
            {
                line.Append(token);
                width = tokenWidth;
                continue;
            }

            // Wider than a whole line (a URL, a long number): cut it where it has to be cut.
            foreach (var piece in Cut(token, available, maxWidth, measure))
            {
                if (line.Length > 0)
                {
                    Flush();
                }

                line.Append(piece);
                width = measure(piece);
            }
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line.ToString().TrimEnd(' '));
        }
    }

    private static IEnumerable<string> Cut(string token, float firstWidth, float width, Func<string, float> measure)
    {
        var piece = new StringBuilder();
        var available = firstWidth;
        foreach (var rune in token.EnumerateRunes())
        {
            var candidate = piece + rune.ToString();
            if (piece.Length > 0 && measure(candidate) > available)
            {
                yield return piece.ToString();
                piece.Clear();
                available = width;
            }

            piece.Append(rune.ToString());
        }

        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    /// <summary>
    /// Unbreakable pieces: each CJK character alone, each run of other non-space characters (a Latin word, a
    /// number) together, each space alone; closing punctuation is glued to the piece before it and opening
    /// punctuation to the piece after it.
    /// </summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        var raw = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == ' ' || rune.Value == '\t')
            {
                FlushWord();
                raw.Add(" ");
            }
            else if (IsCjk(rune) || (rune.IsBmp && (IsClosing((char)rune.Value) || IsOpening((char)rune.Value)) && rune.Value > 0x2000))
            {
                FlushWord();
                raw.Add(rune.ToString());
            }
            else
            {
                word.Append(rune.ToString());
            }
        }

        FlushWord();

        var tokens = new List<string>(raw.Count);
        string? opening = null;
        foreach (var piece in raw)
        {
            if (piece == " ")
            {
                if (opening is not null)
                {
                    tokens.Add(opening);
                    opening = null;
                }

                tokens.Add(piece);
                continue;
            }

            var current = opening is null ? piece : opening + piece;
            var glue = opening is null && IsClosing(current[0]) && tokens.Count > 0 && tokens[^1] != " ";
            opening = null;
            if (glue)
            {
                tokens[^1] += current;
            }
            else
            {
                tokens.Add(current);
            }

            if (IsOpening(tokens[^1][^1]))
            {
                opening = tokens[^1];
                tokens.RemoveAt(tokens.Count - 1);
            }
        }

        if (opening is not null)
        {
            tokens.Add(opening);
        }

        return GlueDates(tokens);

        void FlushWord()
        {
            if (word.Length > 0)
            {
                raw.Add(word.ToString());
                word.Clear();
            }
        }
    }

    /// <summary>Characters between which a line may break: ideographs, kana, hangul, CJK and fullwidth punctuation.</summary>
    public static bool IsCjk(Rune rune)
    {
        var v = rune.Value;
        return v is >= 0x2E80 and <= 0x9FFF          // radicals, CJK symbols and punctuation, kana, CJK unified ideographs
            or >= 0xAC00 and <= 0xD7AF               // hangul syllables
            or >= 0xF900 and <= 0xFAFF               // compatibility ideographs
            or >= 0xFE30 and <= 0xFE4F               // CJK compatibility forms
            or >= 0xFF00 and <= 0xFFEF               // fullwidth forms
            or >= 0x20000 and <= 0x3FFFF;            // supplementary ideographs
    }

    /// <summary>
    /// A date written the Chinese way (2026年12月24日, 12月24日, 2026年3月) is one piece, so that a narrow table column
    /// breaks before or after it, never inside it ("2026年12" / "月24日"); a date wider than a whole line is still cut.
    /// </summary>
    private static List<string> GlueDates(List<string> tokens)
    {
        var glued = new List<string>(tokens.Count);
        foreach (var token in tokens)
        {
            if (glued.Count > 0 && ContinuesDate(glued[^1], token))
            {
                glued[^1] += token;
            }
            else
            {
                glued.Add(token);
            }
        }

        return glued;
    }

    private static bool ContinuesDate(string before, string token)
    {
        if (before.Length == 0 || !char.IsAsciiDigit(before[0]))
        {
            return false;
        }

        // A unit after the number it counts: 2026 + 年, 202612 + 月 …
        if (token is "年" or "月" or "日" or "日，" or "日。" or "日、" or "日；" or "日）")
        {
            return char.IsAsciiDigit(before[^1]) && DatePrefix(before[..^DigitRun(before)]);
        }

        // The next number of the same date: 2026年 + 12, 2026年12月 + 24.
        return token.All(char.IsAsciiDigit) && (before[^1] == '年' || before[^1] == '月') && DatePrefix(before);
    }

    private static int DigitRun(string text)
    {
        var n = 0;
        while (n < text.Length && char.IsAsciiDigit(text[text.Length - 1 - n]))
        {
            n++;
        }

        return n;
    }

    /// <summary>Empty, or digits and 年/月 only, ending in 年 or 月 (what may stand before the next part of a date).</summary>
    private static bool DatePrefix(string text) =>
        text.Length == 0 || (text.All(c => char.IsAsciiDigit(c) || c is '年' or '月') && text[^1] is '年' or '月');
}
