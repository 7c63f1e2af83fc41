using System.Globalization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Members.Pages;

public partial class MemberFiguresPanel
{
    private UnitMemberFiguresDto? data;
    private string? error;
    private int year;

    [Parameter, EditorRequired]
    public Guid UnitId { get; set; }

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    protected override async Task OnParametersSetAsync()
    {
        year = Calendar.Today.Year;
        await LoadAsync();
    }

    private async Task OnYearAsync(int value)
    {
        year = value;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            data = await GetFigures.HandleAsync(UnitId, year);
            error = null;
        }
        catch (PortalException e)
        {
            data = null;
            error = ProblemResponses.Localize(e, L);
        }
    }

    private static string Percent(decimal? value) => value is { } v ? v.ToString("0.#%", Culture) : "—";
}
