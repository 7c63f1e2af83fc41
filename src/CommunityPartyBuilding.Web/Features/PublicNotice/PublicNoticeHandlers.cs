using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.PublicNotice;

/// <summary>
/// 共建公示 (rule 11): what residents may read about their street's co-building before they evaluate the units.
/// Built from named fields only (units, resolutions, commitments, grades, needs): no person's name or phone number is
/// selected, so none can leak into it (rule 10).
/// </summary>
public sealed record PublicNotice(
    Guid StreetId,
    string StreetName,
    DateOnly AsOf,
    IReadOnlyList<PublicResolution> Resolutions,
    IReadOnlyList<PublicAgreement> Agreements,
    PublicGrades? Grades,
    IReadOnlyList<PublicNoticeNeed> Needs,
    IReadOnlyList<PublicNoticeProject> Projects);

/// <summary>A resolution with its state today and the last progress its units reported.</summary>
public sealed record PublicResolution(
    string Number,
    string Title,
    string LeadUnitName,
    IReadOnlyList<string> CooperatingUnitNames,
    DateOnly Deadline,
    ResolutionState Status,
    int Percent,
    DateOnly? CompletedOn,
    PublicProgress? LastProgress);

public sealed record PublicProgress(DateOnly ReportedOn, int Percent, string Text);

/// <summary>An agreement in force today with its commitments and their fulfilment (rule 3).</summary>
public sealed record PublicAgreement(
    string UnitName,
    string Title,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    IReadOnlyList<PublicCommitment> Commitments,
    decimal? MeanFulfilment);

public sealed record PublicCommitment(ServiceCategory Category, string Description, CommitmentMeasure Measure, decimal Target, decimal Achieved, decimal Fulfilment);

/// <summary>The grades of the latest published assessment (已通报); totals and ranks stay with staff and the units.</summary>
public sealed record PublicGrades(int Year, IReadOnlyList<PublicGrade> Units);

public sealed record PublicGrade(string UnitName, Grade Grade);

/// <summary>
/// A need or small wish that staff published (rule 11), with its status, the claiming unit (for an in-service member only
/// <c>ClaimedByMember</c>, never a name), the day it was done and the resident's rating. Never the contact, the tracking code, the comment or the completion photos.
/// </summary>
public sealed record PublicNoticeNeed(
    string CommunityName,
    NeedKind Kind,
    ServiceCategory Category,
    string Title,
    NeedStatus Status,
    DateOnly PublishedOn,
    string? ClaimerName,
    DateOnly? DoneOn,
    Rating? Rating,
    bool ClaimedByMember = false);

/// <summary>A project (rule 11) with its community, units, dates and status; never its budget split or photos.</summary>
public sealed record PublicNoticeProject(
    string CommunityName,
    string Title,
    ServiceCategory Category,
    string LeadUnitName,
    IReadOnlyList<string> OtherUnitNames,
    DateOnly PlannedStart,
    DateOnly PlannedEnd,
    Projects.ProjectStatus Status,
    DateOnly? AcceptedOn,
    int NeedCount);

/// <summary>
/// The public notice of a street, for anyone (no account): this year's resolutions and any still open, agreements in
/// force, the last published grades, and the needs staff published (newest first, at most <see cref="MaxNeeds"/>).
/// </summary>
public sealed class GetPublicNotice(IDbContextFactory<PortalDbContext> dbFactory, BusinessCalendar calendar) : IHandler
{
    public const int MaxNeeds = 100;

    public const int MaxProjects = 100;

    public async Task<PublicNotice> HandleAsync(Guid streetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streetName = await db.Streets.AsNoTracking().Where(s => s.Id == streetId).Select(s => s.Name).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.StreetNotFound");
        var today = calendar.Today;
        return new PublicNotice(streetId, streetName, today,
            await ResolutionsAsync(db, streetId, today, ct),
            await AgreementsAsync(db, streetId, today, ct),
            await GradesAsync(db, streetId, ct),
            await NeedsAsync(db, streetId, ct),
            await ProjectsAsync(db, streetId, ct));
    }

