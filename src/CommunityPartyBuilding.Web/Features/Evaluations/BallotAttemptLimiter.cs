using System.Threading.RateLimiting;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Evaluations;

public sealed class BallotRateLimitOptions
{
    public const string Section = "Portal:RateLimits:Ballots";

    /// <summary>
    /// Requests per client address and minute. Generous on purpose: many phones share one carrier address (CGNAT),
    /// and a meeting of representatives may vote at once on the same Wi-Fi.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int PerClientPerMinute { get; set; } = 600;

    /// <summary>Wrong codes per client address in ten minutes: what stops guessing, without locking out a shared address for a typo.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int FailuresPerClientPer10Minutes { get; set; } = 60;

    /// <summary>Attempts with the same code in ten minutes (page views and submissions).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int PerCodePer10Minutes { get; set; } = 10;
}

/// <summary>
/// Rate limits for code attempts, per client and per code, kept in this process. Several instances each keep their
/// own counts; correctness (one ballot per code) never depends on them but on the database.
/// </summary>
public sealed class BallotAttemptLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> perClient;
    private readonly PartitionedRateLimiter<string> failures;
    private readonly PartitionedRateLimiter<string> perCode;

    public BallotAttemptLimiter(IOptions<BallotRateLimitOptions> options)
    {
        var o = options.Value;
        perClient = Fixed(o.PerClientPerMinute, TimeSpan.FromMinutes(1));
        failures = Fixed(o.FailuresPerClientPer10Minutes, TimeSpan.FromMinutes(10));
        perCode = Fixed(o.PerCodePer10Minutes, TimeSpan.FromMinutes(10));
    }

    public void EnsureClientAllowed(string client)
    {
        using var lease = perClient.AttemptAcquire(client);
        if (!lease.IsAcquired)
        {
            PortalTelemetry.BallotsRejected.Add(1, new KeyValuePair<string, object?>("reason", "rate_limited"));
            throw new PortalRateLimitedException(retryAfter: TimeSpan.FromMinutes(1));
        }

        if (failures.GetStatistics(client)?.CurrentAvailablePermits == 0)
        {
            PortalTelemetry.BallotsRejected.Add(1, new KeyValuePair<string, object?>("reason", "rate_limited"));
            throw new PortalRateLimitedException(retryAfter: TimeSpan.FromMinutes(10));
        }
    }

    public void EnsureCodeAllowed(string normalisedCode)
    {
        using var lease = perCode.AttemptAcquire(normalisedCode);
        if (!lease.IsAcquired)
        {
            PortalTelemetry.BallotsRejected.Add(1, new KeyValuePair<string, object?>("reason", "rate_limited"));
            throw new PortalRateLimitedException(retryAfter: TimeSpan.FromMinutes(10));
        }
    }

    public void RecordFailure(string client)
    {
        PortalTelemetry.BallotsRejected.Add(1, new KeyValuePair<string, object?>("reason", "unknown_code"));
        using var lease = failures.AttemptAcquire(client);
    }

    public void Dispose()
    {
        perClient.Dispose();
        failures.Dispose();
        perCode.Dispose();
    }

    private static PartitionedRateLimiter<string> Fixed(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
