using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Administration;

/// <summary>Plain validation of names for departments, streets and communities.</summary>
public static class AdministrationRules
{
    public const int NameMaxLength = 100;

    public static IReadOnlyList<ValidationFailure> ValidateName(string? name, string field, string fieldKey)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [new(field, "Validation.Required", fieldKey)];
        }

        return name.Trim().Length > NameMaxLength
            ? [new(field, "Validation.MaxLength", fieldKey, NameMaxLength)]
            : [];
    }
}
