using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// The error answers of the API, declared once for the OpenAPI document. Handlers refuse by throwing a
/// <see cref="PortalException"/> and <see cref="ProblemResponses"/> turns it into problem details, so the endpoints do not
/// return these answers themselves: every route can answer 401, 403 and 404 (scope is checked in the handler, and a
/// caller outside it is told "not found"); any route can answer 400 (a malformed body, route or query value); routes
/// that change data can also answer 409 (a conflict or a stale version) and 422 (validation, with the failures per
/// field, <see cref="HttpValidationProblemDetails"/>); rate-limited routes answer 429. The OpenAPI conventions
/// (Infrastructure/OpenApi) add 422 to reads that take a query string (an unknown enumeration value, a page out of range).
/// </summary>
public static class ApiAnswers
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    public static RouteGroupBuilder DeclareProblemAnswers(this RouteGroupBuilder api)
    {
        // Finally: after the routes' own conventions (AllowAnonymous, typed results), so that those are seen.
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IAllowAnonymous>().Any() is false)
            {
                Add(endpoint, StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
            }

            Add(endpoint, StatusCodes.Status400BadRequest, typeof(ProblemDetails));
            Add(endpoint, StatusCodes.Status403Forbidden, typeof(ProblemDetails));
            Add(endpoint, StatusCodes.Status404NotFound, typeof(ProblemDetails));
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods);
            if (methods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m)))
            {
                Add(endpoint, StatusCodes.Status409Conflict, typeof(ProblemDetails));
                Add(endpoint, StatusCodes.Status422UnprocessableEntity, typeof(HttpValidationProblemDetails));
            }

            var rateLimit = endpoint.Metadata.OfType<EnableRateLimitingAttribute>().LastOrDefault();
            if (rateLimit?.PolicyName == Features.Reports.ReportsServiceCollectionExtensions.ExpensiveRateLimit)
            {
                // Expensive endpoints are refused when the server is busy, with Retry-After.
                Add(endpoint, StatusCodes.Status503ServiceUnavailable, typeof(ProblemDetails));
            }
            else if (rateLimit is not null)
            {
                Add(endpoint, StatusCodes.Status429TooManyRequests, typeof(ProblemDetails));
            }
        });
        return api;
    }

    private static void Add(EndpointBuilder endpoint, int status, Type type)
    {
        if (!endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status))
        {
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, type, ProblemJson));
        }
    }
}
