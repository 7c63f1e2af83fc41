using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Features.Administration;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Home;

public partial class Home
{
    private PortalUser user = default!;

    /// <summary>?year= for the dashboard (staff) or the streets overview (organisation department).</summary>
    [SupplyParameterFromQuery(Name = "year")]
    public int? Year { get; set; }

    private List<StreetDto>? streets;
    private int departmentCount;
    private string? unitName;

    [Inject]
    private CommunityPartyBuilding.Web.Features.Units.GetUnit GetUnit { get; set; } = default!;

    private string Greeting => string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Home.Greeting"], user.DisplayName);

    /// <summary>Community staff: the name of their community (from their street's communities).</summary>
    private string CommunityName => (streets ?? []).SelectMany(s => s.Communities).FirstOrDefault(c => c.Id == user.CommunityId)?.Name ?? "";

    private string ScopeSuffix => streets is { Count: 1 } && !user.IsAdministrator && !user.IsOrganisationDepartment
        ? " · " + streets[0].Name
        : user.IsOrganisationDepartment && streets is { Count: > 0 } ? " · " + streets[0].OrganisationDepartmentName : "";

    protected override async Task OnInitializedAsync()
    {
        user = CurrentUser.Required;
        streets = await GetStreets.HandleAsync();
        if (user.IsUnitLeader && user.UnitId is { } unitId)
        {
            unitName = (await GetUnit.HandleAsync(unitId)).Name;
        }

        if (user.IsAdministrator)
        {
            departmentCount = (await GetDepartments.HandleAsync()).Count;
        }
    }
}
