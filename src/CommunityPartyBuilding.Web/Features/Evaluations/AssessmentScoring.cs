namespace CommunityPartyBuilding.Web.Features.Evaluations;

/// <summary>
/// Indicator weights (rule 4); they always sum to 100. <see cref="MemberService"/> is rule 9's optional sixth indicator
/// 在职党员报到服务, 0 unless a campaign gives it weight before it opens.
/// </summary>
public sealed record IndicatorWeights(int MeetingParticipation, int AgreementFulfilment, int Activity, int ResolutionImplementation, int ResidentEvaluation, int MemberService = 0)
{
    public static IndicatorWeights Default { get; } = new(20, 30, 10, 20, 20);

    public int Sum => MeetingParticipation + AgreementFulfilment + Activity + ResolutionImplementation + ResidentEvaluation + MemberService;
}

/// <summary>Lowest totals of 优秀, 良好 and 一般; anything below 一般 is 较差.</summary>
public sealed record GradeThresholds(decimal Excellent, decimal Good, decimal Fair)
{
    public static GradeThresholds Default { get; } = new(90m, 75m, 60m);
}

/// <summary>How a resolution task due in the year ended up for one responsible unit.</summary>
public enum TaskOutcome
{
    OnTime,
    Late,
    NotDone,
}

/// <summary>What the score of one unit is computed from.</summary>
public sealed record AssessmentInput
{
    public required Guid UnitId { get; init; }

    /// <summary>Held meetings of the year to which the unit was invited.</summary>
    public int MeetingsInvited { get; init; }

    /// <summary>Of those, present or delegated.</summary>
    public int MeetingsAttended { get; init; }

    /// <summary>Fulfilment in [0,1] of each commitment in the unit's agreements active that year.</summary>
    public IReadOnlyList<decimal> CommitmentFulfilments { get; init; } = [];

    public int VerifiedActivities { get; init; }

    /// <summary>Resolution tasks due that year where the unit is lead or co-operating.</summary>
    public IReadOnlyList<TaskOutcome> ResolutionTasks { get; init; } = [];

    public int Satisfied { get; init; }

    public int BasicallySatisfied { get; init; }

    public int Dissatisfied { get; init; }

    /// <summary>Manual adjustment of the total, in points (one decimal).</summary>
    public decimal Adjustment { get; init; }

    /// <summary>Rule 9: the unit's Party member count (the sixth indicator is left out when it is 0).</summary>
    public int PartyMemberCount { get; init; }

    /// <summary>Rule 9: the unit's registered members whose confirmed hours in the year reach the committee's yearly hours.</summary>
    public int MembersMeetingHours { get; init; }
}

/// <summary>Points per indicator after weighting and rescaling; null for an indicator left out.</summary>
public sealed record IndicatorPoints(
    decimal? MeetingParticipation,
    decimal? AgreementFulfilment,
    decimal? Activity,
    decimal? ResolutionImplementation,
    decimal? ResidentEvaluation,
    decimal? MemberService = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public decimal Sum => (MeetingParticipation ?? 0) + (AgreementFulfilment ?? 0) + (Activity ?? 0) + (ResolutionImplementation ?? 0) + (ResidentEvaluation ?? 0) + (MemberService ?? 0);
}

public sealed record AssessmentResult(
    Guid UnitId,
    IndicatorPoints Points,
    decimal Adjustment,
    decimal Total,
    int Rank,
    Grade Grade,
    bool CappedForDissatisfaction,
    int RatingsCount,
    bool InsufficientSample,
    decimal? MeanFulfilment,
    bool TotalClamped = false);

/// <summary>
/// Rule 4, the annual assessment score. Each indicator gives a score in [0,1]; an indicator with nothing to
/// measure (no held meeting the unit was invited to, no resolution task due, no rating) is left out and the
/// remaining weights are rescaled to sum to 100. Total = Σ weight × score + adjustment, rounded half away
/// from zero to one decimal and then kept within 0–100 (an adjustment cannot take it outside the scale; the
/// result says when it was clamped); the reported indicator points are rounded so that they add up exactly to
/// the total minus the adjustment before clamping. Ranks follow the rounded totals, ties sharing a rank (1, 2, 2, 4).
/// </summary>
public static class AssessmentScoring
{
    public const int MinimumRatings = 10;

    public const decimal BasicallySatisfiedValue = 0.6m;

    public static IReadOnlyList<AssessmentResult> Compute(
        IReadOnlyList<AssessmentInput> units, IndicatorWeights weights, GradeThresholds thresholds, int annualActivityTarget,
        decimal memberTargetRate = Committees.StreetCommittee.DefaultMemberTargetRate)
    {
        var scored = units.Select(u => Score(u, weights, thresholds, annualActivityTarget, memberTargetRate)).ToList();
        var totals = scored.Select(s => s.Total).OrderByDescending(t => t).ToList();
        return scored.Select(s => s with { Rank = 1 + totals.Count(t => t > s.Total) }).ToList();
    }

