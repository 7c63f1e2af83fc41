using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Notifications.Pages;

public sealed partial class NotificationBell
{
    private CancellationTokenSource? polling;

    /// <summary>Counted while prerendering and carried into the interactive render (no second query, no flicker).</summary>
    [PersistentState]
    public int? Unread { get; set; }

    [PersistentState]
    public List<NotificationDto>? Recent { get; set; }

    private int unread => Unread ?? 0;

    private IReadOnlyList<NotificationDto> recent => Recent ?? [];

    private string BellLabel => string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Notifications.Bell"], unread);

    protected override async Task OnInitializedAsync()
    {
        // Only while prerendering: the interactive render gets the prerendered values, then refreshes after it is shown.
        if (!RendererInfo.IsInteractive && Unread is null)
        {
            await RefreshAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            Navigation.LocationChanged += OnLocationChanged;
            polling = new CancellationTokenSource();
            _ = PollAsync(polling.Token);
            if (Unread is null)
            {
                await RefreshAsync();
                StateHasChanged();
            }
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await InvokeAsync(async () =>
                {
                    await RefreshAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The circuit ended.
        }
    }

    private void OnLocationChanged(object? sender, Microsoft.AspNetCore.Components.Routing.LocationChangedEventArgs e) =>
        _ = InvokeAsync(async () =>
        {
            await RefreshAsync();
            StateHasChanged();
        });

    private async Task RefreshAsync()
    {
        try
        {
            var summary = await GetNotifications.SummaryAsync();
            Unread = summary.Unread;
            Recent = summary.Recent.ToList();
        }
        catch (PortalException)
        {
            // Signed out meanwhile: the layout will send the person to sign in.
        }
    }

    private async Task OpenAsync(NotificationDto n)
    {
        if (n.ReadAt is null)
        {
            await MarkRead.HandleAsync(n.Id);
        }

        await RefreshAsync();
        Navigation.NavigateTo(n.LinkUrl);
    }

    private async Task MarkAllAsync()
    {
        await MarkAllRead.HandleAsync();
        await RefreshAsync();
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        polling?.Cancel();
        polling?.Dispose();
    }
}
