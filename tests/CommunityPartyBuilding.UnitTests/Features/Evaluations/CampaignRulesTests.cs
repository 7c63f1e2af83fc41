using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.UnitTests.Features.Evaluations;

public sealed class CampaignRulesTests
{
    private static readonly DateTimeOffset Opens = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Default_settings_are_valid()
    {
        Assert.Empty(CampaignRules.ValidateSettings(2026, Opens, Opens.AddDays(14), IndicatorWeights.Default, GradeThresholds.Default));
        Assert.Equal(100, IndicatorWeights.Default.Sum);
    }

    [Fact]
    public void Weights_must_add_up_to_100_and_the_message_names_the_sum()
    {
        var failures = CampaignRules.ValidateSettings(2026, Opens, Opens.AddDays(14), new IndicatorWeights(20, 30, 10, 20, 25), GradeThresholds.Default);
        var failure = Assert.Single(failures);
        Assert.Equal("Evaluations.WeightSum", failure.MessageKey);
        Assert.Equal(105, failure.Arguments[0]);
        Assert.Contains(CampaignRules.ValidateSettings(2026, Opens, Opens.AddDays(1), new IndicatorWeights(-10, 50, 20, 20, 20), GradeThresholds.Default),
            f => f.MessageKey == "Evaluations.WeightRange");
    }

    [Theory]
    [InlineData(90, 75, 60, true)]
    [InlineData(75, 90, 60, false)]
    [InlineData(90, 90, 60, false)]
    [InlineData(101, 75, 60, false)]
    [InlineData(90, 75, 0, false)]
    public void Thresholds_must_be_ordered(int excellent, int good, int fair, bool valid)
    {
        var failures = CampaignRules.ValidateSettings(2026, Opens, Opens.AddDays(1), IndicatorWeights.Default, new GradeThresholds(excellent, good, fair));
        Assert.Equal(valid, failures.Count == 0);
    }

    [Fact]
    public void The_window_must_close_after_it_opens()
    {
        Assert.Contains(CampaignRules.ValidateSettings(2026, Opens, Opens, IndicatorWeights.Default, GradeThresholds.Default), f => f.Field == "ballotClosesAt");
    }

    [Theory]
    [InlineData(EvaluationStatus.Draft, EvaluationStatus.Open)]
    [InlineData(EvaluationStatus.Open, EvaluationStatus.Closed)]
    [InlineData(EvaluationStatus.Closed, EvaluationStatus.Finalised)]
    [InlineData(EvaluationStatus.Finalised, EvaluationStatus.Published)]
    public void Each_step_follows_the_one_before(EvaluationStatus from, EvaluationStatus to) => CampaignRules.EnsureTransition(from, to);

    [Theory]
    [InlineData(EvaluationStatus.Draft, EvaluationStatus.Closed)]
    [InlineData(EvaluationStatus.Draft, EvaluationStatus.Published)]
    [InlineData(EvaluationStatus.Open, EvaluationStatus.Open)]
    [InlineData(EvaluationStatus.Open, EvaluationStatus.Finalised)]
    [InlineData(EvaluationStatus.Published, EvaluationStatus.Finalised)]
    public void Skipping_or_repeating_a_step_is_refused_naming_both_states(EvaluationStatus from, EvaluationStatus to)
    {
        var e = Assert.Throws<PortalConflictException>(() => CampaignRules.EnsureTransition(from, to));
        Assert.Equal("Evaluations.WrongStep", e.MessageKey);
        Assert.Equal("EvaluationStatus." + from, e.Arguments[2]);
    }

    [Theory]
    [InlineData(1.5, "理由", true)]
    [InlineData(-20, "理由", true)]
    [InlineData(20.1, "理由", false)]
    [InlineData(1.25, "理由", false)]
    [InlineData(2, " ", false)]
    public void Adjustments_are_bounded_to_one_decimal_and_need_a_reason(double delta, string reason, bool valid) =>
        Assert.Equal(valid, CampaignRules.ValidateAdjustment((decimal)delta, reason).Count == 0);

