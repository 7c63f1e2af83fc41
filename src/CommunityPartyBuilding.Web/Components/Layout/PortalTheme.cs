using MudBlazor;

namespace CommunityPartyBuilding.Web.Components.Layout;

/// <summary>Party-building red as the primary colour, with fonts that carry Chinese well.</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#C62828",
            Secondary = "#B8860B",
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
