using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Meetings.Pages;

public partial class ResolutionBoard
{
    private List<ResolutionDto>? items;
    private List<UnitOption> units = [];
    private ResolutionState? status;
    private Guid? unitId;
    private int? year;
    private bool dueSoon;
    private string? loadError;

    [Parameter]
    public Guid StreetId { get; set; }

    /// <summary>?status=overdue (as in the API) opens the board filtered, e.g. from the dashboard's to-do list.</summary>
    [SupplyParameterFromQuery(Name = "status")]
    public string? StatusQuery { get; set; }

    /// <summary>?dueSoon=true: only those due within 7 days.</summary>
    [SupplyParameterFromQuery(Name = "dueSoon")]
    public bool? DueSoonQuery { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        status = Enum.TryParse<ResolutionState>(StatusQuery, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        dueSoon = DueSoonQuery ?? false;
        try
        {
            if (!Current.Required.IsUnitLeader)
            {
                units = await GetUnits.OptionsAsync(StreetId);
            }

            await LoadAsync();
        }
        catch (PortalException e)
        {
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private async Task LoadAsync()
    {
        var page = await GetResolutions.HandleAsync(StreetId, new ResolutionQuery { Status = status, UnitId = unitId, Year = year, DueSoon = dueSoon, PageSize = Paging.MaxPageSize });
        items = page.Items.ToList();
    }
}
