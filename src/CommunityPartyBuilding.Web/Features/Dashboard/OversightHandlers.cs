using System.Globalization;
using System.IO.Compression;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CommunityPartyBuilding.Web.Features.Dashboard;

/// <summary>Who may open an organisation department's overview: that department, or an administrator.</summary>
internal static class OversightScope
{
    /// <summary>The department's name; another department's is "not found", street staff and unit leaders are refused.</summary>
    public static async Task<string> ReadableDepartmentAsync(PortalDbContext db, ScopeGuard scope, Guid departmentId, CancellationToken ct)
    {
        var user = scope.User;
        if (!user.IsAdministrator && !user.IsOrganisationDepartment)
        {
            throw new PortalForbiddenException();
        }

        if (user.IsOrganisationDepartment && user.OrganisationDepartmentId != departmentId)
        {
            throw new PortalNotFoundException("Dashboard.DepartmentNotFound");
        }

        return await db.OrganisationDepartments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => d.Name).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Dashboard.DepartmentNotFound");
    }

    /// <summary>The department's streets the user may read, in name order.</summary>
    public static async Task<List<(Guid Id, string Name)>> StreetsAsync(PortalDbContext db, ScopeGuard scope, Guid departmentId, CancellationToken ct)
    {
        var streets = await scope.VisibleStreets(db).Where(s => s.OrganisationDepartmentId == departmentId)
            .OrderBy(s => s.Name).Select(s => new { s.Id, s.Name })
            .ToListAsync(ct);
        return streets.Select(s => (s.Id, s.Name)).ToList();
    }
}

/// <summary>
/// The organisation department's table: its streets side by side for a year. Each column is one grouped statement over
/// all the department's streets (never one query per street).
/// </summary>
public sealed class GetDepartmentOverview(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar, FigureCache cache) : IHandler
{
    public async Task<DepartmentOverview> HandleAsync(Guid departmentId, int? year, CancellationToken ct = default)
    {
        string departmentName;
        List<(Guid Id, string Name)> streets;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            departmentName = await OversightScope.ReadableDepartmentAsync(db, scope, departmentId, ct);
            streets = await OversightScope.StreetsAsync(db, scope, departmentId, ct);
        }

        var today = calendar.Today;
        var y = DashboardRules.ResolveYear(year, today);
        if (streets.Count == 0)
        {
            return new DepartmentOverview(departmentId, departmentName, y, today, []);
        }

