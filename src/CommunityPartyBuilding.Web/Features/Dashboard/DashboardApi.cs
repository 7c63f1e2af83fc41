using CommunityPartyBuilding.Web.Features.Reports;

namespace CommunityPartyBuilding.Web.Features.Dashboard;

public static class DashboardApi
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapDashboardApi(this RouteGroupBuilder api)
    {
        api.MapGet("/streets/{streetId:guid}/dashboard", (Guid streetId, int? year, GetStreetDashboard handler, CancellationToken ct) =>
                handler.HandleAsync(streetId, year, ct));

        api.MapGet("/organisation-departments/{departmentId:guid}/streets", (Guid departmentId, int? year, GetDepartmentOverview handler, CancellationToken ct) =>
                handler.HandleAsync(departmentId, year, ct));

        api.MapGet("/organisation-departments/{departmentId:guid}/streets/export", async (Guid departmentId, int? year, ExportDepartmentOverview handler, CancellationToken ct) =>
            {
                var (content, fileName) = await handler.HandleAsync(departmentId, year, ct);
                return TypedResults.File(content, XlsxContentType, fileName);
            })
            .Expensive();

        api.MapGet("/organisation-departments/{departmentId:guid}/reports.zip", async (Guid departmentId, int? year, GetDepartmentReports handler, CancellationToken ct) =>
            {
                var (zip, fileName) = await handler.HandleAsync(departmentId, year, ct);
                return TypedResults.File(zip, "application/zip", fileName);
            })
            .Expensive();
    }
}
