using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Infrastructure;

public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The street's time zone: business dates (quarters, years, deadlines) are reckoned in it.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public bool MigrateOnStartup { get; set; }

    public bool SeedDemoData { get; set; }

    /// <summary>
    /// The portal's public address (e.g. https://dangjian.example.gov.cn), used in links printed on documents such
    /// as the verification URL in a report's footer. Required in production (reports are refused without it); in
    /// development and tests the server's own listening address stands in. The request's Host header is never used.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public SecurityOptions Security { get; set; } = new();

    /// <summary>The hourly reminder pass (in-app notifications).</summary>
    public Features.Notifications.ReminderOptions Reminders { get; set; } = new();
}

public sealed class SecurityOptions
{
    /// <summary>When true, administrators must enrol an authenticator app before using the portal.</summary>
    public bool RequireTwoFactorForAdministrators { get; set; }

    public int IdleTimeoutMinutes { get; set; } = 30;

    public int AbsoluteSessionHours { get; set; } = 12;

    public int ApiTokenLifetimeMinutes { get; set; } = 60;
}

/// <summary>Converts UTC instants to the street's business dates. Inject it instead of reading the clock.</summary>
public sealed class BusinessCalendar(TimeProvider clock, IOptions<PortalOptions> options)
{
    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTimeOffset UtcNow => clock.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow()).DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>The UTC instant at which a local business date starts.</summary>
    public DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}
