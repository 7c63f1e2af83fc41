namespace CommunityPartyBuilding.Documents;

/// <summary>Dates the way official Chinese documents write them: 2026年3月31日.</summary>
public static class ChineseDate
{
    public static string Format(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>2026年3月31日 14:30.</summary>
    public static string Format(DateTime local) => $"{local.Year}年{local.Month}月{local.Day}日 {local.Hour:00}:{local.Minute:00}";
}
