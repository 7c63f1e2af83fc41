using CommunityPartyBuilding.Web.Components.Shared;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Infrastructure.OpenApi;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using MudBlazor.Services;

namespace CommunityPartyBuilding.Web;

/// <summary>The portal's service registrations, one method per concern: Program.cs reads as a table of contents.</summary>
public static class PortalServiceCollectionExtensions
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];

    public static IServiceCollection AddPortalData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment? environment = null)
    {
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<PortalOptions>, PortalOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<BusinessCalendar>();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<TextInputInterceptor>();
        services.AddSingleton<Features.Dashboard.FigureVersions>();
        services.AddSingleton<Features.Dashboard.FigureInvalidation>();
        services.AddSingleton<Features.Account.ApiTokenCache>();
        services.AddSingleton<Features.Account.ApiTokenCacheInvalidation>();
        services.AddScoped<Data.Seeding.DemoSeeder>();

        var connectionString = configuration.GetConnectionString("Portal")
            ?? throw new InvalidOperationException("Connection string 'Portal' is not configured (ConnectionStrings__Portal).");
        services.AddDbContextFactory<PortalDbContext>((sp, options) => options
            .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(3))
            .AddInterceptors(sp.GetRequiredService<TextInputInterceptor>(), sp.GetRequiredService<AuditInterceptor>(),
                // Each is a save and a transaction interceptor at once (CommitAwareInvalidation).
                sp.GetRequiredService<Features.Dashboard.FigureInvalidation>(), sp.GetRequiredService<Features.Account.ApiTokenCacheInvalidation>()));

        // Identity's stores and Data Protection take a scoped context; components and handlers use the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());

        var dataProtection = services.AddDataProtection()
            .SetApplicationName("CommunityPartyBuilding")
            .PersistKeysToDbContext<PortalDbContext>();
        ProtectKeysAtRest(dataProtection, configuration, environment);

        services.AddHealthChecks()
            .AddCheck<DatabaseReadyHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Data Protection keys (they protect cookies and 2FA state) are encrypted at rest with the certificate named by
    /// <c>Portal:DataProtection:CertificatePath</c> (PKCS#12, password in <c>Portal:DataProtection:CertificatePassword</c>).
    /// Production refuses to start without one unless <c>Portal:DataProtection:AllowUnencryptedKeys</c> is true (demo only).
    /// </summary>
    internal static void ProtectKeysAtRest(IDataProtectionBuilder dataProtection, IConfiguration configuration, IHostEnvironment? environment)
    {
        var section = configuration.GetSection("Portal:DataProtection");
        var path = section["CertificatePath"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, section["CertificatePassword"]);
            dataProtection.ProtectKeysWithCertificate(certificate);
        }
        else if (environment?.IsProduction() == true && !section.GetValue<bool>("AllowUnencryptedKeys"))
        {
            throw new InvalidOperationException(
                "Portal:DataProtection:CertificatePath is not configured: production encrypts the Data Protection keys at rest " +
                "(see docs/security.md). Set Portal:DataProtection:AllowUnencryptedKeys=true only for a demonstration.");
        }
    }

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization();

        // Write Chinese as characters, not &#x…; entities: smaller pages, readable source.
        services.AddWebEncoders(options => options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("zh-CN");
            options.SupportedCultures = SupportedCultures;
            options.SupportedUICultures = SupportedCultures;

            // Chinese unless the person chose English with the switch (a cookie); the browser's language is not consulted.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static IServiceCollection AddPortalUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopCenter;
            config.SnackbarConfiguration.VisibleStateDuration = 5000;
        });
        services.AddTransient<MudLocalizer, PortalMudLocalizer>();
        services.AddScoped<IdentityRedirectManager>();
        return services;
    }

    public static IServiceCollection AddPortalApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // Security schemes, licence, operation names and texts, examples: Infrastructure/OpenApi.
        services.AddOpenApi("v1", options => options.AddPortalConventions());
        return services;
    }

    /// <summary>Registers every use-case handler (classes implementing <see cref="IHandler"/>).</summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        foreach (var type in typeof(PortalServiceCollectionExtensions).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IHandler).IsAssignableFrom(t)))
        {
            services.AddScoped(type);
        }

        services.AddHostedService<Features.Agreements.AgreementExpiryService>();
        services.AddScoped<Features.Notifications.ReminderPass>();
        services.AddScoped<Features.Needs.NeedPass>();
        services.AddHostedService<Features.Notifications.ReminderService>();

        // The organisation department's ZIP of annual reports: replaced by the PDF feature's implementation.
        services.AddScoped<Features.Dashboard.IAnnualReportSource, Features.Reports.AnnualReportSource>();

        services.AddMemoryCache();

        // Issue #18: dashboard and department figures cached per (street, year) for a short time, invalidated by writes.
        services.AddValidatedSettings<Features.Dashboard.DashboardOptions>(Features.Dashboard.DashboardOptions.Section);
        services.AddSingleton<Features.Dashboard.FigureCache>();
        services.AddValidatedSettings<Features.Evaluations.BallotRateLimitOptions>(Features.Evaluations.BallotRateLimitOptions.Section);
        services.AddSingleton<Features.Evaluations.BallotAttemptLimiter>();
        services.AddValidatedSettings<Features.Needs.NeedRateLimitOptions>(Features.Needs.NeedRateLimitOptions.Section);
        services.AddSingleton<Features.Needs.PublicNeedLimiter>();
        services.AddSingleton<Features.Needs.NeedChallenge>();

        return services;
    }
}
