using System.ComponentModel;
using System.Diagnostics;
using SkiaSharp;

namespace CommunityPartyBuilding.Documents.Skia;

/// <summary>
/// Finds Noto Sans CJK SC through fontconfig (<c>fc-match</c>), falling back to the usual file locations, and
/// checks that the face really has Chinese glyphs (fontconfig answers every query with some font). The answer is
/// computed once: restart the portal after installing fonts.
/// </summary>
public sealed class FontconfigFontProvider : IFontProvider
{
    public const string Family = "Noto Sans CJK SC";
    public const string SerifFamily = "Noto Serif CJK SC";
    public const string MonoFamily = "Noto Sans Mono CJK SC";

    /// <summary>Characters a usable face must have.</summary>
    internal const string Probe = "街道大党工委共驻共建第页共纪要";

    private static readonly string[] KnownDirectories =
    [
        "/usr/share/fonts/opentype/noto",
        "/usr/share/fonts/noto-cjk",
        "/usr/share/fonts/google-noto-cjk",
        "/usr/share/fonts/OTF",
        "/usr/local/share/fonts",
    ];

    private readonly Lazy<FontAvailability> availability = new(Discover, LazyThreadSafetyMode.ExecutionAndPublication);

    public FontAvailability Availability => availability.Value;

    private static FontAvailability Discover()
    {
        var regular = Find(Family, bold: false);
        if (regular is null)
        {
            return FontAvailability.Missing($"{Family} not found (fc-match and {string.Join(", ", KnownDirectories)}); install fonts-noto-cjk");
        }

        var bold = Find(Family, bold: true);
        var title = Find(SerifFamily, bold: true) ?? bold;
        var mono = Find(MonoFamily, bold: true) ?? bold;
        return new FontAvailability(regular, bold, title, mono, $"{regular.Family}: {regular.Path}#{regular.Index}");
    }

    private static FontFace? Find(string family, bool bold) =>
        FromFontconfig(family, bold) ?? FromKnownFiles(family, bold);

    private static FontFace? FromFontconfig(string family, bool bold)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("fc-match")
            {
                ArgumentList = { "-f", "%{file}|%{index}|%{family[0]}", bold ? $"{family}:weight=bold" : $"{family}:weight=regular" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(5000))
            {
                process.Kill();
                return null;
            }

            var parts = output.Trim().Split('|');
            if (parts.Length < 3 || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                return null;
            }

            return Verify(parts[0], index, family, bold);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    private static FontFace? FromKnownFiles(string family, bool bold)
    {
        var fileStem = family.Replace("Noto ", "Noto", StringComparison.Ordinal).Replace("Mono ", "", StringComparison.Ordinal)
            .Replace(" CJK SC", "CJK", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        var name = $"{fileStem}-{(bold ? "Bold" : "Regular")}";
        foreach (var directory in KnownDirectories.Where(Directory.Exists))
        {
            foreach (var extension in new[] { ".ttc", ".otc", ".otf" })
            {
                var path = Path.Combine(directory, name + extension);
                if (!File.Exists(path))
                {
                    continue;
                }

                for (var index = 0; index < 16; index++)
                {
                    if (Verify(path, index, family, bold) is { } face)
                    {
                        return face;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The face if it is the family asked for (right weight) and has the probe's glyphs.</summary>
    internal static FontFace? Verify(string path, int index, string family, bool bold)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var typeface = SKTypeface.FromFile(path, index);
        if (typeface is null || !string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase)
            || (bold && typeface.FontWeight < (int)SKFontStyleWeight.SemiBold))
        {
            return null;
        }

        using var font = new SKFont(typeface, 12);
        return font.ContainsGlyphs(Probe) ? new FontFace(typeface.FamilyName, path, index) : null;
    }
}
