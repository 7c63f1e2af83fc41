using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Evaluations.Pages;

public partial class UnitEvaluationPanel
{
    private List<UnitEvaluationHistoryRow>? history;
    private string? error;

    [Parameter, EditorRequired]
    public Guid UnitId { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            history = await GetHistory.HandleAsync(UnitId);
            error = null;
        }
        catch (PortalException e)
        {
            history = null;
            error = ProblemResponses.Localize(e, L);
        }
    }

    private string IndicatorsText(AssessmentRow r)
    {
        var parts = new List<string>();
        void Add(string key, decimal? points) =>
            parts.Add($"{L["Indicator." + key]} {(points is { } p ? p.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "—")}");
        Add("MeetingParticipation", r.Indicators.MeetingParticipation);
        Add("AgreementFulfilment", r.Indicators.AgreementFulfilment);
        Add("Activity", r.Indicators.Activity);
        Add("ResolutionImplementation", r.Indicators.ResolutionImplementation);
        Add("ResidentEvaluation", r.Indicators.ResidentEvaluation);
        if (r.Indicators.MemberService is not null || r.PartyMemberCount > 0)
        {
            Add("MemberService", r.Indicators.MemberService);
        }
        if (r.Adjustment != 0)
        {
            parts.Add($"{L["Evaluations.Adjustment"]} {r.Adjustment.ToString("+0.0;−0.0", System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return string.Join(" · ", parts);
    }
}
