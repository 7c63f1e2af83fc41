using System.IO.Compression;

namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// Checks an uploaded xlsx (a ZIP) before any spreadsheet reader touches it: every part is inflated into a counting
/// sink, never into memory, and the file is refused as soon as one part or all parts together inflate beyond the
/// limits (a "zip bomb" of one cell that inflates to hundreds of megabytes). The declared sizes are not trusted.
/// </summary>
public static class XlsxGuard
{
    /// <summary>One part (a worksheet, the shared strings): a 2,000-row sheet of units is a few megabytes.</summary>
    public const long MaxPartBytes = 32L * 1024 * 1024;

    public const long MaxTotalBytes = 64L * 1024 * 1024;

    public const int MaxParts = 200;

    /// <summary>True when every part inflates within the limits; false for a damaged or oversized archive.</summary>
    public static bool IsWithinLimits(byte[] xlsx)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(xlsx, writable: false), ZipArchiveMode.Read);
            if (archive.Entries.Count > MaxParts)
            {
                return false;
            }

            var buffer = new byte[81920];
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                if (entry.Length > MaxPartBytes)
                {
                    return false;
                }

                using var part = entry.Open();
                long inflated = 0;
                int read;
                while ((read = part.Read(buffer, 0, buffer.Length)) > 0)
                {
                    inflated += read;
                    total += read;
                    if (inflated > MaxPartBytes || total > MaxTotalBytes)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            return false;
        }
    }
}
