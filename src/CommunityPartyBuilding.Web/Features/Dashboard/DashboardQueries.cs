using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Committees;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Dashboard;

/// <summary>
/// The figures as SQL aggregates, each one statement grouped by street, so that one street (the dashboard) and all the
/// streets of an organisation department (its table) are computed the same way, in as many statements as there are
/// figures, never one per street. Nothing here loads rows to count them. Scope is checked by the callers.
/// </summary>
internal static class DashboardQueries
{
    internal sealed record ActivityGroup(Guid StreetId, int Month, ActivityStatus Status, int Count, decimal VolunteerHours, decimal Funds, long Beneficiaries);

    internal sealed record HeldMeetings(Guid StreetId, int Quarter, bool Joint, int Count);

    internal sealed record ResolutionCounts(Guid StreetId, int OnTime, int Late, int Overdue, int Open);

    internal sealed record CampaignRow(Guid StreetId, Guid CampaignId, EvaluationStatus Status, int Online, int Paper);

    internal sealed record AssessmentRow(Guid StreetId, decimal Mean, int Excellent, int Good, int Fair, int Poor);

    /// <summary>Units of these streets active on a date (<see cref="Units.UnitActivity.ActiveOn"/>).</summary>
    public static IQueryable<Units.MemberUnit> ActiveUnits(PortalDbContext db, IReadOnlyCollection<Guid> streets, DateOnly on) =>
        db.MemberUnits.AsNoTracking().Where(u => streets.Contains(u.StreetId)).ActiveOn(on);

    /// <summary>Activities held in the year, per street, month and status; sums of hours, funds and beneficiaries.</summary>
    public static Task<List<ActivityGroup>> ActivitiesByMonthAsync(PortalDbContext db, IReadOnlyCollection<Guid> streets, int year, CancellationToken ct)
    {
        var start = DashboardRules.YearStart(year);
        var end = DashboardRules.YearEnd(year);
        return db.Activities.AsNoTracking()
            .Where(a => streets.Contains(a.StreetId) && a.HeldOn >= start && a.HeldOn <= end)
            .GroupBy(a => new { a.StreetId, a.HeldOn.Month, a.Status })
            .Select(g => new ActivityGroup(g.Key.StreetId, g.Key.Month, g.Key.Status, g.Count(),
                g.Sum(a => a.VolunteerHours), g.Sum(a => a.Funds), g.Sum(a => (long)a.Beneficiaries)))
            .ToListAsync(ct);
    }

    /// <summary>Verified activities held in the year per street: count and volunteer hours.</summary>
    public static Task<Dictionary<Guid, (int Count, decimal Hours)>> VerifiedActivitiesAsync(PortalDbContext db, IReadOnlyCollection<Guid> streets, int year, CancellationToken ct)
    {
        var start = DashboardRules.YearStart(year);
        var end = DashboardRules.YearEnd(year);
        return db.Activities.AsNoTracking()
            .Where(a => streets.Contains(a.StreetId) && a.Status == ActivityStatus.Verified && a.HeldOn >= start && a.HeldOn <= end)
            .GroupBy(a => a.StreetId)
            .Select(g => new { StreetId = g.Key, Count = g.Count(), Hours = g.Sum(a => a.VolunteerHours) })
            .ToDictionaryAsync(x => x.StreetId, x => (x.Count, x.Hours), ct);
    }

    /// <summary>Agreements in force at some point of the year (<see cref="AgreementRules.ActiveDuring"/>, in SQL).</summary>
    public static IQueryable<CoBuildingAgreement> AgreementsActiveDuring(PortalDbContext db, IReadOnlyCollection<Guid> streets, int year)
    {
        var start = DashboardRules.YearStart(year);
        var end = DashboardRules.YearEnd(year);
        return db.Agreements.AsNoTracking().Where(a => streets.Contains(a.StreetId) && a.Status != AgreementStatus.Draft && a.ValidFrom <= end
            && (a.TerminatedOn != null && a.TerminatedOn < a.ValidTo ? a.TerminatedOn.Value : a.ValidTo) >= start);
    }

