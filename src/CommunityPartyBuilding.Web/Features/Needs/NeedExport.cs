using System.Globalization;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary>
/// The street's needs as a spreadsheet (GET /streets/{id}/needs/export), with the list's filters and scope. Contacts are
/// whole only in the rows of rule 10's readers (staff of the need's community or street), and each such row is written
/// to the audit log as a personal-data read; everyone else gets them masked. Unit leaders are refused, like the list.
/// </summary>
public sealed class ExportNeeds(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    /// <summary>At most this many rows in one file (a street has a few hundred a year).</summary>
    public const int MaxRows = 10_000;

    public async Task<(byte[] Content, string FileName)> HandleAsync(Guid streetId, NeedQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = calendar.Today;
        var filtered = await NeedListing.ScopedAsync(scope, db, streetId, query, today, ct);
        var user = scope.User;
        var needs = NeedListing.Ordered(filtered).Take(MaxRows);
        var rows = await NeedQueries.ProjectAsync(db, needs, n => NeedAccess.MaySeeContact(user, n), ct);

        var whole = rows.Where(r => r.ContactWhole).ToList();
        if (whole.Count > 0)
        {
            var now = calendar.UtcNow;
            foreach (var row in whole)
            {
                NeedAccess.RecordContactRead(db, user, row.Id, row.StreetId, row.ContactName, now);
            }

            await db.SaveChangesAsync(ct);
        }

        var street = await db.Streets.Where(s => s.Id == streetId).Select(s => s.Name).SingleAsync(ct);
        return (NeedSheet.Write(rows, calendar), $"{street}需求清单-{today:yyyyMMdd}.xlsx");
    }
}

/// <summary>The needs list as a spreadsheet, in Chinese like the other data files.</summary>
public static class NeedSheet
{
    public const string SheetName = "需求清单";

    public static byte[] Write(IEnumerable<NeedDto> rows, BusinessCalendar calendar)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(n => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["提交日期"] = Date(calendar.DateOf(n.SubmittedAt)),
            ["社区"] = n.CommunityName,
            ["类型"] = Kinds[n.Kind],
            ["服务类别"] = Labels.ServiceCategories[n.Category],
            ["标题"] = n.Title,
            ["内容"] = n.Description,
            ["来源"] = n.Source == NeedSource.Resident ? "居民提交" : "代为登记",
            ["联系人"] = n.ContactName,
            ["联系电话"] = n.ContactPhone,
            ["期望完成日期"] = n.WantedBy is { } wanted ? Date(wanted) : "",
            ["状态"] = Statuses[n.Status],
            ["认领单位"] = n.ClaimerName ?? "",
            ["认领期限"] = n.ClaimBy is { } by ? Date(by) : "",
            ["办结日期"] = n.CompletedAt is { } done ? Date(calendar.DateOf(done)) : "",
            ["居民评价"] = n.Rating is { } rating ? Ratings[rating] : "",
            ["未通过或撤回原因"] = n.RejectReason ?? "",
        }), sheetName: SheetName);
        return stream.ToArray();
    }

    public static readonly IReadOnlyDictionary<NeedKind, string> Kinds = new Dictionary<NeedKind, string>
    {
        [NeedKind.Wish] = "微心愿",
        [NeedKind.CommunityNeed] = "社区需求",
    };

    public static readonly IReadOnlyDictionary<NeedStatus, string> Statuses = new Dictionary<NeedStatus, string>
    {
        [NeedStatus.Submitted] = "待审核",
        [NeedStatus.Published] = "已发布",
        [NeedStatus.Claimed] = "已认领",
        [NeedStatus.Done] = "已完成",
        [NeedStatus.Rated] = "已评价",
        [NeedStatus.Rejected] = "未通过",
        [NeedStatus.Withdrawn] = "已撤回",
    };

    public static readonly IReadOnlyDictionary<Rating, string> Ratings = new Dictionary<Rating, string>
    {
        [Rating.Satisfied] = "满意",
        [Rating.BasicallySatisfied] = "基本满意",
        [Rating.Dissatisfied] = "不满意",
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
