using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Components;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Features.Committees;
using CommunityPartyBuilding.Web.Features.Dashboard;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Members;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Projects;
using CommunityPartyBuilding.Web.Features.Notifications;
using CommunityPartyBuilding.Web.Features.PublicNotice;
using CommunityPartyBuilding.Web.Features.Reports;
using CommunityPartyBuilding.Web.Features.Resources;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace CommunityPartyBuilding.Web;

public static class PortalApplicationExtensions
{
    /// <summary>Development / demo: apply migrations and seed when configured to. Production uses an explicit step.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        if (!options.MigrateOnStartup && !options.SeedDemoData)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            if (options.SeedDemoData)
            {
                await RecreateOutdatedDemoDatabaseAsync(db, app.Logger);
            }

            await db.Database.MigrateAsync();
        }

        if (options.SeedDemoData)
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            await seeder.SeedAsync(CancellationToken.None);
            var url = app.Configuration["Portal:PublicBaseUrl"] ?? app.Configuration["urls"]?.Split(';')[0] ?? "http://localhost:5080";
            await seeder.PrintDemoCodesAsync(url.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), CancellationToken.None);
        }
    }

    /// <summary>
    /// The migrations were squashed into one initial migration (no production database existed). A demo database
    /// whose history names migrations this build does not have is dropped and created again, with the demo data;
    /// a production database (no demo seeding) is never touched here.
    /// </summary>
    private static async Task RecreateOutdatedDemoDatabaseAsync(PortalDbContext db, ILogger logger)
    {
        if (!await db.Database.CanConnectAsync())
        {
            return;
        }

        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var applied = await db.Database.GetAppliedMigrationsAsync();
        var unknown = applied.Where(id => !known.Contains(id)).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        logger.OutdatedDemoDatabase(string.Join(", ", unknown));
        await db.Database.EnsureDeletedAsync();
        // Created empty here, so that the migration step finds it instead of failing its first connection.
        await db.GetService<IRelationalDatabaseCreator>().CreateAsync();
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        // Behind the configured proxies only: the client's address and scheme from X-Forwarded-For/-Proto, so that the
        // rate limits key on the client rather than on the proxy. Nothing is believed from anyone else.
        var proxy = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value.Proxy;
        if (proxy.Enabled)
        {
            app.UseForwardedHeaders(ForwardedHeadersFor(proxy));
        }

        if (!string.IsNullOrWhiteSpace(proxy.InstanceName))
        {
            var instance = proxy.InstanceName;
            app.Use((context, next) =>
            {
                context.Response.Headers["X-Portal-Instance"] = instance;
                return next(context);
            });
        }

        // First, so that error pages and problem details are in the person's language too.
        app.UseRequestLocalization();

        // API errors become problem details (ApiExceptionHandler, 404s included); page errors re-execute /Error.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            CreateScopeForErrors = true,
            AllowStatusCode404Response = true,
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // Pages get the friendly not-found page; the API answers with problem details.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"),
            b => b.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePages());

        app.UsePortalSecurityHeaders();
        app.UseMiddleware<RequestInputMiddleware>();
        app.UseMiddleware<CrossSiteRequestMiddleware>();

        // Routing after the error and status-code middleware, so that their re-execution finds /Error and /not-found.
        app.UseRouting();

        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<AccountGateMiddleware>();
        app.UseAntiforgery();
        return app;
    }

    internal static ForwardedHeadersOptions ForwardedHeadersFor(ProxyOptions proxy)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // One proxy in front: the last address it appended is the client's; anything a client wrote before is ignored.
            ForwardLimit = 1,
        };
        // The defaults trust loopback; only what is configured is trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var address in proxy.KnownProxies)
        {
            options.KnownProxies.Add(System.Net.IPAddress.Parse(address));
        }

        foreach (var network in proxy.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        return options;
    }

    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();

        // Every API route needs a signed-in caller unless it says AllowAnonymous; routes add a narrower policy where
        // the role alone decides, and handlers check the scope (ScopeGuard) on top.
        var api = app.MapGroup("/api/v1").WithTags("v1").DisableAntiforgery().RequireAuthorization(Policies.SignedIn).DeclareProblemAnswers();
        api.MapAccountApi();
        api.MapAdministrationApi();
        api.MapCommitteeApi();
        api.MapAuditApi();
        api.MapUnitApi();
        api.MapResourceApi();
        api.MapNeedApi();
        api.MapProjectApi();
        Features.Members.MemberApi.MapMemberApi(api);
        Features.Members.MemberApi.MapMemberSheetApi(api);
        api.MapPostsApi();
        api.MapServiceRecordApi();
        api.MapAgreementApi();
        api.MapActivityApi();
        api.MapMeetingApi();
        api.MapEvaluationApi();
        api.MapReportApi();
        api.MapDashboardApi();
        api.MapNotificationApi();
        api.MapPublicNoticeApi();
        api.MapMemberFiguresApi();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/scalar", options => options.WithTitle("CommunityPartyBuilding API"));

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = HealthResponses.WriteAsync,
        });

        app.MapGet("/culture", (string? culture, string? returnUrl, HttpContext context) =>
        {
            var chosen = PortalServiceCollectionExtensions.SupportedCultures.FirstOrDefault(c => c.Name == culture)?.Name ?? "zh-CN";
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = false, SameSite = SameSiteMode.Lax });
            // RequestInputMiddleware has refused a returnUrl that is not a local path.
            var target = TextInput.IsLocalPath(returnUrl) ? returnUrl! : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
        return app;
    }
}
