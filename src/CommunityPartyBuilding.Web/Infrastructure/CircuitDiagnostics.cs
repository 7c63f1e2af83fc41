using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;

namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// The circuits benchmark's view from inside the portal (issue #18, scripts/bench.sh --circuits): open circuits, the
/// managed heap after a forced full collection, the process's resident memory and CPU time, and how long each inbound
/// circuit activity took from its arrival to its completion (an event's handler, awaited work included, and the
/// render batch it queues), by hub method. Off unless <c>Diagnostics:Circuits</c> is true; even then
/// <c>GET /_diagnostics/circuits</c> answers only callers on the loopback address (404 for anyone else), because a
/// forced collection pauses the whole process.
/// </summary>
public static class CircuitDiagnostics
{
    public const string Setting = "Diagnostics:Circuits";

    public const string Path = "/_diagnostics/circuits";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(Setting);

    public static IServiceCollection AddCircuitDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
        {
            return services;
        }

        services.AddSingleton<CircuitDiagnosticsRecorder>();
        services.AddScoped<CircuitHandler, CircuitDiagnosticsHandler>();
        services.AddSignalR(options => options.AddFilter<CircuitDiagnosticsHubFilter>());
        return services;
    }

    /// <summary>
    /// Only a caller on this machine's loopback address, and not one relayed by a proxy (a reverse proxy on the same
    /// host connects from 127.0.0.1 too, but says whom it forwards).
    /// </summary>
    public static bool MayAnswer(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
        && !context.Request.Headers.ContainsKey("X-Forwarded-For") && !context.Request.Headers.ContainsKey("Forwarded");

    public static WebApplication MapCircuitDiagnostics(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration))
        {
            return app;
        }

        app.MapGet(Path, (HttpContext context, CircuitDiagnosticsRecorder recorder, bool? collect, bool? reset) =>
        {
            if (!MayAnswer(context))
            {
                return Results.NotFound();
            }

            return Results.Json(recorder.Snapshot(collect ?? true, reset ?? false));
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}

/// <summary>
/// Counts circuits and keeps the timings until read with reset=true: inbound activities by hub method (arrival to
/// completion of what the hub dispatches synchronously), and Blazor's own measurements (meter
/// Microsoft.AspNetCore.Components): an event handler's duration with its awaited work
/// (<c>event:onclick</c> …) and a page's parameter update with its awaited loading (<c>page:UnitDetails</c> …).
/// </summary>
public sealed class CircuitDiagnosticsRecorder : IDisposable
{
    /// <summary>Every event handler and every page parameter update together: the interactions' server-side times.</summary>
    public const string Interaction = "interaction";

    private readonly System.Diagnostics.Metrics.MeterListener listener = new();

    public CircuitDiagnosticsRecorder()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name is "Microsoft.AspNetCore.Components" or "Microsoft.AspNetCore.Components.Lifecycle"
                && instrument.Name is "aspnetcore.components.handle_event.duration" or "aspnetcore.components.update_parameters.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, seconds, tags, _) =>
        {
            string? attribute = null, type = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "aspnetcore.components.attribute.name")
                {
                    attribute = tag.Value as string;
                }
                else if (tag.Key == "aspnetcore.components.type")
                {
                    type = tag.Value as string;
                }
            }

            if (instrument.Name == "aspnetcore.components.handle_event.duration")
            {
                Record("event:" + (attribute ?? "?"), seconds * 1000);
                Record(Interaction, seconds * 1000);
            }
            else if (type is not null && type.Contains(".Pages.", StringComparison.Ordinal) && type.StartsWith("CommunityPartyBuilding", StringComparison.Ordinal))
            {
                Record("page:" + type[(type.LastIndexOf('.') + 1)..], seconds * 1000);
                Record(Interaction, seconds * 1000);
            }
        });
        listener.Start();
    }

    public void Dispose() => listener.Dispose();

    /// <summary>The hub method being invoked, set by <see cref="CircuitDiagnosticsHubFilter"/> for the activity handler.</summary>
    internal static readonly AsyncLocal<string?> HubMethod = new();

    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> timings = new(StringComparer.Ordinal);
    private long open;
    private long opened;

    public void CircuitOpened()
    {
        Interlocked.Increment(ref open);
        Interlocked.Increment(ref opened);
    }

    public void CircuitClosed() => Interlocked.Decrement(ref open);

    public void Record(string kind, double milliseconds) =>
        timings.GetOrAdd(kind, _ => new ConcurrentQueue<double>()).Enqueue(milliseconds);

    public CircuitDiagnosticsSnapshot Snapshot(bool collect, bool reset)
    {
        if (collect)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        var managed = GC.GetTotalMemory(forceFullCollection: false);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        using var process = Process.GetCurrentProcess();
        var byKind = new SortedDictionary<string, ActivityTimings>(StringComparer.Ordinal);
        foreach (var (kind, queue) in timings)
        {
            var values = queue.ToArray();
            if (reset)
            {
                queue.Clear();
            }

            if (values.Length > 0)
            {
                Array.Sort(values);
                byKind[kind] = new ActivityTimings(values.Length, Percentile(values, 0.50), Percentile(values, 0.95), values[^1]);
            }
        }

        return new CircuitDiagnosticsSnapshot(
            Interlocked.Read(ref open),
            Interlocked.Read(ref opened),
            managed,
            info.HeapSizeBytes,
            info.TotalCommittedBytes,
            info.FragmentedBytes,
            info.TotalAvailableMemoryBytes,
            GCSettings.IsServerGC,
            GC.GetConfigurationVariables().TryGetValue("GCHeapHardLimit", out var limit) ? Convert.ToInt64(limit, System.Globalization.CultureInfo.InvariantCulture) : null,
            GC.GetConfigurationVariables().TryGetValue("GCDynamicAdaptationMode", out var datas) ? Convert.ToInt64(datas, System.Globalization.CultureInfo.InvariantCulture) : null,
            process.WorkingSet64,
            process.PrivateMemorySize64,
            process.TotalProcessorTime.TotalMilliseconds,
            byKind);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

public sealed record ActivityTimings(int Count, double P50Ms, double P95Ms, double MaxMs);

public sealed record CircuitDiagnosticsSnapshot(
    long CircuitsOpen,
    long CircuitsOpened,
    long ManagedBytes,
    long HeapSizeBytes,
    long CommittedBytes,
    long FragmentedBytes,
    long TotalAvailableBytes,
    bool ServerGc,
    long? HeapHardLimit,
    long? DynamicAdaptationMode,
    long WorkingSetBytes,
    long PrivateBytes,
    double CpuMilliseconds,
    IReadOnlyDictionary<string, ActivityTimings> Activities);

/// <summary>Names the hub method (DispatchBrowserEvent, OnLocationChanged, OnRenderCompleted …) for the activity handler.</summary>
public sealed class CircuitDiagnosticsHubFilter : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        CircuitDiagnosticsRecorder.HubMethod.Value = invocationContext.HubMethodName;
        return next(invocationContext);
    }
}

/// <summary>Counts circuits and times each inbound activity from its arrival to its completion.</summary>
public sealed class CircuitDiagnosticsHandler(CircuitDiagnosticsRecorder recorder) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        recorder.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        recorder.CircuitClosed();
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var kind = CircuitDiagnosticsRecorder.HubMethod.Value ?? "other";
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                recorder.Record(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        };
}
