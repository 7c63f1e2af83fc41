using System.Globalization;
using CommunityPartyBuilding.Web.Authorization;
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

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    /// <summary>The 反馈函: the unit's leaders, street staff and community staff (the handler decides for good).</summary>
    private bool MayDownloadFeedback => CurrentUser.User is { } u && (u.IsStreetStaff || u.IsCommunityStaff || (u.IsUnitLeader && u.UnitId == UnitId));

    private IEnumerable<int> StartedQuarters => Enumerable.Range(1, 4).Where(q => MemberFigures.QuarterBounds(year, q).From <= Calendar.Today);

    private static string Percent(decimal? value) => value is { } v ? v.ToString("0.#%", Culture) : "—";
}
