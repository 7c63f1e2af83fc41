using CommunityPartyBuilding.Web.Components.Shared;

namespace CommunityPartyBuilding.Web.Features.Administration.Pages;

public partial class StreetList
{
    private List<StreetDto>? streets;
    private List<OrganisationDepartmentDto> departments = [];
    private bool isAdmin;
    private string? newStreetName;
    private Guid? newStreetDepartment;
    private readonly Dictionary<Guid, string?> communityDrafts = [];

    protected override async Task OnInitializedAsync()
    {
        isAdmin = CurrentUser.Required.IsAdministrator;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        streets = await GetStreets.HandleAsync();
        if (isAdmin)
        {
            departments = await GetDepartments.HandleAsync();
            newStreetDepartment ??= departments.FirstOrDefault()?.Id;
        }
    }

    private async Task CreateStreetAsync()
    {
        if (await PageErrors.TryAsync(Snackbar, L, () => SaveStreet.HandleAsync(null, new StreetInput(newStreetName ?? "", newStreetDepartment ?? Guid.Empty), null), "Common.Saved"))
        {
            newStreetName = null;
            await LoadAsync();
        }
    }

    private async Task AddCommunityAsync(Guid streetId)
    {
        var name = communityDrafts.GetValueOrDefault(streetId) ?? "";
        if (await PageErrors.TryAsync(Snackbar, L, () => SaveCommunity.HandleAsync(streetId, null, name, null), "Common.Saved"))
        {
            communityDrafts[streetId] = null;
            await LoadAsync();
        }
    }
}
