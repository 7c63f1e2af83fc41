using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;

namespace CommunityPartyBuilding.Web.Features.Needs.Pages;

/// <summary>
/// How the residents' static need pages answer a refusal, as the ballot page does: the page itself explains it, with a
/// status a client can tell apart (never 404: Blazor's static rendering drops the body of a 404) and Retry-After when
/// rate limited.
/// </summary>
internal static class PublicPageRefusal
{
    public static void Apply(HttpContext http, PortalException e)
    {
        // This page explains the refusal itself: keep its body instead of the generic status page.
        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        if (e is PortalRateLimitedException limited)
        {
            ProblemResponses.SetRetryAfter(http.Response, limited.RetryAfter);
        }

        http.Response.StatusCode = e switch
        {
            PortalNotFoundException => StatusCodes.Status400BadRequest,
            PortalConflictException => StatusCodes.Status409Conflict,
            PortalRateLimitedException => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
    }

    /// <summary>The tracking code is the resident's key to their need: no shared cache or back-forward cache keeps it.</summary>
    public static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";
}
