using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Evaluations;

/// <summary>One unit's row of the results, in the shape of the API (indicator values are weighted points).</summary>
public sealed record AssessmentRow
{
    public required Guid UnitId { get; init; }

    public required string UnitName { get; init; }

    public UnitCategory Category { get; init; }

    public required IndicatorPoints Indicators { get; init; }

    public decimal Adjustment { get; init; }

    public string? AdjustmentReason { get; init; }

    public decimal Total { get; init; }

    /// <summary>The indicator points plus the adjustment fell outside 0–100: the total was clamped to 0 or 100.</summary>
    public bool TotalClamped { get; init; }

    public int Rank { get; init; }

    public Grade Grade { get; init; }

    public bool CappedForDissatisfaction { get; init; }

    public int RatingsCount { get; init; }

    public bool InsufficientSample { get; init; }

    public int Satisfied { get; init; }

    public int BasicallySatisfied { get; init; }

    public int Dissatisfied { get; init; }

    public int MeetingsInvited { get; init; }

    public int MeetingsAttended { get; init; }

    public int Commitments { get; init; }

    public decimal? MeanFulfilment { get; init; }

    public int VerifiedActivities { get; init; }

    public int ResolutionTasks { get; init; }

    public int ResolutionsOnTime { get; init; }

    public int ResolutionsLate { get; init; }

    /// <summary>Rule 9 (the sixth indicator's inputs; 0 when the campaign gives it no weight).</summary>
    public int PartyMemberCount { get; init; }

    public int MembersMeetingHours { get; init; }

    public UnitAssessment ToStored(EvaluationCampaign campaign) => new()
    {
        CampaignId = campaign.Id,
        StreetId = campaign.StreetId,
        UnitId = UnitId,
        UnitName = UnitName,
        Category = Category,
        MeetingParticipation = Indicators.MeetingParticipation,
        AgreementFulfilment = Indicators.AgreementFulfilment,
        Activity = Indicators.Activity,
        ResolutionImplementation = Indicators.ResolutionImplementation,
        ResidentEvaluation = Indicators.ResidentEvaluation,
        MemberService = Indicators.MemberService,
        PartyMemberCount = PartyMemberCount,
        MembersMeetingHours = MembersMeetingHours,
        Adjustment = Adjustment,
        AdjustmentReason = AdjustmentReason,
        Total = Total,
        TotalClamped = TotalClamped,
        Rank = Rank,
        Grade = Grade,
        CappedForDissatisfaction = CappedForDissatisfaction,
        RatingsCount = RatingsCount,
        Satisfied = Satisfied,
        BasicallySatisfied = BasicallySatisfied,
        Dissatisfied = Dissatisfied,
        InsufficientSample = InsufficientSample,
        MeetingsInvited = MeetingsInvited,
        MeetingsAttended = MeetingsAttended,
        Commitments = Commitments,
        MeanFulfilment = MeanFulfilment,
        VerifiedActivities = VerifiedActivities,
        ResolutionTasks = ResolutionTasks,
        ResolutionsOnTime = ResolutionsOnTime,
        ResolutionsLate = ResolutionsLate,
    };

