using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.IntegrationTests.Infrastructure;

/// <summary>A bad setting stops the app at start, with the key and the reason, before it serves anything.</summary>
public class SettingsValidationTests
{
    [Theory]
    [InlineData("Portal:TimeZone", "Mars/Olympus_Mons", "Portal:TimeZone: 'Mars/Olympus_Mons' is not a time zone")]
    [InlineData("Portal:PublicBaseUrl", "dangjian.example.gov.cn", "Portal:PublicBaseUrl: 'dangjian.example.gov.cn' is not an absolute http(s) address")]
    [InlineData("Portal:Reminders:IntervalMinutes", "0", "Portal:Reminders:IntervalMinutes: The field IntervalMinutes must be between 1 and 1440.")]
    [InlineData("Portal:AgreementExpiry:IntervalMinutes", "-60", "Portal:AgreementExpiry:IntervalMinutes: The field IntervalMinutes must be between 1 and 1440.")]
    [InlineData("Portal:Security:IdleTimeoutMinutes", "0", "Portal:Security:IdleTimeoutMinutes")]
    [InlineData("Portal:RateLimits:SignInPerMinute", "0", "Portal:RateLimits:SignInPerMinute")]
    [InlineData("Portal:RateLimits:Ballots:PerCodePer10Minutes", "0", "Portal:RateLimits:Ballots:PerCodePer10Minutes")]
    [InlineData("Portal:Reports:MaxConcurrentRenders", "0", "Portal:Reports:MaxConcurrentRenders: The field MaxConcurrentRenders must be between 1 and 256.")]
    [InlineData("Portal:Telemetry:OtlpEndpoint", "collector:4317", "Portal:Telemetry:OtlpEndpoint: 'collector:4317' is not an absolute http(s) address")]
    [InlineData("Portal:Telemetry:Prometheus:Enabled", "true", "Portal:Telemetry:Prometheus:Port: required when the scrape endpoint is enabled")]
    public void An_invalid_setting_stops_start_up_naming_the_key_and_the_reason(string key, string value, string message)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            // Nothing may reach a database: the app must stop before it would connect.
            builder.UseSetting("ConnectionStrings:Portal", "Host=127.0.0.1;Port=1;Database=never;Username=none;Password=none");
            builder.UseSetting("Portal:MigrateOnStartup", "false");
            builder.UseSetting("Portal:SeedDemoData", "false");
            builder.UseSetting("Portal:Reminders:Enabled", "false");
            builder.UseSetting("Portal:AgreementExpiry:Enabled", "false");
            builder.UseSetting("Logging:LogLevel:Default", "None");
            builder.UseSetting(key, value);
        });

        var thrown = Record.Exception(() => factory.Server);

        var failure = Assert.IsType<OptionsValidationException>(Unwrap(thrown));
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
        Assert.Single(failure.Failures);
    }

    [Fact]
    public void The_shipped_settings_are_valid()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Portal", "Host=127.0.0.1;Port=1;Database=never;Username=none;Password=none");
            builder.UseSetting("Portal:MigrateOnStartup", "false");
            builder.UseSetting("Portal:SeedDemoData", "false");
            builder.UseSetting("Portal:Reminders:Enabled", "false");
            builder.UseSetting("Portal:AgreementExpiry:Enabled", "false");
            builder.UseSetting("Logging:LogLevel:Default", "None");
        });

        // appsettings.json as shipped, with nothing overridden but the database and the background passes.
        Assert.NotNull(factory.Server);
    }

    private static Exception? Unwrap(Exception? e)
    {
        while (e is not null and not OptionsValidationException)
        {
            e = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e.InnerException;
        }

        return e;
    }
}