    [Fact]
    public void Results_are_sealed_until_the_window_closes()
    {
        Assert.True(CampaignRules.ResultsSealed(EvaluationStatus.Draft));
        Assert.True(CampaignRules.ResultsSealed(EvaluationStatus.Open));
        Assert.False(CampaignRules.ResultsSealed(EvaluationStatus.Closed));
        Assert.True(CampaignRules.Stored(EvaluationStatus.Published));
        Assert.False(CampaignRules.Stored(EvaluationStatus.Closed));
    }
}

public sealed class BallotCodesTests
{
    [Fact]
    public void Codes_avoid_look_alike_characters_and_print_in_two_groups()
    {
        Assert.DoesNotContain(BallotCodes.Alphabet, c => "0O1IL".Contains(c, StringComparison.Ordinal));
        for (var i = 0; i < 500; i++)
        {
            var code = BallotCodes.NewCode();
            Assert.Equal(8, code.Length);
            Assert.All(code, c => Assert.Contains(c, BallotCodes.Alphabet));
            Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", BallotCodes.Format(code));
        }
    }

    [Theory]
    [InlineData("ABCD-EFGH", "ABCDEFGH")]
    [InlineData(" abcd efgh ", "ABCDEFGH")]
    [InlineData("ＡＢＣＤ－ＥＦＧＨ", "ABCDEFGH")] // typed with a Chinese input method
    [InlineData("abcd-efg", null)]
    [InlineData("ABCD-EFG0", null)] // 0 is never part of a code
    [InlineData("ABCD-EFGI", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Entry_is_forgiving_but_strict_about_the_alphabet(string? input, string? expected) =>
        Assert.Equal(expected, BallotCodes.Normalise(input));

    [Fact]
    public void The_hash_is_of_the_normalised_code()
    {
        Assert.Equal(BallotCodes.Hash(BallotCodes.Normalise("abcd efgh")!), BallotCodes.Hash("ABCDEFGH"));
        Assert.Equal(32, BallotCodes.Hash("ABCDEFGH").Length);
    }
}

public sealed class BallotAttemptLimiterTests
{
    private static BallotAttemptLimiter Limiter(int perClient = 100, int failures = 3, int perCode = 2) =>
        new(Options.Create(new BallotRateLimitOptions { PerClientPerMinute = perClient, FailuresPerClientPer10Minutes = failures, PerCodePer10Minutes = perCode }));

    [Fact]
    public void A_code_is_limited_whoever_tries_it()
    {
        using var limiter = Limiter();
        limiter.EnsureCodeAllowed("ABCDEFGH");
        limiter.EnsureCodeAllowed("ABCDEFGH");
        Assert.Throws<PortalRateLimitedException>(() => limiter.EnsureCodeAllowed("ABCDEFGH"));
        limiter.EnsureCodeAllowed("BCDEFGHJ");
    }

    [Fact]
    public void Wrong_codes_stop_a_client_but_not_its_neighbours_on_other_addresses()
    {
        using var limiter = Limiter();
        for (var i = 0; i < 3; i++)
        {
            limiter.EnsureClientAllowed("10.0.0.1");
            limiter.RecordFailure("10.0.0.1");
        }

        Assert.Throws<PortalRateLimitedException>(() => limiter.EnsureClientAllowed("10.0.0.1"));
        limiter.EnsureClientAllowed("10.0.0.2");
    }

    [Fact]
    public void Successful_attempts_from_a_shared_address_are_only_bounded_by_the_generous_per_client_limit()
    {
        using var limiter = Limiter(perClient: 50);
        for (var i = 0; i < 50; i++)
        {
            limiter.EnsureClientAllowed("100.64.0.1");
        }

        Assert.Throws<PortalRateLimitedException>(() => limiter.EnsureClientAllowed("100.64.0.1"));
    }

    [Fact]
    public void The_frozen_activity_target_wins_over_the_committees_current_one()
    {
        Assert.Equal(4, CampaignRules.ActivityTarget(4, 40));
        Assert.Equal(40, CampaignRules.ActivityTarget(null, 40));
        Assert.Equal(Web.Features.Committees.StreetCommittee.DefaultAnnualActivityTarget, CampaignRules.ActivityTarget(null, null));
    }
}
