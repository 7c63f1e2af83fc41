using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>
/// A unit's feedback sheet (成员单位考核反馈单). Readers are those of the results (<see cref="GetResults"/> decides:
/// staff of the street from 已截止, the organisation department and the unit's own leaders once published); a leader
/// asking for another unit's sheet, or anyone outside the street, gets 404. Once the campaign is finalised the sheet is
/// issued once and then served from storage (<see cref="ReportIssuer.GetOrIssueAsync"/>); before that it is a draft,
/// drawn on demand and never issued.
/// </summary>
public sealed class IssueUnitFeedback(
    GetCampaign getCampaign,
    GetResults getResults,
    IDbContextFactory<PortalDbContext> dbFactory,
    ScopeGuard scope,
    BusinessCalendar calendar,
    ReportIssuer issuer) : IHandler
{
    public static string CopyOf(Guid campaignId, Guid unitId) => $"UnitFeedback/{campaignId}/{unitId}";

    public Task<ReportFile> HandleAsync(Guid campaignId, Guid unitId, CancellationToken ct = default) => HandleAsync(campaignId, unitId, reissue: false, ct);

    /// <summary>The sheet; <paramref name="reissue"/> (street staff, finalised campaigns) issues a new copy that supersedes the stored one.</summary>
    public async Task<ReportFile> HandleAsync(Guid campaignId, Guid unitId, bool reissue, CancellationToken ct = default)
    {
        if (!reissue && await StoredEvaluationReports.TryServeAsync(dbFactory, scope, issuer, campaignId, unitId, CopyOf(campaignId, unitId), ct) is { } stored)
        {
            return ReportFile.From(stored);
        }

        var campaign = await getCampaign.HandleAsync(campaignId, ct);
        var user = scope.User;
        if (reissue)
        {
            ReissueRules.Ensure(user, campaign);
        }

        if (user.IsUnitLeader && user.UnitId != unitId)
        {
            throw new PortalNotFoundException("Evaluations.NotFound");
        }

        var results = await getResults.HandleAsync(campaignId, ct);
        var row = results.Rows.FirstOrDefault(r => r.UnitId == unitId) ?? throw new PortalNotFoundException("Evaluations.NotFound");

        string committeeName;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            committeeName = await CommitteeNameAsync(db, campaign.StreetId, campaign.StreetName, ct);
        }

        var title = UnitFeedbackDocument.Title(campaign.StreetName, campaign.Year) + "（" + row.UnitName + "）";
        async Task<Document> ComposeAsync(CancellationToken cancel)
        {
            List<string> comments;
            int unitsRanked;
            await using (var db = await dbFactory.CreateDbContextAsync(cancel))
            {
                // The comments as written, nothing else of the ballot; ordered by their text so that no order of casting shows.
                comments = await db.BallotRatings.AsNoTracking()
                    .Where(r => r.CampaignId == campaignId && r.UnitId == unitId && r.Comment != null && r.Comment != "")
                    .Select(r => r.Comment!)
                    .ToListAsync(cancel);
                comments = comments.Select(c => c.Trim()).Where(c => c.Length > 0).Order(StringComparer.Ordinal).ToList();
                unitsRanked = await db.CampaignUnits.CountAsync(u => u.CampaignId == campaignId, cancel);
            }

            var data = new UnitFeedbackData(campaign.StreetName, committeeName, campaign.Year, campaign.Status, campaign.Weights,
                Math.Max(unitsRanked, results.Rows.Count), row, comments, calendar.Today);
            return UnitFeedbackDocument.Compose(data, calendar.UtcNow);
        }

        if (!CampaignRules.Stored(campaign.Status))
        {
            return new ReportFile(await issuer.RenderDraftAsync(await ComposeAsync(ct), ct), title + ".pdf", null);
        }

        var issued = await issuer.GetOrIssueAsync(new ReportSubject(ReportKind.UnitFeedback, title, title + ".pdf")
        {
            StreetId = campaign.StreetId,
            Year = campaign.Year,
            SubjectId = unitId,
            CopyOf = CopyOf(campaignId, unitId),
            Edition = campaign.Status.ToString(),
        }, ComposeAsync, reissue, ct);
        return ReportFile.From(issued);
    }

    internal static async Task<string> CommitteeNameAsync(PortalDbContext db, Guid streetId, string streetName, CancellationToken ct) =>
        await db.StreetCommittees.Where(c => c.StreetId == streetId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? streetName + "大党工委";
}