    /// <summary>Every project of the street, those still running first, then the latest accepted.</summary>
    private async Task<List<PublicNoticeProject>> ProjectsAsync(PortalDbContext db, Guid streetId, CancellationToken ct)
    {
        var rows = await db.Projects.AsNoTracking()
            .Where(p => p.StreetId == streetId)
            .OrderBy(p => p.Status == Projects.ProjectStatus.Accepted).ThenByDescending(p => p.PlannedStart).ThenBy(p => p.Id)
            .Take(MaxProjects)
            .Select(p => new
            {
                Community = db.Communities.Where(c => c.Id == p.CommunityId).Select(c => c.Name).First(),
                p.Title, p.Category, p.PlannedStart, p.PlannedEnd, p.Status, p.AcceptedAt,
                Units = db.ProjectUnits.Where(u => u.ProjectId == p.Id).Join(db.MemberUnits, pu => pu.UnitId, u => u.Id, (pu, u) => new { pu.IsLead, u.Name }).ToList(),
                Needs = db.ProjectNeeds.Count(n => n.ProjectId == p.Id),
            })
            .ToListAsync(ct);
        return rows.Select(r => new PublicNoticeProject(r.Community, r.Title, r.Category,
            r.Units.Where(u => u.IsLead).Select(u => u.Name).FirstOrDefault() ?? "",
            r.Units.Where(u => !u.IsLead).Select(u => u.Name).Order(StringComparer.Ordinal).ToList(),
            r.PlannedStart, r.PlannedEnd, r.Status, r.AcceptedAt is { } a ? calendar.DateOf(a) : null, r.Needs)).ToList();
    }

    /// <summary>Published, claimed, done and rated needs; those awaiting review, rejected or withdrawn stay with staff.</summary>
    private async Task<List<PublicNoticeNeed>> NeedsAsync(PortalDbContext db, Guid streetId, CancellationToken ct)
    {
        var rows = await db.Needs.AsNoTracking()
            .Where(n => n.StreetId == streetId && n.PublishedAt != null
                && (n.Status == NeedStatus.Published || n.Status == NeedStatus.Claimed || n.Status == NeedStatus.Done || n.Status == NeedStatus.Rated))
            .OrderByDescending(n => n.PublishedAt).ThenByDescending(n => n.Id)
            .Take(MaxNeeds)
            .Select(n => new
            {
                Community = db.Communities.Where(c => c.Id == n.CommunityId).Select(c => c.Name).First(),
                n.Kind, n.Category, n.Title, n.Status, n.PublishedAt, n.CompletedAt, n.Rating,
                Claimer = db.MemberUnits.Where(u => u.Id == n.ClaimerUnitId).Select(u => u.Name).FirstOrDefault(),
                ByMember = n.ClaimerMemberId != null,
            })
            .ToListAsync(ct);
        return rows.Select(r => new PublicNoticeNeed(r.Community, r.Kind, r.Category, r.Title, r.Status, calendar.DateOf(r.PublishedAt!.Value),
            r.Status == NeedStatus.Published ? null : r.Claimer,
            r.Status is NeedStatus.Done or NeedStatus.Rated && r.CompletedAt is { } done ? calendar.DateOf(done) : null,
            r.Status == NeedStatus.Rated ? r.Rating : null, r.Status != NeedStatus.Published && r.ByMember)).ToList();
    }

