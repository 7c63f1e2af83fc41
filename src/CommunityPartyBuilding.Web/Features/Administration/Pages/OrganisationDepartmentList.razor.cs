using CommunityPartyBuilding.Web.Components.Shared;

namespace CommunityPartyBuilding.Web.Features.Administration.Pages;

public partial class OrganisationDepartmentList
{
    private List<OrganisationDepartmentDto>? departments;
    private Guid? editingId;
    private uint? editingVersion;
    private string? name;
    private string? region;

    protected override async Task OnInitializedAsync() => departments = await GetDepartments.HandleAsync();

    private void Edit(OrganisationDepartmentDto d)
    {
        editingId = d.Id;
        editingVersion = d.Version;
        name = d.Name;
        region = d.Region;
    }

    private void Reset()
    {
        editingId = null;
        editingVersion = null;
        name = region = null;
    }

    private async Task SaveAsync()
    {
        if (await PageErrors.TryAsync(Snackbar, L, () => SaveDepartment.HandleAsync(editingId, new OrganisationDepartmentInput(name ?? "", region), editingVersion), "Common.Saved"))
        {
            Reset();
            departments = await GetDepartments.HandleAsync();
        }
    }
}
