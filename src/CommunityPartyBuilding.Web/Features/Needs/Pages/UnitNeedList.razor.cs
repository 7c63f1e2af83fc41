using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Needs.Pages;

/// <summary>
/// A unit's needs, phone first: what it claimed (and until when) and the street's published needs, its own community's
/// first, each with a claim button for the unit's leader. Staff who manage the unit see the same, without claiming.
/// </summary>
public partial class UnitNeedList
{
    private UnitNeeds? needs;
    private string? loadError;
    private bool busy;
    private bool mayClaim;
    private Dictionary<Guid, string?> reasons = [];
    private Dictionary<Guid, string> declineErrors = [];

    [Parameter]
    public Guid UnitId { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        mayClaim = CurrentUser.Required is { IsUnitLeader: true } user && user.UnitId == UnitId;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            needs = await GetUnitNeeds.HandleAsync(UnitId);
            loadError = null;
        }
        catch (PortalException e)
        {
            needs = null;
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private async Task AcceptAsync(Guid dispatchId)
    {
        busy = true;
        await PageErrors.TryAsync(Snackbar, L, () => Accept.HandleAsync(dispatchId), "Needs.Accepted");
        await LoadAsync();
        busy = false;
    }

    private async Task DeclineAsync(Guid dispatchId)
    {
        busy = true;
        declineErrors.Remove(dispatchId);
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => Decline.HandleAsync(dispatchId, new NeedReasonInput(reasons.GetValueOrDefault(dispatchId))), "Needs.Declined",
            ValidationNotice.None);
        if (refused is { Count: > 0 })
        {
            declineErrors[dispatchId] = string.Join("；", refused.Values);
        }
        else if (refused is null)
        {
            reasons.Remove(dispatchId);
        }

        await LoadAsync();
        busy = false;
    }

    private async Task ClaimAsync(Guid needId)
    {
        busy = true;
        await PageErrors.TryAsync(Snackbar, L, () => Claim.HandleAsync(needId, UnitId), "Needs.ClaimSaved");
        await LoadAsync();
        busy = false;
    }
}
