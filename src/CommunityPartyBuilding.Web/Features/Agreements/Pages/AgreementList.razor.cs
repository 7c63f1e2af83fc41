using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Agreements.Pages;

public partial class AgreementList
{
    private MudTable<AgreementDto>? table;
    private StreetDto? street;
    private List<UnitOption> units = [];
    private bool notFound;
    private bool canEdit;
    private string? search;
    private AgreementStatus? status;
    private Guid? unitId;
    private bool endingSoon;

    [Parameter]
    public Guid StreetId { get; set; }

    [SupplyParameterFromQuery(Name = "endingSoon")]
    public bool? EndingSoonQuery { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            street = await GetStreets.HandleAsync(StreetId);
            units = await GetUnits.OptionsAsync(StreetId);
            canEdit = CurrentUser.Required.MayManageStreet(StreetId);
            endingSoon = EndingSoonQuery ?? false;
        }
        catch (PortalException)
        {
            notFound = true;
        }
    }

    private async Task<TableData<AgreementDto>> LoadAsync(TableState state, CancellationToken ct)
    {
        var result = await GetAgreements.HandleAsync(StreetId, new AgreementQuery
        {
            Search = search,
            Status = status,
            UnitId = unitId,
            EndingSoon = endingSoon,
            Page = state.Page + 1,
            PageSize = state.PageSize,
        }, ct);
        return new TableData<AgreementDto> { Items = result.Items, TotalItems = result.Total };
    }

    private Task Reload() => table?.ReloadServerData() ?? Task.CompletedTask;

    private Task OnSearch(string? value) { search = value; return Reload(); }

    private Task OnStatus(AgreementStatus? value) { status = value; return Reload(); }

    private Task OnUnit(Guid? value) { unitId = value; return Reload(); }

    private Task OnEndingSoon(bool value) { endingSoon = value; return Reload(); }
}