    /// <summary>A unit's row from what its score was computed from and the score.</summary>
    public static AssessmentRow FromScore(Guid unitId, string unitName, UnitCategory category, AssessmentInput input, AssessmentResult result, string? adjustmentReason) => new()
    {
        UnitId = unitId,
        UnitName = unitName,
        Category = category,
        Indicators = result.Points,
        Adjustment = result.Adjustment,
        AdjustmentReason = adjustmentReason,
        Total = result.Total,
        TotalClamped = result.TotalClamped,
        Rank = result.Rank,
        Grade = result.Grade,
        CappedForDissatisfaction = result.CappedForDissatisfaction,
        RatingsCount = result.RatingsCount,
        InsufficientSample = result.InsufficientSample,
        Satisfied = input.Satisfied,
        BasicallySatisfied = input.BasicallySatisfied,
        Dissatisfied = input.Dissatisfied,
        MeetingsInvited = input.MeetingsInvited,
        MeetingsAttended = input.MeetingsAttended,
        Commitments = input.CommitmentFulfilments.Count,
        MeanFulfilment = result.MeanFulfilment is { } f ? Math.Round(f, 6) : null,
        VerifiedActivities = input.VerifiedActivities,
        ResolutionTasks = input.ResolutionTasks.Count,
        ResolutionsOnTime = input.ResolutionTasks.Count(t => t == TaskOutcome.OnTime),
        ResolutionsLate = input.ResolutionTasks.Count(t => t == TaskOutcome.Late),
        PartyMemberCount = input.PartyMemberCount,
        MembersMeetingHours = input.MembersMeetingHours,
    };

    public static AssessmentRow FromStored(UnitAssessment a) => new()
    {
        UnitId = a.UnitId,
        UnitName = a.UnitName,
        Category = a.Category,
        Indicators = new IndicatorPoints(a.MeetingParticipation, a.AgreementFulfilment, a.Activity, a.ResolutionImplementation, a.ResidentEvaluation, a.MemberService),
        Adjustment = a.Adjustment,
        AdjustmentReason = a.AdjustmentReason,
        Total = a.Total,
        TotalClamped = a.TotalClamped,
        Rank = a.Rank,
        Grade = a.Grade,
        CappedForDissatisfaction = a.CappedForDissatisfaction,
        RatingsCount = a.RatingsCount,
        InsufficientSample = a.InsufficientSample,
        Satisfied = a.Satisfied,
        BasicallySatisfied = a.BasicallySatisfied,
        Dissatisfied = a.Dissatisfied,
        MeetingsInvited = a.MeetingsInvited,
        MeetingsAttended = a.MeetingsAttended,
        Commitments = a.Commitments,
        MeanFulfilment = a.MeanFulfilment,
        VerifiedActivities = a.VerifiedActivities,
        ResolutionTasks = a.ResolutionTasks,
        ResolutionsOnTime = a.ResolutionsOnTime,
        ResolutionsLate = a.ResolutionsLate,
        PartyMemberCount = a.PartyMemberCount,
        MembersMeetingHours = a.MembersMeetingHours,
    };
}

public sealed record CampaignResults(Guid CampaignId, int Year, EvaluationStatus Status, bool Stored, IReadOnlyList<AssessmentRow> Rows);

/// <summary>
/// Gathers what rule 4 needs for every unit of a campaign with a handful of SQL aggregates (no rows are loaded to be
/// counted), then lets <see cref="AssessmentScoring"/> compute the figures.
/// </summary>
public sealed class AssessmentCalculator : IHandler
{
    public async Task<List<AssessmentRow>> ComputeAsync(PortalDbContext db, EvaluationCampaign campaign, CancellationToken ct)
    {
        var streetId = campaign.StreetId;
        var yearStart = new DateOnly(campaign.Year, 1, 1);
        var yearEnd = new DateOnly(campaign.Year, 12, 31);

        var units = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaign.Id)
            .Join(db.MemberUnits, cu => cu.UnitId, u => u.Id, (cu, u) => new { u.Id, u.Name, cu.Category, cu.SortOrder })
            .OrderBy(u => u.SortOrder)
            .ToListAsync(ct);
        var target = CampaignRules.ActivityTarget(campaign.AnnualActivityTarget, await CampaignQueries.CommitteeActivityTargetAsync(db, streetId, ct));

