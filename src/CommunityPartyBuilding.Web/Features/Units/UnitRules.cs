using System.Text.RegularExpressions;
using CommunityPartyBuilding.Web.Features.Resources;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Units;

/// <summary>
/// The editable fields of a member unit: the one input of registering and editing a unit, bound as is by the API
/// (POST and PUT bodies), built by the unit form and by the Excel import.
/// </summary>
public sealed record UnitInput
{
    public string Name { get; init; } = "";

    public string CreditCode { get; init; } = "";

    /// <summary>Required: a missing category is a validation error, not silently the first one.</summary>
    public UnitCategory? Category { get; init; }

    public string PartyOrganisationName { get; init; } = "";

    /// <summary>Required, like the category.</summary>
    public PartyOrganisationType? PartyOrganisationType { get; init; }

    public int PartyMemberCount { get; init; }

    public string? Address { get; init; }

    public Guid? CommunityId { get; init; }

    public string ContactPerson { get; init; } = "";

    public string ContactPhone { get; init; } = "";

    public DateOnly JoinedOn { get; init; }

    /// <summary>On an edit: the version it started from; a stale one is refused (409).</summary>
    public uint? Version { get; init; }
}

/// <summary>Validation of member units: plain rules, no database (uniqueness is checked by the handler and an index).</summary>
public static partial class UnitRules
{
    public const int NameMaxLength = 100;
    public const int AddressMaxLength = 200;
    public const int PersonMaxLength = 50;
    public const int NotesMaxLength = 1000;
    public const int ReasonMaxLength = 500;
    public const int MaxPartyMembers = 100_000;
    public static readonly DateOnly EarliestDate = new(1949, 10, 1);

    public static IReadOnlyList<ValidationFailure> Validate(UnitInput input, DateOnly today)
    {
        var failures = new List<ValidationFailure>();
        Text(failures, input.Name, nameof(input.Name), "Field.Unit.Name", NameMaxLength, required: true);
        if (CreditCode.Check(input.CreditCode).ToFailure(nameof(input.CreditCode)) is { } code)
        {
            failures.Add(code);
        }

        if (input.Category is not { } category || !Enum.IsDefined(category))
        {
            failures.Add(new(nameof(input.Category), "Validation.Required", "Field.Unit.Category"));
        }

        Text(failures, input.PartyOrganisationName, nameof(input.PartyOrganisationName), "Field.Unit.PartyOrganisationName", NameMaxLength, required: true);
        if (input.PartyOrganisationType is not { } partyType || !Enum.IsDefined(partyType))
        {
            failures.Add(new(nameof(input.PartyOrganisationType), "Validation.Required", "Field.Unit.PartyOrganisationType"));
        }

        if (input.PartyMemberCount is < 0 or > MaxPartyMembers)
        {
            failures.Add(new(nameof(input.PartyMemberCount), "Validation.Range", "Field.Unit.PartyMemberCount", 0, MaxPartyMembers));
        }

        Text(failures, input.Address, nameof(input.Address), "Field.Unit.Address", AddressMaxLength, required: false);
        Text(failures, input.ContactPerson, nameof(input.ContactPerson), "Field.Unit.ContactPerson", PersonMaxLength, required: true);
        if (string.IsNullOrWhiteSpace(input.ContactPhone))
        {
            failures.Add(new(nameof(input.ContactPhone), "Validation.Required", "Field.Unit.ContactPhone"));
        }
        else if (!IsPhone(input.ContactPhone))
        {
            failures.Add(new(nameof(input.ContactPhone), "Validation.Phone"));
        }

        ValidateDate(failures, input.JoinedOn, nameof(input.JoinedOn), "Field.Unit.JoinedOn", today);
        return failures;
    }

    public static IReadOnlyList<ValidationFailure> ValidateWithdrawal(DateOnly withdrawnOn, string? reason, DateOnly joinedOn, DateOnly today)
    {
        var failures = new List<ValidationFailure>();
        if (withdrawnOn == default)
        {
            failures.Add(new("WithdrawnOn", "Validation.Required", "Field.Unit.WithdrawnOn"));
        }
        else if (withdrawnOn > today)
        {
            failures.Add(new("WithdrawnOn", "Validation.NotInFuture", "Field.Unit.WithdrawnOn"));
        }
        else if (withdrawnOn < joinedOn)
        {
            failures.Add(new("WithdrawnOn", "Validation.WithdrawnBeforeJoined"));
        }

        Text(failures, reason, "Reason", "Field.Unit.WithdrawalReason", ReasonMaxLength, required: true);
        return failures;
    }

    public static string NormalisePhone(string? phone) => (phone ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).Replace("－", "-", StringComparison.Ordinal);

