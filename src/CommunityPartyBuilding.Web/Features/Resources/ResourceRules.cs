using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Resources;

/// <summary>A resource as the form edits it and the API sends it (POST and PUT bodies).</summary>
public sealed record ResourceInput
{
    /// <summary>Required: a missing kind is a validation error, not silently the first one.</summary>
    public ResourceKind? Kind { get; init; }

    public string Title { get; init; } = "";

    public string? Description { get; init; }

    public decimal? Capacity { get; init; }

    /// <summary>Null: the kind's usual measure (<see cref="ResourceRules.DefaultMeasure"/>).</summary>
    public CapacityMeasure? Measure { get; init; }

    public string? Availability { get; init; }

    /// <summary>The last day it is offered (optional).</summary>
    public DateOnly? AvailableUntil { get; init; }

    /// <summary>The communities of the unit's street it serves; empty: all of them.</summary>
    public IReadOnlyList<Guid> CommunityIds { get; init; } = [];

    /// <summary>On an edit: the version it started from; a stale one is refused (409).</summary>
    public uint? Version { get; init; }
}

/// <summary>Validation of resources (资源清单): plain rules, no database (the communities' street is checked by the handler).</summary>
public static class ResourceRules
{
    public const int TitleMaxLength = 100;
    public const int DescriptionMaxLength = 1000;
    public const int AvailabilityMaxLength = 200;
    public const decimal MaxCapacity = 100_000_000m;
    public const int MaxCommunities = 100;

    /// <summary>The measure a kind is counted in unless the unit says otherwise.</summary>
    public static CapacityMeasure DefaultMeasure(ResourceKind kind) => kind switch
    {
        ResourceKind.Venue => CapacityMeasure.Seats,
        ResourceKind.Funds => CapacityMeasure.Yuan,
        ResourceKind.Volunteers => CapacityMeasure.People,
        ResourceKind.Expertise => CapacityMeasure.People,
        _ => CapacityMeasure.Items,
    };

    /// <summary>Measures that make sense for a kind: funds are yuan, volunteers people; a venue counts seats or rooms (items).</summary>
    public static bool Fits(ResourceKind kind, CapacityMeasure measure) => kind switch
    {
        ResourceKind.Venue => measure is CapacityMeasure.Seats or CapacityMeasure.Items,
        ResourceKind.Funds => measure == CapacityMeasure.Yuan,
        ResourceKind.Volunteers => measure == CapacityMeasure.People,
        ResourceKind.Expertise => measure is CapacityMeasure.People or CapacityMeasure.Items,
        _ => measure is CapacityMeasure.Items or CapacityMeasure.People,
    };

    public static IReadOnlyList<ValidationFailure> Validate(ResourceInput input)
    {
        var failures = new List<ValidationFailure>();
        var kindKnown = input.Kind is { } k && Enum.IsDefined(k);
        if (!kindKnown)
        {
            failures.Add(new(nameof(input.Kind), "Validation.Choose", "Field.Resource.Kind"));
        }

        UnitRules.Text(failures, input.Title, nameof(input.Title), "Field.Resource.Title", TitleMaxLength, required: true);
        UnitRules.Text(failures, input.Description, nameof(input.Description), "Field.Resource.Description", DescriptionMaxLength, required: false);
        UnitRules.Text(failures, input.Availability, nameof(input.Availability), "Field.Resource.Availability", AvailabilityMaxLength, required: false);
        if (input.Measure is { } measure && !Enum.IsDefined(measure))
        {
            failures.Add(new(nameof(input.Measure), "Validation.Choose", "Field.Resource.Measure"));
        }
        else if (kindKnown && input.Measure is { } given && !Fits(input.Kind!.Value, given))
        {
            failures.Add(new(nameof(input.Measure), "Validation.MeasureNotForKind"));
        }

        if (input.Capacity is { } capacity)
        {
            var measureUsed = input.Measure ?? (kindKnown ? DefaultMeasure(input.Kind!.Value) : CapacityMeasure.Items);
            if (capacity <= 0 || capacity > MaxCapacity)
            {
                failures.Add(new(nameof(input.Capacity), "Validation.Range", "Field.Resource.Capacity", 1, MaxCapacity));
            }
            else if (measureUsed != CapacityMeasure.Yuan && capacity != decimal.Truncate(capacity))
            {
                failures.Add(new(nameof(input.Capacity), "Validation.WholeNumber", "Field.Resource.Capacity"));
            }
            else if (decimal.Round(capacity, 2) != capacity)
            {
                failures.Add(new(nameof(input.Capacity), "Validation.TwoDecimals", "Field.Resource.Capacity"));
            }
        }

        if (input.CommunityIds.Count > MaxCommunities)
        {
            failures.Add(new(nameof(input.CommunityIds), "Validation.TooMany", "Field.Resource.Communities", MaxCommunities));
        }

        return failures;
    }

    /// <summary>The measure stored with a capacity: the one given, else the kind's usual one; none without a capacity.</summary>
    public static CapacityMeasure? MeasureFor(ResourceInput input) =>
        input.Capacity is null ? null : input.Measure ?? DefaultMeasure(input.Kind ?? ResourceKind.Materials);

    /// <summary>Whether a resource serves a community: it names it, or it names none (the whole street).</summary>
    public static bool Serves(IReadOnlyCollection<Guid> communityIds, Guid communityId) =>
        communityIds.Count == 0 || communityIds.Contains(communityId);

    /// <summary>
    /// The resources an import row's 可提供资源 / 资源说明 cells stand for (the same reading the migration applied to
    /// the units' former resource flags): one per kind, titled by the kind, described by the notes, serving the unit's
    /// community (or the whole street when the unit names none).
    /// </summary>
    public static IReadOnlyList<ResourceInput> FromKinds(IEnumerable<ResourceKind> kinds, string? notes, Guid? communityId) =>
        kinds.Distinct().Order().Select(kind => new ResourceInput
        {
            Kind = kind,
            Title = UnitLabels.Resources[kind],
            Description = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(),
            CommunityIds = communityId is { } id ? [id] : [],
        }).ToList();
}
