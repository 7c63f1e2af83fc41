using System.Globalization;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CommunityPartyBuilding.Web.Features.Resources;

/// <summary>How a resource's capacity and communities read on pages ("40 座", "全街道").</summary>
public static class ResourceText
{
    public static string Capacity(ResourceDto resource, IStringLocalizer<SharedResource> localizer) =>
        resource.Capacity is { } capacity && resource.Measure is { } measure
            ? localizer["Resources.CapacityValue", capacity.ToString(measure == CapacityMeasure.Yuan ? "#,##0.##" : "#,##0", CultureInfo.CurrentCulture), localizer["CapacityMeasure." + measure].Value]
            : "—";

    public static string Communities(ResourceDto resource, IStringLocalizer<SharedResource> localizer) =>
        resource.Communities.Count == 0 ? localizer["Resources.WholeStreet"] : string.Join("、", resource.Communities.Select(c => c.Name));
}