    /// <summary>Mainland mobile (13800138000), landline with area code (0431-88886666, extension allowed), or 400/800 numbers.</summary>
    public static bool IsPhone(string? phone) => PhonePattern().IsMatch(NormalisePhone(phone));

    private static void ValidateDate(List<ValidationFailure> failures, DateOnly date, string field, string fieldKey, DateOnly today)
    {
        if (date == default)
        {
            failures.Add(new(field, "Validation.Required", fieldKey));
        }
        else if (date > today)
        {
            failures.Add(new(field, "Validation.NotInFuture", fieldKey));
        }
        else if (date < EarliestDate)
        {
            failures.Add(new(field, "Validation.DateTooEarly", fieldKey));
        }
    }

    /// <summary>Required and maximum length of a text field, counted after trimming; shared by the unit-side rules.</summary>
    internal static void Text(List<ValidationFailure> failures, string? value, string field, string fieldKey, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                failures.Add(new(field, "Validation.Required", fieldKey));
            }
        }
        else if (value.Trim().Length > max)
        {
            failures.Add(new(field, "Validation.MaxLength", fieldKey, max));
        }
    }

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|[48]00-?\d{3}-?\d{4})$")]
    private static partial Regex PhonePattern();
}

/// <summary>
/// Chinese names of the unit enumerations, as written in the Excel template and in files people fill in.
/// Data files are Chinese whatever the interface language.
/// </summary>
public static class UnitLabels
{
    public static readonly IReadOnlyDictionary<UnitCategory, string> Categories = new Dictionary<UnitCategory, string>
    {
        [UnitCategory.PartyGovernmentOrgan] = "党政机关",
        [UnitCategory.PublicInstitution] = "事业单位",
        [UnitCategory.StateOwnedEnterprise] = "国有企业",
        [UnitCategory.PrivateEnterprise] = "非公企业",
        [UnitCategory.SocialOrganisation] = "社会组织",
        [UnitCategory.MilitaryUnit] = "驻军",
        [UnitCategory.School] = "学校",
        [UnitCategory.Hospital] = "医院",
        [UnitCategory.PropertyManagement] = "物业企业",
        [UnitCategory.Other] = "其他",
    };

    public static readonly IReadOnlyDictionary<PartyOrganisationType, string> PartyTypes = new Dictionary<PartyOrganisationType, string>
    {
        [PartyOrganisationType.Committee] = "党委",
        [PartyOrganisationType.GeneralBranch] = "党总支",
        [PartyOrganisationType.Branch] = "党支部",
        [PartyOrganisationType.JointBranch] = "联合党支部",
    };

    /// <summary>Resource kinds as the import sheet's 可提供资源 column names them.</summary>
    public static readonly IReadOnlyDictionary<ResourceKind, string> Resources = new Dictionary<ResourceKind, string>
    {
        [ResourceKind.Venue] = "场地",
        [ResourceKind.Funds] = "资金",
        [ResourceKind.Volunteers] = "志愿者",
        [ResourceKind.Expertise] = "专业技能",
        [ResourceKind.Materials] = "物资",
    };

    public static readonly IReadOnlyDictionary<CommitteePosition, string> Positions = new Dictionary<CommitteePosition, string>
    {
        [CommitteePosition.Secretary] = "书记",
        [CommitteePosition.DeputySecretary] = "副书记",
        [CommitteePosition.Member] = "委员",
        [CommitteePosition.PartTimeMember] = "兼职委员",
    };

    public static bool TryParseCategory(string? text, out UnitCategory category) => TryParse(Categories, text, out category);

    public static bool TryParsePartyType(string? text, out PartyOrganisationType type) => TryParse(PartyTypes, text, out type);

    /// <summary>Parses "场地、志愿者" (separated by 、 , ， ; or spaces). Unknown words make it fail.</summary>
    public static bool TryParseResources(string? text, out IReadOnlyList<ResourceKind> resources)
    {
        var kinds = new SortedSet<ResourceKind>();
        resources = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var word in text.Split(['、', ',', '，', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Resources.FirstOrDefault(r => r.Value == word);
            if (match.Value is null)
            {
                return false;
            }

            kinds.Add(match.Key);
        }

        resources = kinds.ToList();
        return true;
    }

    /// <summary>Kinds in a fixed order (场地、资金、志愿者、专业技能、物资), each once.</summary>
    public static string FormatResources(IEnumerable<ResourceKind> resources)
    {
        var set = resources.ToHashSet();
        return string.Join("、", Resources.Where(r => set.Contains(r.Key)).Select(r => r.Value));
    }

    private static bool TryParse<T>(IReadOnlyDictionary<T, string> labels, string? text, out T value)
        where T : struct, Enum
    {
        var trimmed = text?.Trim();
        foreach (var (key, label) in labels)
        {
            if (label == trimmed)
            {
                value = key;
                return true;
            }
        }

        value = default;
        return false;
    }
}
