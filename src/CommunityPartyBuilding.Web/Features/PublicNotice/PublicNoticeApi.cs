using System.Threading.RateLimiting;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.PublicNotice;

/// <summary>共建公示 for anyone: <c>GET /api/v1/public/streets/{streetId}/notice</c> and the page <c>/public/streets/{streetId}</c>.</summary>
public static class PublicNoticeApi
{
    /// <summary>Rate-limit policy of the public notice (page and API): per client address, a sliding minute.</summary>
    public const string RateLimit = "public-notice";

    public static IServiceCollection AddPublicNotice(this IServiceCollection services)
    {
        services.AddRateLimiter(options => options.AddPolicy(RateLimit, context =>
            RateLimitPartition.GetSlidingWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = context.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.RateLimits.PublicNoticePerMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            })));
        return services;
    }

    public static void MapPublicNoticeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/public/streets/{streetId:guid}/notice", (Guid streetId, GetPublicNotice handler, CancellationToken ct) => handler.HandleAsync(streetId, ct))
            .AllowAnonymous()
            .RequireRateLimiting(RateLimit);
    }
}
