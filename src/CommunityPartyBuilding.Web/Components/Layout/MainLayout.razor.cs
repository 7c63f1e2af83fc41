using CommunityPartyBuilding.Web.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace CommunityPartyBuilding.Web.Components.Layout;

public sealed partial class MainLayout
{
    private bool drawerOpen = true;

    /// <summary>The menu's links are plain links (NavMenu): the drawer hears of a navigation from here instead.</summary>
    private MudBlazor.MudDrawer? drawer;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private string RoleName => CurrentUser.User is { } user ? L["Role." + user.Role] : "";

    protected override void OnInitialized()
    {
        Navigation.LocationChanged += OnLocationChanged;
        EnforceGate();
    }

    private void OnLocationChanged(object? sender, Microsoft.AspNetCore.Components.Routing.LocationChangedEventArgs e)
    {
        EnforceGate();
        // What MudNavLink did on a click: a drawer shown over the page (phones) closes after a navigation.
        if (drawer is MudBlazor.Interfaces.INavigationEventReceiver receiver)
        {
            _ = InvokeAsync(receiver.OnNavigation);
        }
    }

    /// <summary>Interactive navigation skips the HTTP pipeline, so the account gate is applied here too.</summary>
    private void EnforceGate()
    {
        var principal = CurrentUserPrincipal;
        if (principal is null)
        {
            return;
        }

        var target = AccountGateMiddleware.GateTarget(principal, Options.Value.Security);
        if (target is not null)
        {
            Navigation.NavigateTo(target, forceLoad: true);
        }
    }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private System.Security.Claims.ClaimsPrincipal? CurrentUserPrincipal =>
        AuthenticationState is { IsCompletedSuccessfully: true } task ? task.Result.User : null;

    private async Task SignOutAsync() => await JS.InvokeVoidAsync("portalSession.signOut", "");

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;
}
