using System.Globalization;

namespace CommunityPartyBuilding.IntegrationTests.Infrastructure;

/// <summary>
/// The app's clock in tests, and the only clock tests read: it runs with real time from where it was last set.
/// <see cref="Reset"/> goes back to now, or to the instant in <c>PORTAL_TEST_CLOCK</c> when that is set (e.g.
/// <c>2027-01-02</c> or <c>2026-12-31T23:30:00+08:00</c>; a bare date means 10:00 in Asia/Shanghai), so that
/// scripts/test.sh can run the date-sensitive tests once more at a year's start and a quarter's last day.
/// </summary>
public sealed class TestClock : TimeProvider
{
    public const string Variable = "PORTAL_TEST_CLOCK";

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private TimeSpan offset;

    public TestClock() => Reset();

    /// <summary>The instant <c>PORTAL_TEST_CLOCK</c> pins the clock's start to, if any.</summary>
    public static DateTimeOffset? PinnedStart { get; } = ParsePin(Environment.GetEnvironmentVariable(Variable));

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + offset;

    /// <summary>Today's business date in the street's time zone (Asia/Shanghai), as the app reckons it.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(GetUtcNow(), Shanghai).DateTime);

    public void Advance(TimeSpan by) => offset += by;

    public void Reset() => offset = PinnedStart is { } pin ? pin - DateTimeOffset.UtcNow : TimeSpan.Zero;

    private static DateTimeOffset? ParsePin(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var local = date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Unspecified);
            return new DateTimeOffset(local, Shanghai.GetUtcOffset(local));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant
            : throw new InvalidOperationException($"{Variable}='{value}' is neither a date (yyyy-MM-dd) nor an ISO 8601 instant with offset.");
    }
}
