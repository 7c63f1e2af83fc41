using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Evaluations.Pages;

/// <summary>The results of a campaign: one row per unit with the weighted points of each indicator and, on hover, what they come from.</summary>
public partial class AssessmentTable
{
    private static readonly string[] FiveIndicators = ["MeetingParticipation", "AgreementFulfilment", "Activity", "ResolutionImplementation", "ResidentEvaluation"];

    /// <summary>The sixth indicator (rule 9) has a column only when the campaign gave it weight (its points are then present).</summary>
    private string[] Indicators => ShowMemberService || Rows.Any(r => r.Indicators.MemberService is not null) ? [.. FiveIndicators, "MemberService"] : FiveIndicators;

    /// <summary>The campaign gives 在职党员报到服务 weight: its column shows even when every unit has it left out.</summary>
    [Parameter]
    public bool ShowMemberService { get; set; }

    [Parameter, EditorRequired]
    public IReadOnlyList<AssessmentRow> Rows { get; set; } = [];

    /// <summary>Staff, while the campaign is closed: each row gets an "调整" action.</summary>
    [Parameter]
    public bool CanAdjust { get; set; }

    [Parameter]
    public EventCallback<AssessmentRow> OnAdjust { get; set; }

    /// <summary>When set, each row links to the unit's feedback sheet (成员单位考核反馈单) of this campaign.</summary>
    [Parameter]
    public Guid? CampaignId { get; set; }

    private static decimal? Points(AssessmentRow row, string indicator) => indicator switch
    {
        "MeetingParticipation" => row.Indicators.MeetingParticipation,
        "AgreementFulfilment" => row.Indicators.AgreementFulfilment,
        "Activity" => row.Indicators.Activity,
        "ResolutionImplementation" => row.Indicators.ResolutionImplementation,
        "MemberService" => row.Indicators.MemberService,
        _ => row.Indicators.ResidentEvaluation,
    };

    private static string Format(decimal? points) => points is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    private static string Signed(decimal delta) => delta.ToString("+0.0;−0.0;0", CultureInfo.InvariantCulture);

    /// <summary>The raw inputs behind an indicator's points, e.g. 出席 3/4 次.</summary>
    private string RawText(AssessmentRow r, string indicator) => indicator switch
    {
        "MeetingParticipation" => r.MeetingsInvited > 0
            ? L["Evaluations.Raw.Meeting", r.MeetingsAttended, r.MeetingsInvited]
            : L["Evaluations.Raw.MeetingNone"],
        "AgreementFulfilment" => r.Commitments > 0
            ? L["Evaluations.Raw.Agreement", r.Commitments, (r.MeanFulfilment ?? 0m).ToString("P0", CultureInfo.CurrentCulture)]
            : L["Evaluations.Raw.AgreementNone"],
        "Activity" => L["Evaluations.Raw.Activity", r.VerifiedActivities],
        "ResolutionImplementation" => r.ResolutionTasks > 0
            ? L["Evaluations.Raw.Resolution", r.ResolutionsOnTime, r.ResolutionsLate, r.ResolutionTasks]
            : L["Evaluations.Raw.ResolutionNone"],
        "MemberService" => r.PartyMemberCount > 0
            ? L["Evaluations.Raw.MemberService", r.MembersMeetingHours, r.PartyMemberCount]
            : L["Evaluations.Raw.MemberServiceNone"],
        _ => r.RatingsCount > 0
            ? L["Evaluations.Raw.Resident", r.Satisfied, r.BasicallySatisfied, r.Dissatisfied]
            : L["Evaluations.Raw.ResidentNone"],
    };
}
