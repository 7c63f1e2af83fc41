namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// What a text may contain: no C0 or C1 control characters and no DEL. Tabs are allowed everywhere; line breaks
/// (CR, LF) only in multi-line texts (descriptions, reasons, minutes…), never in titles, names or places, where a
/// bare carriage return could start a new line in an .ics file or a CSV export.
/// </summary>
public static class TextInput
{
    public static bool IsAllowed(string value, bool multiLine)
    {
        foreach (var c in value)
        {
            if (c == '\t' || (multiLine && c is '\r' or '\n'))
            {
                continue;
            }

            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A local path for a redirect: starts with one slash, no scheme, no control characters or backslashes.</summary>
    public static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && IsAllowed(url, multiLine: false)
        && !url.Contains('\\', StringComparison.Ordinal)
        && !url.Contains('\t', StringComparison.Ordinal)
        && Uri.IsWellFormedUriString(url, UriKind.Relative);
}
