using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>
/// The bytes of kept copies (<see cref="IssuedReportContent"/>) in memory, by issued report: a stored copy is served
/// many times (a year-end rush downloads the same annual report hundreds of times) and its bytes never change once
/// stored, so after the first download they are served from here instead of being read from PostgreSQL again (an
/// annual report is about 600 KB). Which copy is current is still asked of the database on every download, so a copy
/// superseded by another instance is never served from here. Bounded by <see cref="ReportOptions.CopyCacheMegabytes"/>
/// (least recently used first out, under memory pressure); a copy larger than an eighth of that is not kept.
/// </summary>
public sealed class IssuedCopyCache : IDisposable
{
    private readonly MemoryCache? entries;
    private readonly long maxEntryBytes;

    public IssuedCopyCache(IOptions<ReportOptions> options)
    {
        var bytes = (long)options.Value.CopyCacheMegabytes * 1024 * 1024;
        if (bytes > 0)
        {
            entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = bytes, CompactionPercentage = 0.25 });
            maxEntryBytes = bytes / 8;
        }
    }

    /// <summary>The stored bytes of <paramref name="reportId"/> when they are in memory.</summary>
    public bool TryGet(Guid reportId, out byte[] content)
    {
        if (entries is not null && entries.TryGetValue(reportId, out byte[]? kept) && kept is not null)
        {
            content = kept;
            return true;
        }

        content = [];
        return false;
    }

    /// <summary>Keeps the stored bytes of <paramref name="reportId"/> (exactly those whose SHA-256 the report row holds).</summary>
    public void Keep(Guid reportId, byte[] content)
    {
        if (entries is null || content.LongLength > maxEntryBytes)
        {
            return;
        }

        entries.Set(reportId, content, new MemoryCacheEntryOptions
        {
            Size = content.LongLength,
            SlidingExpiration = TimeSpan.FromHours(1),
        });
    }

    /// <summary>Drops the bytes of a copy that was superseded: they will not be served again.</summary>
    public void Forget(Guid reportId) => entries?.Remove(reportId);

    public void Dispose() => entries?.Dispose();
}
