using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using CommunityPartyBuilding.Web.Infrastructure;
using SkiaSharp;

namespace CommunityPartyBuilding.UnitTests.Infrastructure;

/// <summary>Issue 14, item 3: image decoding is bounded in pixels, in memory and in concurrency.</summary>
public class ImageDecodingTests
{
    [Fact]
    public void A_small_png_gets_a_thumbnail_of_the_right_size()
    {
        var png = Png(640, 480);
        var image = Images.CheckAndThumbnail(png);
        Assert.NotNull(image);
        Assert.Equal((640, 480), (image.Width, image.Height));
        using var thumbnail = SKBitmap.Decode(image.Thumbnail);
        Assert.Equal((320, 240), (thumbnail.Width, thumbnail.Height));
        // The gradient survives the area average: left is dark, right is light.
        Assert.True(thumbnail.GetPixel(300, 120).Red > thumbnail.GetPixel(10, 120).Red + 100);
    }

    [Fact]
    public void A_large_jpeg_is_decoded_downscaled()
    {
        using var bitmap = new SKBitmap(4000, 3000);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
        }

        using var data = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Jpeg, 70);
        var image = Images.CheckAndThumbnail(data.ToArray());
        Assert.NotNull(image);
        using var thumbnail = SKBitmap.Decode(image.Thumbnail);
        Assert.Equal((320, 240), (thumbnail.Width, thumbnail.Height));
        Assert.InRange(thumbnail.GetPixel(100, 100).Blue, 150, 210);
    }

    [Fact]
    public void More_than_forty_megapixels_are_refused_before_decoding()
    {
        // 8,900 × 8,900 (79 megapixels) in a small file, like the file of the issue.
        var bomb = Png(8900, 8900);
        Assert.True(bomb.Length < 5_000_000);
        var refused = Assert.Throws<PortalValidationException>(() => Images.CheckAndThumbnail(bomb));
        Assert.Equal("Upload.TooManyPixels", refused.Failures.Single().MessageKey);
    }

    [Fact]
    public async Task Decoding_a_large_png_keeps_resident_memory_flat()
    {
        // Just under the limit: 6,300 × 6,300 = 39.7 megapixels, 159 MB as a full RGBA bitmap (the old decoding), 79 MB at two bytes a pixel.
        var png = Png(6300, 6300);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(5);
            }
        });

        var image = Images.CheckAndThumbnail(png);
        sampling.Cancel();
        await sampler;

        Assert.NotNull(image);
        Assert.Equal((6300, 6300), (image.Width, image.Height));
        var growth = (peak - before) / 1024 / 1024;
        Assert.True(growth < 140, $"resident memory grew by {growth} MB while decoding (a full RGBA decode alone needs 159 MB)");
    }

    [Fact]
    public void Concurrent_decodes_are_bounded()
    {
        Assert.InRange(Images.MaxConcurrentDecodes, 1, 4);
        var png = Png(2000, 1500);
        var results = new CheckedImage?[8];
        Parallel.For(0, results.Length, i => results[i] = Images.CheckAndThumbnail(png));
        Assert.All(results, r => Assert.NotNull(r));
    }

    /// <summary>An RGB PNG with a horizontal gradient, deflated row by row: large in pixels, small in bytes and in memory.</summary>
    internal static byte[] Png(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(output, "IHDR", header);

        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + (width * 3)];
            for (var x = 0; x < width; x++)
            {
                var v = (byte)(x * 255L / Math.Max(1, width - 1));
                row[1 + (x * 3)] = v;
                row[2 + (x * 3)] = v;
                row[3 + (x * 3)] = v;
            }

            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        Chunk(output, "IDAT", idat.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        output.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