        // 会议参与: held meetings of the year to which the unit was invited; present or delegated among them.
        var meetings = await db.MeetingAttendances.AsNoTracking()
            .Join(db.Meetings, a => a.MeetingId, m => m.Id, (a, m) => new { a, m })
            .Where(x => x.m.StreetId == streetId && x.m.Status == MeetingStatus.Held && x.m.MeetingDate >= yearStart && x.m.MeetingDate <= yearEnd)
            .GroupBy(x => x.a.UnitId)
            .Select(g => new
            {
                UnitId = g.Key,
                Invited = g.Count(),
                Attended = g.Count(x => x.a.Status == AttendanceStatus.Present || x.a.Status == AttendanceStatus.Delegated),
            })
            .ToDictionaryAsync(x => x.UnitId, ct);

        // 协议履行: commitments of agreements in force at some point of the year; achievement from verified activities up to the year's end.
        var commitments = await db.Commitments.AsNoTracking()
            .Join(db.Agreements, c => c.AgreementId, a => a.Id, (c, a) => new { c, a })
            .Where(x => x.a.StreetId == streetId && x.a.Status != AgreementStatus.Draft && x.a.ValidFrom <= yearEnd
                        && (x.a.TerminatedOn != null && x.a.TerminatedOn < x.a.ValidTo ? x.a.TerminatedOn.Value : x.a.ValidTo) >= yearStart)
            .Select(x => new { x.c.Id, x.a.UnitId, x.c.Measure, x.c.Target })
            .ToListAsync(ct);
        var achieved = await FulfilmentQuery.AchievedAsync(db, commitments.Select(c => (c.Id, c.Measure)).ToList(), ct, heldOnOrBefore: yearEnd);
        var fulfilments = commitments
            .GroupBy(c => c.UnitId)
            .ToDictionary(g => g.Key, g => g.Select(c => Fulfilment.Ratio(achieved[c.Id], c.Target)).ToList());

        // 共建活动: verified activities held in the year.
        var activities = await db.Activities.AsNoTracking()
            .Where(a => a.StreetId == streetId && a.Status == ActivityStatus.Verified && a.HeldOn >= yearStart && a.HeldOn <= yearEnd)
            .GroupBy(a => a.UnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UnitId, x => x.Count, ct);