/// <summary>
/// The street's annual assessment report (街道大党工委年度共驻共建考核报告) of a campaign: staff of the street (from 已截止,
/// a draft until finalised) and the organisation department (once published, like the results). Unit leaders and
/// anyone outside the street get 404. A draft is drawn on demand and never issued; once the campaign is finalised the
/// report is issued once and then served from storage, byte for byte (<see cref="ReportIssuer.GetOrIssueAsync"/>),
/// until street staff reissue it on purpose.
/// </summary>
public sealed class IssueAnnualReport(
    GetCampaign getCampaign,
    GetResults getResults,
    IDbContextFactory<PortalDbContext> dbFactory,
    ScopeGuard scope,
    BusinessCalendar calendar,
    ReportIssuer issuer) : IHandler
{
    public static string CopyOf(Guid campaignId) => $"AnnualReport/{campaignId}";

    public Task<ReportFile> HandleAsync(Guid campaignId, CancellationToken ct = default) => HandleAsync(campaignId, reissue: false, ct);

    /// <summary>The report; <paramref name="reissue"/> (street staff, finalised campaigns) issues a new copy that supersedes the stored one.</summary>
    public async Task<ReportFile> HandleAsync(Guid campaignId, bool reissue, CancellationToken ct = default)
    {
        if (!reissue && await StoredEvaluationReports.TryServeAsync(dbFactory, scope, issuer, campaignId, unitId: null, CopyOf(campaignId), ct) is { } stored)
        {
            return ReportFile.From(stored);
        }

        if (reissue)
        {
            // A write: 403 for anyone who may read the campaign but not reissue (before the readers' 404).
            ReissueRules.Ensure(scope.User, await getCampaign.HandleAsync(campaignId, ct));
        }

        var (campaign, results) = await ReadableAsync(campaignId, ct);

        string committeeName;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            committeeName = await IssueUnitFeedback.CommitteeNameAsync(db, campaign.StreetId, campaign.StreetName, ct);
        }

        var title = AnnualReportDocument.Title(committeeName, campaign.Year);
        async Task<Document> ComposeAsync(CancellationToken cancel) =>
            AnnualReportDocument.Compose(await GatherAsync(campaign, results, cancel), calendar.UtcNow);

        if (!CampaignRules.Stored(campaign.Status))
        {
            return new ReportFile(await issuer.RenderDraftAsync(await ComposeAsync(ct), ct), title + ".pdf", null);
        }

        var issued = await issuer.GetOrIssueAsync(new ReportSubject(ReportKind.AnnualReport, title, title + ".pdf")
        {
            StreetId = campaign.StreetId,
            Year = campaign.Year,
            SubjectId = campaignId,
            CopyOf = CopyOf(campaignId),
            Edition = campaign.Status.ToString(),
        }, ComposeAsync, reissue, ct);
        return ReportFile.From(issued);
    }

    public async Task<(Guid StreetId, AnnualReportData Data)> GatherAsync(Guid campaignId, CancellationToken ct = default)
    {
        var (campaign, results) = await ReadableAsync(campaignId, ct);
        return (campaign.StreetId, await GatherAsync(campaign, results, ct));
    }

    /// <summary>The campaign and its results, when the user may read its report (staff of the street, the organisation department).</summary>
    private async Task<(CampaignDetail Campaign, CampaignResults Results)> ReadableAsync(Guid campaignId, CancellationToken ct)
    {
        var campaign = await getCampaign.HandleAsync(campaignId, ct);
        var user = scope.User;
        if (!user.MayManageStreet(campaign.StreetId) && !user.IsOrganisationDepartment)
        {
            throw new PortalNotFoundException("Evaluations.NotFound");
        }

        return (campaign, await getResults.HandleAsync(campaignId, ct));
    }

    private async Task<AnnualReportData> GatherAsync(CampaignDetail campaign, CampaignResults results, CancellationToken ct)
    {
        var streetId = campaign.StreetId;
        var yearStart = new DateOnly(campaign.Year, 1, 1);
        var yearEnd = new DateOnly(campaign.Year, 12, 31);
        var today = calendar.Today;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var committee = await db.StreetCommittees.AsNoTracking().Where(c => c.StreetId == streetId)
            .Select(c => new { c.Name, c.MinimumJointMeetingsPerQuarter }).FirstOrDefaultAsync(ct);

        // Agreements in force at some point of the year (as the scoring counts them).
        var agreements = await db.Agreements.AsNoTracking()
            .CountAsync(a => a.StreetId == streetId && a.Status != AgreementStatus.Draft && a.ValidFrom <= yearEnd
                             && (a.TerminatedOn != null && a.TerminatedOn < a.ValidTo ? a.TerminatedOn.Value : a.ValidTo) >= yearStart, ct);

        // Verified activities of the year, per month (the chart) and summed (the overview): one aggregate.
        var months = await db.Activities.AsNoTracking()
            .Where(a => a.StreetId == streetId && a.Status == ActivityStatus.Verified && a.HeldOn >= yearStart && a.HeldOn <= yearEnd)
            .GroupBy(a => a.HeldOn.Month)
            .Select(g => new { Month = g.Key, Count = g.Count(), Hours = g.Sum(a => a.VolunteerHours), Funds = g.Sum(a => a.Funds), Beneficiaries = g.Sum(a => a.Beneficiaries) })
            .ToListAsync(ct);

        var held = await db.Meetings.AsNoTracking()
            .Where(m => m.StreetId == streetId && m.Status == MeetingStatus.Held && m.MeetingDate >= yearStart && m.MeetingDate <= yearEnd)
            .GroupBy(m => new { Quarter = (m.MeetingDate.Month - 1) / 3, Joint = m.Kind == MeetingKind.JointMeeting })
            .Select(g => new { g.Key.Quarter, g.Key.Joint, Count = g.Count() })
            .ToListAsync(ct);
        var perQuarter = Enumerable.Range(0, 4).Select(q => held.Where(h => h.Joint && h.Quarter == q).Sum(h => h.Count)).ToList();

        var resolutions = await db.Resolutions.AsNoTracking()
            .Where(r => r.StreetId == streetId && r.Year == campaign.Year)
            .OrderBy(r => r.Sequence)
            .Select(r => new
            {
                r.Number, r.Title, r.Deadline, r.Status, r.CompletedOn,
                Lead = db.MemberUnits.Where(u => u.Id == r.LeadUnitId).Select(u => u.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);

        var residentService = await AnnualResidentServiceSource.GatherAsync(db, calendar, streetId, campaign.Year, ct);

        var fulfilments = results.Rows.Where(r => r.MeanFulfilment is not null).Select(r => r.MeanFulfilment!.Value).ToList();
        var data = new AnnualReportData
        {
            StreetName = campaign.StreetName,
            CommitteeName = committee?.Name ?? campaign.StreetName + "大党工委",
            Year = campaign.Year,
            Status = campaign.Status,
            Weights = campaign.Weights,
            Rows = results.Rows,
            ActiveAgreements = agreements,
            MeanFulfilment = fulfilments.Count == 0 ? null : fulfilments.Average(),
            VerifiedActivities = months.Sum(m => m.Count),
            VolunteerHours = months.Sum(m => m.Hours),
            Funds = months.Sum(m => m.Funds),
            Beneficiaries = months.Sum(m => m.Beneficiaries),
            JointMeetingsPerQuarter = perQuarter,
            MeetingsHeld = held.Sum(h => h.Count),
            MinimumJointMeetingsPerQuarter = committee?.MinimumJointMeetingsPerQuarter ?? 1,
            QuartersEnded = campaign.Year < today.Year ? 4 : campaign.Year > today.Year ? 0 : (today.Month - 1) / 3,
            Resolutions = resolutions.Select(r => new AnnualResolution(r.Number, r.Title, r.Lead ?? "—", r.Deadline, r.Status, r.CompletedOn,
                r.Status != ResolutionStatus.Completed && r.Deadline < today)).ToList(),
            ActivitiesPerMonth = [.. Enumerable.Range(1, 12).Select(m => months.Where(x => x.Month == m).Sum(x => x.Count))],
            OnlineBallots = campaign.Turnout.OnlineBallots,
            PaperBallots = campaign.Turnout.PaperBallots,
            ResidentService = residentService,
            Members = await Members.AnnualMembersSection.GatherAsync(db, streetId, campaign.Year, ct),
            IssuedOn = today,
        };
        return data;
    }
}

/// <summary>
/// Issue #18: a stored evaluation report (annual report or feedback sheet) served without computing the campaign's results,
/// turnout or committee first (sixteen statements before for an annual report). One statement reads the campaign's street,
/// status and whether the street is in the user's scope (<see cref="ScopeGuard.VisibleStreets"/>); the same readers as the
/// full path are served: staff of the street (and administrators) once finalised; once published, the organisation
/// department of the street (annual report), and anyone who may read the street's published results (feedback sheet:
/// the unit's own leaders, not another unit's). Then the stored copy (<see cref="ReportIssuer.TryServeAsync"/>, which
/// audits the organisation department's downloads). Anyone else, or no stored copy of this edition, takes the full path
/// (which answers 404 or 409 as before).
/// </summary>
internal static class StoredEvaluationReports
{
    /// <param name="unitId">The unit of a feedback sheet; null for the annual report.</param>
    public static async Task<IssuedFile?> TryServeAsync(
        IDbContextFactory<PortalDbContext> dbFactory,
        ScopeGuard scope,
        ReportIssuer issuer,
        Guid campaignId,
        Guid? unitId,
        string copyOf,
        CancellationToken ct)
    {
        var user = scope.User;
        if (user.IsUnitLeader && (unitId is null || user.UnitId != unitId))
        {
            return null;
        }

        EvaluationStatus status;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var visible = scope.VisibleStreets(db);
            var campaign = await db.EvaluationCampaigns.AsNoTracking().Where(c => c.Id == campaignId)
                .Select(c => new { c.StreetId, c.Status, Visible = visible.Any(s => s.Id == c.StreetId) })
                .FirstOrDefaultAsync(ct);
            if (campaign is null || !campaign.Visible || !CampaignRules.Stored(campaign.Status) || !MayRead(user, campaign.StreetId, campaign.Status, unitId))
            {
                return null;
            }

            status = campaign.Status;
        }

        return await issuer.TryServeAsync(copyOf, status.ToString(), ct);
    }

    /// <summary>What <see cref="IssueAnnualReport"/> and <see cref="IssueUnitFeedback"/> (through <see cref="GetResults"/>) allow, for a street in scope.</summary>
    internal static bool MayRead(PortalUser user, Guid streetId, EvaluationStatus status, Guid? unitId)
    {
        if (user.MayManageStreet(streetId))
        {
            return CampaignRules.Stored(status);
        }

        if (status != EvaluationStatus.Published)
        {
            return false;
        }

        return unitId is null ? user.IsOrganisationDepartment : !user.IsUnitLeader || user.UnitId == unitId;
    }
}

/// <summary>Who may reissue an evaluation report, and when.</summary>
public static class ReissueRules
{
    /// <summary>Street staff of the campaign's street (and administrators), once the campaign is finalised: drafts are never issued.</summary>
    public static void Ensure(PortalUser user, CampaignDetail campaign)
    {
        if (!user.MayManageStreet(campaign.StreetId))
        {
            throw new PortalForbiddenException();
        }

        if (!CampaignRules.Stored(campaign.Status))
        {
            throw new PortalConflictException("Reports.DraftNotIssued");
        }
    }
}
