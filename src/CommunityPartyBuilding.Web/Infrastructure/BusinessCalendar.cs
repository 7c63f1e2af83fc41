using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>Converts UTC instants to the street's business dates. Inject it instead of reading the clock.</summary>
public sealed class BusinessCalendar(TimeProvider clock, IOptions<PortalOptions> options)
{
    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTimeOffset UtcNow => clock.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow()).DateTime);

    /// <summary>The business date of an instant.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>The UTC instant at which a local business date starts.</summary>
    public DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}
