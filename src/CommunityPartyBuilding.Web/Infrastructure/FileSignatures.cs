using SkiaSharp;

namespace CommunityPartyBuilding.Web.Infrastructure;

public enum FileKind
{
    Unknown,
    Pdf,
    Jpeg,
    Png,
}

/// <summary>What a file really is, read from its first bytes (the name and the browser's content type are not trusted).</summary>
public static class FileSignatures
{
    public static FileKind Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 5 && head[..5].SequenceEqual("%PDF-"u8))
        {
            return FileKind.Pdf;
        }

        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return FileKind.Jpeg;
        }

        ReadOnlySpan<byte> png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        return head.Length >= 8 && head[..8].SequenceEqual(png) ? FileKind.Png : FileKind.Unknown;
    }

    public static string ContentType(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Png => "image/png",
        _ => "application/octet-stream",
    };

    public static string Extension(FileKind kind) => kind switch
    {
        FileKind.Pdf => ".pdf",
        FileKind.Jpeg => ".jpg",
        FileKind.Png => ".png",
        _ => "",
    };
}

/// <summary>A decoded image and its thumbnail. Decoding proves the bytes are a real image, not just a right-looking header.</summary>
public sealed record CheckedImage(int Width, int Height, byte[] Thumbnail);

public static class Images
{
    public const int ThumbnailSize = 320;

    /// <summary>Decodes the image and makes a JPEG thumbnail at most 320 px on its longer side; null when it cannot be decoded.</summary>
    public static CheckedImage? CheckAndThumbnail(byte[] content)
    {
        // SKBitmap.Decode throws on bytes no codec recognises; asking for a codec first turns that into "not an image".
        using var data0 = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data0);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0 || (long)codec.Info.Width * codec.Info.Height > 80_000_000)
        {
            return null;
        }

        using var bitmap = SKBitmap.Decode(codec);
        if (bitmap is null)
        {
            return null;
        }

        var scale = Math.Min(1f, (float)ThumbnailSize / Math.Max(bitmap.Width, bitmap.Height));
        var width = Math.Max(1, (int)Math.Round(bitmap.Width * scale));
        var height = Math.Max(1, (int)Math.Round(bitmap.Height * scale));
        using var resized = bitmap.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var image = SKImage.FromBitmap(resized ?? bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return new CheckedImage(bitmap.Width, bitmap.Height, data.ToArray());
    }
}
