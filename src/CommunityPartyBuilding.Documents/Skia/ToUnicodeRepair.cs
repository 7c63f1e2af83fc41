using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace CommunityPartyBuilding.Documents.Skia;

/// <summary>
/// Rewrites the ToUnicode maps of a Skia PDF so that glyphs shared by a radical and an ideograph extract as the
/// ideograph (see <see cref="RadicalMap"/>). The corrected maps are appended as a PDF incremental update (new
/// objects, a new cross-reference section and a trailer pointing back to the original one), so nothing Skia
/// wrote is moved. A file without anything to correct is returned unchanged.
/// </summary>
internal static partial class ToUnicodeRepair
{
    public static byte[] Apply(byte[] pdf, IReadOnlyDictionary<int, int> radicalToIdeograph)
    {
        if (radicalToIdeograph.Count == 0)
        {
            return pdf;
        }

        // Object headers and dictionaries are plain ASCII in Skia's output; Latin-1 keeps one char per byte.
        var text = Encoding.Latin1.GetString(pdf);
        var trailerAt = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var startXrefAt = text.LastIndexOf("startxref", StringComparison.Ordinal);
        if (trailerAt < 0 || startXrefAt < trailerAt)
        {
            return pdf;
        }

        var replacements = new SortedDictionary<int, byte[]>();
        foreach (var objectNumber in ToUnicodeReference().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct())
        {
            var cmap = ReadStream(pdf, text, objectNumber);
            if (cmap is null)
            {
                continue;
            }

            var repaired = RepairCMap(cmap, radicalToIdeograph);
            if (repaired is not null)
            {
                replacements[objectNumber] = Encoding.ASCII.GetBytes(repaired);
            }
        }

        if (replacements.Count == 0)
        {
            return pdf;
        }

        var previousXref = text[(startXrefAt + "startxref".Length)..].Trim().Split('\n', '\r')[0].Trim();
        var trailer = TrailerDictionary().Match(text, trailerAt);
        if (!trailer.Success)
        {
            return pdf;
        }

        using var output = new MemoryStream(pdf.Length + replacements.Sum(r => r.Value.Length) + 1024);
        output.Write(pdf);
        if (pdf[^1] != '\n')
        {
            output.WriteByte((byte)'\n');
        }

        var offsets = new SortedDictionary<int, long>();
        foreach (var (number, cmap) in replacements)
        {
            var compressed = Deflate(cmap);
            offsets[number] = output.Position;
            WriteAscii(output, $"{number} 0 obj\n<</Filter /FlateDecode\n/Length {compressed.Length}>> stream\n");
            output.Write(compressed);
            WriteAscii(output, "\nendstream\nendobj\n");
        }

        var xrefAt = output.Position;
        var xref = new StringBuilder("xref\n");
        foreach (var (number, offset) in offsets)
        {
            xref.Append(CultureInfo.InvariantCulture, $"{number} 1\n{offset:D10} 00000 n \n");
        }

        var dictionary = trailer.Groups[1].Value.Trim();
        xref.Append(CultureInfo.InvariantCulture, $"trailer\n<<{dictionary}\n/Prev {previousXref}>>\nstartxref\n{xrefAt}\n%%EOF\n");
        WriteAscii(output, xref.ToString());
        return output.ToArray();
    }

