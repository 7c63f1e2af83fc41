using CommunityPartyBuilding.Web.Features.Evaluations;

namespace CommunityPartyBuilding.UnitTests.Features.Evaluations;

/// <summary>Rule 4 on tables worked out by hand (default weights 20/30/10/20/20, thresholds 90/75/60, target 4 activities).</summary>
public sealed class AssessmentScoringTests
{
    private static readonly IndicatorWeights Weights = IndicatorWeights.Default;
    private static readonly GradeThresholds Thresholds = GradeThresholds.Default;

    private static AssessmentResult Score(AssessmentInput input) => AssessmentScoring.Score(input, Weights, Thresholds, annualActivityTarget: 4);

    [Fact]
    public void Every_indicator_is_weighted_as_worked_out_by_hand()
    {
        // meetings 3/4 = .75 → 15; fulfilment mean(1, .5) = .75 → 22.5; activities 3/4 → 7.5;
        // tasks (on time 1, late .5) = .75 → 15; residents (6 + .6 × 2) / 10 = .72 → 14.4. Total 74.4 → 一般.
        var result = Score(new AssessmentInput
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
        });

        Assert.Equal(new IndicatorPoints(15m, 22.5m, 7.5m, 15m, 14.4m), result.Points);
        Assert.Equal(74.4m, result.Total);
        Assert.Equal(Grade.Fair, result.Grade);
        Assert.Equal(10, result.RatingsCount);
        Assert.False(result.InsufficientSample);
        Assert.Equal(0.75m, result.MeanFulfilment);
    }

    [Fact]
    public void Left_out_indicators_spread_their_weight_over_the_others_and_points_still_add_up()
    {
        // No meeting invited and no task due: 30 + 10 + 20 = 60 remain, rescaled to 50, 16.67, 33.33.
        // All three scores are 1, so the total is 100.0 and the rounded points must add up to it: 50.0 + 16.7 + 33.3.
        var result = Score(new AssessmentInput
        {
            UnitId = Guid.NewGuid(),
            CommitmentFulfilments = [1m],
            VerifiedActivities = 9,
            Satisfied = 10,
        });

        Assert.Null(result.Points.MeetingParticipation);
        Assert.Null(result.Points.ResolutionImplementation);
        Assert.Equal(50.0m, result.Points.AgreementFulfilment);
        Assert.Equal(16.7m, result.Points.Activity);
        Assert.Equal(33.3m, result.Points.ResidentEvaluation);
        Assert.Equal(100.0m, result.Total);
        Assert.Equal(result.Total, result.Points.Sum);
        Assert.Equal(Grade.Excellent, result.Grade);
    }

    [Fact]
    public void A_unit_without_resolution_tasks_is_rescaled_over_four_indicators()
    {
        // 20 + 30 + 10 + 20 = 80 remain → ×1.25: meetings 1 → 25, fulfilment .5 → 18.75, activity 1 → 12.5, residents 1 → 25.
        var result = Score(new AssessmentInput
        {
            UnitId = Guid.NewGuid(),
            MeetingsInvited = 2,
            MeetingsAttended = 2,
            CommitmentFulfilments = [0.5m],
            VerifiedActivities = 4,
            Satisfied = 12,
        });

        Assert.Null(result.Points.ResolutionImplementation);
        Assert.Equal(81.3m, result.Total); // 81.25 rounds half away from zero
        Assert.Equal(25m, result.Points.MeetingParticipation);
        Assert.Equal(18.8m, result.Points.AgreementFulfilment);
        Assert.Equal(12.5m, result.Points.Activity);
        Assert.Equal(25m, result.Points.ResidentEvaluation);
        Assert.Equal(result.Total, result.Points.Sum);
    }

    [Fact]
    public void No_agreement_scores_zero_fulfilment_instead_of_being_left_out()
    {
        var result = Score(new AssessmentInput { UnitId = Guid.NewGuid(), VerifiedActivities = 4 });

        Assert.Equal(0m, result.Points.AgreementFulfilment);
        Assert.Null(result.MeanFulfilment);
        // Only fulfilment (30) and activity (10) remain: 0 + 25.
        Assert.Equal(25m, result.Total);
        Assert.True(result.InsufficientSample);
        Assert.Equal(Grade.Poor, result.Grade);
    }

    [Fact]
    public void Totals_round_half_away_from_zero_and_the_rounded_points_follow_the_largest_remainder()
    {
        // 7.5 + 15 + 2.5 + 10 + 1.25 = 36.25 → 36.3 (banker's rounding would give 36.2); residents' 1.25 takes the tenth.
        var result = Score(new AssessmentInput
        {
            UnitId = Guid.NewGuid(),
            MeetingsInvited = 8,
            MeetingsAttended = 3,
            CommitmentFulfilments = [0.5m],
            VerifiedActivities = 1,
            ResolutionTasks = [TaskOutcome.Late],
            Satisfied = 1,
            Dissatisfied = 15,
        });

        Assert.Equal(36.3m, result.Total);
        Assert.Equal(1.3m, result.Points.ResidentEvaluation);
        Assert.Equal(result.Total, result.Points.Sum);
    }

    [Fact]
    public void More_than_a_third_dissatisfied_caps_an_excellent_total_at_good()
    {
        // Everything 1 except residents (6 satisfied, 4 dissatisfied: .6 → 12): 92 is 优秀 by points, 4/10 > 1/3 → 良好.
        var capped = Score(Full(satisfied: 6, dissatisfied: 4));
        Assert.Equal(92m, capped.Total);
        Assert.Equal(Grade.Good, capped.Grade);
        Assert.True(capped.CappedForDissatisfaction);

        // Exactly one third (3 of 9) is not more than a third: stays 优秀, but 9 ratings are an insufficient sample.
        var third = Score(Full(satisfied: 6, dissatisfied: 3));
        Assert.Equal(Grade.Excellent, third.Grade);
        Assert.False(third.CappedForDissatisfaction);
        Assert.True(third.InsufficientSample);
        Assert.Equal(9, third.RatingsCount);
    }

    [Fact]
    public void Adjustment_moves_the_total_and_the_grade_but_not_the_points()
    {
        var result = Score(Full(satisfied: 10, dissatisfied: 0) with { VerifiedActivities = 0, Adjustment = -5.5m });
        // 100 − 10 (no activity) = 90, −5.5 → 84.5 良好.
        Assert.Equal(90m, result.Points.Sum);
        Assert.Equal(84.5m, result.Total);
        Assert.Equal(-5.5m, result.Adjustment);
        Assert.Equal(Grade.Good, result.Grade);
    }

    [Fact]
    public void An_adjustment_cannot_take_the_total_outside_zero_to_one_hundred_and_the_result_says_so()
    {
        // 100 − 10 (no activity) = 90, +20 → 110: counted as 100, marked clamped; the points still show what was earned.
        var above = Score(Full(satisfied: 10, dissatisfied: 0) with { VerifiedActivities = 0, Adjustment = 20m });
        Assert.Equal(100m, above.Total);
        Assert.True(above.TotalClamped);
        Assert.Equal(90m, above.Points.Sum);
        Assert.Equal(20m, above.Adjustment);

        // Exactly 100 is within the scale: not clamped.
        var exact = Score(Full(satisfied: 10, dissatisfied: 0) with { VerifiedActivities = 0, Adjustment = 10m });
        Assert.Equal(100m, exact.Total);
        Assert.False(exact.TotalClamped);

        // Nothing earned, −20 → 0, clamped; and the clamped totals rank as 100 and 0.
        var below = Score(new AssessmentInput { UnitId = Guid.NewGuid(), Adjustment = -20m });
        Assert.Equal(0m, below.Total);
        Assert.True(below.TotalClamped);
        Assert.Equal(Grade.Poor, below.Grade);
        Assert.Equal((0m, true), AssessmentScoring.ClampTotal(-0.1m));
        Assert.Equal((100m, true), AssessmentScoring.ClampTotal(100.1m));
        Assert.Equal((55.5m, false), AssessmentScoring.ClampTotal(55.5m));
    }

    [Fact]
    public void Grades_start_exactly_at_their_thresholds()
    {
        Assert.Equal(Grade.Excellent, AssessmentScoring.GradeOf(90m, Thresholds));
        Assert.Equal(Grade.Good, AssessmentScoring.GradeOf(89.9m, Thresholds));
        Assert.Equal(Grade.Good, AssessmentScoring.GradeOf(75m, Thresholds));
        Assert.Equal(Grade.Fair, AssessmentScoring.GradeOf(74.9m, Thresholds));
        Assert.Equal(Grade.Fair, AssessmentScoring.GradeOf(60m, Thresholds));
        Assert.Equal(Grade.Poor, AssessmentScoring.GradeOf(59.9m, Thresholds));
    }

    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_is_skipped()
    {
        var a = Full(10, 0);
        var b = Full(10, 0);
        var c = Full(10, 0) with { VerifiedActivities = 2 };
        var d = Full(10, 0) with { VerifiedActivities = 0 };
        var results = AssessmentScoring.Compute([c, a, d, b], Weights, Thresholds, 4);

        Assert.Equal([3, 1, 4, 1], results.Select(r => r.Rank));
    }

    [Fact]
    public void Ranks_follow_the_rounded_totals()
    {
        // 94.44 and 94.36 both show as 94.4: they share the rank.
        var x = Full(10, 0) with { Adjustment = 0m, CommitmentFulfilments = [0.8148m] };
        var y = Full(10, 0) with { Adjustment = 0m, CommitmentFulfilments = [0.8120m] };
        var results = AssessmentScoring.Compute([x, y], Weights, Thresholds, 4);

        Assert.Equal(results[0].Total, results[1].Total);
        Assert.All(results, r => Assert.Equal(1, r.Rank));
    }

    [Fact]
    public void Custom_weights_are_used_as_given()
    {
        var weights = new IndicatorWeights(10, 40, 10, 20, 20);
        var result = AssessmentScoring.Score(Full(10, 0) with { CommitmentFulfilments = [0.5m] }, weights, Thresholds, 4);
        Assert.Equal(20m, result.Points.AgreementFulfilment);
        Assert.Equal(80m, result.Total);
    }

    [Theory]
    [InlineData(new[] { 1.25, 2.35, 3.45 }, new[] { 1.3, 2.4, 3.4 })] // 7.05 → 7.1; floors 6.9; two tenths to equal remainders → earlier first
    [InlineData(new[] { 33.3333, 33.3333, 33.3334 }, new[] { 33.3, 33.3, 33.4 })] // the largest remainder takes the tenth
    [InlineData(new[] { 10.0, 20.0 }, new[] { 10.0, 20.0 })]
    public void Rounded_points_add_up_to_the_rounded_sum(double[] exact, double[] expected)
    {
        var rounded = AssessmentScoring.RoundToSum(exact.Select(e => (decimal?)(decimal)e).ToList());
        Assert.Equal(expected.Select(e => (decimal)e), rounded.Select(r => r!.Value));
        Assert.Equal(AssessmentScoring.Round1(exact.Sum(e => (decimal)e)), rounded.Sum(r => r!.Value));
    }

    private static AssessmentInput Full(int satisfied, int dissatisfied) => new()
    {
        UnitId = Guid.NewGuid(),
        MeetingsInvited = 4,
        MeetingsAttended = 4,
        CommitmentFulfilments = [1m],
        VerifiedActivities = 4,
        ResolutionTasks = [TaskOutcome.OnTime],
        Satisfied = satisfied,
        Dissatisfied = dissatisfied,
    };
}
