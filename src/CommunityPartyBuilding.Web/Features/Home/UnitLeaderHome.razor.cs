using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Home;

public partial class UnitLeaderHome
{
    private List<AgreementDto>? agreements;
    private List<ActivityDto> recent = [];
    private List<ActivityDto> returned = [];
    private string? loadError;
    private UnitNeeds? needs;
    private List<NeedDto> claims = [];

    /// <summary>The home shows this many needs to claim; the unit's needs page has them all.</summary>
    private const int NearbyShown = 3;

    [Parameter, EditorRequired]
    public Guid UnitId { get; set; }

    [Parameter, EditorRequired]
    public Guid StreetId { get; set; }

    [Parameter]
    public string? UnitName { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            agreements = await GetAgreement.ForUnitAsync(UnitId, activeOnly: true);
            recent = await GetRecent.HandleAsync(UnitId, 5);
            returned = (await GetActivities.HandleAsync(StreetId, new ActivityQuery { Status = ActivityStatus.Returned, UnitId = UnitId, PageSize = 20 })).Items.ToList();
            needs = await GetUnitNeeds.HandleAsync(UnitId);
            claims = needs.Claimed.Where(n => n.Status == NeedStatus.Claimed).OrderBy(n => n.ClaimBy).ToList();
        }
        catch (PortalException e)
        {
            loadError = ProblemResponses.Localize(e, L);
        }
    }
}
