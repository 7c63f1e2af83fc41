using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Projects;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>
/// What the annual report says about serving residents (服务群众): the needs answered (群众需求办理), and the co-building
/// projects (共建项目) as a subsection of their own after <see cref="Needs"/>.
/// Counts and names of communities, categories and units only: no resident's name, phone or comment (rule 10).
/// </summary>
public sealed record AnnualResidentService
{
    public static readonly AnnualResidentService Empty = new() { Needs = AnnualNeeds.Empty };

    public required AnnualNeeds Needs { get; init; }

    /// <summary>The year's co-building projects (项目清单); composed by AnnualReportDocument after its needs subsection.</summary>
    public AnnualProjects Projects { get; init; } = AnnualProjects.Empty;
}

/// <summary>
/// The street's projects of the year (共建项目): a project belongs to the year when its planned period (start to end)
/// overlaps the year or it was accepted in the year (<see cref="ProjectFigureQueries.OfYear"/>, as on the dashboard). <see cref="ByStatus"/> counts those projects by their status when
/// the report is issued; <see cref="Accepted"/> lists the ones accepted in the year with their units' accepted
/// contributions (rule 7), and the totals add those contributions up. Names of projects, communities and units only.
/// </summary>
public sealed record AnnualProjects(
    int Total,
    IReadOnlyList<(ProjectStatus Status, int Count)> ByStatus,
    IReadOnlyList<AnnualProject> Accepted,
    decimal Budget)
{
    public static readonly AnnualProjects Empty = new(0, [], [], 0m);

    public decimal VolunteerHours => Accepted.Sum(p => p.VolunteerHours);

    public decimal Funds => Accepted.Sum(p => p.Funds);

    public int Beneficiaries => Accepted.Sum(p => p.Beneficiaries);

    public int Count(ProjectStatus status) => ByStatus.Where(s => s.Status == status).Sum(s => s.Count);
}

/// <summary>A project accepted in the year: its lead and participating units and what their accepted contributions add up to.</summary>
public sealed record AnnualProject(
    string Title,
    string Community,
    string LeadUnit,
    IReadOnlyList<string> ParticipatingUnits,
    DateOnly AcceptedOn,
    decimal VolunteerHours,
    decimal Funds,
    int Beneficiaries);

/// <summary>The year's needs (<see cref="NeedYearFigures"/>) in total, per community, per service category, and the units that finished most.</summary>
public sealed record AnnualNeeds(
    NeedYearFigures Totals,
    IReadOnlyList<AnnualNeedGroup> ByCommunity,
    IReadOnlyList<AnnualNeedGroup> ByCategory,
    IReadOnlyList<AnnualNeedUnit> TopUnits)
{
    public static readonly AnnualNeeds Empty = new(NeedYearFigures.None, [], [], []);
}

/// <summary>A community's or a service category's figures.</summary>
public sealed record AnnualNeedGroup(string Name, NeedYearFigures Figures);

/// <summary>A unit by the needs it finished in the year, with the residents' ratings of them.</summary>
public sealed record AnnualNeedUnit(string UnitName, int Done, int Rated, decimal? SatisfactionShare);

/// <summary>Gathers <see cref="AnnualResidentService"/> for a street and year; the caller has checked scope.</summary>
internal static class AnnualResidentServiceSource
{
    /// <summary>The report names this many units that finished the most needs.</summary>
    public const int TopUnits = 10;

    public static async Task<AnnualResidentService> GatherAsync(PortalDbContext db, BusinessCalendar calendar, Guid streetId, int year, CancellationToken ct) =>
        new() { Needs = await NeedsAsync(db, calendar, streetId, year, ct), Projects = await ProjectsAsync(db, calendar, streetId, year, ct) };

