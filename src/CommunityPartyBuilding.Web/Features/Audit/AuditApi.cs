using CommunityPartyBuilding.Web.Features.Reports;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CommunityPartyBuilding.Web.Features.Audit;

public static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", (string? entityType, string? user, DateOnly? from, DateOnly? to, Guid? streetId, int? page, int? pageSize,
                GetAuditEntries handler, CancellationToken ct) =>
                handler.HandleAsync(new AuditQuery(entityType, user, from, to, streetId, page ?? 1, pageSize ?? 50), ct))
            .RequireAuthorization(Policies.AuditReaders)
            .WithName("GetAuditEntries");

        // The same filters as the page; headers, record types, fields and values in the reader's language.
        api.MapGet("/audit/export", async (string? entityType, string? user, DateOnly? from, DateOnly? to, Guid? streetId,
                GetAuditEntries handler, AuditPresenter presenter, IStringLocalizer<SharedResource> localizer, BusinessCalendar calendar, CancellationToken ct) =>
            {
                var entries = await handler.AllAsync(new AuditQuery(entityType, user, from, to, streetId), ct);
                var views = await presenter.PresentAsync(entries, ct);
                return TypedResults.File(AuditSheet.Write(views, localizer), UnitApi.XlsxContentType,
                    $"{localizer["Audit.FileName"]}-{calendar.Today:yyyyMMdd}.xlsx");
            })
            .RequireAuthorization(Policies.AuditReaders)
            .WithName("ExportAuditEntries")
            .Expensive();
    }
}