        // 决议落实: tasks due in the year, one per responsible unit (lead or co-operating).
        var resolutions = await db.Resolutions.AsNoTracking()
            .Where(r => r.StreetId == streetId && r.Deadline >= yearStart && r.Deadline <= yearEnd)
            .Select(r => new { r.LeadUnitId, r.CooperatingUnitIds, r.Status, r.CompletedOn, r.Deadline })
            .ToListAsync(ct);
        var tasks = resolutions
            .SelectMany(r => r.CooperatingUnitIds.Append(r.LeadUnitId).Distinct().Select(unit => (unit, Outcome: ResolutionOutcome(r.Status, r.CompletedOn, r.Deadline))))
            .GroupBy(t => t.unit)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Outcome).ToList());

        // 群众评议: ratings per unit and value.
        var ratings = await db.BallotRatings.AsNoTracking()
            .Where(r => r.CampaignId == campaign.Id)
            .GroupBy(r => new { r.UnitId, r.Rating })
            .Select(g => new { g.Key.UnitId, g.Key.Rating, Count = g.Count() })
            .ToListAsync(ct);
        var adjustments = await db.AssessmentAdjustments.AsNoTracking()
            .Where(a => a.CampaignId == campaign.Id)
            .ToDictionaryAsync(a => a.UnitId, ct);

        int Count(Guid unit, Rating rating) => ratings.Where(r => r.UnitId == unit && r.Rating == rating).Sum(r => r.Count);

        // 在职党员报到服务 (rule 9), only when the campaign gives it weight: a campaign without it reads nothing more.
        var (yearlyHours, targetRate) = await CampaignQueries.MemberTargetsAsync(db, campaign, ct);
        var memberService = campaign.WeightMemberService > 0
            ? await MemberServiceInputsAsync(db, units.Select(u => u.Id).ToList(), campaign.Year, yearlyHours, ct)
            : [];

        var inputs = units.Select(u => new AssessmentInput
        {
            UnitId = u.Id,
            MeetingsInvited = meetings.TryGetValue(u.Id, out var m) ? m.Invited : 0,
            MeetingsAttended = meetings.TryGetValue(u.Id, out var m2) ? m2.Attended : 0,
            CommitmentFulfilments = fulfilments.GetValueOrDefault(u.Id) ?? [],
            VerifiedActivities = activities.GetValueOrDefault(u.Id),
            ResolutionTasks = tasks.GetValueOrDefault(u.Id) ?? [],
            Satisfied = Count(u.Id, Rating.Satisfied),
            BasicallySatisfied = Count(u.Id, Rating.BasicallySatisfied),
            Dissatisfied = Count(u.Id, Rating.Dissatisfied),
            Adjustment = adjustments.TryGetValue(u.Id, out var adj) ? adj.Delta : 0m,
            PartyMemberCount = memberService.TryGetValue(u.Id, out var ms) ? ms.PartyMembers : 0,
            MembersMeetingHours = memberService.TryGetValue(u.Id, out var ms2) ? ms2.Meeting : 0,
        }).ToList();

        var results = AssessmentScoring.Compute(inputs, campaign.Weights, campaign.Thresholds, target, targetRate);
        return units.Zip(inputs, results).Select(x =>
        {
            var (unit, input, result) = x;
            return AssessmentRow.FromScore(unit.Id, unit.Name, unit.Category, input, result,
                adjustments.TryGetValue(unit.Id, out var a) ? a.Reason : null);
        }).OrderBy(r => r.Rank).ToList(); // stable: ties keep the ballot order

        static async Task<Dictionary<Guid, (int PartyMembers, int Meeting)>> MemberServiceInputsAsync(PortalDbContext db, List<Guid> unitIds, int year, int yearlyHours, CancellationToken ct)
        {
            var partyMembers = await db.MemberUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.PartyMemberCount, ct);
            var members = await Members.MemberFigureQueries.MembersOfUnitsAsync(db, unitIds, year, ct);
            return unitIds.ToDictionary(id => id, id => (partyMembers.GetValueOrDefault(id),
                Members.MemberFigures.MembersMeetingHours(members.Where(m => m.UnitId == id).Select(m => new Members.MemberYear(m.Status, m.RegisteredOn, m.MovedAwayOn, m.Hours)), year, yearlyHours)));
        }

        static TaskOutcome ResolutionOutcome(ResolutionStatus status, DateOnly? completedOn, DateOnly deadline) =>
            status == ResolutionStatus.Completed && completedOn is { } done
                ? done <= deadline ? TaskOutcome.OnTime : TaskOutcome.Late
                : TaskOutcome.NotDone;
    }
}

/// <summary>
/// The results: computed live once the window has closed, read from the stored figures once finalised. Staff of the
/// street see them from 已截止; the organisation department all rows and a unit leader their own row once 已通报.
/// </summary>
public sealed class GetResults(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, AssessmentCalculator calculator) : IHandler
{
    public async Task<CampaignResults> HandleAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await CampaignQueries.ReadableAsync(db, scope, campaignId, ct);
        var user = scope.User;
        var staff = user.MayManageStreet(campaign.StreetId);
        if (!staff && campaign.Status != EvaluationStatus.Published)
        {
            // Before publication the results are not theirs to read; a unit leader is not even told they exist.
            throw user.IsUnitLeader
                ? new PortalNotFoundException("Evaluations.ResultsNotPublished")
                : new PortalConflictException("Evaluations.ResultsNotPublished");
        }

        if (CampaignRules.ResultsSealed(campaign.Status))
        {
            throw new PortalConflictException("Evaluations.ResultsSealed");
        }

