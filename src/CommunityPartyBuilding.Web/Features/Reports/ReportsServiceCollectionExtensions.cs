using System.Threading.RateLimiting;
using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Documents.Skia;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>Rate-limit policy of the public verification page and API.</summary>
    public const string VerifyRateLimit = "verify";

    /// <summary>
    /// Concurrency limit of the expensive endpoints (PDFs, exports, ZIPs): one limiter for them all
    /// (<see cref="ExpensiveAdmission"/>), with a queue; a caller that would wait longer than
    /// <see cref="ReportOptions.MaxQueueWaitSeconds"/>, or finds the queue full, gets 503 with <c>Retry-After</c> at once
    /// (see the rate limiter's OnRejected).
    /// </summary>
    public const string ExpensiveRateLimit = "expensive";

    /// <summary>
    /// The PDF composition layer (SkiaSharp implementation, fonts through fontconfig), the bounded render queue, the
    /// font health check on /health/ready and the public verification endpoints' rate limit.
    /// </summary>
    public static IServiceCollection AddPortalReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedSettings<ReportOptions>(ReportOptions.Section);
        services.AddSingleton<IFontProvider, FontconfigFontProvider>();
        services.AddSingleton<IPdfRenderer, SkiaPdfRenderer>();
        services.AddSingleton<PdfRenderQueue>();
        services.AddSingleton<KeptCopyLocks>();
        services.AddSingleton<IssuedCopyCache>();
        services.AddHttpContextAccessor();
        services.AddHealthChecks().AddCheck<CjkFontHealthCheck>("cjk-font", tags: ["ready"]);

        // Public, anonymous: per client address, a sliding minute (lookups and uploads together).
        services.AddRateLimiter(options => options.AddPolicy(VerifyRateLimit, context =>
            RateLimitPartition.GetSlidingWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = context.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.RateLimits.VerifyPerMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            })));
        // One admission per process (see ExpensiveAdmission): a concurrency limit whose queue refuses, at once, a
        // caller that would wait longer than MaxQueueWaitSeconds.
        services.AddSingleton<ExpensiveAdmission>();
        services.AddRateLimiter(options => options.AddPolicy(ExpensiveRateLimit, context =>
            RateLimitPartition.Get(ExpensiveRateLimit, _ => context.RequestServices.GetRequiredService<ExpensiveAdmission>())));
        return services;
    }
}

/// <summary>The expensive endpoints' concurrency limit, as an endpoint convention.</summary>
public static class ExpensiveEndpoints
{
    /// <summary>
    /// Puts the endpoint under <see cref="ReportsServiceCollectionExtensions.ExpensiveRateLimit"/>: PDFs, exports and
    /// ZIPs share a concurrency limit with a queue; beyond it the answer is 503 with <c>Retry-After</c>.
    /// </summary>
    public static TBuilder Expensive<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(ReportsServiceCollectionExtensions.ExpensiveRateLimit);
}
