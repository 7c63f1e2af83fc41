using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// The portal's own traces and metrics (ActivitySource and Meter <see cref="Name"/>): the PDF render queue, ballots,
/// reminder and agreement-expiry passes, interactive circuits. docs/operations.md lists every instrument.
/// </summary>
public static class PortalTelemetry
{
    public const string Name = "CommunityPartyBuilding";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> RenderDuration = Meter.CreateHistogram<double>(
        "portal.reports.render.duration", "s", "Time to draw one PDF, from taking a slot to the last byte.");

    public static readonly Histogram<double> RenderWait = Meter.CreateHistogram<double>(
        "portal.reports.render.wait", "s", "Time a PDF request waited in the render queue for a slot.");

    public static readonly UpDownCounter<int> RendersWaiting = Meter.CreateUpDownCounter<int>(
        "portal.reports.render.waiting", "{render}", "PDF requests waiting for a slot in the render queue.");

    public static readonly Counter<long> RendersRefused = Meter.CreateCounter<long>(
        "portal.reports.render.refused", "{request}", "PDF requests refused (503) because they would have waited longer than Portal:Reports:MaxQueueWaitSeconds.");

    public static readonly Counter<long> ExpensiveRefused = Meter.CreateCounter<long>(
        "portal.reports.admission.refused", "{request}", "Expensive requests (PDFs, exports, ZIPs) refused (503) at admission, by reason: wait (expected wait longer than Portal:Reports:MaxQueueWaitSeconds) or full (queue full).");

    public static readonly Counter<long> ReportsServed = Meter.CreateCounter<long>(
        "portal.reports.served", "{download}", "Downloads of a kept report served from storage, without drawing it again, by kind and by where the bytes came from (memory, database).");

    public static readonly Counter<long> DashboardCache = Meter.CreateCounter<long>(
        "portal.dashboard.cache", "{request}", "Dashboard and department figures asked for, by result (hit, miss).");

    public static readonly UpDownCounter<int> RendersRunning = Meter.CreateUpDownCounter<int>(
        "portal.reports.render.running", "{render}", "PDFs being drawn right now.");

    public static readonly Counter<long> BallotsCast = Meter.CreateCounter<long>(
        "portal.ballots.cast", "{ballot}", "Ballots stored, by channel (online, paper).");

    public static readonly Counter<long> BallotsRejected = Meter.CreateCounter<long>(
        "portal.ballots.rejected", "{attempt}", "Ballot code attempts refused, by reason (unknown_code, code_used, window_closed, rate_limited).");

    public static readonly Counter<long> NeedsSubmitted = Meter.CreateCounter<long>(
        "portal.needs.submitted", "{need}", "Needs and small wishes stored, by source (resident, staff).");

    public static readonly Counter<long> NeedsRefused = Meter.CreateCounter<long>(
        "portal.needs.refused", "{attempt}", "Public need submissions and code attempts refused, by reason (rate_limited, challenge, unknown_code).");

    public static readonly Counter<long> RemindersCreated = Meter.CreateCounter<long>(
        "portal.reminders.created", "{notification}", "Notifications created by reminder passes.");

    public static readonly Counter<long> AgreementsExpired = Meter.CreateCounter<long>(
        "portal.agreements.expired", "{agreement}", "Agreements marked expired by the expiry pass.");

    public static readonly UpDownCounter<long> CircuitsActive = Meter.CreateUpDownCounter<long>(
        "portal.circuits.active", "{circuit}", "Interactive (Blazor Server) circuits open now.");

    public static readonly Counter<long> CircuitsOpened = Meter.CreateCounter<long>(
        "portal.circuits.opened", "{circuit}", "Interactive (Blazor Server) circuits opened.");

    public static readonly Counter<long> CircuitConnectionsLost = Meter.CreateCounter<long>(
        "portal.circuits.connection_lost", "{connection}", "Circuit connections that went down (the browser may reconnect).");

