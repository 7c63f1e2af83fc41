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
        try
        {
            await Return.HandleAsync(ActivityId, new ReturnActivityInput(reason));
            Snackbar.Add(L["Activities.ReturnedDone"], Severity.Success);
            reason = null;
            await LoadAsync();
        }
        catch (PortalValidationException e)
        {
            reasonError = ProblemResponses.Localize(e, L);
        }
        catch (PortalException e)
        {
            Snackbar.Add(ProblemResponses.Localize(e, L), Severity.Warning);
        }
        finally
        {
            busy = false;
        }
    }
}
