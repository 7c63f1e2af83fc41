using System.Security.Cryptography;
using System.Text;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Evaluations;

/// <summary>Settings and lifecycle of a campaign (草稿 → 评议中 → 已截止 → 已定稿 → 已通报), as plain rules.</summary>
public static class CampaignRules
{
    public const int MaxCodesPerRequest = 2000;

    public const int CommentMaxLength = 200;

    public const int PaperSerialMaxLength = 40;

    public const int ReasonMaxLength = 500;

    /// <summary>An adjustment moves a total by at most this many points either way.</summary>
    public const decimal MaxAdjustment = 20m;

    public static IReadOnlyList<ValidationFailure> ValidateSettings(int year, DateTimeOffset opensAt, DateTimeOffset closesAt, IndicatorWeights weights, GradeThresholds thresholds)
    {
        var failures = new List<ValidationFailure>();
        if (year is < 2000 or > 2100)
        {
            failures.Add(new("year", "Evaluations.YearRange"));
        }

        if (closesAt <= opensAt)
        {
            failures.Add(new("ballotClosesAt", "Evaluations.WindowOrder"));
        }

        int[] w = [weights.MeetingParticipation, weights.AgreementFulfilment, weights.Activity, weights.ResolutionImplementation, weights.ResidentEvaluation, weights.MemberService];
        if (w.Any(x => x < 0 || x > 100))
        {
            failures.Add(new("weights", "Evaluations.WeightRange"));
        }
        else if (weights.Sum != 100)
        {
            failures.Add(new("weights", "Evaluations.WeightSum", weights.Sum));
        }

        if (!(thresholds.Excellent <= 100 && thresholds.Excellent > thresholds.Good && thresholds.Good > thresholds.Fair && thresholds.Fair > 0))
        {
            failures.Add(new("thresholds", "Evaluations.ThresholdOrder"));
        }

        return failures;
    }

    /// <summary>The one status each step may start from.</summary>
    public static EvaluationStatus RequiredBefore(EvaluationStatus target) => target switch
    {
        EvaluationStatus.Open => EvaluationStatus.Draft,
        EvaluationStatus.Closed => EvaluationStatus.Open,
        EvaluationStatus.Finalised => EvaluationStatus.Closed,
        EvaluationStatus.Published => EvaluationStatus.Finalised,
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>Refuses a step that does not follow the current status, naming both.</summary>
    public static void EnsureTransition(EvaluationStatus current, EvaluationStatus target)
    {
        var required = RequiredBefore(target);
        if (current != required)
        {
            throw new PortalConflictException("Evaluations.WrongStep", "EvaluationStatus." + target, "EvaluationStatus." + required, "EvaluationStatus." + current);
        }
    }

    public static bool SettingsEditable(EvaluationStatus status) => status == EvaluationStatus.Draft;

    /// <summary>
    /// The activity target the campaign's results use: the one frozen when it opened; before that (a draft) the
    /// committee's current one, or the default when the street has no committee profile.
    /// </summary>
    public static int ActivityTarget(int? frozen, int? committeeCurrent) =>
        frozen ?? committeeCurrent ?? Committees.StreetCommittee.DefaultAnnualActivityTarget;

    /// <summary>
    /// Rule 9's yearly hours and target rate for the sixth indicator, frozen at opening like <see cref="ActivityTarget"/>:
    /// the frozen values; before that the committee's current ones, or the defaults.
    /// </summary>
    public static (int YearlyHours, decimal TargetRate) MemberTargets(int? frozenHours, decimal? frozenRate, int? committeeHours, decimal? committeeRate) =>
        (frozenHours ?? committeeHours ?? Committees.StreetCommittee.DefaultMemberYearlyHours,
         frozenRate ?? committeeRate ?? Committees.StreetCommittee.DefaultMemberTargetRate);

    public static bool CodesIssuable(EvaluationStatus status) => status is EvaluationStatus.Draft or EvaluationStatus.Open;

    public static bool PaperBallotsAccepted(EvaluationStatus status) => status is EvaluationStatus.Open or EvaluationStatus.Closed;

    public static bool AdjustmentsAccepted(EvaluationStatus status) => status is EvaluationStatus.Closed;

    /// <summary>Per-unit ratings stay sealed while ballots are being cast, and before.</summary>
    public static bool ResultsSealed(EvaluationStatus status) => status is EvaluationStatus.Draft or EvaluationStatus.Open;

    public static bool Stored(EvaluationStatus status) => status is EvaluationStatus.Finalised or EvaluationStatus.Published;

    public static IReadOnlyList<ValidationFailure> ValidateAdjustment(decimal delta, string? reason)
    {
        var failures = new List<ValidationFailure>();
        if (Math.Abs(delta) > MaxAdjustment)
        {
            failures.Add(new("delta", "Evaluations.AdjustmentRange", MaxAdjustment));
        }
        else if (decimal.Round(delta, 1) != delta)
        {
            failures.Add(new("delta", "Evaluations.AdjustmentDecimals"));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            failures.Add(new("reason", "Evaluations.AdjustmentReasonRequired"));
        }
        else if (reason.Trim().Length > ReasonMaxLength)
        {
            failures.Add(new("reason", "Validation.MaxLength", "Field.AdjustmentReason", ReasonMaxLength));
        }

        return failures;
    }
}

/// <summary>
/// 评议码: eight characters from an alphabet without 0/O, 1/I/L (and without U/V, easily confused when read aloud),
/// shown as ABCD-EFGH. Entry is forgiving: case, spaces, dashes and full-width characters are accepted.
/// </summary>
public static class BallotCodes
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTWXYZ23456789";

    public const int Length = 8;

    public static string NewCode()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>ABCD-EFGH, as printed and shown.</summary>
    public static string Format(string code) => code.Length == Length ? $"{code[..4]}-{code[4..]}" : code;

    /// <summary>The canonical form, or null when it cannot be a code at all.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return null;
        }

        var sb = new StringBuilder(Length);
        foreach (var raw in input)
        {
            if (raw is ' ' or '-' or '－' or '\u3000' or '\t')
            {
                continue;
            }

            // Full-width letters and digits typed with a Chinese input method count as their ASCII twins.
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            c = char.ToUpperInvariant(c);
            sb.Append(c);
        }

        var code = sb.ToString();
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }

    public static byte[] Hash(string normalisedCode) => SHA256.HashData(Encoding.ASCII.GetBytes(normalisedCode));
}
