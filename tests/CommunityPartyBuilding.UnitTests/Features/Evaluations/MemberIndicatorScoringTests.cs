using CommunityPartyBuilding.Web.Features.Evaluations;

namespace CommunityPartyBuilding.UnitTests.Features.Evaluations;

/// <summary>
/// Rule 9's optional sixth indicator 在职党员报到服务 in rule 4's score: with weight 0 every figure is exactly what the
/// five-indicator scoring gave before it existed (compared with a copy of that scoring, kept here as the oracle); with
/// weight it is scored, and left out with its weight spread over the others for a unit without Party members.
/// </summary>
public sealed class MemberIndicatorScoringTests
{
    private static readonly GradeThresholds Thresholds = GradeThresholds.Default;

    /// <summary>The five-indicator score as it stood before the sixth indicator (commit e0eab00), for comparison.</summary>
    private static (decimal?[] Points, decimal Total, Grade Grade, bool Capped) Legacy(AssessmentInput unit, IndicatorWeights weights, int target)
    {
        static decimal Ratio(int part, int whole) => whole <= 0 ? 0m : Math.Clamp((decimal)part / whole, 0m, 1m);
        var meeting = unit.MeetingsInvited > 0 ? Ratio(unit.MeetingsAttended, unit.MeetingsInvited) : (decimal?)null;
        var meanFulfilment = unit.CommitmentFulfilments.Count > 0 ? unit.CommitmentFulfilments.Average(v => Math.Clamp(v, 0m, 1m)) : (decimal?)null;
        var activity = target > 0 ? Math.Min(1m, Ratio(unit.VerifiedActivities, target)) : 1m;
        var resolution = unit.ResolutionTasks.Count > 0
            ? unit.ResolutionTasks.Sum(t => t switch { TaskOutcome.OnTime => 1m, TaskOutcome.Late => 0.5m, _ => 0m }) / unit.ResolutionTasks.Count
            : (decimal?)null;
        var ratings = unit.Satisfied + unit.BasicallySatisfied + unit.Dissatisfied;
        var resident = ratings > 0 ? (unit.Satisfied + 0.6m * unit.BasicallySatisfied) / ratings : (decimal?)null;
        decimal?[] scores = [meeting, meanFulfilment ?? 0m, activity, resolution, resident];
        int[] w = [weights.MeetingParticipation, weights.AgreementFulfilment, weights.Activity, weights.ResolutionImplementation, weights.ResidentEvaluation];
        var included = Enumerable.Range(0, 5).Where(i => scores[i] is not null).Sum(i => w[i]);
        var exact = Enumerable.Range(0, 5).Select(i => scores[i] is { } s ? (included == 0 ? 0m : s * w[i] * 100m / included) : (decimal?)null).ToArray();
        var points = AssessmentScoring.RoundToSum(exact);
        var (total, _) = AssessmentScoring.ClampTotal(AssessmentScoring.Round1(points.Where(p => p is not null).Sum(p => p!.Value) + unit.Adjustment));
        var grade = AssessmentScoring.GradeOf(total, Thresholds);
        var capped = grade == Grade.Excellent && ratings > 0 && 3 * unit.Dissatisfied > ratings;
        return (points, total, capped ? Grade.Good : grade, capped);
    }

    private static AssessmentInput RandomUnit(Random random) => new()
    {
        UnitId = Guid.NewGuid(),
        MeetingsInvited = random.Next(0, 9) is var invited ? invited : 0,
        MeetingsAttended = random.Next(0, invited + 1),
        CommitmentFulfilments = Enumerable.Range(0, random.Next(0, 5)).Select(_ => Math.Round((decimal)random.NextDouble() * 1.3m, 6)).ToList(),
        VerifiedActivities = random.Next(0, 9),
        ResolutionTasks = Enumerable.Range(0, random.Next(0, 5)).Select(_ => (TaskOutcome)random.Next(0, 3)).ToList(),
        Satisfied = random.Next(0, 30),
        BasicallySatisfied = random.Next(0, 15),
        Dissatisfied = random.Next(0, 15),
        Adjustment = random.Next(0, 4) == 0 ? random.Next(-200, 201) / 10m : 0m,
        PartyMemberCount = random.Next(0, 80),
        MembersMeetingHours = random.Next(0, 40),
    };

