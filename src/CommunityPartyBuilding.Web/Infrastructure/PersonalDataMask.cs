namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// Rule 10's masks for residents' and members' names and phone numbers, wherever a reader may not see them whole:
/// 张** (the family name and one star per further character), 138****1234, 010-****5678.
/// </summary>
public static class PersonalDataMask
{
    public static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var text = name.Trim();
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        elements.MoveNext();
        var first = (string)elements.Current;
        var rest = Math.Max(1, new System.Globalization.StringInfo(text).LengthInTextElements - 1);
        return first + new string('*', rest);
    }

    /// <summary>Keeps the first three and last four digits of a mobile; a landline keeps its area code and last four.</summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return "";
        }

        var text = phone.Trim();
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            var number = text[(dash + 1)..];
            return text[..dash] + "-" + Stars(number, 0, 4);
        }

        return text.Length >= 11 ? Stars(text, 3, 4) : Stars(text, 0, Math.Min(4, Math.Max(0, text.Length - 4)));
    }

    private static string Stars(string text, int keepStart, int keepEnd)
    {
        if (text.Length <= keepStart + keepEnd)
        {
            return new string('*', text.Length);
        }

        return text[..keepStart] + new string('*', text.Length - keepStart - keepEnd) + text[^keepEnd..];
    }
}
