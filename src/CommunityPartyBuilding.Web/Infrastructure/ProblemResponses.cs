using System.Text.Json;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>Turns the portal's errors into RFC 7807 problem details, with messages in the caller's language.</summary>
public static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext context, int status, string messageKey, CancellationToken ct)
    {
        var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var problem = new ProblemDetails
        {
            Status = status,
            Title = localizer[TitleKey(status)],
            Detail = localizer[messageKey],
            Instance = context.Request.Path,
        };
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(problem, (JsonSerializerOptions?)null, "application/problem+json", ct);
    }

    /// <summary>Every 429 and every overload 503 says when to try again (RFC 9110 <c>Retry-After</c>, whole seconds, at least one).</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan after) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string TitleKey(int status) => status switch
    {
        400 => "Problem.BadRequest",
        401 => "Problem.Unauthorized",
        403 => "Problem.Forbidden",
        404 => "Problem.NotFound",
        409 => "Problem.Conflict",
        422 => "Problem.Validation",
        429 => "Problem.TooManyRequests",
        503 => "Problem.Unavailable",
        _ => "Problem.ServerError",
    };

    /// <summary>Localised per-field messages, keyed by the camelCase field name the API uses.</summary>
    public static Dictionary<string, string[]> Errors(IEnumerable<ValidationFailure> failures, IStringLocalizer localizer) =>
        failures.GroupBy(f => JsonNamingPolicy.CamelCase.ConvertName(f.Field))
            .ToDictionary(g => g.Key, g => g.Select(f => Localize(f, localizer)).ToArray());

    public static string Localize(ValidationFailure failure, IStringLocalizer localizer) =>
        localizer[failure.MessageKey, failure.Arguments.Select(a => LocalizeArgument(a, localizer)).ToArray()];

    public static string Localize(PortalException exception, IStringLocalizer localizer) =>
        exception is PortalValidationException v
            ? string.Join("；", v.Failures.Select(f => Localize(f, localizer)))
            : localizer[exception.MessageKey, exception.Arguments.Select(a => LocalizeArgument(a, localizer)).ToArray()];

    /// <summary>Arguments that are resource keys (<c>Field.Name</c>, <c>EvaluationStatus.Open</c>…) are shown in the reader's language.</summary>
    private static object LocalizeArgument(object argument, IStringLocalizer localizer)
    {
        if (argument is string s && s.Contains('.', StringComparison.Ordinal) && !s.Contains(' ', StringComparison.Ordinal))
        {
            var localized = localizer[s];
            return localized.ResourceNotFound ? s : localized.Value;
        }

        return argument;
    }
}

/// <summary>Maps exceptions thrown under <c>/api</c> to problem details; pages fall through to the error page.</summary>
public sealed class ApiExceptionHandler(IStringLocalizer<SharedResource> localizer, ILogger<ApiExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed Request.Path at /Error: the feature keeps the original path.
        var context = httpContext;
        var originalPath = new PathString(context.Features.Get<IExceptionHandlerFeature>()?.Path ?? context.Request.Path.Value);
        if (!originalPath.StartsWithSegments("/api"))
        {
            return false;
        }

        var (status, problem) = exception switch
        {
            PortalValidationException v => (StatusCodes.Status422UnprocessableEntity, (ProblemDetails)new ValidationProblemDetails(ProblemResponses.Errors(v.Failures, localizer))),
            PortalNotFoundException => (StatusCodes.Status404NotFound, new ProblemDetails()),
            PortalForbiddenException => (StatusCodes.Status403Forbidden, new ProblemDetails()),
            PortalConflictException => (StatusCodes.Status409Conflict, new ProblemDetails()),
            PortalRateLimitedException => (StatusCodes.Status429TooManyRequests, new ProblemDetails()),
            PortalUnavailableException or PortalOverloadedException => (StatusCodes.Status503ServiceUnavailable, new ProblemDetails()),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, new ProblemDetails()),
            BadHttpRequestException bad => (bad.StatusCode, new ProblemDetails()),
            JsonException => (StatusCodes.Status400BadRequest, new ProblemDetails()),
            _ when DatabaseFailures.IsUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, new ProblemDetails()),
            _ => (StatusCodes.Status500InternalServerError, new ProblemDetails()),
        };

        if (status >= 500 && exception is not PortalOverloadedException)
        {
            logger.UnhandledError(exception, originalPath.Value);
        }

        problem.Status = status;
        problem.Title = localizer[ProblemResponses.TitleKey(status)];
        problem.Detail = exception switch
        {
            PortalException p => ProblemResponses.Localize(p, localizer),
            DbUpdateConcurrencyException => localizer["Error.ConcurrencyConflict"],
            BadHttpRequestException or JsonException => localizer["Error.MalformedRequest"],
            _ when status == StatusCodes.Status503ServiceUnavailable => localizer["Error.DatabaseUnavailable"],
            _ => localizer["Error.Unexpected"],
        };
        problem.Instance = originalPath;
        if (exception is PortalRateLimitedException limited)
        {
            ProblemResponses.SetRetryAfter(context.Response, limited.RetryAfter);
        }
        else if (exception is PortalOverloadedException overloaded)
        {
            ProblemResponses.SetRetryAfter(context.Response, overloaded.RetryAfter);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable && exception is not PortalException)
        {
            // The database is restarting or out of reach: nothing was changed, and the caller may simply try again.
            ProblemResponses.SetRetryAfter(context.Response, DatabaseFailures.RetryAfter);
        }

        problem.Extensions["traceId"] = context.TraceIdentifier;
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(problem, problem.GetType(), (JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
        return true;
    }
}
