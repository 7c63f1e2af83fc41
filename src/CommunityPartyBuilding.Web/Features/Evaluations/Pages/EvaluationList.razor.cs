using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Evaluations.Pages;

public partial class EvaluationList
{
    private List<CampaignSummary>? campaigns;
    private string? loadError;
    private bool formOpen;
    private bool saving;
    private CampaignForm form = new();
    private Dictionary<string, string> errors = [];

    [Parameter]
    public Guid StreetId { get; set; }

    private bool CanManage => Current.User.MayManageStreet(StreetId);

    protected override async Task OnParametersSetAsync()
    {
        formOpen = false;
        try
        {
            campaigns = await GetCampaigns.HandleAsync(StreetId);
            loadError = null;
        }
        catch (PortalException e)
        {
            campaigns = null;
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private void ToggleForm()
    {
        formOpen = !formOpen;
        if (formOpen)
        {
            // This business year, unless its campaign exists already: then the next one.
            var year = Calendar.Today.Year;
            while (campaigns?.Any(c => c.Year == year) == true)
            {
                year++;
            }

            form = CampaignForm.NewFor(year, Calendar.Today);
            errors = [];
        }
    }

    private async Task CreateAsync()
    {
        errors = form.MissingDates(L);
        if (errors.Count > 0)
        {
            return;
        }

        saving = true;
        Guid id = default;
        try
        {
            var fieldErrors = await PageErrors.SubmitAsync(Snackbar, L, async () => id = await CreateCampaign.HandleAsync(StreetId, form.ToInput(Calendar)), "Evaluations.Created");
            if (fieldErrors is null)
            {
                Navigation.NavigateTo($"/evaluations/{id}");
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
