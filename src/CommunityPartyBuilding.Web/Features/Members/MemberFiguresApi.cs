namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>Rule 9's figures, the 反馈函 and the 喜报 (in-service members back to their units).</summary>
public static class MemberFiguresApi
{
    public static void MapMemberFiguresApi(this RouteGroupBuilder api)
    {
        api.MapGet("/units/{unitId:guid}/member-figures", (Guid unitId, int? year, GetUnitMemberFigures handler, CancellationToken ct) =>
            handler.HandleAsync(unitId, year, ct));

        api.MapGet("/streets/{streetId:guid}/member-figures", (Guid streetId, int? year, GetStreetMemberFigures handler, CancellationToken ct) =>
            handler.HandleAsync(streetId, year, ct));

        api.MapGet("/organisation-departments/{departmentId:guid}/member-figures", (Guid departmentId, int? year, GetDepartmentMemberFigures handler, CancellationToken ct) =>
            handler.HandleAsync(departmentId, year, ct));
    }
}
