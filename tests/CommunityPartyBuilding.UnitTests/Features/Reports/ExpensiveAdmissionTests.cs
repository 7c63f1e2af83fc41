using System.Threading.RateLimiting;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.UnitTests.Features.Reports;

/// <summary>Issue #18: the expensive endpoints refuse, at once, a caller whose expected wait is longer than the maximum.</summary>
public class ExpensiveAdmissionTests
{
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    [Fact]
    public void The_expected_wait_is_the_place_in_the_queue_times_the_mean_service_time_over_the_permits()
    {
        var wait = new ExpectedWait();
        wait.Record(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.Zero, wait.Estimate(available: 1, queued: 50, permits: 16));
        Assert.Equal(TimeSpan.FromSeconds(2.0 / 16), wait.Estimate(available: 0, queued: 0, permits: 16));
        Assert.Equal(TimeSpan.FromSeconds(2.0 * 80 / 16), wait.Estimate(available: 0, queued: 79, permits: 16));
    }

    [Fact]
    public void The_mean_is_a_moving_average_that_one_slow_request_moves_only_by_its_weight()
    {
        var wait = new ExpectedWait();
        Assert.Equal(TimeSpan.Zero, wait.MeanService);

        wait.Record(TimeSpan.FromSeconds(1));
        Assert.Equal(1.0, wait.MeanService.TotalSeconds, 6);

        wait.Record(TimeSpan.FromSeconds(21));
        Assert.Equal(1.0 + (ExpectedWait.Weight * 20), wait.MeanService.TotalSeconds, 6);

        // A negative duration (the clock went back) counts as nothing rather than pulling the mean below zero.
        var fresh = new ExpectedWait();
        fresh.Record(TimeSpan.FromSeconds(-5));
        Assert.Equal(TimeSpan.Zero, fresh.MeanService);
    }

    [Fact]
    public void A_caller_is_refused_only_when_every_permit_is_busy_and_its_expected_wait_is_longer_than_the_maximum()
    {
        var wait = new ExpectedWait();
        wait.Record(TimeSpan.FromSeconds(1));

        // 16 permits, 1 s each: the 160th in the queue waits 10 s (admitted), the 161st 10.06 s (refused).
        Assert.False(wait.ShouldRefuse(available: 0, queued: 159, permits: 16, TenSeconds));
        Assert.True(wait.ShouldRefuse(available: 0, queued: 160, permits: 16, TenSeconds));

        // A free permit: never refused, however long the queue looked.
        Assert.False(wait.ShouldRefuse(available: 1, queued: 500, permits: 16, TenSeconds));

        // Busy for a moment with fast requests: a queue of a hundred is a wait of well under a second.
        var fast = new ExpectedWait();
        fast.Record(TimeSpan.FromMilliseconds(50));
        Assert.False(fast.ShouldRefuse(available: 0, queued: 100, permits: 16, TenSeconds));
    }

    [Fact]
    public void Without_a_finished_request_there_is_no_estimate_and_a_maximum_of_zero_refuses_whenever_all_permits_are_busy()
    {
        var wait = new ExpectedWait();

        Assert.False(wait.ShouldRefuse(available: 0, queued: 1000, permits: 16, TenSeconds));
        Assert.True(wait.ShouldRefuse(available: 0, queued: 0, permits: 16, TimeSpan.Zero));
        Assert.False(wait.ShouldRefuse(available: 1, queued: 0, permits: 16, TimeSpan.Zero));
    }

    [Fact]
    public async Task The_limiter_measures_the_time_a_permit_is_held_and_refuses_at_once_with_retry_after_beyond_the_maximum()
    {
        var clock = new ManualClock();
        using var admission = new ExpensiveAdmission(Options.Create(new ReportOptions
        {
            ExpensiveConcurrency = 1,
            ExpensiveQueueLimit = 100,
            MaxQueueWaitSeconds = 10,
            RetryAfterSeconds = 7,
        }), clock);

        // One request held the permit for 6 s: the first in the queue would wait 6 s, the second 12 s.
        using (var first = await admission.AcquireAsync())
        {
            Assert.True(first.IsAcquired);
            clock.Now += TimeSpan.FromSeconds(6);
        }

        Assert.Equal(TimeSpan.FromSeconds(6), admission.Wait.MeanService);

        var holding = await admission.AcquireAsync();
        Assert.True(holding.IsAcquired);
        var queued = admission.AcquireAsync().AsTask();
        Assert.False(queued.IsCompleted);
        Assert.Equal(1, admission.GetStatistics()!.CurrentQueuedCount);

        var refused = await admission.AcquireAsync();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(7), retryAfter);
        Assert.Equal(1, admission.Refused);

        // The one that was queued is admitted when the permit comes back.
        holding.Dispose();
        using var admitted = await queued;
        Assert.True(admitted.IsAcquired);
        Assert.Equal(1, admission.Refused);
    }

    [Fact]
    public async Task A_caller_still_queued_when_the_maximum_has_passed_leaves_the_queue_with_retry_after()
    {
        // No request has finished yet, so there is no estimate (the first wave of a rush): the queue's deadline refuses.
        using var admission = new ExpensiveAdmission(Options.Create(new ReportOptions
        {
            ExpensiveConcurrency = 1,
            ExpensiveQueueLimit = 100,
            MaxQueueWaitSeconds = 0.2,
            RetryAfterSeconds = 7,
        }), TimeProvider.System);

        using var holding = await admission.AcquireAsync();
        Assert.True(holding.IsAcquired);

        var refused = await admission.AcquireAsync();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(7), retryAfter);
        Assert.Equal(1, admission.Refused);
        Assert.Equal(0, admission.GetStatistics()!.CurrentQueuedCount);

        // The caller's own cancellation is not a refusal: it stays a cancellation.
        using var cancelled = new CancellationTokenSource();
        var waiting = admission.AcquireAsync(cancellationToken: cancelled.Token).AsTask();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, admission.Refused);
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