    /// <summary>The CMap with radical destinations replaced (ranges containing one expanded), or null when nothing changes.</summary>
    internal static string? RepairCMap(string cmap, IReadOnlyDictionary<int, int> radicalToIdeograph)
    {
        var changed = false;
        var result = BfChar().Replace(cmap, block =>
        {
            var body = HexPair().Replace(block.Groups[2].Value, pair =>
            {
                var fixedDestination = Fix(pair.Groups[2].Value, radicalToIdeograph);
                if (fixedDestination is null)
                {
                    return pair.Value;
                }

                changed = true;
                return $"<{pair.Groups[1].Value}> <{fixedDestination}>";
            });
            return block.Groups[1].Value + body + "endbfchar";
        });

        result = BfRange().Replace(result, block =>
        {
            if (block.Value.Contains('[', StringComparison.Ordinal))
            {
                return block.Value;
            }

            var kept = new List<string>();
            var expanded = new List<string>();
            foreach (Match range in HexRange().Matches(block.Groups[2].Value))
            {
                var low = Convert.ToInt32(range.Groups[1].Value, 16);
                var high = Convert.ToInt32(range.Groups[2].Value, 16);
                var first = range.Groups[3].Value;
                var codeDigits = range.Groups[1].Value.Length;
                var needsFix = first.Length == 4 && Enumerable.Range(0, high - low + 1)
                    .Any(i => radicalToIdeograph.ContainsKey(Convert.ToInt32(first, 16) + i));
                if (!needsFix)
                {
                    kept.Add(range.Value);
                    continue;
                }

                changed = true;
                var start = Convert.ToInt32(first, 16);
                for (var i = 0; i <= high - low; i++)
                {
                    var destination = start + i;
                    var mapped = radicalToIdeograph.TryGetValue(destination, out var ideograph) ? ideograph : destination;
                    expanded.Add($"<{(low + i).ToString("X" + codeDigits, CultureInfo.InvariantCulture)}> <{mapped:X4}>");
                }
            }

            var builder = new StringBuilder();
            if (kept.Count > 0)
            {
                builder.Append(CultureInfo.InvariantCulture, $"{kept.Count} beginbfrange\n{string.Join('\n', kept)}\nendbfrange");
            }

            foreach (var chunk in expanded.Chunk(100))
            {
                builder.Append(builder.Length > 0 ? "\n" : "").Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfchar\n{string.Join('\n', chunk)}\nendbfchar");
            }

            return builder.ToString();
        });

        return changed ? result : null;
    }

    private static string? Fix(string destinationHex, IReadOnlyDictionary<int, int> radicalToIdeograph) =>
        destinationHex.Length == 4 && radicalToIdeograph.TryGetValue(Convert.ToInt32(destinationHex, 16), out var ideograph)
            ? ideograph.ToString("X4", CultureInfo.InvariantCulture)
            : null;

    private static string? ReadStream(byte[] pdf, string text, int objectNumber)
    {
        var header = ObjectHeader(objectNumber).Match(text);
        if (!header.Success)
        {
            return null;
        }

        var dictionary = header.Groups[1].Value;
        var length = Regex.Match(dictionary, @"/Length (\d+)(?![\d\s]*R)");
        if (!length.Success)
        {
            return null;
        }

        var start = header.Index + header.Length;
        var count = int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture);
        if (start + count > pdf.Length)
        {
            return null;
        }

        var data = pdf.AsSpan(start, count).ToArray();
        if (dictionary.Contains("/FlateDecode", StringComparison.Ordinal))
        {
            using var input = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
            using var decompressed = new MemoryStream();
            input.CopyTo(decompressed);
            data = decompressed.ToArray();
        }
        else if (dictionary.Contains("/Filter", StringComparison.Ordinal))
        {
            return null;
        }

        return Encoding.ASCII.GetString(data);
    }

    private static byte[] Deflate(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    private static void WriteAscii(Stream stream, string value) => stream.Write(Encoding.ASCII.GetBytes(value));

    private static Regex ObjectHeader(int number) =>
        new($@"(?<![0-9]){number} 0 obj\s*<<(.*?)>>\s*stream\r?\n", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

    [GeneratedRegex(@"/ToUnicode (\d+) 0 R")]
    private static partial Regex ToUnicodeReference();

    [GeneratedRegex(@"trailer\s*<<(.*?)>>\s*startxref", RegexOptions.Singleline)]
    private static partial Regex TrailerDictionary();

    [GeneratedRegex(@"(\d+ beginbfchar)(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfChar();

    [GeneratedRegex(@"(\d+ beginbfrange)(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRange();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex HexPair();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex HexRange();
}
