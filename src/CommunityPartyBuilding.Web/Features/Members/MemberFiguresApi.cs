using CommunityPartyBuilding.Web.Features.Reports;

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

        api.MapGet("/units/{unitId:guid}/member-feedback.pdf", async (Guid unitId, int? year, int? quarter, IssueMemberFeedback handler, CancellationToken ct) =>
            {
                var issued = await handler.HandleAsync(unitId, year, quarter, ct);
                return TypedResults.File(issued.Content, IssuedFile.ContentType, issued.FileName);
            })
            .Expensive();

        api.MapGet("/member-registrations/{registrationId:guid}/commendation.pdf", async (Guid registrationId, int? year, IssueCommendation handler, CancellationToken ct) =>
            {
                var issued = await handler.HandleAsync(registrationId, year, ct);
                return TypedResults.File(issued.Content, IssuedFile.ContentType, issued.FileName);
            })
            .Expensive();

        api.MapPost("/member-registrations/{registrationId:guid}/commendations", async (Guid registrationId, CommendationInput request, NameOutstandingMember handler, CancellationToken ct) =>
            {
                var id = await handler.HandleAsync(registrationId, request, ct);
                return TypedResults.Created($"/api/v1/member-registrations/{registrationId}/commendation.pdf?year={request.Year}", new { id });
            });

        api.MapPost("/member-registrations/{registrationId:guid}/commendations/{year:int}/withdraw", (Guid registrationId, int year, CommendationWithdrawInput request,
                WithdrawCommendation handler, CancellationToken ct) =>
            handler.HandleAsync(registrationId, year, request, ct));

        api.MapGet("/member-registrations/{registrationId:guid}/commendations", (Guid registrationId, GetMemberRemarks handler, CancellationToken ct) =>
            handler.CommendationsAsync(registrationId, ct));

        api.MapGet("/member-registrations/{registrationId:guid}/remarks", (Guid registrationId, GetMemberRemarks handler, CancellationToken ct) =>
            handler.RemarksAsync(registrationId, ct));

        api.MapPost("/member-registrations/{registrationId:guid}/remarks", async (Guid registrationId, RemarkInput request, WriteMemberRemark handler, CancellationToken ct) =>
                new { id = await handler.HandleAsync(registrationId, request, ct) });
    }
}
