using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements.Pages;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Activities.Pages;

public partial class ActivityDetails
{
    private ActivityDetail? detail;
    private string? loadError;
    private bool busy;
    private string? reason;
    private string? reasonError;

    [Parameter]
    public Guid ActivityId { get; set; }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            detail = await GetActivity.HandleAsync(ActivityId);
            loadError = null;
        }
        catch (PortalException e)
        {
            detail = null;
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private async Task VerifyAsync()
    {
        busy = true;
        if (await PageErrors.TryAsync(Snackbar, L, () => Verify.HandleAsync(ActivityId), ActivityRules.VerifiedMessageKey(detail?.Activity.CommitmentId)))
        {
            await LoadAsync();
        }

        busy = false;
    }

    private async Task ReturnAsync()
    {
        busy = true;
        reasonError = null;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => Return.HandleAsync(ActivityId, new ReturnActivityInput(reason)),
            "Activities.ReturnedDone", ValidationNotice.None);
        busy = false;
        if (refused is null)
        {
            reason = null;
            await LoadAsync();
        }
        else if (refused.Count > 0)
        {
            reasonError = string.Join("；", refused.Values);
        }
    }
}
