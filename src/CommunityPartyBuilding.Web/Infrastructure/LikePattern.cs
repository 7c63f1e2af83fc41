namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// Turns what a person typed into a LIKE pattern that matches it literally: %, _ and \ lose their special
/// meaning. Queries pass "\" as the escape character (Npgsql otherwise sends ESCAPE '' and ignores the escaping).
/// </summary>
public static class LikePattern
{
    public const string EscapeCharacter = "\\";

    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public static string Contains(string text) => "%" + Escape(text.Trim()) + "%";
}
