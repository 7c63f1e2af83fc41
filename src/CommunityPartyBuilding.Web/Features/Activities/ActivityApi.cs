using CommunityPartyBuilding.Web.Features.Reports;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace CommunityPartyBuilding.Web.Features.Activities;

public static class ActivityApi
{
    public static void MapActivityApi(this RouteGroupBuilder api)
    {
        api.MapPost("/units/{unitId:guid}/activities", async (Guid unitId, ActivityInput input, LogActivity handler, GetActivity get, CancellationToken ct) =>
            {
                var id = await handler.HandleAsync(unitId, input, ct);
                return TypedResults.Created($"/api/v1/activities/{id}", (await get.HandleAsync(id, ct)).Activity);
            });

        api.MapGet("/streets/{streetId:guid}/activities", (Guid streetId, string? status, Guid? unitId, string? category,
                DateOnly? from, DateOnly? to, int? page, int? pageSize, GetActivities handler, CancellationToken ct) =>
                handler.HandleAsync(streetId, new ActivityQuery
                {
                    Status = ApiEnums.Parse<ActivityStatus>(status, nameof(status)),
                    UnitId = unitId,
                    Category = ApiEnums.Parse<ServiceCategory>(category, nameof(category)),
                    From = from,
                    To = to,
                    Page = page ?? 1,
                    PageSize = pageSize ?? 50,
                }, ct));

        api.MapGet("/streets/{streetId:guid}/activities/export", async (Guid streetId, string? status, Guid? unitId, string? category,
                DateOnly? from, DateOnly? to, GetActivities handler, BusinessCalendar calendar, CancellationToken ct) =>
            {
                var rows = await handler.AllAsync(streetId, new ActivityQuery
                {
                    Status = ApiEnums.Parse<ActivityStatus>(status, nameof(status)),
                    UnitId = unitId,
                    Category = ApiEnums.Parse<ServiceCategory>(category, nameof(category)),
                    From = from,
                    To = to,
                }, ct);
                return TypedResults.File(LedgerSheet.Write(rows), UnitApi.XlsxContentType, $"共建台账-{calendar.Today:yyyyMMdd}.xlsx");
            })
            .Expensive();

        api.MapGet("/activities/{activityId:guid}", async (Guid activityId, GetActivity get, CancellationToken ct) => await get.HandleAsync(activityId, ct));

        api.MapPut("/activities/{activityId:guid}", async (Guid activityId, ActivityInput input, UpdateActivity handler, GetActivity get, CancellationToken ct) =>
            {
                await handler.HandleAsync(activityId, input, ct);
                return (await get.HandleAsync(activityId, ct)).Activity;
            });

        api.MapPost("/activities/{activityId:guid}/verify", async (Guid activityId, VerifyActivity handler, GetActivity get, CancellationToken ct) =>
            {
                await handler.HandleAsync(activityId, ct);
                return (await get.HandleAsync(activityId, ct)).Activity;
            });

        api.MapPost("/activities/{activityId:guid}/return", async (Guid activityId, ReturnActivityInput input, ReturnActivity handler, GetActivity get, CancellationToken ct) =>
            {
                await handler.HandleAsync(activityId, input, ct);
                return (await get.HandleAsync(activityId, ct)).Activity;
            });

        api.MapPost("/activities/{activityId:guid}/photos", async (Guid activityId, IFormFile? file, AddActivityPhoto handler, CancellationToken ct) =>
            {
                if (file is null)
                {
                    throw new PortalValidationException([new("File", "Upload.NoFile")]);
                }

                await using var stream = file.OpenReadStream();
                var id = await handler.HandleAsync(activityId, file.FileName, stream, file.Length, ct);
                return TypedResults.Created($"/api/v1/photos/{id}", new { id });
            })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ActivityRules.MaxPhotoBytes * 3));

        api.MapGet("/photos/{photoId:guid}", async (Guid photoId, bool? thumbnail, GetActivityPhoto handler, HttpContext http, CancellationToken ct) =>
            {
                var (content, type, name) = await handler.HandleAsync(photoId, thumbnail ?? false, ct);
                http.Response.Headers.CacheControl = "private, max-age=3600";
                return TypedResults.File(content, type, thumbnail == true ? null : name);
            });

        api.MapDelete("/photos/{photoId:guid}", async (Guid photoId, RemoveActivityPhoto handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(photoId, ct);
                return TypedResults.NoContent();
            });
    }
}

/// <summary>The ledger as a spreadsheet, in Chinese like the other data files.</summary>
public static class LedgerSheet
{
    public static byte[] Write(IEnumerable<ActivityDto> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(a => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["活动日期"] = a.HeldOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["成员单位"] = a.UnitName,
            ["活动名称"] = a.Title,
            ["服务类别"] = Labels.ServiceCategories[a.Category],
            ["地点"] = a.Place,
            ["参与人数"] = a.Participants,
            ["党员人数"] = a.PartyMemberParticipants,
            ["志愿服务时长（小时）"] = a.VolunteerHours,
            ["投入资金（元）"] = a.Funds,
            ["受益人数"] = a.Beneficiaries,
            ["对应承诺"] = a.CommitmentLabel ?? "",
            ["状态"] = Labels.ActivityStatuses[a.Status],
            ["退回原因"] = a.ReturnReason ?? "",
            ["提交人"] = a.SubmittedBy,
        }), sheetName: "共建台账");
        return stream.ToArray();
    }
}

/// <summary>Chinese names used in data files.</summary>
public static class Labels
{
    public static readonly IReadOnlyDictionary<ServiceCategory, string> ServiceCategories = new Dictionary<ServiceCategory, string>
    {
        [ServiceCategory.PovertyRelief] = "扶贫帮困",
        [ServiceCategory.ConvenienceService] = "便民服务",
        [ServiceCategory.SkillTraining] = "技能培训",
        [ServiceCategory.CultureSports] = "文化体育",
        [ServiceCategory.Environment] = "环境共建",
        [ServiceCategory.PublicSafety] = "平安共保",
        [ServiceCategory.Employment] = "就业援助",
        [ServiceCategory.VenueSharing] = "场地共享",
        [ServiceCategory.Other] = "其他",
    };

    public static readonly IReadOnlyDictionary<ActivityStatus, string> ActivityStatuses = new Dictionary<ActivityStatus, string>
    {
        [ActivityStatus.Submitted] = "已提交",
        [ActivityStatus.Verified] = "已核实",
        [ActivityStatus.Returned] = "已退回",
    };
}
