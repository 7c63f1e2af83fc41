using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>
/// The expected wait of a caller arriving at a busy concurrency limit: its place in the queue × the mean time an
/// admitted request holds its permit ÷ the permits. The mean is a moving average of completed requests (each new one
/// weighs <see cref="Weight"/>), so a single slow request moves it a little and a slow minute moves it all the way.
/// Plain state, no clock: callers give it the durations.
/// </summary>
public sealed class ExpectedWait
{
    /// <summary>The weight of each new duration in the moving average.</summary>
    public const double Weight = 0.1;

    private readonly Lock gate = new();
    private double meanSeconds;
    private long samples;

    /// <summary>The moving average of the time an admitted request holds its permit; zero before the first one.</summary>
    public TimeSpan MeanService
    {
        get
        {
            lock (gate)
            {
                return TimeSpan.FromSeconds(meanSeconds);
            }
        }
    }

    public long Samples => Interlocked.Read(ref samples);

    /// <summary>A request admitted earlier has finished, after holding its permit for <paramref name="held"/>.</summary>
    public void Record(TimeSpan held)
    {
        var seconds = Math.Max(0, held.TotalSeconds);
        lock (gate)
        {
            // The first duration is the average; later ones move it by their weight.
            meanSeconds = samples == 0 ? seconds : meanSeconds + (Weight * (seconds - meanSeconds));
            samples++;
        }
    }

    /// <summary>
    /// How long a caller arriving now would wait: nothing while a permit is free; otherwise its place in the queue
    /// (<paramref name="queued"/> ahead of it, plus itself) × the mean service time ÷ <paramref name="permits"/>.
    /// </summary>
    public TimeSpan Estimate(int available, int queued, int permits)
    {
        if (available > 0)
        {
            return TimeSpan.Zero;
        }

        return MeanService * ((queued + 1) / (double)Math.Max(1, permits));
    }

    /// <summary>
    /// Whether to refuse a caller arriving now rather than queue it: every permit is busy and the expected wait is longer
    /// than <paramref name="maxWait"/>. A maximum of zero refuses whenever every permit is busy; before any request has
    /// finished there is no estimate and nobody is refused by it (the queue's length still bounds the wait).
    /// </summary>
    public bool ShouldRefuse(int available, int queued, int permits, TimeSpan maxWait)
    {
        if (available > 0)
        {
            return false;
        }

        if (maxWait <= TimeSpan.Zero)
        {
            return true;
        }

        return Samples > 0 && Estimate(available, queued, permits) > maxWait;
    }
}

/// <summary>
/// Admission to the expensive endpoints (PDFs, exports, ZIPs): a concurrency limit of
/// <see cref="ReportOptions.EffectiveExpensiveConcurrency"/> with a queue of <see cref="ReportOptions.ExpensiveQueueLimit"/>
/// that refuses, at once, a caller whose expected wait (<see cref="ExpectedWait"/>) is longer than
/// <see cref="ReportOptions.MaxQueueWaitSeconds"/>: 503 with <c>Retry-After</c> (Reports.Busy, like the render queue)
/// instead of a twenty-second wait. One instance per process (a singleton), so the moving average outlives the rate
/// limiter's idle partitions; the time a request holds its permit is measured with the portal's clock.
/// </summary>
public sealed class ExpensiveAdmission : RateLimiter
{
    private readonly ConcurrencyLimiter inner;
    private readonly TimeProvider clock;
    private readonly TimeSpan maxWait;
    private readonly TimeSpan retryAfter;
    private long refused;

    public ExpensiveAdmission(IOptions<ReportOptions> options, TimeProvider clock)
    {
        var reports = options.Value;
        Permits = reports.EffectiveExpensiveConcurrency;
        maxWait = reports.MaxQueueWait;
        retryAfter = reports.RetryAfter;
        this.clock = clock;
        inner = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Permits,
            QueueLimit = reports.ExpensiveQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public int Permits { get; }

    public ExpectedWait Wait { get; } = new();

    /// <summary>Callers refused at admission because they would have waited longer than the maximum.</summary>
    public long Refused => Interlocked.Read(ref refused);

    /// <summary>Never idle as far as the partitioned limiter is concerned: it must not dispose the process's one instance.</summary>
    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => inner.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var lease = inner.AttemptAcquire(permitCount);
        return lease.IsAcquired ? new HeldLease(this, lease) : lease;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var statistics = inner.GetStatistics();
        if (statistics is not null
            && Wait.ShouldRefuse((int)statistics.CurrentAvailablePermits, (int)statistics.CurrentQueuedCount, Permits, maxWait))
        {
            Interlocked.Increment(ref refused);
            return new RefusedLease(retryAfter);
        }

        if (maxWait <= TimeSpan.Zero)
        {
            var direct = await inner.AcquireAsync(permitCount, cancellationToken);
            return direct.IsAcquired ? new HeldLease(this, direct) : direct;
        }

        // The estimate cannot see the first wave (no request has finished yet) nor requests that turn slower after they
        // queued: a caller still queued when the maximum has passed leaves the queue with the same 503.
        using var deadline = new CancellationTokenSource(maxWait, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        RateLimitLease lease;
        try
        {
            lease = await inner.AcquireAsync(permitCount, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref refused);
            return new RefusedLease(retryAfter);
        }

        return lease.IsAcquired ? new HeldLease(this, lease) : lease;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await inner.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    /// <summary>An admitted request's permit; when it is given back, the time it was held feeds the estimate.</summary>
    private sealed class HeldLease(ExpensiveAdmission owner, RateLimitLease lease) : RateLimitLease
    {
        private readonly DateTimeOffset admittedAt = owner.clock.GetUtcNow();
        private int disposed;

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => lease.MetadataNames;

        public override bool TryGetMetadata(string metadataName, out object? metadata) => lease.TryGetMetadata(metadataName, out metadata);

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Wait.Record(owner.clock.GetUtcNow() - admittedAt);
                lease.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A refusal at admission, with the <c>Retry-After</c> the answer carries.</summary>
    private sealed class RefusedLease(TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name, MetadataName.ReasonPhrase.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter
                : metadataName == MetadataName.ReasonPhrase.Name ? "Expected wait longer than Portal:Reports:MaxQueueWaitSeconds"
                : null;
            return metadata is not null;
        }
    }
}
