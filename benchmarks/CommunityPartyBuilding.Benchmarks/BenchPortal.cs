using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// The real portal, in this process, on Kestrel bound to 127.0.0.1 with an ephemeral port: the integration tests'
/// approach (tests/…/Infrastructure/PortalApp.cs) with production-like settings. Migrations and the demo seed run at
/// start, so the demo accounts (staff.donghu@example.org …) exist.
/// </summary>
public sealed class BenchPortal(string connectionString, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public void Start()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        if (!BaseAddress.IsLoopback)
        {
            throw new InvalidOperationException($"The portal must listen on 127.0.0.1 only, not {address}.");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // WebApplicationFactory looks for MvcTestingAppManifest.json in the *current* directory (a test runner's is the
        // output folder); read it from the output folder so the benchmark runs from any directory.
        builder.UseContentRoot(WebContentRoot());

        // Production: no developer exception page; the portal's own appsettings.json applies.
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Portal", connectionString);
        builder.UseSetting("Portal:MigrateOnStartup", "true");
        builder.UseSetting("Portal:SeedDemoData", "true");

        // The run takes minutes; the token must outlive it. Nothing else is relaxed.
        builder.UseSetting("Portal:Security:ApiTokenLifetimeMinutes", "600");

        // The hourly reminder pass would otherwise run 20 s after start, in the middle of the data generation or a measurement.
        builder.UseSetting("Portal:Reminders:Enabled", "false");

        // Console logging at Information would be measured too (and would interleave with BenchmarkDotNet's output).
        builder.UseSetting("Logging:LogLevel:Default", "Warning");

        // A throwaway database dropped at the end: its Data Protection keys need no certificate; and issued PDFs need a
        // public address in production (the verification link), here the loopback.
        builder.UseSetting("Portal:DataProtection:AllowUnencryptedKeys", "true");
        builder.UseSetting("Portal:PublicBaseUrl", "http://127.0.0.1");

        // The dashboard benchmark measures the computation, so the figures' cache is off unless a run asks for it.
        builder.UseSetting("Portal:Dashboard:CacheSeconds", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    private static string WebContentRoot()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        var roots = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest))!;
        return roots[typeof(Program).Assembly.FullName!];
    }
}
