using System.Diagnostics;
using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Reports;

public sealed class ReportOptions
{
    public const string Section = "Portal:Reports";

    /// <summary>PDFs drawn at the same time; further requests wait their turn. Default: max(2, processor count).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 256)]
    public int? MaxConcurrentRenders { get; set; }

    public int EffectiveConcurrency => Math.Max(1, MaxConcurrentRenders ?? Math.Max(2, Environment.ProcessorCount));
}

/// <summary>
/// Every PDF is drawn through this queue: at most <see cref="Capacity"/> at a time, so that twenty simultaneous
/// downloads cannot exhaust memory. Waiting callers queue up in order and may give up (cancellation) while they
/// wait; a render that has started runs to its end and keeps its slot until then.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue (first come, first served, with waiting callers); the name says so to its callers.")]
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
        using var activity = PortalTelemetry.Source.StartActivity("reports.render");
        var queuedAt = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref waiting);
        PortalTelemetry.RendersWaiting.Add(1);
        try
        {
            await slots.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
            PortalTelemetry.RendersWaiting.Add(-1);
        }

        var startedAt = Stopwatch.GetTimestamp();
        PortalTelemetry.RenderWait.Record(Stopwatch.GetElapsedTime(queuedAt, startedAt).TotalSeconds);
        PortalTelemetry.RendersRunning.Add(1);
        try
        {
            var now = Interlocked.Increment(ref running);
            int seen;
            while (now > (seen = Volatile.Read(ref maxObserved)) && Interlocked.CompareExchange(ref maxObserved, now, seen) != seen)
            {
            }

            ct.ThrowIfCancellationRequested();
            var pdf = await Task.Run(() => renderer.Render(document), CancellationToken.None);
            activity?.SetTag("portal.report.bytes", pdf.Length);
            return pdf;
        }
        finally
        {
            Interlocked.Decrement(ref running);
            PortalTelemetry.RendersRunning.Add(-1);
            PortalTelemetry.RenderDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds);
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();
}
