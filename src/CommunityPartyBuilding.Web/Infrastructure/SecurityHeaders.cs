using Microsoft.AspNetCore.Builder;

namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// Response headers (ASVS 3.4): a content security policy that Blazor Server and MudBlazor work under (scripts only
/// from the portal itself, plus the import map with a per-response nonce; inline styles, which MudBlazor and the
/// reconnect dialog set, are allowed; the circuit's WebSocket is 'self'), nosniff, a referrer policy, no framing,
/// and API answers that no cache keeps.
/// </summary>
public static class SecurityHeaders
{
    public static HeaderPolicyCollection Pages() => Common()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self().WithNonce();
            csp.AddStyleSrc().Self().UnsafeInline();
            csp.AddImgSrc().Self().Data().Blob();
            csp.AddFontSrc().Self().Data();
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().Self();
            csp.AddFormAction().Self();
            csp.AddFrameAncestors().None();
        });

    /// <summary>The interactive API reference (/scalar) runs its own inline start-up script.</summary>
    public static HeaderPolicyCollection ApiReference() => Common()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self().UnsafeInline();
            csp.AddStyleSrc().Self().UnsafeInline();
            csp.AddImgSrc().Self().Data();
            csp.AddFontSrc().Self().Data();
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddFrameAncestors().None();
        });

    public static IApplicationBuilder UsePortalSecurityHeaders(this IApplicationBuilder app)
    {
        var pages = Pages();
        var reference = ApiReference();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/scalar"), b => b.UseSecurityHeaders(reference));
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/scalar"), b => b.UseSecurityHeaders(pages));

        // API answers (JSON, files with personal data) are never stored by a browser or a proxy.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers.Pragma = "no-cache";
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }

    private static HeaderPolicyCollection Common() => new HeaderPolicyCollection()
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicyStrictOriginWhenCrossOrigin()
        .AddFrameOptionsDeny()
        .AddCrossOriginOpenerPolicy(b => b.SameOrigin())
        .AddPermissionsPolicy(p =>
        {
            p.AddCamera().None();
            p.AddMicrophone().None();
            p.AddGeolocation().None();
            p.AddPayment().None();
        })
        .RemoveServerHeader();
}
