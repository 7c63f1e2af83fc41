using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Respawn;

namespace CommunityPartyBuilding.IntegrationTests.Infrastructure;

/// <summary>
/// The portal running on Kestrel (so a browser can reach it too) against its own PostgreSQL database, migrated with
/// the real migrations at start. <see cref="ResetAsync"/> brings every table back to the seeded baseline (one
/// organisation department, 东湖 and 西城 streets with their committees, one account per role, the demo data): the
/// first reset empties the tables with Respawn, seeds, and keeps a copy of the seeded rows (<see cref="SeedSnapshot"/>);
/// later resets restore that copy, which takes a tenth of the time of seeding again.
/// </summary>
public sealed partial class PortalApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = DemoSeeder.DemoPassword;

    private string connectionString = "";
    private string databaseName = "";
    /// <summary>Tables a reset leaves alone: the migrations' history and the keys that protect cookies.</summary>
    private static readonly string[] IgnoredTables = ["__EFMigrationsHistory", "DataProtectionKeys"];

    private Respawner? respawner;
    private SeedSnapshot? snapshot;

    public TestClock Clock { get; } = new();

    /// <summary>Sign-in attempts per minute per address; the rate-limit test uses a second app with a low value.</summary>
    public int SignInRateLimit { get; init; } = 10_000;

    /// <summary>Public report verifications per minute per address; the verification rate-limit test uses a low value.</summary>
    public int VerifyRateLimit { get; init; } = 10_000;

    public int PublicNoticeRateLimit { get; init; } = 10_000;

    /// <summary>Needs submitted per address and hour (every test comes from 127.0.0.1); the need rate-limit test uses the default.</summary>
    public int NeedSubmissionsPerHour { get; init; } = 1_000_000;

    public string ConnectionString => connectionString;

    /// <summary>The Kestrel port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>When set, every span the app ends is exported here (OpenTelemetry's in-memory exporter).</summary>
    public ExportedItems<System.Diagnostics.Activity>? ExportedSpans { get; init; }

    /// <summary>When set, metrics are exported here on <c>MeterProvider.ForceFlush</c>.</summary>
    public ExportedItems<OpenTelemetry.Metrics.Metric>? ExportedMetrics { get; init; }

    /// <summary>Turns the Prometheus scrape endpoint on, answering on <see cref="Port"/>.</summary>
    public bool PrometheusOnPort { get; init; }

    /// <summary>Turns on <c>Diagnostics:Circuits</c> (GET /_diagnostics/circuits, loopback only).</summary>
    public bool CircuitDiagnostics { get; init; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    /// <summary>Further settings for an app of its own (e.g. a render queue that refuses at once).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Further test services for an app of its own (e.g. a renderer the test can hold).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public async Task InitializeAsync()
    {
        (connectionString, databaseName) = await PostgresServer.CreateDatabaseAsync();
        UseKestrel(Port);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = [.. IgnoredTables.Select(t => new Respawn.Graph.Table(t))],
        });
        await ResetAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await PostgresServer.DropDatabaseAsync(databaseName);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Portal", connectionString);
        builder.UseSetting("Portal:MigrateOnStartup", "true");
        builder.UseSetting("Portal:SeedDemoData", "false");

        // The tests run reminder passes themselves (ReminderPass), at moments they choose.
        builder.UseSetting("Portal:Reminders:Enabled", "false");
        builder.UseSetting("Portal:RateLimits:SignInPerMinute", SignInRateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Ballot limits: generous per client (every test comes from 127.0.0.1); the per-code limit keeps its default.
        builder.UseSetting("Portal:RateLimits:Ballots:PerClientPerMinute", "1000000");
        builder.UseSetting("Portal:RateLimits:Ballots:FailuresPerClientPer10Minutes", "1000000");
        builder.UseSetting("Portal:RateLimits:VerifyPerMinute", VerifyRateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:RateLimits:PublicNoticePerMinute", PublicNoticeRateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Resident needs: generous per client like the ballots, and the public form may be sent at once (no reading time).
        builder.UseSetting("Portal:RateLimits:Needs:SubmissionsPerHour", NeedSubmissionsPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:RateLimits:Needs:CodeAttemptsPerMinute", "1000000");
        builder.UseSetting("Portal:RateLimits:Needs:CodeFailuresPer10Minutes", "1000000");
        builder.UseSetting("Portal:RateLimits:Needs:MinimumFormSeconds", "0");
        if (PrometheusOnPort)
        {
            builder.UseSetting("Portal:Telemetry:Prometheus:Enabled", "true");
            builder.UseSetting("Portal:Telemetry:Prometheus:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (CircuitDiagnostics)
        {
            builder.UseSetting(Web.Infrastructure.CircuitDiagnostics.Setting, "true");
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            TestServices?.Invoke(services);
            // Cheap password hashing: every test re-seeds seven accounts.
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1000);
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (ExportedSpans is { } spans)
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            }

            if (ExportedMetrics is { } metrics)
            {
                services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
            }
        });
    }

    public async Task ResetAsync()
    {
        Clock.Reset();
        // The restored rows keep their ids from one test to the next, so nothing cached by id may outlive a test.
        (Services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>() as Microsoft.Extensions.Caching.Memory.MemoryCache)?.Clear();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (snapshot is not null && snapshot.Fits(Clock.GetUtcNow()))
        {
            await snapshot.RestoreAsync(connection);
            if (Clock.GetUtcNow() < snapshot.TakenAt)
            {
                // A pinned clock: never earlier than the seeded rows' own timestamps.
                Clock.Advance(snapshot.TakenAt - Clock.GetUtcNow());
            }

            return;
        }

        await respawner!.ResetAsync(connection);
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        }

        snapshot = await SeedSnapshot.TakeAsync(connection, Clock.GetUtcNow(), IgnoredTables);
    }

    public async Task<T> QueryAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Moves the clock so that it reads this business date (Asia/Shanghai) at the given local time, running on from there.</summary>
    public void SetToday(DateOnly date, int hour = 10)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var local = date.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
        var target = new DateTimeOffset(local, zone.GetUtcOffset(local));
        Clock.Advance(target - Clock.GetUtcNow());
    }

    public Task<Guid> StreetIdAsync(string name) =>
        QueryAsync(db => db.Streets.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    /// <summary>A client with no credentials, no automatic redirects, and a cookie jar.</summary>
    public HttpClient Anonymous() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }, disposeHandler: true)
        {
            BaseAddress = BaseAddress,
        };

    /// <summary>A client carrying a bearer token for the account.</summary>
    public async Task<HttpClient> ApiAsAsync(string email, string password = Password)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/tokens", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>Posts the sign-in page's form the way a browser does (antiforgery token included).</summary>
    public static async Task<HttpResponseMessage> PostSignInFormAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync("/Account/Login", form);
    }

    /// <summary>A cookie-authenticated client, signed in through the real sign-in page.</summary>
    public async Task<HttpClient> BrowserAsAsync(string email, string password = Password)
    {
        var client = Anonymous();
        var response = await PostSignInFormAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);
}

/// <summary>A collection the exporter may add to while a test reads it.</summary>
public sealed class ExportedItems<T> : System.Collections.ObjectModel.Collection<T>
{
    private readonly Lock gate = new();

    public IReadOnlyList<T> Snapshot()
    {
        lock (gate)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, T item)
    {
        lock (gate)
        {
            base.InsertItem(index, item);
        }
    }

    protected override void ClearItems()
    {
        lock (gate)
        {
            base.ClearItems();
        }
    }
}

[CollectionDefinition(Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "An xunit collection definition: the suffix says what it is.")]
public sealed class PortalCollection : ICollectionFixture<PortalApp>
{
    public const string Name = "Portal";
}

/// <summary>Base of integration tests: each test starts from the freshly seeded baseline.</summary>
[Collection(PortalCollection.Name)]
public abstract class PortalTest(PortalApp app) : IAsyncLifetime
{
    protected PortalApp App { get; } = app;

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
