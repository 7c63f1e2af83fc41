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

    /// <summary>
    /// The longest a caller waits for a render slot (or for a copy of the same report being drawn) before the portal
    /// answers 503 with <c>Retry-After</c> instead; 0 refuses at once when every slot is busy. Also the longest expected
    /// wait for admission to the expensive endpoints (<see cref="ExpensiveAdmission"/>), beyond which they refuse at
    /// once. Default 10 s.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 600)]
    public double MaxQueueWaitSeconds { get; set; } = 10;

    /// <summary>The <c>Retry-After</c> of a refusal (queue too long, or too many expensive requests at once). Default 10 s.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 10;

    /// <summary>
    /// Expensive requests (PDFs, exports, ZIPs) handled at once; further ones wait in a queue of
    /// <see cref="ExpensiveQueueLimit"/>, beyond which (or beyond an expected wait of <see cref="MaxQueueWaitSeconds"/>)
    /// they get 503. Default max(16, 8 × processor count): a served
    /// copy is cheap, the renders are bounded by the render queue anyway.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int? ExpensiveConcurrency { get; set; }

    [System.ComponentModel.DataAnnotations.Range(0, 100_000)]
    public int ExpensiveQueueLimit { get; set; } = 200;

    /// <summary>
    /// Memory for the bytes of stored copies served again (<see cref="IssuedCopyCache"/>), in MB; 0 reads them from
    /// PostgreSQL on every download. Default 64 (about a hundred annual reports).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 4096)]
    public int CopyCacheMegabytes { get; set; } = 64;

    public TimeSpan MaxQueueWait => TimeSpan.FromSeconds(MaxQueueWaitSeconds);

    public TimeSpan RetryAfter => TimeSpan.FromSeconds(RetryAfterSeconds);

    public int EffectiveExpensiveConcurrency => ExpensiveConcurrency ?? Math.Max(16, 8 * Environment.ProcessorCount);
}

/// <summary>
/// Every PDF is drawn through this queue: at most <see cref="Capacity"/> at a time, so that twenty simultaneous
/// downloads cannot exhaust memory. Waiting callers queue up in order and may give up (cancellation) while they
/// wait; a render that has started runs to its end and keeps its slot until then. A caller that would wait longer
/// than <see cref="ReportOptions.MaxQueueWait"/> is refused (<see cref="PortalOverloadedException"/>: 503 with
/// <c>Retry-After</c>) rather than kept waiting for twenty seconds.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue (first come, first served, with waiting callers); the name says so to its callers.")]
public sealed class PdfRenderQueue(IPdfRenderer renderer, IOptions<ReportOptions> options) : IDisposable
{
    private readonly SemaphoreSlim slots = new(options.Value.EffectiveConcurrency, options.Value.EffectiveConcurrency);
    private readonly TimeSpan maxWait = options.Value.MaxQueueWait;
    private readonly TimeSpan retryAfter = options.Value.RetryAfter;
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

    /// <summary>The longest a caller waits for a slot before being refused.</summary>
    public TimeSpan MaxWait => maxWait;

    /// <summary>Callers refused because they would have waited longer than <see cref="MaxWait"/>.</summary>
    public long Refused => Interlocked.Read(ref refused);

    /// <summary>The refusal a caller gets when it would wait too long (the queue's, or a copy being drawn).</summary>
    public PortalOverloadedException Overloaded() => new("Reports.Busy", retryAfter);

    private long refused;

    public async Task<byte[]> RenderAsync(Document document, CancellationToken ct = default)
    {
        using var activity = PortalTelemetry.Source.StartActivity("reports.render");
        var queuedAt = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref waiting);
        PortalTelemetry.RendersWaiting.Add(1);
        try
        {
            if (!await slots.WaitAsync(maxWait, ct))
            {
                Interlocked.Increment(ref refused);
                PortalTelemetry.RendersRefused.Add(1);
                activity?.SetTag("portal.report.refused", true);
                throw Overloaded();
            }
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
