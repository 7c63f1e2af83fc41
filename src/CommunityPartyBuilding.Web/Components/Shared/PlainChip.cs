using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Components.Shared;

/// <summary>
/// A small chip that only shows a label (a status, a count): MudChip's markup and classes, so it looks the same, but
/// written straight into the parent's render tree. A MudChip is a live component per chip, with its own render-tree
/// buffers kept for as long as the circuit lives; a dashboard has about forty of them (issue #18, docs/performance.md
/// "Circuits"). Chips that are clicked, closed or selected stay MudChips.
/// </summary>
public static class PlainChip
{
    /// <summary>A chip with MudChip's look: small, <paramref name="variant"/>, <paramref name="color"/>; a link when <paramref name="href"/> is given.</summary>
    public static RenderFragment Of(
        string text,
        Color color = Color.Default,
        Variant variant = Variant.Filled,
        string? id = null,
        string? title = null,
        string? @class = null,
        string? href = null,
        Size size = Size.Small) => builder => Build(builder, text, color, variant, id, title, @class, href, size);

    /// <summary>The classes MudChip gives itself (MudBlazor 9): variant, size, colour, and clickable for links.</summary>
    public static string Classes(Color color, Variant variant, Size size, bool link, string? extra)
    {
        var classes = string.Create(CultureInfo.InvariantCulture,
            $"mud-chip mud-chip-{Lower(variant)} mud-chip-size-{Lower(size)} mud-chip-color-{Lower(color)}");
        if (link)
        {
            classes += " mud-clickable";
        }

        return string.IsNullOrWhiteSpace(extra) ? classes : classes + " " + extra;
    }

    private static void Build(RenderTreeBuilder builder, string text, Color color, Variant variant, string? id, string? title, string? @class, string? href, Size size)
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-chip-container");
        builder.OpenElement(2, href is null ? "div" : "a");
        builder.AddAttribute(3, "class", Classes(color, variant, size, href is not null, @class));
        builder.AddAttribute(4, "href", href);
        builder.AddAttribute(5, "id", id);
        builder.AddAttribute(6, "title", title);
        builder.OpenElement(7, "span");
        builder.AddAttribute(8, "class", "mud-chip-content");
        builder.AddContent(9, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    }

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