    /// <summary>
    /// Rule 3 per service category: for every commitment of an agreement in force during the year, achieved = the sum of
    /// its measure over its verified activities held up to the year's end, fulfilment = min(1, achieved / target); the
    /// statement returns, per category, the number of commitments and the sum of their fulfilments (the mean is taken
    /// from these two). One statement; the grouping by commitment and the min(1, …) happen in PostgreSQL.
    /// </summary>
    public static async Task<List<CategoryFulfilmentRow>> FulfilmentByCategoryAsync(PortalDbContext db, Guid streetId, int year, CancellationToken ct)
    {
        var start = DashboardRules.YearStart(year);
        var end = DashboardRules.YearEnd(year);
        return await db.Database.SqlQuery<CategoryFulfilmentRow>($"""
            SELECT f."Category", count(*)::int AS "Commitments", coalesce(sum(f."Fulfilment"), 0) AS "FulfilmentSum"
            FROM (
                SELECT c."Category",
                       least(1, coalesce(CASE c."Measure"
                           WHEN 'Activities' THEN count(x."CommitmentId")::numeric
                           WHEN 'VolunteerHours' THEN sum(x."VolunteerHours")
                           WHEN 'Funds' THEN sum(x."Funds")
                           ELSE sum(x."Beneficiaries")::numeric END, 0) / c."Target") AS "Fulfilment"
                FROM "Commitments" c
                JOIN "Agreements" a ON a."Id" = c."AgreementId"
                LEFT JOIN "Activities" x ON x."CommitmentId" = c."Id" AND x."Status" = 'Verified' AND x."HeldOn" <= {end}
                WHERE a."StreetId" = {streetId} AND c."StreetId" = {streetId} AND a."Status" <> 'Draft' AND a."ValidFrom" <= {end}
                  AND (CASE WHEN a."TerminatedOn" IS NOT NULL AND a."TerminatedOn" < a."ValidTo" THEN a."TerminatedOn" ELSE a."ValidTo" END) >= {start}
                GROUP BY c."Id", c."Category", c."Measure", c."Target"
            ) f
            GROUP BY f."Category"
            """).ToListAsync(ct);
    }

    /// <summary>Held meetings of the year per street and quarter, joint meetings apart.</summary>
    public static Task<List<HeldMeetings>> HeldMeetingsAsync(PortalDbContext db, IReadOnlyCollection<Guid> streets, int year, CancellationToken ct)
    {
        var start = DashboardRules.YearStart(year);
        var end = DashboardRules.YearEnd(year);
        return db.Meetings.AsNoTracking()
            .Where(m => streets.Contains(m.StreetId) && m.Status == MeetingStatus.Held && m.MeetingDate >= start && m.MeetingDate <= end)
            .GroupBy(m => new { m.StreetId, Quarter = (m.MeetingDate.Month + 2) / 3, Joint = m.Kind == MeetingKind.JointMeeting })
            .Select(g => new HeldMeetings(g.Key.StreetId, g.Key.Quarter, g.Key.Joint, g.Count()))
            .ToListAsync(ct);
    }

    public static async Task<Dictionary<Guid, int>> MinimumsAsync(PortalDbContext db, IReadOnlyCollection<Guid> streets, CancellationToken ct) =>
        await db.StreetCommittees.AsNoTracking().Where(c => streets.Contains(c.StreetId))
            .Select(c => new { c.StreetId, c.MinimumJointMeetingsPerQuarter })
            .ToDictionaryAsync(c => c.StreetId, c => c.MinimumJointMeetingsPerQuarter, ct);

    /// <summary>The four quarters of the year with their state, from the grouped counts.</summary>
    public static List<QuarterFigure> Quarters(Guid streetId, int year, IEnumerable<HeldMeetings> held, IReadOnlyDictionary<Guid, int> minimums, DateOnly today)
    {
        var minimum = minimums.TryGetValue(streetId, out var m) ? m : StreetCommittee.DefaultMinimumJointMeetingsPerQuarter;
        var joint = held.Where(h => h.StreetId == streetId && h.Joint).ToDictionary(h => h.Quarter, h => h.Count);
        return QuarterRules.OfYear(year).Select(q =>
        {
            var count = joint.GetValueOrDefault(q.Number);
            return new QuarterFigure(q.Year, q.Number, q.Start, q.End, count, minimum, QuarterRules.Evaluate(q, count, minimum, today));
        }).ToList();
    }

