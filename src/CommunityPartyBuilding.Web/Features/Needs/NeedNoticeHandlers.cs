using System.Globalization;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary>
/// One unit's line of the monthly handling notice: dispatches sent to it that month and how it answered them, needs it
/// finished that month (and how many by their claim-by date), and the residents' ratings given that month.
/// </summary>
public sealed record NeedNoticeRow(
    Guid UnitId,
    string UnitName,
    int Dispatched,
    int Accepted,
    int Declined,
    int Expired,
    int Done,
    int DoneOnTime,
    int Ratings,
    int Satisfied,
    int BasicallySatisfied,
    int Dissatisfied,
    decimal? Satisfaction);

/// <summary>办理情况通报: a street's needs handled by its units in one month. Names of units and figures only, no one's personal data (rule 10).</summary>
/// <param name="MembersDone">
/// Wishes in-service members claimed themselves and finished that month (and of those, on time). They are no unit's: not in
/// a unit's row nor in the total, and not credited to the member's employer either (its credit for its members is their
/// confirmed service hours, rule 9; counting the wish too would count the same work twice). Stated beside the table.
/// </param>
public sealed record NeedNotice(Guid StreetId, string StreetName, DateOnly Month, IReadOnlyList<NeedNoticeRow> Units, NeedNoticeRow Total,
    int MembersDone = 0, int MembersDoneOnTime = 0);

