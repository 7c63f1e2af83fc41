using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Evaluations;

/// <summary>年度评议: a street's annual resident evaluation and assessment of its member units.</summary>
public sealed class EvaluationCampaign : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public int Year { get; set; }

    public EvaluationStatus Status { get; set; } = EvaluationStatus.Draft;

    /// <summary>Ballots are accepted from this instant…</summary>
    public DateTimeOffset BallotOpensAt { get; set; }

    /// <summary>…until this one (exclusive), and only while the campaign is open.</summary>
    public DateTimeOffset BallotClosesAt { get; set; }

    public int WeightMeetingParticipation { get; set; } = IndicatorWeights.Default.MeetingParticipation;

    public int WeightAgreementFulfilment { get; set; } = IndicatorWeights.Default.AgreementFulfilment;

    public int WeightActivity { get; set; } = IndicatorWeights.Default.Activity;

    public int WeightResolutionImplementation { get; set; } = IndicatorWeights.Default.ResolutionImplementation;

    public int WeightResidentEvaluation { get; set; } = IndicatorWeights.Default.ResidentEvaluation;

    /// <summary>在职党员报到服务 (rule 9): the optional sixth indicator, weight 0 unless the campaign gives it some before it opens.</summary>
    public int WeightMemberService { get; set; }

    /// <summary>
    /// The committee's annual activity target per unit (共建活动 = min(1, verified activities / target)), frozen when
    /// the campaign opens like the weights, so a later change of the committee's target does not move its results.
    /// Null while a draft: the committee's current target applies.
    /// </summary>
    public int? AnnualActivityTarget { get; set; }

    /// <summary>Rule 9: the committee's yearly hours per member, frozen when the campaign opens like the activity target (null while a draft).</summary>
    public int? MemberYearlyHours { get; set; }

    /// <summary>Rule 9: the committee's target rate, frozen when the campaign opens (null while a draft).</summary>
    public decimal? MemberTargetRate { get; set; }

    /// <summary>优秀 from this total.</summary>
    public decimal ExcellentFrom { get; set; } = GradeThresholds.Default.Excellent;

    /// <summary>良好 from this total.</summary>
    public decimal GoodFrom { get; set; } = GradeThresholds.Default.Good;

    /// <summary>一般 from this total; below it 较差.</summary>
    public decimal FairFrom { get; set; } = GradeThresholds.Default.Fair;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public DateTimeOffset? FinalisedAt { get; set; }

    public string? FinalisedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Stored at finalising: online and paper ballots counted.</summary>
    public int? FinalOnlineBallots { get; set; }

    public int? FinalPaperBallots { get; set; }

    public uint Version { get; set; }

    public IndicatorWeights Weights
    {
        get => new(WeightMeetingParticipation, WeightAgreementFulfilment, WeightActivity, WeightResolutionImplementation, WeightResidentEvaluation, WeightMemberService);
        set
        {
            WeightMeetingParticipation = value.MeetingParticipation;
            WeightAgreementFulfilment = value.AgreementFulfilment;
            WeightActivity = value.Activity;
            WeightResolutionImplementation = value.ResolutionImplementation;
            WeightResidentEvaluation = value.ResidentEvaluation;
            WeightMemberService = value.MemberService;
        }
    }

    public GradeThresholds Thresholds
    {
        get => new(ExcellentFrom, GoodFrom, FairFrom);
        set
        {
            ExcellentFrom = value.Excellent;
            GoodFrom = value.Good;
            FairFrom = value.Fair;
        }
    }
}

public enum EvaluationStatus
{
    Draft,
    Open,
    Closed,
    Finalised,
    Published,
}

/// <summary>A member unit taking part in a campaign: the units active when it opened, in ballot order.</summary>
public sealed class CampaignUnit
{
    public Guid CampaignId { get; set; }

    public Guid UnitId { get; set; }

    public Guid StreetId { get; set; }

    public UnitCategory Category { get; set; }

    public int SortOrder { get; set; }
}

/// <summary>评议码: single use, stored only as a hash of the normalised code.</summary>
public sealed class BallotCode
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CampaignId { get; set; }

    public Guid StreetId { get; set; }

    /// <summary>SHA-256 of the normalised code (unique across campaigns: the ballot names only the code).</summary>
    public required byte[] CodeHash { get; set; }

    /// <summary>Codes are issued in batches; the batch number is printed on the cards.</summary>
    public int Batch { get; set; }

    public DateTimeOffset IssuedAt { get; set; }
}