        List<AssessmentRow> rows;
        if (CampaignRules.Stored(campaign.Status))
        {
            var stored = db.UnitAssessments.AsNoTracking().Where(a => a.CampaignId == campaignId);
            if (user.IsUnitLeader)
            {
                stored = stored.Where(a => a.UnitId == user.UnitId);
            }

            rows = (await stored.OrderBy(a => a.Rank).ThenBy(a => EF.Functions.Collate(a.UnitName, PortalDbContext.ChineseCollation)).ToListAsync(ct))
                .Select(AssessmentRow.FromStored).ToList();
        }
        else
        {
            rows = await calculator.ComputeAsync(db, campaign, ct);
        }

        return new CampaignResults(campaign.Id, campaign.Year, campaign.Status, CampaignRules.Stored(campaign.Status), rows);
    }
}

/// <summary>Staff adjust a unit's total with a reason after the window has closed and before finalising (audited).</summary>
public sealed class AdjustAssessment(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task HandleAsync(Guid campaignId, Guid unitId, decimal delta, string? reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.InTransactionAsync(async () =>
        {
            await CampaignLocks.LockAsync(db, campaignId, exclusive: false, ct);
            var campaign = await CampaignQueries.ManageableAsync(db, scope, campaignId, ct);
            if (!CampaignRules.AdjustmentsAccepted(campaign.Status))
            {
                throw new PortalConflictException(CampaignRules.Stored(campaign.Status) ? "Evaluations.AlreadyFinalised" : "Evaluations.AdjustAfterClose");
            }

            if (!await db.CampaignUnits.AnyAsync(u => u.CampaignId == campaignId && u.UnitId == unitId, ct))
            {
                throw new PortalValidationException([new ValidationFailure("unitId", "Evaluations.UnitNotInCampaign")]);
            }

            PortalValidationException.ThrowIfAny(CampaignRules.ValidateAdjustment(delta, reason));
            var user = scope.User;
            var existing = await db.AssessmentAdjustments.FirstOrDefaultAsync(a => a.CampaignId == campaignId && a.UnitId == unitId, ct);
            if (delta == 0m)
            {
                if (existing is not null)
                {
                    db.AssessmentAdjustments.Remove(existing);
                }
            }
            else
            {
                existing ??= db.AssessmentAdjustments.Add(new AssessmentAdjustment
                {
                    CampaignId = campaignId, StreetId = campaign.StreetId, UnitId = unitId, Reason = "",
                }).Entity;
                existing.Delta = delta;
                existing.Reason = reason!.Trim();
                existing.AdjustedBy = user.DisplayName.Length > 0 ? user.DisplayName : user.Email;
                existing.AdjustedAt = clock.GetUtcNow();
            }

            await db.SaveChangesAsync(ct);
        }, ct);
    }
}

public sealed record UnitEvaluationHistoryRow(Guid CampaignId, int Year, EvaluationStatus Status, int UnitsRanked, AssessmentRow Row);

/// <summary>A unit's stored assessments, newest first: staff and the organisation department see finalised ones, the unit's leaders published ones.</summary>
public sealed class GetUnitEvaluationHistory(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<List<UnitEvaluationHistoryRow>> HandleAsync(Guid unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streetId = await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        var staff = scope.User.MayManageStreet(streetId);
        var rows = await db.UnitAssessments.AsNoTracking()
            .Where(a => a.UnitId == unitId)
            .Join(db.EvaluationCampaigns, a => a.CampaignId, c => c.Id, (a, c) => new { a, c.Year, c.Status })
            .Where(x => staff || x.Status == EvaluationStatus.Published)
            .OrderByDescending(x => x.Year)
            .Select(x => new { x.a, x.Year, x.Status, Ranked = db.UnitAssessments.Count(o => o.CampaignId == x.a.CampaignId) })
            .ToListAsync(ct);
        return rows.Select(x => new UnitEvaluationHistoryRow(x.a.CampaignId, x.Year, x.Status, x.Ranked, AssessmentRow.FromStored(x.a))).ToList();
    }
}
