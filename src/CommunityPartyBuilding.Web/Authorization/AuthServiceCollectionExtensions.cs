using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace CommunityPartyBuilding.Web.Authorization;

public static class AuthServiceCollectionExtensions
{
    public const string PortalScheme = "Portal";
    public const string SignInRateLimit = "sign-in";

    public static IServiceCollection AddPortalAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var security = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>()?.Security ?? new SecurityOptions();

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                // ASVS 6.2: length and a block list (PasswordPolicy), no composition rules.
                options.Password.RequiredLength = PasswordPolicy.MinimumLength;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version2;
                options.Tokens.AuthenticatorTokenProvider = ReplayRefusingAuthenticatorTokenProvider.Name;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ReplayRefusingAuthenticatorTokenProvider>(ReplayRefusingAuthenticatorTokenProvider.Name)
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = PortalScheme;
                options.DefaultChallengeScheme = PortalScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(PortalScheme, "Cookie or bearer token", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiTokenDefaults.Scheme
                        : IdentityConstants.ApplicationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenDefaults.Scheme, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "portal.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.ExpireTimeSpan = TimeSpan.FromMinutes(security.IdleTimeoutMinutes);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
            options.Events.OnSigningIn = ServerSessions.OnSigningInAsync;
            options.Events.OnSigningOut = ServerSessions.OnSigningOutAsync;
            options.Events.OnValidatePrincipal = async context =>
            {
                var services = context.HttpContext.RequestServices;
                if (SessionTooOld(context.Principal, services.GetRequiredService<TimeProvider>(), security)
                    || !await ServerSessions.IsAliveAsync(services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>>(), context.Principal, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });

        // A changed security stamp (password reset, "end all sessions", lock, role change) ends cookie sessions
        // within a minute; the sign-in time survives the periodic refresh so the absolute limit holds.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.OnRefreshingPrincipal = context =>
            {
                var signedInAt = context.CurrentPrincipal?.FindFirst(PortalClaims.SignedInAt);
                var identity = context.NewPrincipal?.Identities.FirstOrDefault();
                if (context.CurrentPrincipal?.FindFirst(ServerSessions.SessionClaim) is { } session && identity is not null)
                {
                    identity.AddClaim(new Claim(ServerSessions.SessionClaim, session.Value));
                }

                if (signedInAt is not null && identity is not null)
                {
                    var fresh = identity.FindFirst(PortalClaims.SignedInAt);
                    if (fresh is not null)
                    {
                        identity.RemoveClaim(fresh);
                    }

                    identity.AddClaim(new Claim(PortalClaims.SignedInAt, signedInAt.Value));
                }

                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.SystemAdministrator, p => p.RequireRole(PortalRoles.SystemAdministrator))
            .AddPolicy(Policies.StreetStaff, p => p.RequireRole(PortalRoles.StreetStaff))
            .AddPolicy(Policies.StreetReaders, p => p.RequireRole(
                PortalRoles.SystemAdministrator, PortalRoles.OrganisationDepartment, PortalRoles.StreetStaff, PortalRoles.CommunityStaff))
            .AddPolicy(Policies.OversightReaders, p => p.RequireRole(PortalRoles.SystemAdministrator, PortalRoles.OrganisationDepartment))
            .AddPolicy(Policies.AccountManagers, p => p.RequireRole(PortalRoles.SystemAdministrator, PortalRoles.StreetStaff))
            .AddPolicy(Policies.AuditReaders, p => p.RequireRole(
                PortalRoles.SystemAdministrator, PortalRoles.OrganisationDepartment, PortalRoles.StreetStaff));

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, PortalRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<CircuitActivity>();
        services.AddScoped<CurrentUserCircuitHandler>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CurrentUserCircuitHandler>());
        services.AddScoped<ScopeGuard>();
        services.AddScoped<SecurityEvents>();
        services.AddScoped<UnknownAccountGuard>();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                // The expensive endpoints' concurrency limit: the server is busy, not the client too fast (503).
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName;
                if (policy == Features.Reports.ReportsServiceCollectionExtensions.ExpensiveRateLimit)
                {
                    // Refused at admission (expected wait longer than the maximum: the lease says so) or a full queue.
                    var reports = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Features.Reports.ReportOptions>>().Value;
                    var byWait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait);
                    PortalTelemetry.ExpensiveRefused.Add(1, new KeyValuePair<string, object?>("reason", byWait ? "wait" : "full"));
                    ProblemResponses.SetRetryAfter(context.HttpContext.Response, byWait ? wait : reports.RetryAfter);
                    await ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status503ServiceUnavailable, "Reports.Busy", ct);
                    return;
                }

                // The sliding window frees a segment every 10 seconds; say so when the lease has no better figure.
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(10);
                ProblemResponses.SetRetryAfter(context.HttpContext.Response, retryAfter);

                await ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Error.RateLimited", ct);
            };

            // Sign-in attempts (the page's POST and /api/v1/tokens): per client address. Generous enough for a
            // shared office address, tight enough to slow down guessing; lockout protects each account anyway.
            options.AddPolicy(SignInRateLimit, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetSlidingWindowLimiter(address, _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value.RateLimits.SignInPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                });
            });
        });

        return services;
    }

    internal static bool SessionTooOld(ClaimsPrincipal? principal, TimeProvider clock, SecurityOptions security)
    {
        var value = principal?.FindFirstValue(PortalClaims.SignedInAt);
        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return principal?.Identity?.IsAuthenticated == true;
        }

        var signedInAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return clock.GetUtcNow() - signedInAt > TimeSpan.FromHours(security.AbsoluteSessionHours);
    }

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return ProblemResponses.WriteAsync(
                context.HttpContext,
                status,
                status == StatusCodes.Status401Unauthorized ? "Error.SignInRequired" : "Error.Forbidden",
                context.HttpContext.RequestAborted);
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
