using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>
/// What the annual report says about serving residents (服务群众): the needs answered (群众需求办理), and, once the
/// projects feature lands, the co-building projects (共建项目) as a subsection of their own beside <see cref="Needs"/>.
/// Counts and names of communities, categories and units only: no resident's name, phone or comment (rule 10).
/// </summary>
public sealed record AnnualResidentService
{
    public static readonly AnnualResidentService Empty = new() { Needs = AnnualNeeds.Empty };

    public required AnnualNeeds Needs { get; init; }

    // Projects (项目清单) join here: `public AnnualProjects? Projects { get; init; }`, gathered in
    // AnnualResidentServiceSource.GatherAsync and composed by AnnualReportDocument after its needs subsection.
}

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
        new() { Needs = await NeedsAsync(db, calendar, streetId, year, ct) };

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
