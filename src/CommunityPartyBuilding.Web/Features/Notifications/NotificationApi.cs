
namespace CommunityPartyBuilding.Web.Features.Notifications;

public static class NotificationApi
{
    public static void MapNotificationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications", (bool? unreadOnly, int? page, int? pageSize, GetNotifications handler, CancellationToken ct) =>
                handler.HandleAsync(new NotificationQuery { UnreadOnly = unreadOnly ?? false, Page = page ?? 1, PageSize = pageSize ?? 50 }, ct));

        api.MapGet("/notifications/unread-count", async (GetNotifications handler, CancellationToken ct) =>
                new { unread = await handler.UnreadCountAsync(ct) });

        api.MapPost("/notifications/{notificationId:guid}/read", async (Guid notificationId, MarkNotificationRead handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(notificationId, ct);
                return TypedResults.NoContent();
            });

        api.MapPost("/notifications/read-all", async (MarkAllNotificationsRead handler, CancellationToken ct) =>
                new { marked = await handler.HandleAsync(ct) });
    }
}
