using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.UnitTests.Features.Reports;

public class IssuedCopyCacheTests
{
    private static IssuedCopyCache Cache(int megabytes) => new(Options.Create(new ReportOptions { CopyCacheMegabytes = megabytes }));

    [Fact]
    public void A_kept_copy_is_served_as_the_same_bytes_and_another_report_is_not()
    {
        using var cache = Cache(64);
        var bytes = new byte[600 * 1024];
        bytes[0] = 0x25;
        var id = Guid.CreateVersion7();

        Assert.False(cache.TryGet(id, out _));
        cache.Keep(id, bytes);

        Assert.True(cache.TryGet(id, out var kept));
        Assert.Same(bytes, kept);
        Assert.False(cache.TryGet(Guid.CreateVersion7(), out var none));
        Assert.Empty(none);
    }

    [Fact]
    public void A_forgotten_copy_is_no_longer_kept()
    {
        using var cache = Cache(64);
        var id = Guid.CreateVersion7();
        cache.Keep(id, new byte[1024]);
        cache.Forget(id);
        Assert.False(cache.TryGet(id, out _));
    }

    [Fact]
    public void Nothing_is_kept_when_the_cache_is_off()
    {
        using var cache = Cache(0);
        var id = Guid.CreateVersion7();
        cache.Keep(id, new byte[1024]);
        Assert.False(cache.TryGet(id, out _));
    }

    [Fact]
    public void A_copy_larger_than_an_eighth_of_the_cache_is_not_kept()
    {
        using var cache = Cache(8);
        var small = Guid.CreateVersion7();
        var large = Guid.CreateVersion7();
        cache.Keep(small, new byte[1024 * 1024]);
        cache.Keep(large, new byte[(1024 * 1024) + 1]);

        Assert.True(cache.TryGet(small, out _));
        Assert.False(cache.TryGet(large, out _));
    }
}