    /// <summary>The projects of the year as <see cref="AnnualProjects"/> defines them; one query for the projects, one for their units.</summary>
    private static async Task<AnnualProjects> ProjectsAsync(PortalDbContext db, BusinessCalendar calendar, Guid streetId, int year, CancellationToken ct)
    {
        var (from, to) = NeedFigureQueries.YearBounds(calendar, year);
        var projects = await ProjectFigureQueries.OfYear(db.Projects.AsNoTracking().Where(p => p.StreetId == streetId), calendar, year)
            .Select(p => new
            {
                p.Id, p.Title, p.Status, p.Budget, p.AcceptedAt, p.LeadUnitId,
                Community = db.Communities.Where(c => c.Id == p.CommunityId).Select(c => c.Name).First(),
            })
            .ToListAsync(ct);
        if (projects.Count == 0)
        {
            return AnnualProjects.Empty;
        }

        var acceptedIds = projects.Where(p => p.AcceptedAt >= from && p.AcceptedAt < to).Select(p => p.Id).ToList();
        var units = await db.ProjectUnits.AsNoTracking()
            .Where(u => acceptedIds.Contains(u.ProjectId))
            .Select(u => new
            {
                u.ProjectId, u.IsLead, u.VolunteerHours, u.Funds, u.Beneficiaries,
                Name = db.MemberUnits.Where(m => m.Id == u.UnitId).Select(m => m.Name).First(),
            })
            .ToListAsync(ct);
        var accepted = projects.Where(p => acceptedIds.Contains(p.Id))
            .Select(p =>
            {
                var taking = units.Where(u => u.ProjectId == p.Id).ToList();
                return new AnnualProject(
                    p.Title, p.Community,
                    taking.Where(u => u.IsLead).Select(u => u.Name).FirstOrDefault() ?? "—",
                    [.. taking.Where(u => !u.IsLead).Select(u => u.Name).Order(StringComparer.Ordinal)],
                    calendar.DateOf(p.AcceptedAt!.Value),
                    taking.Sum(u => u.VolunteerHours ?? 0m), taking.Sum(u => u.Funds ?? 0m), taking.Sum(u => u.Beneficiaries ?? 0));
            })
            .OrderBy(p => p.AcceptedOn).ThenBy(p => p.Title, StringComparer.Ordinal)
            .ToList();
        var byStatus = Enum.GetValues<ProjectStatus>().Select(s => (s, projects.Count(p => p.Status == s))).ToList();
        return new AnnualProjects(projects.Count, byStatus, accepted, projects.Sum(p => p.Budget));
    }

    private static async Task<AnnualNeeds> NeedsAsync(PortalDbContext db, BusinessCalendar calendar, Guid streetId, int year, CancellationToken ct)
    {
        var (from, to) = NeedFigureQueries.YearBounds(calendar, year);
        var tallies = await NeedFigureQueries.TallyAsync(db, streetId, null, from, to, ct);
        var communities = await db.Communities.AsNoTracking().Where(c => c.StreetId == streetId).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        var unitIds = tallies.Where(t => t.ClaimerUnitId is not null).Select(t => t.ClaimerUnitId!.Value).Distinct().ToList();
        var units = await db.MemberUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        var byCommunity = communities.OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new AnnualNeedGroup(c.Name, NeedFigures.Sum(tallies.Where(t => t.CommunityId == c.Id))))
            .ToList();
        var byCategory = tallies.GroupBy(t => t.Category).OrderBy(g => g.Key)
            .Select(g => new AnnualNeedGroup(Labels.ServiceCategories[g.Key], NeedFigures.Sum(g)))
            .ToList();
        var topUnits = tallies.Where(t => t.ClaimerUnitId is not null)
            .GroupBy(t => t.ClaimerUnitId!.Value)
            .Select(g => (Name: units.GetValueOrDefault(g.Key, "—"), Figures: NeedFigures.Sum(g)))
            .Where(u => u.Figures.Done > 0)
            .OrderByDescending(u => u.Figures.Done).ThenBy(u => u.Name, StringComparer.Ordinal)
            .Take(TopUnits)
            .Select(u => new AnnualNeedUnit(u.Name, u.Figures.Done, u.Figures.Rated, u.Figures.SatisfactionShare))
            .ToList();
        return new AnnualNeeds(NeedFigures.Sum(tallies), byCommunity, byCategory, topUnits);
    }
}