    private static IndicatorWeights RandomWeights(Random random)
    {
        var cuts = Enumerable.Range(0, 4).Select(_ => random.Next(0, 101)).Order().ToArray();
        return new IndicatorWeights(cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], cuts[3] - cuts[2], 100 - cuts[3]);
    }

    [Fact]
    public void With_weight_zero_every_figure_equals_the_five_indicator_scoring_exactly()
    {
        var random = new Random(20261206);
        for (var round = 0; round < 400; round++)
        {
            var weights = round == 0 ? IndicatorWeights.Default : RandomWeights(random);
            var target = random.Next(0, 8);
            var units = Enumerable.Range(0, random.Next(1, 15)).Select(_ => RandomUnit(random)).ToList();
            var results = AssessmentScoring.Compute(units, weights, Thresholds, target, memberTargetRate: (decimal)random.NextDouble());
            var legacy = units.Select(u => Legacy(u, weights, target)).ToList();
            var totals = legacy.Select(l => l.Total).ToList();
            for (var i = 0; i < units.Count; i++)
            {
                var r = results[i];
                var l = legacy[i];
                Assert.Equal(l.Points, new[] { r.Points.MeetingParticipation, r.Points.AgreementFulfilment, r.Points.Activity, r.Points.ResolutionImplementation, r.Points.ResidentEvaluation });
                Assert.Null(r.Points.MemberService);
                Assert.Equal(l.Total, r.Total);
                Assert.Equal(l.Grade, r.Grade);
                Assert.Equal(l.Capped, r.CappedForDissatisfaction);
                Assert.Equal(1 + totals.Count(t => t > l.Total), r.Rank);
            }
        }
    }

    /// <summary>Each indicator at .75 (residents .72), as in <see cref="AssessmentScoringTests"/>.</summary>
    private static AssessmentInput Unit(int partyMembers, int meetingHours) => new()
    {
        UnitId = Guid.NewGuid(),
        MeetingsInvited = 4,
        MeetingsAttended = 3,
        CommitmentFulfilments = [1m, 0.5m],
        VerifiedActivities = 3,
        ResolutionTasks = [TaskOutcome.OnTime, TaskOutcome.Late],
        Satisfied = 6,
        BasicallySatisfied = 2,
        Dissatisfied = 2,
        PartyMemberCount = partyMembers,
        MembersMeetingHours = meetingHours,
    };

    private static readonly IndicatorWeights WithSixth = new(20, 20, 10, 20, 20, 10);

    [Fact]
    public void With_weight_ten_a_unit_with_Party_members_is_scored_on_its_members_reaching_the_yearly_hours()
    {
        // 2 of 10 members reach the hours against a target of .5 × 10 = 5: .4 → 4 points. 15 + 15 + 7.5 + 15 + 14.4 + 4 = 70.9.
        var result = AssessmentScoring.Score(Unit(10, 2), WithSixth, Thresholds, 4, 0.5m);
        Assert.Equal(new IndicatorPoints(15m, 15m, 7.5m, 15m, 14.4m, 4m), result.Points);
        Assert.Equal(70.9m, result.Total);

        // 6 of 10 exceed the target: the score stops at 1 → 10 points, total 76.9 (良好).
        var full = AssessmentScoring.Score(Unit(10, 6), WithSixth, Thresholds, 4, 0.5m);
        Assert.Equal(10m, full.Points.MemberService);
        Assert.Equal(76.9m, full.Total);
        Assert.Equal(Grade.Good, full.Grade);
    }

    [Fact]
    public void With_weight_ten_a_unit_without_Party_members_has_it_left_out_and_the_others_rescaled()
    {
        // Included weights 90: 20 × .75 / .9 = 16.67 (×3), 10 × .75 / .9 = 8.33, 20 × .72 / .9 = 16; exact sum 74.33 → 74.3.
        // Rounded to tenths adding up: 16.7, 16.7, 8.3, 16.6, 16.0 (the two missing tenths go to the largest remainders, earlier first).
        var result = AssessmentScoring.Score(Unit(0, 5), WithSixth, Thresholds, 4, 0.5m);
        Assert.Null(result.Points.MemberService);
        Assert.Equal(new IndicatorPoints(16.7m, 16.7m, 8.3m, 16.6m, 16.0m, null), result.Points);
        Assert.Equal(74.3m, result.Total);
        Assert.Equal(result.Total, result.Points.Sum);
    }

    [Fact]
    public void The_target_rate_changes_the_score()
    {
        // 2 of 10 against .2 × 10 = 2: full marks.
        Assert.Equal(10m, AssessmentScoring.Score(Unit(10, 2), WithSixth, Thresholds, 4, 0.2m).Points.MemberService);
    }

    [Fact]
    public void Weights_including_the_sixth_must_still_sum_to_100()
    {
        var opens = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Empty(CampaignRules.ValidateSettings(2026, opens, opens.AddDays(14), WithSixth, Thresholds));
        Assert.Contains(CampaignRules.ValidateSettings(2026, opens, opens.AddDays(14), IndicatorWeights.Default with { MemberService = 10 }, Thresholds),
            f => f.MessageKey == "Evaluations.WeightSum");
        Assert.Contains(CampaignRules.ValidateSettings(2026, opens, opens.AddDays(14), new IndicatorWeights(20, 30, 10, 20, 30, -10), Thresholds),
            f => f.MessageKey == "Evaluations.WeightRange");
    }

    [Fact]
    public void Member_targets_are_the_frozen_ones_then_the_committees_then_the_defaults()
    {
        Assert.Equal((20, 0.3m), CampaignRules.MemberTargets(20, 0.3m, 12, 0.5m));
        Assert.Equal((16, 0.6m), CampaignRules.MemberTargets(null, null, 16, 0.6m));
        Assert.Equal((12, 0.5m), CampaignRules.MemberTargets(null, null, null, null));
    }
}
