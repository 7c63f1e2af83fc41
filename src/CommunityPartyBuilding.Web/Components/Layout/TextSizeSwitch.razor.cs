using CommunityPartyBuilding.Web.Features.Account;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Components.Layout;

public sealed partial class TextSizeSwitch
{
    private bool large => Large ?? false;

    /// <summary>Decided while prerendering, where the request (cookie and claims) is at hand, and carried into the circuit.</summary>
    [PersistentState]
    public bool? Large { get; set; }

    [Parameter]
    public bool Static { get; set; }

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    private string ReturnUrl => "/" + Navigation.ToBaseRelativePath(Navigation.Uri);

    protected override void OnInitialized()
    {
        if (HttpContext is not null)
        {
            Large = TextSize.IsLarge(HttpContext);
        }

        Navigation.LocationChanged += OnLocationChanged;
    }

    // The return address follows interactive navigation.
    private void OnLocationChanged(object? sender, Microsoft.AspNetCore.Components.Routing.LocationChangedEventArgs e) => InvokeAsync(StateHasChanged);

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;
}
