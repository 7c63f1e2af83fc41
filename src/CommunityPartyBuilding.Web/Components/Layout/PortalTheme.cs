using MudBlazor;

namespace CommunityPartyBuilding.Web.Components.Layout;

/// <summary>
/// Party-building red as the primary colour, with fonts that carry Chinese well. Every colour that MudBlazor uses for
/// text, or as a background under white text, reaches at least 4.5:1 against white and the page background
/// (WCAG 2.1 SC 1.4.3, GB/T 37668-2019 §6.1.4.3): the accents are a deep gold and a burnt orange rather than
/// MudBlazor's bright defaults (2.2:1 for its orange). docs/accessibility.md lists the ratios.
/// </summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#C62828",          // 5.6:1 on white, 5.2:1 on the background
            Secondary = "#8B6508",        // deep gold, 5.3:1 (was #B8860B, 3.3:1)
            Tertiary = "#00695C",         // 6.5:1
            Info = "#1565C0",             // 5.8:1 (MudBlazor's #2196F3 is 3.1:1)
            Success = "#2E7D32",          // 5.1:1 (MudBlazor's #00C853 is 2.2:1)
            Warning = "#A04A00",          // burnt orange, 6.0:1 (MudBlazor's #FF9800 is 2.2:1)
            Error = "#B71C1C",            // 6.6:1
            TextPrimary = "rgba(0,0,0,0.87)",
            TextSecondary = "rgba(0,0,0,0.62)", // 6.0:1 on the background (0.54 gives 4.3:1)
            ActionDefault = "rgba(0,0,0,0.62)",
            AppbarBackground = "#B71C1C",
            Background = "#F7F5F2",
            DrawerBackground = "#FFFFFF",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", "sans-serif"],
            },
        },
    };
}