/// <summary>
/// A code's use. The primary key is the code, so a second use cannot be stored by any path; it is written in the
/// same transaction as the ballot. It records no time and the ballot does not point back to it: nothing links
/// the person who held the code to what they voted.
/// </summary>
public sealed class BallotCodeRedemption
{
    public Guid BallotCodeId { get; set; }

    public Guid CampaignId { get; set; }
}

/// <summary>评议票: one resident's ratings, online or entered from paper by staff.</summary>
public sealed class Ballot
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid CampaignId { get; set; }

    public Guid StreetId { get; set; }

    public BallotChannel Channel { get; set; }

    /// <summary>Online ballots: the hour they were cast (truncated, so their order cannot be read from it). Paper: when entered.</summary>
    public DateTimeOffset CastAt { get; set; }

    /// <summary>Paper ballots: the number written on the sheet, unique per campaign so a sheet cannot be entered twice.</summary>
    public string? PaperSerial { get; set; }

    /// <summary>Paper ballots: the staff member who entered it.</summary>
    public string? EnteredBy { get; set; }

    public List<BallotRating> Ratings { get; } = [];
}

public enum BallotChannel
{
    Online,
    Paper,
}

public sealed class BallotRating
{
    public Guid BallotId { get; set; }

    public Guid CampaignId { get; set; }

    public Guid UnitId { get; set; }

    public Rating Rating { get; set; }

    /// <summary>Up to 200 characters, as written.</summary>
    public string? Comment { get; set; }
}

public enum Rating
{
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
}

public enum Grade
{
    Excellent,
    Good,
    Fair,
    Poor,
}

/// <summary>A manual adjustment of a unit's total, with its reason; one per unit and campaign (the audit log keeps earlier values).</summary>
public sealed class AssessmentAdjustment : IAuditable, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CampaignId { get; set; }

    public Guid StreetId { get; set; }

    public Guid UnitId { get; set; }

    public decimal Delta { get; set; }

    public required string Reason { get; set; }

    public string AdjustedBy { get; set; } = "";

    public DateTimeOffset AdjustedAt { get; set; }
}

/// <summary>单位考核结果: the figures stored when a campaign is finalised; never recomputed afterwards.</summary>
public sealed class UnitAssessment : IAuditable, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CampaignId { get; set; }

    public Guid StreetId { get; set; }

    public Guid UnitId { get; set; }

    /// <summary>The unit's name when finalised.</summary>
    public required string UnitName { get; set; }

    public UnitCategory Category { get; set; }

    public decimal? MeetingParticipation { get; set; }

    public decimal? AgreementFulfilment { get; set; }

    public decimal? Activity { get; set; }

    public decimal? ResolutionImplementation { get; set; }

    public decimal? ResidentEvaluation { get; set; }

    /// <summary>Rule 9's sixth indicator in points; null when the campaign gave it no weight or the unit has no Party members.</summary>
    public decimal? MemberService { get; set; }

    public decimal Adjustment { get; set; }

    public string? AdjustmentReason { get; set; }

    public decimal Total { get; set; }

    /// <summary>The total with its adjustment fell outside 0–100 and was clamped to the nearer end.</summary>
    public bool TotalClamped { get; set; }

    public int Rank { get; set; }

    public Grade Grade { get; set; }

    public bool CappedForDissatisfaction { get; set; }

    public int RatingsCount { get; set; }

    public int Satisfied { get; set; }

    public int BasicallySatisfied { get; set; }

    public int Dissatisfied { get; set; }

    public bool InsufficientSample { get; set; }

    /// <summary>The raw inputs, kept so that reports can explain each score.</summary>
    public int MeetingsInvited { get; set; }

    public int MeetingsAttended { get; set; }

    public int Commitments { get; set; }

    public decimal? MeanFulfilment { get; set; }

    public int VerifiedActivities { get; set; }

    public int ResolutionTasks { get; set; }

    public int ResolutionsOnTime { get; set; }

    public int ResolutionsLate { get; set; }

    /// <summary>Rule 9: the Party member count and the members who reached the yearly hours (0 when the sixth indicator had no weight).</summary>
    public int PartyMemberCount { get; set; }

    public int MembersMeetingHours { get; set; }
}
