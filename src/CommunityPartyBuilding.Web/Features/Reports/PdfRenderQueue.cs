using CommunityPartyBuilding.Documents;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Reports;

public sealed class ReportOptions
{
    public const string Section = "Portal:Reports";

    /// <summary>PDFs drawn at the same time; further requests wait their turn. Default: max(2, processor count).</summary>
    public int? MaxConcurrentRenders { get; set; }

    public int EffectiveConcurrency => Math.Max(1, MaxConcurrentRenders ?? Math.Max(2, Environment.ProcessorCount));
}

/// <summary>
/// Every PDF is drawn through this queue: at most <see cref="Capacity"/> at a time, so that twenty simultaneous
/// downloads cannot exhaust memory. Waiting callers queue up in order and may give up (cancellation) while they
/// wait; a render that has started runs to its end and keeps its slot until then.
/// </summary>
public sealed class PdfRenderQueue(IPdfRenderer renderer, IOptions<ReportOptions> options) : IDisposable
{
    private readonly SemaphoreSlim slots = new(options.Value.EffectiveConcurrency, options.Value.EffectiveConcurrency);
    private int running;
    private int waiting;
    private int maxObserved;

    public int Capacity { get; } = options.Value.EffectiveConcurrency;

    /// <summary>Renders drawing right now.</summary>
    public int Running => Volatile.Read(ref running);

    /// <summary>Callers waiting for a slot.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>The most renders ever seen drawing at once (never more than <see cref="Capacity"/>).</summary>
    public int MaxObservedConcurrency => Volatile.Read(ref maxObserved);

    public async Task<byte[]> RenderAsync(Document document, CancellationToken ct = default)
    {
        Interlocked.Increment(ref waiting);
        try
        {
            await slots.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }

        try
        {
            var now = Interlocked.Increment(ref running);
            int seen;
            while (now > (seen = Volatile.Read(ref maxObserved)) && Interlocked.CompareExchange(ref maxObserved, now, seen) != seen)
            {
            }

            ct.ThrowIfCancellationRequested();
            return await Task.Run(() => renderer.Render(document), CancellationToken.None);
        }
        finally
        {
            Interlocked.Decrement(ref running);
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();
}