    /// <summary>Resolutions due in the year per street, by outcome as of today (<see cref="DashboardRules.Classify"/>).</summary>
    public static Task<List<ResolutionCounts>> ResolutionOutcomesAsync(PortalDbContext db, IReadOnlyCollection<Guid> streets, int year, DateOnly today, CancellationToken ct)
    {
        var start = DashboardRules.YearStart(year);
        var end = DashboardRules.YearEnd(year);
        return db.Resolutions.AsNoTracking()
            .Where(r => streets.Contains(r.StreetId) && r.Deadline >= start && r.Deadline <= end)
            .GroupBy(r => r.StreetId)
            .Select(g => new ResolutionCounts(
                g.Key,
                g.Count(r => r.Status == ResolutionStatus.Completed && r.CompletedOn <= r.Deadline),
                g.Count(r => r.Status == ResolutionStatus.Completed && r.CompletedOn > r.Deadline),
                g.Count(r => r.Status != ResolutionStatus.Completed && r.Deadline < today),
                g.Count(r => r.Status != ResolutionStatus.Completed && r.Deadline >= today)))
            .ToListAsync(ct);
    }

    /// <summary>The year's campaign of each street, with its ballots counted by channel.</summary>
    public static Task<List<CampaignRow>> CampaignsAsync(PortalDbContext db, IReadOnlyCollection<Guid> streets, int year, CancellationToken ct) =>
        db.EvaluationCampaigns.AsNoTracking()
            .Where(c => streets.Contains(c.StreetId) && c.Year == year)
            .Select(c => new CampaignRow(c.StreetId, c.Id, c.Status,
                db.Ballots.Count(b => b.CampaignId == c.Id && b.Channel == BallotChannel.Online),
                db.Ballots.Count(b => b.CampaignId == c.Id && b.Channel == BallotChannel.Paper)))
            .ToListAsync(ct);

    /// <summary>Mean total and grade counts of the stored assessments, only of campaigns that are finalised or published.</summary>
    public static Task<List<AssessmentRow>> AssessmentsAsync(PortalDbContext db, IReadOnlyCollection<Guid> streets, int year, CancellationToken ct) =>
        db.UnitAssessments.AsNoTracking()
            .Where(a => streets.Contains(a.StreetId) && db.EvaluationCampaigns.Any(c => c.Id == a.CampaignId && c.Year == year
                && (c.Status == EvaluationStatus.Finalised || c.Status == EvaluationStatus.Published)))
            .GroupBy(a => a.StreetId)
            .Select(g => new AssessmentRow(g.Key, g.Average(a => a.Total),
                g.Count(a => a.Grade == Grade.Excellent), g.Count(a => a.Grade == Grade.Good),
                g.Count(a => a.Grade == Grade.Fair), g.Count(a => a.Grade == Grade.Poor)))
            .ToListAsync(ct);

    public static EvaluationFigures? Evaluation(Guid streetId, IEnumerable<CampaignRow> campaigns, IEnumerable<AssessmentRow> assessments)
    {
        var campaign = campaigns.FirstOrDefault(c => c.StreetId == streetId);
        if (campaign is null)
        {
            return null;
        }

        var assessed = assessments.FirstOrDefault(a => a.StreetId == streetId);
        var final = campaign.Status is EvaluationStatus.Finalised or EvaluationStatus.Published && assessed is not null;
        return new EvaluationFigures(campaign.CampaignId, campaign.Status, campaign.Online + campaign.Paper, campaign.Online, campaign.Paper,
            final ? Math.Round(assessed!.Mean, 1, MidpointRounding.AwayFromZero) : null,
            final ? new GradeCounts(assessed!.Excellent, assessed.Good, assessed.Fair, assessed.Poor) : null);
    }
}

/// <summary>One row of <see cref="DashboardQueries.FulfilmentByCategoryAsync"/>.</summary>
public sealed class CategoryFulfilmentRow
{
    public string Category { get; set; } = "";

    public int Commitments { get; set; }

    public decimal FulfilmentSum { get; set; }
}