    /// <summary>One unit's score, rank 0 (ranks need the whole street).</summary>
    /// <remarks>
    /// The sixth indicator (rule 9) takes part only when the campaign gives it weight: with weight 0 it is left out like an
    /// indicator with nothing to measure, so the other five and every total are exactly what they were without it.
    /// </remarks>
    public static AssessmentResult Score(AssessmentInput unit, IndicatorWeights weights, GradeThresholds thresholds, int annualActivityTarget,
        decimal memberTargetRate = Committees.StreetCommittee.DefaultMemberTargetRate)
    {
        var meeting = unit.MeetingsInvited > 0 ? Ratio(unit.MeetingsAttended, unit.MeetingsInvited) : (decimal?)null;
        var meanFulfilment = unit.CommitmentFulfilments.Count > 0 ? unit.CommitmentFulfilments.Average(Clamp) : (decimal?)null;
        var fulfilment = meanFulfilment ?? 0m;
        var activity = annualActivityTarget > 0 ? Math.Min(1m, Ratio(unit.VerifiedActivities, annualActivityTarget)) : 1m;
        var resolution = unit.ResolutionTasks.Count > 0
            ? unit.ResolutionTasks.Sum(t => t switch { TaskOutcome.OnTime => 1m, TaskOutcome.Late => 0.5m, _ => 0m }) / unit.ResolutionTasks.Count
            : (decimal?)null;
        var ratings = unit.Satisfied + unit.BasicallySatisfied + unit.Dissatisfied;
        var resident = ratings > 0 ? (unit.Satisfied + BasicallySatisfiedValue * unit.BasicallySatisfied) / ratings : (decimal?)null;

        var memberService = weights.MemberService > 0
            ? Members.MemberFigures.ServiceScore(unit.MembersMeetingHours, unit.PartyMemberCount, memberTargetRate)
            : null;

        decimal?[] scores = [meeting, fulfilment, activity, resolution, resident, memberService];
        int[] w = [weights.MeetingParticipation, weights.AgreementFulfilment, weights.Activity, weights.ResolutionImplementation, weights.ResidentEvaluation, weights.MemberService];
        var included = Enumerable.Range(0, scores.Length).Where(i => scores[i] is not null).Sum(i => w[i]);
        var exact = Enumerable.Range(0, scores.Length)
            .Select(i => scores[i] is { } s ? (included == 0 ? 0m : s * w[i] * 100m / included) : (decimal?)null)
            .ToArray();
        var points = RoundToSum(exact);
        var (total, clamped) = ClampTotal(Round1(points.Where(p => p is not null).Sum(p => p!.Value) + unit.Adjustment));

        var capped = false;
        var grade = GradeOf(total, thresholds);
        if (grade == Grade.Excellent && ratings > 0 && 3 * unit.Dissatisfied > ratings)
        {
            grade = Grade.Good;
            capped = true;
        }

        return new AssessmentResult(
            unit.UnitId,
            new IndicatorPoints(points[0], points[1], points[2], points[3], points[4], points[5]),
            unit.Adjustment,
            total,
            0,
            grade,
            capped,
            ratings,
            ratings < MinimumRatings,
            meanFulfilment,
            clamped);
    }

    public const decimal MaxTotal = 100m;

    /// <summary>The total kept within 0–100, and whether it had to be moved there (an adjustment of +20 on 95 gives 100, clamped).</summary>
    public static (decimal Total, bool Clamped) ClampTotal(decimal total)
    {
        var clamped = Math.Clamp(total, 0m, MaxTotal);
        return (clamped, clamped != total);
    }

    public static Grade GradeOf(decimal total, GradeThresholds thresholds) =>
        total >= thresholds.Excellent ? Grade.Excellent
        : total >= thresholds.Good ? Grade.Good
        : total >= thresholds.Fair ? Grade.Fair
        : Grade.Poor;

    public static decimal Round1(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Rounds each value to one decimal so that the rounded values add up to the rounded exact sum: everything is
    /// rounded down to tenths, then the tenths still missing go to the largest remainders (earlier indicators first on ties).
    /// </summary>
    public static decimal?[] RoundToSum(IReadOnlyList<decimal?> exact)
    {
        var target = Round1(exact.Where(e => e is not null).Sum(e => e!.Value));
        var floors = exact.Select(e => e is { } v ? Math.Floor(v * 10m) / 10m : (decimal?)null).ToArray();
        var missingTenths = (int)Math.Round((target - floors.Where(f => f is not null).Sum(f => f!.Value)) * 10m);
        var order = Enumerable.Range(0, exact.Count)
            .Where(i => exact[i] is not null)
            .OrderByDescending(i => exact[i]!.Value - floors[i]!.Value)
            .ThenBy(i => i)
            .ToList();
        for (var k = 0; k < missingTenths && k < order.Count; k++)
        {
            floors[order[k]] += 0.1m;
        }

        return floors;
    }

    private static decimal Ratio(int part, int whole) => whole <= 0 ? 0m : Math.Clamp((decimal)part / whole, 0m, 1m);

    private static decimal Clamp(decimal value) => Math.Clamp(value, 0m, 1m);
}
