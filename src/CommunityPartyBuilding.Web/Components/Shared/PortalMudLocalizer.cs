using CommunityPartyBuilding.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Components.Shared;

/// <summary>
/// MudBlazor's own texts (a required field's "Required", a number field's "Not a valid number", the pager's and the
/// inputs' accessible names) from the portal's one strings table, under <c>Mud.</c> + MudBlazor's key; a key the
/// table lacks falls back to MudBlazor's English.
/// </summary>
public sealed class PortalMudLocalizer(IStringLocalizer<SharedResource> localizer) : MudLocalizer
{
    public const string Prefix = "Mud.";

    public override LocalizedString this[string key] => Translate(key, localizer[Prefix + key]);

    public override LocalizedString this[string key, params object[] arguments] => Translate(key, localizer[Prefix + key, arguments]);

    private static LocalizedString Translate(string key, LocalizedString found) =>
        found.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : new LocalizedString(key, found.Value);
}
