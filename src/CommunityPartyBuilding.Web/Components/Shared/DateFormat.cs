using System.Globalization;

namespace CommunityPartyBuilding.Web.Components.Shared;

/// <summary>Dates as people here write them: 2026年3月31日 in Chinese, 31 Mar 2026 in English.</summary>
public static class DateFormat
{
    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public static string Date(DateOnly? date) => date is { } d
        ? Chinese ? $"{d.Year}年{d.Month}月{d.Day}日" : d.ToString("d MMM yyyy", CultureInfo.InvariantCulture)
        : "—";

    /// <summary>2026年11月 / Nov 2026.</summary>
    public static string Month(DateOnly month) => Chinese ? $"{month.Year}年{month.Month}月" : month.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset? instant, TimeZoneInfo zone)
    {
        if (instant is not { } value)
        {
            return "—";
        }

        var local = TimeZoneInfo.ConvertTime(value, zone);
        return Chinese
            ? $"{local.Year}年{local.Month}月{local.Day}日 {local:HH:mm}"
            : local.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
    }
}
