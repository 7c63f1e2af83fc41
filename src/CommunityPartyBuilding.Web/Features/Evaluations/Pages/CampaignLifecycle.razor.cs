using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Evaluations.Pages;

public partial class CampaignLifecycle
{
    [Parameter, EditorRequired]
    public CampaignDetail Campaign { get; set; } = default!;

    [Parameter]
    public EventCallback<EvaluationStatus> OnStep { get; set; }

    [Parameter]
    public bool Busy { get; set; }

    /// <summary>The status the next step leads to; none once published.</summary>
    private EvaluationStatus? Next => Campaign.Status == EvaluationStatus.Published ? null : Campaign.Status + 1;

    private DateTimeOffset? StepTime(EvaluationStatus status) => status switch
    {
        EvaluationStatus.Open => Campaign.OpenedAt,
        EvaluationStatus.Closed => Campaign.ClosedAt,
        EvaluationStatus.Finalised => Campaign.FinalisedAt,
        EvaluationStatus.Published => Campaign.PublishedAt,
        _ => null,
    };

    private static string StepIcon(EvaluationStatus next) => next switch
    {
        EvaluationStatus.Open => Icons.Material.Filled.PlayArrow,
        EvaluationStatus.Closed => Icons.Material.Filled.Stop,
        EvaluationStatus.Finalised => Icons.Material.Filled.Lock,
        _ => Icons.Material.Filled.Campaign,
    };
}