/// <summary>
/// GET /streets/{id}/need-notices/{yyyy-MM}: per unit, dispatched, accepted, declined and expired (by the month it was
/// dispatched), done and done on time (by the month it was done), ratings (by the month they were given). For the
/// street's readers (staff, community staff, its organisation department); unit leaders 403.
/// </summary>
public sealed class GetNeedNotice(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<NeedNotice> HandleAsync(Guid streetId, string? month, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanListUnitsAsync(db, streetId, ct);
        var first = NeedNoticeRules.ParseMonth(month, calendar.Today)
            ?? throw new PortalValidationException([new("month", "NeedNotice.BadMonth")]);
        var from = calendar.StartOfDay(first);
        var to = calendar.StartOfDay(first.AddMonths(1));
        var streetName = await db.Streets.Where(s => s.Id == streetId).Select(s => s.Name).SingleAsync(ct);

        var dispatches = await db.NeedDispatches.AsNoTracking().Where(d => d.StreetId == streetId && d.DispatchedAt >= from && d.DispatchedAt < to)
            .GroupBy(d => new { d.UnitId, d.Status }).Select(g => new { g.Key.UnitId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var done = await db.Needs.AsNoTracking().Where(n => n.StreetId == streetId && n.ClaimerUnitId != null && n.CompletedAt >= from && n.CompletedAt < to)
            .Select(n => new { UnitId = n.ClaimerUnitId!.Value, CompletedAt = n.CompletedAt!.Value, n.ClaimBy }).ToListAsync(ct);
        var ratings = await db.Needs.AsNoTracking().Where(n => n.StreetId == streetId && n.ClaimerUnitId != null && n.Rating != null && n.RatedAt >= from && n.RatedAt < to)
            .GroupBy(n => new { UnitId = n.ClaimerUnitId!.Value, Rating = n.Rating!.Value }).Select(g => new { g.Key.UnitId, g.Key.Rating, Count = g.Count() }).ToListAsync(ct);

        var byMembers = await db.Needs.AsNoTracking().Where(n => n.StreetId == streetId && n.ClaimerMemberId != null && n.CompletedAt >= from && n.CompletedAt < to)
            .Select(n => new { CompletedAt = n.CompletedAt!.Value, n.ClaimBy }).ToListAsync(ct);

        var unitIds = dispatches.Select(d => d.UnitId).Concat(done.Select(d => d.UnitId)).Concat(ratings.Select(r => r.UnitId)).Distinct().ToList();
        var names = await db.MemberUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var rows = unitIds.Select(unit =>
        {
            int Dispatches(NeedDispatchStatus? status) => dispatches.Where(d => d.UnitId == unit && (status is null || d.Status == status)).Sum(d => d.Count);
            int Rated(Rating rating) => ratings.Where(r => r.UnitId == unit && r.Rating == rating).Sum(r => r.Count);
            var finished = done.Where(d => d.UnitId == unit).ToList();
            return Row(unit, names[unit], Dispatches(null), Dispatches(NeedDispatchStatus.Accepted), Dispatches(NeedDispatchStatus.Declined), Dispatches(NeedDispatchStatus.Expired),
                finished.Count, finished.Count(d => NeedNoticeRules.OnTime(calendar.DateOf(d.CompletedAt), d.ClaimBy)),
                Rated(Rating.Satisfied), Rated(Rating.BasicallySatisfied), Rated(Rating.Dissatisfied));
        }).OrderBy(r => r.UnitName, StringComparer.Ordinal).ToList();
        var total = Row(Guid.Empty, "", rows.Sum(r => r.Dispatched), rows.Sum(r => r.Accepted), rows.Sum(r => r.Declined), rows.Sum(r => r.Expired),
            rows.Sum(r => r.Done), rows.Sum(r => r.DoneOnTime), rows.Sum(r => r.Satisfied), rows.Sum(r => r.BasicallySatisfied), rows.Sum(r => r.Dissatisfied));
        return new NeedNotice(streetId, streetName, first, rows, total, byMembers.Count,
            byMembers.Count(d => NeedNoticeRules.OnTime(calendar.DateOf(d.CompletedAt), d.ClaimBy)));
    }

    private static NeedNoticeRow Row(Guid unit, string name, int dispatched, int accepted, int declined, int expired, int done, int onTime, int satisfied, int basically, int dissatisfied)
    {
        var count = satisfied + basically + dissatisfied;
        return new(unit, name, dispatched, accepted, declined, expired, done, onTime, count, satisfied, basically, dissatisfied,
            NeedNoticeRules.Satisfaction(satisfied, basically, count));
    }
}

/// <summary>The monthly notice as an xlsx file (Chinese headers, like the portal's other data files); unit names and figures only.</summary>
public sealed class ExportNeedNotice(GetNeedNotice notice) : IHandler
{
    public async Task<(byte[] Content, string FileName)> HandleAsync(Guid streetId, string? month, CancellationToken ct = default)
    {
        var data = await notice.HandleAsync(streetId, month, ct);
        using var stream = new MemoryStream();
        var lines = data.Units.Append(data.Total with { UnitName = "合计" });
        await stream.SaveAsAsync(lines.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["成员单位"] = r.UnitName,
            ["派单（件）"] = r.Dispatched,
            ["接单"] = r.Accepted,
            ["谢绝"] = r.Declined,
            ["超时未答复"] = r.Expired,
            ["办结（件）"] = r.Done,
            ["按期办结"] = r.DoneOnTime,
            ["按期办结率"] = r.Done == 0 ? "—" : ((decimal)r.DoneOnTime / r.Done).ToString("P1", CultureInfo.InvariantCulture),
            ["群众评价（条）"] = r.Ratings,
            ["满意"] = r.Satisfied,
            ["基本满意"] = r.BasicallySatisfied,
            ["不满意"] = r.Dissatisfied,
            ["满意度"] = r.Satisfaction is { } s ? s.ToString("P1", CultureInfo.InvariantCulture) : "—",
        }).Concat(data.MembersDone == 0 ? [] : [new Dictionary<string, object?>
        {
            ["成员单位"] = "在职党员个人认领（不计入合计）",
            ["办结（件）"] = data.MembersDone,
            ["按期办结"] = data.MembersDoneOnTime,
        }]), sheetName: data.Month.ToString("yyyy年M月", CultureInfo.InvariantCulture) + "办理情况", cancellationToken: ct);
        return (stream.ToArray(), $"{data.StreetName}-{data.Month.ToString("yyyy年M月", CultureInfo.InvariantCulture)}需求办理情况通报.xlsx");
    }
}
