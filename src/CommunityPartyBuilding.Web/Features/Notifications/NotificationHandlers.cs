using System.Globalization;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CommunityPartyBuilding.Web.Features.Notifications;

/// <summary>A notification as its recipient sees it: title and text in their language.</summary>
public sealed record NotificationDto(
    Guid Id,
    NotificationKind Kind,
    string Title,
    string Text,
    string LinkUrl,
    DateOnly Day,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt);

public sealed record NotificationQuery
{
    public bool UnreadOnly { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

/// <summary>The bell's content: the newest notifications and how many are unread.</summary>
public sealed record NotificationSummary(int Unread, IReadOnlyList<NotificationDto> Recent);

/// <summary>The message of a notification: "NotificationKind.X" is its title, "Notification.X" its text with the stored arguments.</summary>
public static class NotificationText
{
    public static string Title(NotificationKind kind, IStringLocalizer localizer) => localizer["NotificationKind." + kind];

    /// <summary>Arguments written as yyyy-MM-dd are dates and are shown as 2026年3月31日 (or 31 Mar 2026).</summary>
    public static string Text(NotificationKind kind, IReadOnlyList<string> arguments, IStringLocalizer localizer)
    {
        var values = arguments.Select(a => (object)(DateOnly.TryParseExact(a, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? DateFormat.Date(d) : a)).ToArray();
        try
        {
            return string.Format(CultureInfo.CurrentCulture, localizer["Notification." + kind], values);
        }
        catch (FormatException)
        {
            return string.Join(" · ", values);
        }
    }
}

/// <summary>The current user's own notifications; nobody reads anyone else's.</summary>
public sealed class GetNotifications(IDbContextFactory<PortalDbContext> dbFactory, ICurrentUser currentUser, IStringLocalizer<SharedResource> localizer) : IHandler
{
    public async Task<PagedResult<NotificationDto>> HandleAsync(NotificationQuery query, CancellationToken ct = default)
    {
        var userId = currentUser.Required.Id;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == userId);
        if (query.UnreadOnly)
        {
            mine = mine.Where(n => n.ReadAt == null);
        }

        var total = await mine.CountAsync(ct);
        var page = Paging.Clamp(query.Page, query.PageSize);
        var rows = await mine.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        return new PagedResult<NotificationDto>(rows.Select(ToDto).ToList(), total);
    }

    /// <summary>The bell: unread count and the newest few.</summary>
    public async Task<NotificationSummary> SummaryAsync(int count = 8, CancellationToken ct = default)
    {
        var userId = currentUser.Required.Id;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unread = await db.Notifications.CountAsync(n => n.RecipientUserId == userId && n.ReadAt == null, ct);
        var recent = await db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == userId)
            .OrderBy(n => n.ReadAt != null).ThenByDescending(n => n.CreatedAt).Take(count).ToListAsync(ct);
        return new NotificationSummary(unread, recent.Select(ToDto).ToList());
    }

    public async Task<int> UnreadCountAsync(CancellationToken ct = default)
    {
        var userId = currentUser.Required.Id;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.RecipientUserId == userId && n.ReadAt == null, ct);
    }

    private NotificationDto ToDto(Notification n) =>
        new(n.Id, n.Kind, NotificationText.Title(n.Kind, localizer), NotificationText.Text(n.Kind, n.Arguments, localizer), n.LinkUrl, n.Day, n.CreatedAt, n.ReadAt);
}

/// <summary>Marks one of the current user's notifications read. Scope: the user's own notifications (another person's is "not found").</summary>
public sealed class MarkNotificationRead(IDbContextFactory<PortalDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock) : IHandler
{
    public async Task HandleAsync(Guid notificationId, CancellationToken ct = default)
    {
        var userId = currentUser.Required.Id;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Notifications.Where(n => n.Id == notificationId && n.RecipientUserId == userId);
        if (!await mine.AnyAsync(ct))
        {
            throw new PortalNotFoundException("Notifications.NotFound");
        }

        var now = clock.GetUtcNow();
        await mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}

/// <summary>Marks every unread notification of the current user read; returns how many were marked. Scope: the user's own notifications.</summary>
public sealed class MarkAllNotificationsRead(IDbContextFactory<PortalDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock) : IHandler
{
    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        var userId = currentUser.Required.Id;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.Notifications.Where(n => n.RecipientUserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
