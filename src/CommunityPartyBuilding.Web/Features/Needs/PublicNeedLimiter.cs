using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary><c>Portal:RateLimits:Needs</c>: what one client address may do on the residents' need pages and routes.</summary>
public sealed class NeedRateLimitOptions
{
    public const string Section = "Portal:RateLimits:Needs";

    /// <summary>
    /// Needs submitted per client address and hour (page and API together). A family or a community centre's Wi-Fi may
    /// send several; fifty a minute is someone else.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int SubmissionsPerHour { get; set; } = 10;

    /// <summary>Tracking-code lookups and ratings per client address and minute.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int CodeAttemptsPerMinute { get; set; } = 60;

    /// <summary>Unknown tracking codes per client address in ten minutes: what stops guessing.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int CodeFailuresPer10Minutes { get; set; } = 30;

    /// <summary>The public form's check: it must have been open at least this long before it is sent (people read and type).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 600)]
    public int MinimumFormSeconds { get; set; } = 3;
}

/// <summary>
/// Per-client limits of the public need routes, kept in this process like the ballot limits: several instances keep
/// their own counts, and nothing about correctness depends on them.
/// </summary>
public sealed class PublicNeedLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> submissions;
    private readonly PartitionedRateLimiter<string> attempts;
    private readonly PartitionedRateLimiter<string> failures;

    public PublicNeedLimiter(IOptions<NeedRateLimitOptions> options)
    {
        var o = options.Value;
        submissions = Fixed(o.SubmissionsPerHour, TimeSpan.FromHours(1));
        attempts = Fixed(o.CodeAttemptsPerMinute, TimeSpan.FromMinutes(1));
        failures = Fixed(o.CodeFailuresPer10Minutes, TimeSpan.FromMinutes(10));
    }

    public void EnsureSubmissionAllowed(string client)
    {
        using var lease = submissions.AttemptAcquire(client);
        if (!lease.IsAcquired)
        {
            PortalTelemetry.NeedsRefused.Add(1, new KeyValuePair<string, object?>("reason", "rate_limited"));
            throw new PortalRateLimitedException("Need.TooManySubmissions", TimeSpan.FromMinutes(10));
        }
    }

    public void EnsureCodeAttemptAllowed(string client)
    {
        using var lease = attempts.AttemptAcquire(client);
        if (!lease.IsAcquired || failures.GetStatistics(client)?.CurrentAvailablePermits == 0)
        {
            PortalTelemetry.NeedsRefused.Add(1, new KeyValuePair<string, object?>("reason", "rate_limited"));
            throw new PortalRateLimitedException(retryAfter: TimeSpan.FromMinutes(lease.IsAcquired ? 10 : 1));
        }
    }

    public void RecordCodeFailure(string client)
    {
        PortalTelemetry.NeedsRefused.Add(1, new KeyValuePair<string, object?>("reason", "unknown_code"));
        using var lease = failures.AttemptAcquire(client);
    }

    public void Dispose()
    {
        submissions.Dispose();
        attempts.Dispose();
        failures.Dispose();
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

/// <summary>A question the public form asks, and the sealed token that carries its answer.</summary>
public sealed record NeedChallengeQuestion(int Left, int Right, string Token);

/// <summary>
/// The public form's anti-automation step, which needs no outside service and so works offline: a small sum to answer
/// (一位数加法), a field people never see and bots fill in, and a sealed token (data protection) that carries the answer
/// and the time the form was shown. A token is good for one submission, from a few seconds to two hours after it was issued.
/// </summary>
public sealed class NeedChallenge(IDataProtectionProvider protection, TimeProvider clock, IOptions<NeedRateLimitOptions> options)
{
    public const string HoneypotField = "website";
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(2);

    private readonly IDataProtector protector = protection.CreateProtector("CommunityPartyBuilding.Needs.Challenge.v1");
    private readonly ConcurrentDictionary<string, DateTimeOffset> used = new(StringComparer.Ordinal);

    public NeedChallengeQuestion Issue()
    {
        var left = RandomNumberGenerator.GetInt32(1, 10);
        var right = RandomNumberGenerator.GetInt32(1, 10);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var payload = string.Join('|', clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), left + right, nonce);
        return new NeedChallengeQuestion(left, right, protector.Protect(payload));
    }

    /// <summary>Checks the answer, the hidden field and the token's age and single use; a failure is a validation error on the answer.</summary>
    public void Verify(string? token, string? answer, string? honeypot)
    {
        var now = clock.GetUtcNow();
        if (!string.IsNullOrEmpty(honeypot) || !TryRead(token, out var issued, out var sum, out var nonce))
        {
            Refuse("Need.ChallengeExpired");
            return;
        }

        var age = now - issued;
        if (age > MaxAge || age < TimeSpan.Zero)
        {
            Refuse("Need.ChallengeExpired");
        }

        if (age < TimeSpan.FromSeconds(options.Value.MinimumFormSeconds))
        {
            Refuse("Need.ChallengeTooFast");
        }

        if (!int.TryParse(answer?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given) || given != sum)
        {
            Refuse("Need.ChallengeWrong");
        }

        Prune(now);
        if (!used.TryAdd(nonce, issued))
        {
            Refuse("Need.ChallengeUsed");
        }
    }

    private bool TryRead(string? token, out DateTimeOffset issued, out int sum, out string nonce)
    {
        issued = default;
        sum = 0;
        nonce = "";
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return false;
        }

        try
        {
            var parts = protector.Unprotect(token).Split('|');
            if (parts.Length != 3 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var seconds) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out sum))
            {
                return false;
            }

            issued = DateTimeOffset.FromUnixTimeSeconds(seconds);
            nonce = parts[2];
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (used.Count < 1000)
        {
            return;
        }

        foreach (var (key, issued) in used)
        {
            if (now - issued > MaxAge)
            {
                used.TryRemove(key, out _);
            }
        }
    }

    private static void Refuse(string key)
    {
        PortalTelemetry.NeedsRefused.Add(1, new KeyValuePair<string, object?>("reason", "challenge"));
        throw new PortalValidationException([new("challenge", key)]);
    }
}
