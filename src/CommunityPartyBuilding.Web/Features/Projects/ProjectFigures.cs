using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Projects;

/// <summary>
/// A year's projects (项目清单) as the dashboard and the annual report count them: a project belongs to the year when its
/// planned period overlaps the year or it was accepted in the year. Planned, under way and done count those projects by
/// their status today; accepted counts the ones accepted in the year.
/// </summary>
public sealed record ProjectYearFigures(int InYear, int Planned, int UnderWay, int Done, int Accepted)
{
    public static readonly ProjectYearFigures None = new(0, 0, 0, 0, 0);
}

/// <summary>The queries behind <see cref="ProjectYearFigures"/>; scope is checked by the callers.</summary>
internal static class ProjectFigureQueries
{
    /// <summary>The projects of the year: planned period overlapping it, or accepted in it (business days).</summary>
    public static IQueryable<Project> OfYear(IQueryable<Project> projects, BusinessCalendar calendar, int year)
    {
        var (from, to) = NeedFigureQueries.YearBounds(calendar, year);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        return projects.Where(p => (p.PlannedStart <= last && p.PlannedEnd >= first) || (p.AcceptedAt >= from && p.AcceptedAt < to));
    }

    /// <summary>The year's figures of a street, or of one community of it: one aggregate statement.</summary>
    public static async Task<ProjectYearFigures> CountAsync(PortalDbContext db, BusinessCalendar calendar, Guid streetId, Guid? communityId, int year, CancellationToken ct)
    {
        var projects = db.Projects.AsNoTracking().Where(p => p.StreetId == streetId);
        if (communityId is { } community)
        {
            projects = projects.Where(p => p.CommunityId == community);
        }

        var (from, to) = NeedFigureQueries.YearBounds(calendar, year);
        var counts = await OfYear(projects, calendar, year)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                InYear = g.Count(),
                Planned = g.Count(p => p.Status == ProjectStatus.Planned),
                UnderWay = g.Count(p => p.Status == ProjectStatus.UnderWay),
                Done = g.Count(p => p.Status == ProjectStatus.Done),
                Accepted = g.Count(p => p.AcceptedAt >= from && p.AcceptedAt < to),
            })
            .FirstOrDefaultAsync(ct);
        return counts is null ? ProjectYearFigures.None : new ProjectYearFigures(counts.InYear, counts.Planned, counts.UnderWay, counts.Done, counts.Accepted);
    }
}
