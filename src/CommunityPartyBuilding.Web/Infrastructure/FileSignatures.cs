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

/// <summary>
/// Bounded image decoding (ASVS 5.2.x): at most <see cref="MaxPixels"/> pixels (refused from the header, before any
/// decoding), a few decodes at a time, and as little of the bitmap in memory as the codec allows: a JPEG is decoded
/// natively downscaled (1/2, 1/4, 1/8) one scanline at a time and area-averaged into the thumbnail; formats without
/// scanline decoding here (PNG) are decoded at two bytes a pixel (RGB 565, or ARGB 4444 with transparency).
/// </summary>
public static class Images
{
    public const int ThumbnailSize = 320;

    /// <summary>A photo of a co-building activity needs no more than about 40 megapixels.</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>Concurrent decodes in this process; more wait their turn.</summary>
    public static readonly int MaxConcurrentDecodes = Math.Clamp(Environment.ProcessorCount, 1, 4);

    private static readonly SemaphoreSlim Decodes = new(MaxConcurrentDecodes, MaxConcurrentDecodes);

    /// <summary>
    /// Decodes the image and makes a JPEG thumbnail at most 320 px on its longer side; null when it cannot be decoded.
    /// An image of more than <see cref="MaxPixels"/> pixels is refused with a validation error before any decoding.
    /// </summary>
    public static CheckedImage? CheckAndThumbnail(byte[] content)
    {
        // SKBitmap.Decode throws on bytes no codec recognises; asking for a codec first turns that into "not an image".
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return null;
        }

        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            throw new PortalValidationException([new ValidationFailure("File", "Upload.TooManyPixels")]);
        }

        Decodes.Wait();
        try
        {
            var thumbnail = DecodeThumbnail(codec);
            return thumbnail is null ? null : new CheckedImage(codec.Info.Width, codec.Info.Height, thumbnail);
        }
        finally
        {
            Decodes.Release();
        }
    }

    private static byte[]? DecodeThumbnail(SKCodec codec)
    {
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var scale = Math.Min(1f, (float)ThumbnailSize / Math.Max(width, height));
        var outWidth = Math.Max(1, (int)Math.Round(width * scale));
        var outHeight = Math.Max(1, (int)Math.Round(height * scale));

        // JPEG can decode at 1/2, 1/4 or 1/8 size; other formats answer with their full size.
        var decoded = codec.GetScaledDimensions(scale);
        if (decoded.Width < outWidth || decoded.Height < outHeight)
        {
            decoded = new SKSizeI(width, height);
        }

        var info = new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        if (codec.StartScanlineDecode(info) != SKCodecResult.Success || codec.ScanlineOrder != SKCodecScanlineOrder.TopDown)
        {
            return DecodeWhole(codec, outWidth, outHeight);
        }

        var row = new byte[info.RowBytes];
        var sums = new long[outWidth * 4];
        var counts = new int[outWidth];
        using var thumbnail = new SKBitmap(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        var pixels = new byte[outWidth * outHeight * 4];
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(row, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            var currentOut = 0;
            for (var y = 0; y < decoded.Height; y++)
            {
                if (codec.GetScanlines(handle.AddrOfPinnedObject(), 1, row.Length) != 1)
                {
                    return null;
                }

                var outY = (int)((long)y * outHeight / decoded.Height);
                if (outY != currentOut)
                {
                    Flush(sums, counts, pixels, currentOut, outWidth);
                    currentOut = outY;
                }

                for (var x = 0; x < decoded.Width; x++)
                {
                    var outX = (int)((long)x * outWidth / decoded.Width);
                    var source = x * 4;
                    var target = outX * 4;
                    sums[target] += row[source];
                    sums[target + 1] += row[source + 1];
                    sums[target + 2] += row[source + 2];
                    sums[target + 3] += row[source + 3];
                    counts[outX]++;
                }
            }

            Flush(sums, counts, pixels, currentOut, outWidth);
        }
        finally
        {
            handle.Free();
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, thumbnail.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(thumbnail);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return jpeg?.ToArray();
    }

    private static byte[]? DecodeWhole(SKCodec codec, int outWidth, int outHeight)
    {
        var opaque = codec.Info.AlphaType == SKAlphaType.Opaque;
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height,
            opaque ? SKColorType.Rgb565 : SKColorType.Argb4444, opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result == SKCodecResult.InvalidConversion)
        {
            // The codec cannot write two bytes a pixel for this image: four, still within the pixel limit.
            bitmap.Dispose();
            info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            bitmap = new SKBitmap(info);
            result = codec.GetPixels(info, bitmap.GetPixels());
        }

        using var decodedBitmap = bitmap;
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return null;
        }

        using var resized = decodedBitmap.Resize(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        if (resized is null)
        {
            return null;
        }

        using var image = SKImage.FromBitmap(resized);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return jpeg?.ToArray();
    }

    private static void Flush(long[] sums, int[] counts, byte[] pixels, int outY, int outWidth)
    {
        for (var x = 0; x < outWidth; x++)
        {
            var n = Math.Max(1, counts[x]);
            for (var c = 0; c < 4; c++)
            {
                pixels[((outY * outWidth) + x) * 4 + c] = (byte)(sums[x * 4 + c] / n);
            }
        }

        Array.Clear(sums);
        Array.Clear(counts);
    }
}
