using System.Globalization;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CommunityPartyBuilding.Web.Features.Projects;

/// <summary>A project as a row of the export: the list's fields with its units, the needs it answers and the accepted contributions.</summary>
public sealed record ProjectExportRow(
    string Community,
    string Title,
    ProjectStatus Status,
    string LeadUnit,
    IReadOnlyList<string> ParticipatingUnits,
    DateOnly PlannedStart,
    DateOnly PlannedEnd,
    decimal Budget,
    IReadOnlyList<string> Needs,
    DateOnly? AcceptedOn,
    decimal? VolunteerHours,
    decimal? Funds,
    int? Beneficiaries);

/// <summary>
/// The street's projects as a spreadsheet (GET /streets/{id}/projects/export), with the list's filters and readers: street
/// readers get the street's projects, community staff their community's, a unit leader the projects the unit takes part
/// in. A project holds no personal data; the needs are named by their titles only (no contact).
/// </summary>
public sealed class ExportProjects(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    /// <summary>At most this many rows in one file.</summary>
    public const int MaxRows = 10_000;

    public async Task<(byte[] Content, string FileName)> HandleAsync(Guid streetId, ProjectQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var filtered = await GetProjects.ScopedAsync(scope, db, streetId, query, ct);
        var projects = await ProjectQueries.ProjectAsync(db, GetProjects.Ordered(filtered).Take(MaxRows), ct);
        var ids = projects.Select(p => p.Id).ToList();
        var units = await db.ProjectUnits.AsNoTracking()
            .Where(u => ids.Contains(u.ProjectId))
            .Select(u => new
            {
                u.ProjectId, u.IsLead, u.VolunteerHours, u.Funds, u.Beneficiaries,
                Name = db.MemberUnits.Where(m => m.Id == u.UnitId).Select(m => m.Name).First(),
            })
            .ToListAsync(ct);
        var needs = await db.ProjectNeeds.AsNoTracking()
            .Where(n => ids.Contains(n.ProjectId))
            .Join(db.Needs, pn => pn.NeedId, n => n.Id, (pn, n) => new { pn.ProjectId, n.Title, n.SubmittedAt })
            .OrderBy(n => n.SubmittedAt)
            .ToListAsync(ct);

        var rows = projects.Select(p =>
        {
            var taking = units.Where(u => u.ProjectId == p.Id).ToList();
            var accepted = p.Status == ProjectStatus.Accepted;
            return new ProjectExportRow(
                p.Community, p.Title, p.Status, p.LeadUnit,
                [.. taking.Where(u => !u.IsLead).Select(u => u.Name).Order(StringComparer.Ordinal)],
                p.PlannedStart, p.PlannedEnd, p.Budget,
                [.. needs.Where(n => n.ProjectId == p.Id).Select(n => n.Title)],
                p.AcceptedAt is { } at ? calendar.DateOf(at) : null,
                accepted ? taking.Sum(u => u.VolunteerHours ?? 0m) : null,
                accepted ? taking.Sum(u => u.Funds ?? 0m) : null,
                accepted ? taking.Sum(u => u.Beneficiaries ?? 0) : null);
        }).ToList();

        var street = await db.Streets.Where(s => s.Id == streetId).Select(s => s.Name).SingleAsync(ct);
        return (ProjectSheet.Write(rows), $"{street}项目清单-{calendar.Today:yyyyMMdd}.xlsx");
    }
}

/// <summary>The projects list as a spreadsheet, in Chinese like the other data files.</summary>
public static class ProjectSheet
{
    public const string SheetName = "项目清单";

    public static byte[] Write(IEnumerable<ProjectExportRow> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(p => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["社区"] = p.Community,
            ["项目名称"] = p.Title,
            ["状态"] = Statuses[p.Status],
            ["牵头单位"] = p.LeadUnit,
            ["参与单位"] = string.Join("、", p.ParticipatingUnits),
            ["计划开始"] = Date(p.PlannedStart),
            ["计划结束"] = Date(p.PlannedEnd),
            ["预算（元）"] = p.Budget,
            ["回应需求"] = string.Join("；", p.Needs),
            ["验收日期"] = p.AcceptedOn is { } on ? Date(on) : "",
            ["志愿服务（小时）"] = p.VolunteerHours,
            ["投入资金（元）"] = p.Funds,
            ["惠及人次"] = p.Beneficiaries,
        }), sheetName: SheetName);
        return stream.ToArray();
    }

    public static readonly IReadOnlyDictionary<ProjectStatus, string> Statuses = new Dictionary<ProjectStatus, string>
    {
        [ProjectStatus.Planned] = "筹备",
        [ProjectStatus.UnderWay] = "实施中",
        [ProjectStatus.Done] = "已完成",
        [ProjectStatus.Accepted] = "已验收",
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