    private static async Task<List<PublicResolution>> ResolutionsAsync(PortalDbContext db, Guid streetId, DateOnly today, CancellationToken ct)
    {
        var resolutions = await db.Resolutions.AsNoTracking()
            .Where(r => r.StreetId == streetId && (r.Year == today.Year || r.Status != ResolutionStatus.Completed))
            .OrderBy(r => r.Status == ResolutionStatus.Completed ? 2 : r.Deadline < today ? 0 : 1).ThenBy(r => r.Deadline).ThenBy(r => r.Year).ThenBy(r => r.Sequence)
            .Select(r => new
            {
                r.Number, r.Title, r.LeadUnitId, r.CooperatingUnitIds, r.Deadline, r.Status, r.Percent, r.CompletedOn,
                Last = db.ResolutionProgress.Where(p => p.ResolutionId == r.Id).OrderByDescending(p => p.PostedAt)
                    .Select(p => new PublicProgress(p.ReportedOn, p.Percent, p.Text)).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var unitIds = resolutions.SelectMany(r => r.CooperatingUnitIds.Append(r.LeadUnitId)).Distinct().ToList();
        var names = await db.MemberUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return resolutions.Select(r => new PublicResolution(
            r.Number, r.Title, names.GetValueOrDefault(r.LeadUnitId, ""),
            r.CooperatingUnitIds.Select(id => names.GetValueOrDefault(id, "")).Where(n => n.Length > 0).ToList(),
            r.Deadline, ResolutionRules.StateOn(r.Status, r.Deadline, today), r.Percent, r.CompletedOn, r.Last)).ToList();
    }

    private static async Task<List<PublicAgreement>> AgreementsAsync(PortalDbContext db, Guid streetId, DateOnly today, CancellationToken ct)
    {
        var rows = await db.Agreements.AsNoTracking()
            .Where(a => a.StreetId == streetId && a.Status == AgreementStatus.Active && a.ValidFrom <= today && a.ValidTo >= today)
            .Select(a => new
            {
                a.Status, a.Title, a.ValidFrom, a.ValidTo,
                UnitName = db.MemberUnits.Where(u => u.Id == a.UnitId).Select(u => u.Name).First(),
                Commitments = a.Commitments.OrderBy(c => c.SortOrder).ToList(),
            })
            .ToListAsync(ct);
        rows = rows.Where(r => AgreementRules.Effective(r.Status, r.ValidTo, today) == AgreementStatus.Active).ToList();
        var achieved = await FulfilmentQuery.AchievedAsync(db, rows.SelectMany(r => r.Commitments).Select(c => (c.Id, c.Measure)).ToList(), ct);
        return rows.OrderBy(r => r.UnitName, StringComparer.Create(new System.Globalization.CultureInfo("zh-CN"), false)).Select(r =>
        {
            var commitments = r.Commitments.Select(c => new PublicCommitment(c.Category, c.Description, c.Measure, c.Target, achieved[c.Id],
                Fulfilment.Ratio(achieved[c.Id], c.Target))).ToList();
            return new PublicAgreement(r.UnitName, r.Title, r.ValidFrom, r.ValidTo, commitments,
                commitments.Count == 0 ? null : Math.Round(commitments.Average(c => c.Fulfilment), 4));
        }).ToList();
    }

    private static async Task<PublicGrades?> GradesAsync(PortalDbContext db, Guid streetId, CancellationToken ct)
    {
        var campaign = await db.EvaluationCampaigns.AsNoTracking()
            .Where(c => c.StreetId == streetId && c.Status == EvaluationStatus.Published)
            .OrderByDescending(c => c.Year).Select(c => new { c.Id, c.Year }).FirstOrDefaultAsync(ct);
        if (campaign is null)
        {
            return null;
        }

        var units = await db.UnitAssessments.AsNoTracking().Where(a => a.CampaignId == campaign.Id)
            .OrderBy(a => a.Grade == Grade.Excellent ? 0 : a.Grade == Grade.Good ? 1 : a.Grade == Grade.Fair ? 2 : 3).ThenBy(a => a.UnitName)
            .Select(a => new PublicGrade(a.UnitName, a.Grade)).ToListAsync(ct);
        return new PublicGrades(campaign.Year, units);
    }
}