    /// <summary>
    /// Traces and metrics: ASP.NET Core (with Blazor's own sources), Npgsql, the .NET runtime and the portal's own
    /// instruments. Nothing leaves the process unless <c>Portal:Telemetry:OtlpEndpoint</c> is set (OTLP export of
    /// traces and metrics) or <c>Portal:Telemetry:Prometheus:Enabled</c> is true (scrape endpoint, see
    /// <see cref="UsePortalPrometheusEndpoint"/>).
    /// </summary>
    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedSettings<TelemetryOptions>(TelemetryOptions.Section);
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddScoped<CircuitHandler, CircuitTelemetryHandler>();

        // Read here because the exporters are chosen while services are registered; the validator reports bad values at start.
        var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(Name)
                .AddSource("Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits")
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Static files and health probes would drown the traces that matter.
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/_framework")
                        && !context.Request.Path.StartsWithSegments("/_content")
                        && !context.Request.Path.StartsWithSegments("/health")
                        && !context.Request.Path.StartsWithSegments(settings.Prometheus.Path);
                })
                .AddNpgsql())
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(Name)
                    .AddMeter("Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Lifecycle", "Microsoft.AspNetCore.Components.Server.Circuits")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Npgsql");
                if (settings.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (Uri.TryCreate(settings.OtlpEndpoint, UriKind.Absolute, out var endpoint))
        {
            telemetry.UseOtlpExporter(settings.OtlpProtocol, endpoint);
        }

        return services;
    }

    /// <summary>
    /// The Prometheus scrape endpoint, when enabled: it answers only on <c>Portal:Telemetry:Prometheus:Port</c>, a port
    /// the operator binds for the scraper alone (e.g. <c>ASPNETCORE_URLS=http://+:8080;http://+:9464</c> with only 8080
    /// published), whatever Host header a request carries. On the public port the path is an ordinary unknown page.
    /// </summary>
    public static WebApplication UsePortalPrometheusEndpoint(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus;
        if (settings.Enabled)
        {
            var port = settings.Port!.Value;
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Connection.LocalPort == port && context.Request.Path.Equals(settings.Path, StringComparison.Ordinal));
        }

        return app;
    }
}

/// <summary><c>Portal:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Portal:Telemetry";

    /// <summary>service.name of every span and metric.</summary>
    [Required]
    public string ServiceName { get; set; } = "community-party-building";

    /// <summary>OTLP collector address (e.g. http://otel-collector:4317); empty: no OTLP export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Grpc (port 4317) or HttpProtobuf (port 4318; the /v1/traces and /v1/metrics paths are added).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    public PrometheusOptions Prometheus { get; set; } = new();
}

/// <summary><c>Portal:Telemetry:Prometheus</c>.</summary>
public sealed class PrometheusOptions
{
    public bool Enabled { get; set; }

    /// <summary>The only local port on which the scrape endpoint answers; required when enabled.</summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    [Required]
    public string Path { get; set; } = "/metrics";
}

/// <summary>What annotations cannot say about <see cref="TelemetryOptions"/>.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        SettingsValidation.Annotations(options.Prometheus, $"{TelemetryOptions.Section}:Prometheus", failures);
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint)
            && !(Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add($"{TelemetryOptions.Section}:OtlpEndpoint: '{options.OtlpEndpoint}' is not an absolute http(s) address (e.g. http://otel-collector:4317).");
        }

        if (options.Prometheus.Enabled && options.Prometheus.Port is null)
        {
            failures.Add($"{TelemetryOptions.Section}:Prometheus:Port: required when the scrape endpoint is enabled (a port published to the scraper only, e.g. 9464).");
        }

        if (!options.Prometheus.Path.StartsWith('/'))
        {
            failures.Add($"{TelemetryOptions.Section}:Prometheus:Path: '{options.Prometheus.Path}' must start with '/'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Counts interactive circuits (opened, open now, connections lost) for <see cref="PortalTelemetry"/>.</summary>
public sealed class CircuitTelemetryHandler : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        PortalTelemetry.CircuitsOpened.Add(1);
        PortalTelemetry.CircuitsActive.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        PortalTelemetry.CircuitsActive.Add(-1);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        PortalTelemetry.CircuitConnectionsLost.Add(1);
        return Task.CompletedTask;
    }
}
