using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Dashboard.Pages;

public partial class OversightView
{
    private DepartmentOverview? overview;
    private string? loadError;

    [Inject]
    private GetDepartmentOverview GetOverview { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private BusinessCalendar Calendar { get; set; } = default!;

    /// <summary>Issue #18: "as of HH:mm" when the figures come from the cache.</summary>
    private string AsOf(DateTimeOffset cachedAt) =>
        string.Format(Culture, L["Dashboard.AsOf"], Calendar.ToLocal(cachedAt).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));

    [Parameter, EditorRequired]
    public Guid DepartmentId { get; set; }

    [Parameter]
    public int? Year { get; set; }

    [Parameter]
    public bool ShowTitle { get; set; }

    private static System.Globalization.CultureInfo Culture => System.Globalization.CultureInfo.CurrentCulture;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            overview = await GetOverview.HandleAsync(DepartmentId, Year);
            loadError = null;
        }
        catch (PortalException e)
        {
            overview = null;
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private string ApiPath(string what) => $"/api/v1/organisation-departments/{DepartmentId}/{what}?year={overview?.Year}";

    private void OnYear(int year) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("year", year == overview?.Today.Year ? null : year));
}
