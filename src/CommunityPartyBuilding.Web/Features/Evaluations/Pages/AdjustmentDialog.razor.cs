using CommunityPartyBuilding.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Evaluations.Pages;

public partial class AdjustmentDialog
{
    private decimal delta;
    private string? reason;
    private bool saving;
    private Dictionary<string, string> errors = [];

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid CampaignId { get; set; }

    [Parameter, EditorRequired]
    public AssessmentRow Row { get; set; } = default!;

    protected override void OnInitialized()
    {
        delta = Row.Adjustment;
        reason = Row.AdjustmentReason;
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var fieldErrors = await PageErrors.SubmitAsync(Snackbar, L, () => AdjustAssessment.HandleAsync(CampaignId, Row.UnitId, delta, reason), "Evaluations.Adjusted");
            if (fieldErrors is null)
            {
                Dialog.Close(DialogResult.Ok(true));
                return;
            }

            errors = fieldErrors;
        }
        finally
        {
            saving = false;
        }
    }
}
