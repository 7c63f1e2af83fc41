using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Notifications;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace CommunityPartyBuilding.IntegrationTests.Infrastructure;

/// <summary>
/// The app's OpenTelemetry pipeline, with the in-memory exporter in place of OTLP: requests, their SQL and the
/// portal's own passes become spans of one trace, the portal's instruments become metrics, and the Prometheus
/// endpoint answers on its own port.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the app through IAsyncLifetime.DisposeAsync, which also drops its database.")]
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly ExportedItems<Activity> spans = [];
    private readonly ExportedItems<Metric> metrics = [];
    private readonly PortalApp app;

    public TelemetryTests() => app = new PortalApp { Port = FreePort(), ExportedSpans = spans, ExportedMetrics = metrics, PrometheusOnPort = true };

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task An_api_request_is_one_trace_with_its_sql_and_the_portal_passes_have_spans_and_metrics()
    {
        var donghu = await app.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await app.ApiAsAsync("staff.donghu@example.org");
        var response = await staff.GetAsync($"/api/v1/streets/{donghu}/meetings");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The server span ends just after the response is written.
        var request = await WaitForAsync(() => spans.Snapshot().FirstOrDefault(s =>
            s.Kind == ActivityKind.Server && s.GetTagItem("http.route") as string == "/api/v1/streets/{streetId:guid}/meetings"));
        Assert.Equal(200, request.GetTagItem("http.response.status_code"));
        var sql = spans.Snapshot().Where(s => s.Source.Name == "Npgsql" && s.TraceId == request.TraceId).ToList();
        Assert.NotEmpty(sql);
        Assert.All(sql, s => Assert.Equal("postgresql", s.GetTagItem("db.system.name") ?? s.GetTagItem("db.system")));

        // A reminder pass (the hourly job's work) is a span of the portal's own source, with what it did.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderPass>().RunAsync();
        }

        var pass = await WaitForAsync(() => spans.Snapshot().FirstOrDefault(s => s.Source.Name == PortalTelemetry.Name && s.OperationName == "reminders.pass"));
        Assert.NotNull(pass.GetTagItem("portal.reminders.created"));
        Assert.Contains(spans.Snapshot(), s => s.Source.Name == "Npgsql" && s.TraceId == pass.TraceId);

        // Metrics: ASP.NET Core's request duration and the portal's reminder counter reach the exporter.
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var names = metrics.Snapshot().Select(m => m.Name).ToHashSet();
        Assert.Contains("http.server.request.duration", names);
        Assert.Contains("portal.reminders.created", names);

        // Prometheus scrapes the same metrics on the scrape port.
        using var scraper = new HttpClient { BaseAddress = app.BaseAddress };
        var scrape = await scraper.GetStringAsync("/metrics");
        Assert.Contains("portal_reminders_created", scrape, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", scrape, StringComparison.Ordinal);
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> find)
        where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (find() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The span was not exported within 5 seconds.");
        return null!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
