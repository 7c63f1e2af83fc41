using System.Text.Json;

namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// Enumerations in query strings, spelled as in JSON (camelCase, e.g. <c>status=withdrawn</c>); any case is accepted,
/// numbers are not, and an unknown value is a 422 naming the parameter rather than a bare 400.
/// </summary>
public static class ApiEnums
{
    public static T? Parse<T>(string? value, string parameter)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!value.Any(c => char.IsDigit(c) || c == ',') && Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        var allowed = string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));
        throw new PortalValidationException([new(parameter, "Validation.UnknownValue", value, allowed)]);
    }
}
