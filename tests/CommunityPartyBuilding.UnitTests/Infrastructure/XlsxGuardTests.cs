using System.Buffers.Binary;
using System.IO.Compression;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.UnitTests.Infrastructure;

/// <summary>Issue 14, item 3: an uploaded xlsx is checked for its inflated size before any reader sees it.</summary>
public class XlsxGuardTests
{
    private static byte[] Zip(params (string Name, long Zeros)[] parts)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            foreach (var (name, size) in parts)
            {
                using var part = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                for (var left = size; left > 0; left -= zeros.Length)
                {
                    part.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
                }
            }
        }

        return stream.ToArray();
    }

    [Fact]
    public void Parts_within_the_limits_pass()
    {
        Assert.True(XlsxGuard.IsWithinLimits(Zip(("[Content_Types].xml", 2_000), ("xl/worksheets/sheet1.xml", 5L * 1024 * 1024))));
        Assert.True(XlsxGuard.IsWithinLimits(Zip(("xl/worksheets/sheet1.xml", XlsxGuard.MaxPartBytes))));
    }

    [Fact]
    public void One_part_inflating_beyond_its_limit_is_refused()
    {
        var bomb = Zip(("xl/sharedStrings.xml", XlsxGuard.MaxPartBytes + 1));
        Assert.True(bomb.Length < 200_000);
        Assert.False(XlsxGuard.IsWithinLimits(bomb));
    }

    [Fact]
    public void Parts_each_within_their_limit_but_too_large_together_are_refused()
    {
        var part = XlsxGuard.MaxTotalBytes / 3;
        Assert.True(part < XlsxGuard.MaxPartBytes);
        Assert.True(XlsxGuard.IsWithinLimits(Zip(("a.xml", part), ("b.xml", part))));
        Assert.False(XlsxGuard.IsWithinLimits(Zip(("a.xml", part), ("b.xml", part), ("c.xml", part), ("d.xml", part))));
    }

    [Fact]
    public void Too_many_parts_are_refused()
    {
        var parts = Enumerable.Range(0, XlsxGuard.MaxParts + 1).Select(i => ($"xl/p{i}.xml", 10L)).ToArray();
        Assert.False(XlsxGuard.IsWithinLimits(Zip(parts)));
        Assert.True(XlsxGuard.IsWithinLimits(Zip(parts[..XlsxGuard.MaxParts])));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(4096)]
    public void Bytes_that_are_not_a_zip_are_refused(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        Assert.False(XlsxGuard.IsWithinLimits(bytes));
    }

    [Fact]
    public void A_truncated_zip_is_refused()
    {
        var zip = Zip(("xl/worksheets/sheet1.xml", 100_000));
        Assert.False(XlsxGuard.IsWithinLimits(zip[..(zip.Length / 2)]));
    }

    /// <summary>Rewrites every uncompressed size the archive declares (local and central headers) to a small number.</summary>
    private static byte[] WithDeclaredSizes(byte[] zip, uint declared)
    {
        var bytes = (byte[])zip.Clone();
        for (var i = 0; i + 30 <= bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), declared);
            }
            else if (signature == 0x02014b50 && i + 46 <= bytes.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), declared);
            }
        }

        return bytes;
    }

    [Fact]
    public void A_part_that_declares_a_small_size_is_never_inflated_beyond_it()
    {
        // 100 MB of zeros declared as 1 kB. .NET's zip reader (which MiniExcel reads with too) stops inflating at the
        // declared size, so neither the check nor the reader can be made to inflate more than the archive admits to;
        // the check counts what it inflates into a sink and allocates its buffer and the inflater's state only.
        var bomb = WithDeclaredSizes(Zip(("xl/worksheets/sheet1.xml", 100L * 1024 * 1024)), 1024);
        Assert.True(bomb.Length < 400_000);
        XlsxGuard.IsWithinLimits(bomb);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(XlsxGuard.IsWithinLimits(bomb));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated:N0} bytes");

        using var archive = new ZipArchive(new MemoryStream(bomb), ZipArchiveMode.Read);
        using var part = archive.Entries.Single().Open();
        var buffer = new byte[81920];
        long inflated = 0;
        int read;
        while ((read = part.Read(buffer, 0, buffer.Length)) > 0)
        {
            inflated += read;
        }

        Assert.Equal(1024, inflated);
    }
}