        // Issue #18: cached per (department, its streets, year, business date) under the versions of all its streets.
        IReadOnlyCollection<Guid> ids = streets.Select(s => s.Id).ToList();
        var key = $"department|{departmentId}|{y}|{today:yyyy-MM-dd}|{string.Join(',', ids)}";
        var (overview, cachedAt) = await cache.GetOrComputeAsync(key, ids,
            () => ComputeAsync(departmentId, departmentName, streets, y, today, CancellationToken.None));
        return overview with { CachedAt = cachedAt };
    }

    private async Task<DepartmentOverview> ComputeAsync(Guid departmentId, string departmentName, List<(Guid Id, string Name)> streets, int y, DateOnly today,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        IReadOnlyCollection<Guid> ids = streets.Select(s => s.Id).ToList();
        var referenceDate = DashboardRules.ReferenceDate(y, today);
        var units = await DashboardQueries.ActiveUnits(db, ids, referenceDate)
            .GroupBy(u => u.StreetId).Select(g => new { StreetId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.StreetId, x => x.Count, ct);
        var activities = await DashboardQueries.VerifiedActivitiesAsync(db, ids, y, ct);
        var minimums = await DashboardQueries.MinimumsAsync(db, ids, ct);
        var held = await DashboardQueries.HeldMeetingsAsync(db, ids, y, ct);
        var resolutions = (await DashboardQueries.ResolutionOutcomesAsync(db, ids, y, today, ct)).ToDictionary(r => r.StreetId);
        var campaigns = await DashboardQueries.CampaignsAsync(db, ids, y, ct);
        var assessments = await DashboardQueries.AssessmentsAsync(db, ids, y, ct);
        var (from, to) = NeedFigureQueries.YearBounds(calendar, y);
        var needs = await NeedFigureQueries.ByStreetAsync(db, ids, from, to, ct);
        var accepted = await db.Projects.AsNoTracking()
            .Where(p => ids.Contains(p.StreetId) && p.AcceptedAt >= from && p.AcceptedAt < to)
            .GroupBy(p => p.StreetId).Select(g => new { StreetId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.StreetId, x => x.Count, ct);

        var rows = streets.Select(s =>
        {
            var (met, due) = DashboardRules.Compliance(DashboardQueries.Quarters(s.Id, y, held, minimums, today).Select(q => q.State));
            var r = resolutions.GetValueOrDefault(s.Id);
            var settled = r is null ? 0 : r.OnTime + r.Late + r.Overdue;
            var evaluation = DashboardQueries.Evaluation(s.Id, campaigns, assessments);
            var (count, hours) = activities.GetValueOrDefault(s.Id);
            return new StreetOverviewRow(s.Id, s.Name, units.GetValueOrDefault(s.Id), count, hours, met, due,
                settled, r?.OnTime ?? 0, r is null ? null : DashboardRules.OnTimeRate(r.OnTime, r.Late, r.Overdue),
                evaluation?.CampaignId, evaluation?.Status, evaluation?.MeanScore, evaluation?.Grades)
            {
                Needs = needs.GetValueOrDefault(s.Id, NeedYearFigures.None),
                ProjectsAccepted = accepted.GetValueOrDefault(s.Id),
            };
        }).ToList();
        return new DepartmentOverview(departmentId, departmentName, y, today, rows);
    }
}

/// <summary>The department's table as an xlsx file (Chinese headers, like the portal's other data files).</summary>
public sealed class ExportDepartmentOverview(GetDepartmentOverview overview) : IHandler
{
    private static readonly Dictionary<EvaluationStatus, string> Statuses = new Dictionary<EvaluationStatus, string>
    {
        [EvaluationStatus.Draft] = "草稿",
        [EvaluationStatus.Open] = "评议中",
        [EvaluationStatus.Closed] = "已截止",
        [EvaluationStatus.Finalised] = "已定稿",
        [EvaluationStatus.Published] = "已通报",
    };

    public async Task<(byte[] Content, string FileName)> HandleAsync(Guid departmentId, int? year, CancellationToken ct = default)
    {
        var data = await overview.HandleAsync(departmentId, year, ct);
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(data.Streets.Select(s => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["街道"] = s.StreetName,
            ["成员单位（家）"] = s.Units,
            ["已核实活动（次）"] = s.VerifiedActivities,
            ["志愿服务时长（小时）"] = s.VolunteerHours,
            ["联席会议达标季度"] = s.JointMeetingQuartersDue == 0 ? "—" : $"{s.JointMeetingQuartersMet}/{s.JointMeetingQuartersDue}",
            ["决议按期完成率"] = s.ResolutionsOnTimeRate is { } rate ? rate.ToString("P1", CultureInfo.InvariantCulture) : "—",
            ["年度评议状态"] = s.EvaluationStatus is { } status ? Statuses[status] : "未发起",
            ["平均得分"] = s.MeanScore is { } mean ? mean : "—",
            ["优秀"] = s.Grades?.Excellent,
            ["良好"] = s.Grades?.Good,
            ["一般"] = s.Grades?.Fair,
            ["较差"] = s.Grades?.Poor,
            ["需求提交（项）"] = s.Needs.Submitted,
            ["需求发布（项）"] = s.Needs.Published,
            ["需求办结（项）"] = s.Needs.Done,
            ["需求评价（项）"] = s.Needs.Rated,
            ["需求满意率"] = s.Needs.SatisfactionShare is { } share ? share.ToString("P1", CultureInfo.InvariantCulture) : "—",
            ["验收项目（项）"] = s.ProjectsAccepted,
        }), sheetName: $"{data.Year}年各街道", cancellationToken: ct);
        return (stream.ToArray(), $"{data.DepartmentName}-{data.Year}年街道汇总.xlsx");
    }
}

/// <summary>
/// Every street's annual assessment report of the year in one ZIP, from <see cref="IAnnualReportSource"/>: the
/// streets that have a campaign that year and whose report the source can produce. None: 404 with a message.
/// </summary>
public sealed class GetDepartmentReports(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar, IAnnualReportSource reports) : IHandler
{
    public async Task<(byte[] Zip, string FileName)> HandleAsync(Guid departmentId, int? year, CancellationToken ct = default)
    {
        List<(string Street, Guid CampaignId)> campaigns;
        string departmentName;
        int y;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            departmentName = await OversightScope.ReadableDepartmentAsync(db, scope, departmentId, ct);
            y = DashboardRules.ResolveYear(year, calendar.Today);
            var streets = await OversightScope.StreetsAsync(db, scope, departmentId, ct);
            var ids = streets.Select(s => s.Id).ToList();
            var rows = await db.EvaluationCampaigns.AsNoTracking().Where(c => ids.Contains(c.StreetId) && c.Year == y)
                .Select(c => new { c.StreetId, c.Id }).ToListAsync(ct);
            campaigns = streets.Join(rows, s => s.Id, c => c.StreetId, (s, c) => (s.Name, c.Id)).ToList();
        }

        using var buffer = new MemoryStream();
        var added = 0;
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (street, campaignId) in campaigns)
            {
                if (await reports.GetAnnualReportAsync(campaignId, ct) is not { } report)
                {
                    continue;
                }

                var name = names.Add(report.FileName) ? report.FileName : $"{street}-{report.FileName}";
                names.Add(name);
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                await using var stream = await entry.OpenAsync(ct);
                await stream.WriteAsync(report.Pdf, ct);
                added++;
            }
        }

        if (added == 0)
        {
            throw new PortalNotFoundException("Dashboard.NoReports", y);
        }

        return (buffer.ToArray(), $"{departmentName}-{y}年年度考核报告.zip");
    }
}
