namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// Refuses, with a 400 problem answer, requests whose query string holds control characters (NUL would otherwise
/// reach PostgreSQL) or whose <c>returnUrl</c> is not a local path (an absolute or protocol-relative address, or one
/// with a tab or backslash that browsers read as another host). Bad input is a client error, never a 500.
/// </summary>
public sealed class RequestInputMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var (key, values) in context.Request.Query)
        {
            if (!TextInput.IsAllowed(key, multiLine: false) || values.Any(v => v is not null && !TextInput.IsAllowed(v, multiLine: false)))
            {
                return RefuseAsync(context, "Error.ControlCharacters");
            }

            if (key.Equals("returnUrl", StringComparison.OrdinalIgnoreCase)
                && values.Any(v => !string.IsNullOrEmpty(v) && !TextInput.IsLocalPath(v)))
            {
                return RefuseAsync(context, "Error.ReturnUrlNotLocal");
            }
        }

        return next(context);
    }

    private static Task RefuseAsync(HttpContext context, string messageKey)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        return ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, messageKey, context.RequestAborted);
    }
}
