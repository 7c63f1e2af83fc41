using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Projects;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Dashboard;

/// <summary>
/// The street dashboard: readers of the street (its staff, its organisation department, administrators); unit leaders
/// are refused. Every figure is an aggregate computed in PostgreSQL (see <see cref="DashboardQueries"/>).
/// </summary>
public sealed class GetStreetDashboard(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar, FigureCache cache) : IHandler
{
    public async Task<StreetDashboard> HandleAsync(Guid streetId, int? year, CancellationToken ct = default)
    {
        string streetName;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            streetName = await ReadableStreetNameAsync(db, scope, streetId, ct);
        }

        var today = calendar.Today;
        var y = DashboardRules.ResolveYear(year, today);
        var user = scope.User;

        // Needs and projects: community staff see their own community's (NeedAccess, ProjectAccess), everyone else the whole street's.
        var needsCommunity = user.IsCommunityStaff ? user.CommunityId : null;

        // Issue #18: the figures per (street, year, community of the needs, business date), shared by every reader;
        // the scope check above runs for each request, the computation (twelve statements) once per write or minute.
        var (figures, cachedAt) = await cache.GetOrComputeAsync($"street|{streetId}|{y}|{needsCommunity}|{today:yyyy-MM-dd}", [streetId],
            () => ComputeAsync(streetId, streetName, y, today, needsCommunity, CancellationToken.None));
        return figures with { CanManage = user.MayManageStreet(streetId), CachedAt = cachedAt };
    }

    private async Task<StreetDashboard> ComputeAsync(Guid streetId, string streetName, int y, DateOnly today, Guid? needsCommunity, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var referenceDate = DashboardRules.ReferenceDate(y, today);
        IReadOnlyCollection<Guid> streets = [streetId];

        var unitsByCategory = await DashboardQueries.ActiveUnits(db, streets, referenceDate)
            .GroupBy(u => u.Category)
            .Select(g => new CategoryCount(g.Key, g.Count()))
            .ToListAsync(ct);

        var activityGroups = await DashboardQueries.ActivitiesByMonthAsync(db, streets, y, ct);
        var verified = activityGroups.Where(g => g.Status == ActivityStatus.Verified).ToList();
        var activities = new ActivityFigures(
            verified.Sum(g => g.Count),
            activityGroups.Where(g => g.Status == ActivityStatus.Submitted).Sum(g => g.Count),
            activityGroups.Where(g => g.Status == ActivityStatus.Returned).Sum(g => g.Count),
            verified.Sum(g => g.VolunteerHours),
            verified.Sum(g => g.Funds),
            verified.Sum(g => g.Beneficiaries));
        var perMonth = Enumerable.Range(1, 12).Select(m => new MonthActivities(m,
            activityGroups.Where(g => g.Month == m && g.Status == ActivityStatus.Verified).Sum(g => g.Count),
            activityGroups.Where(g => g.Month == m && g.Status == ActivityStatus.Submitted).Sum(g => g.Count))).ToList();

        var activeAgreements = await DashboardQueries.AgreementsActiveDuring(db, streets, y).CountAsync(ct);
        var fulfilmentRows = await DashboardQueries.FulfilmentByCategoryAsync(db, streetId, y, ct);
        var byCategory = fulfilmentRows
            .Select(r => new CategoryFulfilment(Enum.Parse<ServiceCategory>(r.Category), r.Commitments, DashboardRules.Mean(r.FulfilmentSum, r.Commitments) ?? 0m))
            .OrderBy(r => r.Category)
            .ToList();
        var commitments = fulfilmentRows.Sum(r => r.Commitments);
        var agreements = new AgreementFigures(activeAgreements, commitments, DashboardRules.Mean(fulfilmentRows.Sum(r => r.FulfilmentSum), commitments));

        var minimums = await DashboardQueries.MinimumsAsync(db, streets, ct);
        var held = await DashboardQueries.HeldMeetingsAsync(db, streets, y, ct);
        var quarters = DashboardQueries.Quarters(streetId, y, held, minimums, today);
        var (met, due) = DashboardRules.Compliance(quarters.Select(q => q.State));
        var meetings = new MeetingFigures(quarters[0].Minimum, held.Sum(h => h.Count), held.Where(h => h.Joint).Sum(h => h.Count), quarters, met, due);

        var outcome = (await DashboardQueries.ResolutionOutcomesAsync(db, streets, y, today, ct)).FirstOrDefault()
            ?? new DashboardQueries.ResolutionCounts(streetId, 0, 0, 0, 0);
        var resolutions = new ResolutionFigures(outcome.OnTime + outcome.Late + outcome.Overdue + outcome.Open,
            outcome.Open, outcome.OnTime, outcome.Late, outcome.Overdue, DashboardRules.OnTimeRate(outcome.OnTime, outcome.Late, outcome.Overdue));

        var evaluation = DashboardQueries.Evaluation(streetId,
            await DashboardQueries.CampaignsAsync(db, streets, y, ct),
            await DashboardQueries.AssessmentsAsync(db, streets, y, ct));

        var currentQuarters = y == today.Year
            ? quarters
            : DashboardQueries.Quarters(streetId, today.Year, await DashboardQueries.HeldMeetingsAsync(db, streets, today.Year, ct), minimums, today);
        var (from, to) = NeedFigureQueries.YearBounds(calendar, y);
        var needs = NeedFigures.Sum(await NeedFigureQueries.TallyAsync(db, streetId, needsCommunity, from, to, ct));
        var projects = await ProjectFigureQueries.CountAsync(db, calendar, streetId, needsCommunity, y, ct);
        var todo = await TodoAsync(db, streetId, needsCommunity, today, currentQuarters, ct);

        return new StreetDashboard(streetId, streetName, y, today, referenceDate, false,
            new UnitFigures(unitsByCategory.Sum(c => c.Count), unitsByCategory.OrderBy(c => c.Category).ToList()),
            agreements, activities, perMonth, byCategory, meetings, resolutions, evaluation, todo, needs, needsCommunity, projects);
    }

    /// <summary>The street's name if the user may read its dashboard; 404 outside scope, 403 for unit leaders.</summary>
    internal static async Task<string> ReadableStreetNameAsync(PortalDbContext db, ScopeGuard scope, Guid streetId, CancellationToken ct)
    {
        var name = await scope.VisibleStreets(db).Where(s => s.Id == streetId).Select(s => s.Name).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.StreetNotFound");
        if (scope.User.IsUnitLeader)
        {
            throw new PortalForbiddenException();
        }

        return name;
    }

    /// <summary>The to-do counts: one statement of scalar subqueries, and the needs and projects (of the reader's community for community staff) in three more.</summary>
    private static async Task<TodoFigures> TodoAsync(PortalDbContext db, Guid streetId, Guid? needsCommunity, DateOnly today, IReadOnlyList<QuarterFigure> currentQuarters,
        CancellationToken ct)
    {
        var needs = db.Needs.AsNoTracking().Where(n => n.StreetId == streetId);
        if (needsCommunity is { } own)
        {
            needs = needs.Where(n => n.CommunityId == own);
        }

        var lapsingBy = NeedFigures.LapsingBy(today);
        var lapsing = await needs.CountAsync(n => n.Status == NeedStatus.Claimed && n.ClaimBy <= lapsingBy, ct);
        var awaitingReview = await needs.Where(n => n.Status == NeedStatus.Submitted)
            .GroupBy(n => n.CommunityId)
            .Select(g => new { CommunityId = g.Key, Count = g.Count(), Name = db.Communities.Where(c => c.Id == g.Key).Select(c => c.Name).First() })
            .ToListAsync(ct);
        var awaitingAcceptance = await db.Projects.AsNoTracking()
            .CountAsync(p => p.StreetId == streetId && p.Status == ProjectStatus.Done && (needsCommunity == null || p.CommunityId == needsCommunity), ct);

        var dueSoon = today.AddDays(DashboardRules.DueSoonDays);
        var endingSoon = today.AddDays(AgreementRules.EndingSoonDays);
        var termsSoon = today.AddDays(CommitteeMemberRules.TermEndingSoonDays);
        var counts = await db.Streets.AsNoTracking().Where(s => s.Id == streetId).Select(s => new
        {
            Pending = db.Activities.Count(a => a.StreetId == s.Id && a.Status == ActivityStatus.Submitted),
            Overdue = db.Resolutions.Count(r => r.StreetId == s.Id && r.Status != ResolutionStatus.Completed && r.Deadline < today),
            DueSoon = db.Resolutions.Count(r => r.StreetId == s.Id && r.Status != ResolutionStatus.Completed && r.Deadline >= today && r.Deadline <= dueSoon),
            Ending = db.Agreements.Count(a => a.StreetId == s.Id && a.Status == AgreementStatus.Active && a.ValidTo >= today && a.ValidTo <= endingSoon),
            Terms = db.CommitteeMembers.Count(m => m.StreetId == s.Id && m.TermEnd >= today && m.TermEnd <= termsSoon),
        }).SingleAsync(ct);
        return new TodoFigures(counts.Pending, counts.Overdue, counts.DueSoon, counts.Ending,
            currentQuarters.Where(q => DashboardRules.NeedsJointMeeting(q.State)).ToList(), counts.Terms,
            awaitingReview.Select(c => new CommunityNeedCount(c.CommunityId, c.Name, c.Count)).OrderBy(c => c.CommunityName, StringComparer.Ordinal).ToList(),
            lapsing, awaitingAcceptance);
    }
}
