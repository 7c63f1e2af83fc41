using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Notifications.Pages;

public partial class NotificationList
{
    private MudTable<NotificationDto>? table;
    private bool unreadOnly;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private async Task<TableData<NotificationDto>> LoadAsync(TableState state, CancellationToken ct)
    {
        var page = await GetNotifications.HandleAsync(new NotificationQuery { UnreadOnly = unreadOnly, Page = state.Page + 1, PageSize = state.PageSize }, ct);
        return new TableData<NotificationDto> { Items = page.Items, TotalItems = page.Total };
    }

    private async Task OnUnreadOnly(bool value)
    {
        unreadOnly = value;
        await (table?.ReloadServerData() ?? Task.CompletedTask);
    }

    private async Task ReadAsync(NotificationDto n)
    {
        await MarkRead.HandleAsync(n.Id);
        await (table?.ReloadServerData() ?? Task.CompletedTask);
    }

    private async Task OpenAsync(NotificationDto n)
    {
        if (n.ReadAt is null)
        {
            await MarkRead.HandleAsync(n.Id);
        }

        Navigation.NavigateTo(n.LinkUrl);
    }

    private async Task MarkAllAsync()
    {
        var marked = await MarkAllRead.HandleAsync();
        Snackbar.Add(string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Notifications.Marked"], marked), Severity.Success);
        await (table?.ReloadServerData() ?? Task.CompletedTask);
    }
}
