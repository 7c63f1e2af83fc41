using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Projects;
using CommunityPartyBuilding.Web.Features.Units;

namespace CommunityPartyBuilding.Web.Features.Dashboard;

/// <summary>A street's figures for one year (the staff home and the organisation department's drill-down).</summary>
public sealed record StreetDashboard(
    Guid StreetId,
    string StreetName,
    int Year,
    DateOnly Today,
    DateOnly ReferenceDate,
    bool CanManage,
    UnitFigures Units,
    AgreementFigures Agreements,
    ActivityFigures Activities,
    IReadOnlyList<MonthActivities> ActivitiesPerMonth,
    IReadOnlyList<CategoryFulfilment> FulfilmentByCategory,
    MeetingFigures Meetings,
    ResolutionFigures Resolutions,
    EvaluationFigures? Evaluation,
    TodoFigures Todo,
    NeedYearFigures Needs,
    Guid? NeedsCommunityId,
    ProjectYearFigures Projects)
{
    /// <summary>When the figures come from the cache (issue #18): the time they were computed; null when computed for this request.</summary>
    public DateTimeOffset? CachedAt { get; init; }
}

/// <summary>Member units active on the reference date (today, or 31 December of a past year), by category.</summary>
public sealed record UnitFigures(int Active, IReadOnlyList<CategoryCount> ByCategory);

public sealed record CategoryCount(UnitCategory Category, int Count);

/// <summary>Agreements in force at some point of the year, their commitments and the commitments' mean fulfilment (rule 3).</summary>
public sealed record AgreementFigures(int Active, int Commitments, decimal? MeanFulfilment);

/// <summary>Activities held in the year: verified ones count; submitted ones await verification. Sums are of verified activities.</summary>
public sealed record ActivityFigures(int Verified, int Pending, int Returned, decimal VolunteerHours, decimal Funds, long Beneficiaries);

public sealed record MonthActivities(int Month, int Verified, int Pending);

/// <summary>Mean fulfilment of the commitments of one service category, in agreements in force during the year.</summary>
public sealed record CategoryFulfilment(ServiceCategory Category, int Commitments, decimal MeanFulfilment);

/// <summary>Held meetings of the year, and held joint meetings per quarter against the committee's minimum (rule 2).</summary>
public sealed record MeetingFigures(int Minimum, int MeetingsHeld, int JointMeetingsHeld, IReadOnlyList<QuarterFigure> Quarters, int QuartersMet, int QuartersDue);

public sealed record QuarterFigure(int Year, int Number, DateOnly Start, DateOnly End, int HeldJointMeetings, int Minimum, QuarterState State);

/// <summary>Resolutions due in the year (deadline in the year), by outcome as of today.</summary>
public sealed record ResolutionFigures(int Total, int Open, int OnTime, int Late, int Overdue, decimal? OnTimeRate);

/// <summary>The year's evaluation campaign: its state, ballots so far, and once finalised the mean score and grades.</summary>
public sealed record EvaluationFigures(
    Guid CampaignId,
    EvaluationStatus Status,
    int Ballots,
    int OnlineBallots,
    int PaperBallots,
    decimal? MeanScore,
    GradeCounts? Grades);

public sealed record GradeCounts(int Excellent, int Good, int Fair, int Poor);

/// <summary>
/// What needs doing now (always as of today, whatever year is shown). The needs entries are of the reader's community
/// for community staff: needs awaiting review per community, and claims whose claim-by date is at most 3 days ahead;
/// so are the projects reported done and awaiting acceptance.
/// </summary>
public sealed record TodoFigures(
    int ActivitiesAwaitingVerification,
    int OverdueResolutions,
    int ResolutionsDueSoon,
    int AgreementsEndingSoon,
    IReadOnlyList<QuarterFigure> QuartersWithoutJointMeeting,
    int CommitteeTermsEndingSoon,
    IReadOnlyList<CommunityNeedCount> NeedsAwaitingReview,
    int NeedClaimsLapsingSoon,
    int ProjectsAwaitingAcceptance)
{
    public int Total => ActivitiesAwaitingVerification + OverdueResolutions + ResolutionsDueSoon + AgreementsEndingSoon
        + QuartersWithoutJointMeeting.Count + CommitteeTermsEndingSoon + NeedsAwaitingReview.Sum(c => c.Count) + NeedClaimsLapsingSoon + ProjectsAwaitingAcceptance;
}

/// <summary>Needs of one community (the to-do list's needs awaiting review).</summary>
public sealed record CommunityNeedCount(Guid CommunityId, string CommunityName, int Count);

/// <summary>The organisation department's table: one row per street of the department.</summary>
public sealed record DepartmentOverview(Guid DepartmentId, string DepartmentName, int Year, DateOnly Today, IReadOnlyList<StreetOverviewRow> Streets)
{
    /// <summary>When the figures come from the cache: the time they were computed; null when computed for this request.</summary>
    public DateTimeOffset? CachedAt { get; init; }
}

public sealed record StreetOverviewRow(
    Guid StreetId,
    string StreetName,
    int Units,
    int VerifiedActivities,
    decimal VolunteerHours,
    int JointMeetingQuartersMet,
    int JointMeetingQuartersDue,
    int ResolutionsSettled,
    int ResolutionsOnTime,
    decimal? ResolutionsOnTimeRate,
    Guid? CampaignId,
    EvaluationStatus? EvaluationStatus,
    decimal? MeanScore,
    GradeCounts? Grades)
{
    /// <summary>The street's needs of the year (<see cref="NeedYearFigures"/>: submitted, published, done, rated in the year; satisfaction).</summary>
    public NeedYearFigures Needs { get; init; } = NeedYearFigures.None;

    /// <summary>The street's projects accepted in the year.</summary>
    public int ProjectsAccepted { get; init; }

    /// <summary>Met over due quarters, for sorting; null when no quarter is due yet.</summary>
    public decimal? JointMeetingCompliance => JointMeetingQuartersDue == 0 ? null : Math.Round((decimal)JointMeetingQuartersMet / JointMeetingQuartersDue, 4);
}
