using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// CSRF defence for the API (ASVS 3.5.1–3.5.3): an unsafe request (POST, PUT, PATCH, DELETE) under <c>/api</c> that
/// carries the session cookie and no bearer token must come from the portal's own pages: its <c>Origin</c> (or,
/// without one, its <c>Referer</c>) must be the portal's own origin, else 403. Bearer-token calls carry no ambient
/// credential and are unaffected; the pages' own forms are protected by antiforgery tokens.
/// </summary>
public sealed class CrossSiteRequestMiddleware(RequestDelegate next, IOptions<PortalOptions> options)
{
    public const string SessionCookie = "portal.auth";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api")
            || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || !request.Cookies.Keys.Any(k => k.StartsWith(SessionCookie, StringComparison.Ordinal)))
        {
            return next(context);
        }

        var source = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(source) && Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer))
        {
            source = referer.GetLeftPart(UriPartial.Authority);
        }

        if (IsOwnOrigin(source, request, options.Value.PublicBaseUrl))
        {
            return next(context);
        }

        context.RequestServices.GetRequiredService<ILogger<CrossSiteRequestMiddleware>>().CrossSiteRequestRefused(
            request.Method, request.Path.Value ?? "", string.IsNullOrEmpty(source) ? "(none)" : source, context.Connection.RemoteIpAddress?.ToString());
        return ProblemResponses.WriteAsync(context, StatusCodes.Status403Forbidden, "Error.CrossSiteRequest", context.RequestAborted);
    }

    private static bool IsOwnOrigin(string source, HttpRequest request, string? publicBaseUrl)
    {
        if (string.IsNullOrEmpty(source) || source == "null")
        {
            return false;
        }

        var own = $"{request.Scheme}://{request.Host}";
        if (string.Equals(source, own, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var configured)
            && string.Equals(source, configured.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
    }
}
