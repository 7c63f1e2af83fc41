using System.Globalization;
using System.Resources;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.UnitTests.Infrastructure;

/// <summary>MudBlazor's own texts speak the interface language: a required field says 此项必填, not "Required".</summary>
public class MudLocalizerTests
{
    /// <summary>MudBlazor's keys for the components the portal uses (data grids, colour pickers, steppers, tabs… it does not).</summary>
    private static readonly string[] UsedPrefixes =
    [
        "MudFormComponent_", "Converter_", "MudInput_", "MudTablePager_", "MudPagination_", "MudSelect_", "MudSnackbar_", "MudAlert_",
        "MudChip_", "MudDialog_", "MudBaseDatePicker_", "MudFileUpload_", "MudNavGroup_", "MudTimePicker_",
    ];

    private static PortalMudLocalizer Localizer() => new(new StringLocalizer<SharedResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));

    [Fact]
    public void Every_MudBlazor_text_of_the_components_in_use_has_a_translation_in_both_languages()
    {
        var mud = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudBlazor.MudLocalizer).Assembly);
        var keys = mud.GetResourceSet(CultureInfo.InvariantCulture, true, true)!.Cast<System.Collections.DictionaryEntry>()
            .Select(e => (string)e.Key).Where(k => UsedPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList();
        Assert.Contains("MudFormComponent_Required", keys);

        var strings = new ResourceManager("CommunityPartyBuilding.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
        var chinese = strings.GetResourceSet(CultureInfo.InvariantCulture, true, true)!;
        var english = strings.GetResourceSet(new CultureInfo("en"), true, false)!;
        var missing = keys.Where(k => chinese.GetString(PortalMudLocalizer.Prefix + k) is null || english.GetString(PortalMudLocalizer.Prefix + k) is null).ToList();
        Assert.True(missing.Count == 0, "Missing in strings.tsv (as Mud.<key>): " + string.Join(", ", missing));
    }

    [Fact]
    public void The_localizer_answers_in_the_current_culture_formats_arguments_and_admits_what_it_lacks()
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            var localizer = Localizer();
            Assert.Equal("此项必填。", localizer["MudFormComponent_Required"].Value);
            Assert.Equal("第3页", localizer["MudPagination_PageIndex", 3].Value);
            var unknown = localizer["MudSomething_New"];
            Assert.True(unknown.ResourceNotFound);

            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal("Required.", Localizer()["MudFormComponent_Required"].Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
