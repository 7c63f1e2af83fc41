namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>One validation failure: the field it concerns, a resource key for the message and its arguments.</summary>
public sealed record ValidationFailure(string Field, string MessageKey, params object[] Arguments);

/// <summary>Base of the errors a handler raises on purpose; pages show them as messages, the API as problem details.</summary>
public abstract class PortalException(string messageKey, params object[] arguments) : Exception(messageKey)
{
    public string MessageKey { get; } = messageKey;

    public IReadOnlyList<object> Arguments { get; } = arguments;
}

/// <summary>Input is invalid (400/422 with per-field errors).</summary>
public sealed class PortalValidationException(IReadOnlyList<ValidationFailure> failures)
    : PortalException("Error.Validation")
{
    public IReadOnlyList<ValidationFailure> Failures { get; } = failures;

    public static void ThrowIfAny(IReadOnlyList<ValidationFailure> failures)
    {
        if (failures.Count > 0)
        {
            throw new PortalValidationException(failures);
        }
    }
}

/// <summary>The thing does not exist, or is outside the caller's scope (404: existence is not revealed).</summary>
public sealed class PortalNotFoundException(string messageKey = "Error.NotFound", params object[] arguments)
    : PortalException(messageKey, arguments);

/// <summary>The caller may see the thing but not do this to it (403).</summary>
public sealed class PortalForbiddenException(string messageKey = "Error.Forbidden", params object[] arguments)
    : PortalException(messageKey, arguments);

/// <summary>A conflict: a concurrent edit, a duplicate, a wrong state transition (409).</summary>
public sealed class PortalConflictException(string messageKey, params object[] arguments)
    : PortalException(messageKey, arguments);

/// <summary>Too many attempts from this client or with this code (429, with <c>Retry-After</c>).</summary>
public sealed class PortalRateLimitedException(string messageKey = "Error.RateLimited", TimeSpan? retryAfter = null)
    : PortalException(messageKey)
{
    /// <summary>How long the client should wait before trying again (the <c>Retry-After</c> header).</summary>
    public TimeSpan RetryAfter { get; } = retryAfter ?? TimeSpan.FromMinutes(1);
}

/// <summary>The server cannot do this right now for a reason outside the request (503), e.g. no CJK font for PDFs.</summary>
public sealed class PortalUnavailableException(string messageKey, params object[] arguments)
    : PortalException(messageKey, arguments);

/// <summary>
/// The server is busy right now (503, with <c>Retry-After</c>): the caller would have waited longer than the
/// configured time for an expensive piece of work (a PDF render). Nothing was changed.
/// </summary>
public sealed class PortalOverloadedException(string messageKey, TimeSpan retryAfter)
    : PortalException(messageKey)
{
    /// <summary>How long the client should wait before trying again (the <c>Retry-After</c> header).</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
