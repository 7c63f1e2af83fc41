using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Needs.Pages;

/// <summary>需求清单 of a street (community staff: of their community), awaiting review first; filters by community, status, kind, category.</summary>
public partial class NeedList
{
    private MudTable<NeedDto>? table;
    private StreetDto? street;
    private bool notFound;
    private string? search;
    private NeedKind? kind;
    private ServiceCategory? category;

    [Parameter]
    public Guid StreetId { get; set; }

    /// <summary>From a reminder's link (?status=Submitted&amp;community=…).</summary>
    /// <remarks>A string: Blazor cannot bind an enum from the query string (the page would fail on every visit).</remarks>
    [SupplyParameterFromQuery(Name = "status")]
    public string? StatusQuery { get; set; }

    private NeedStatus? Status { get; set; }

    [SupplyParameterFromQuery(Name = "community")]
    public Guid? Community { get; set; }

    private bool MayEnter => CurrentUser.Required.IsCommunityStaff || CurrentUser.Required.MayManageStreet(StreetId);

    protected override async Task OnParametersSetAsync()
    {
        Status = Enum.TryParse<NeedStatus>(StatusQuery, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        try
        {
            street = await GetStreets.HandleAsync(StreetId);
        }
        catch (PortalException)
        {
            notFound = true;
        }
    }

    private async Task<TableData<NeedDto>> LoadAsync(TableState state, CancellationToken ct)
    {
        var result = await GetNeeds.HandleAsync(StreetId, new NeedQuery
        {
            CommunityId = CurrentUser.Required.IsCommunityStaff ? null : Community,
            Status = Status,
            Kind = kind,
            Category = category,
            Search = search,
            Page = state.Page + 1,
            PageSize = state.PageSize,
        }, ct);
        return new TableData<NeedDto> { Items = result.Items, TotalItems = result.Total };
    }

    private Task Reload() => table?.ReloadServerData() ?? Task.CompletedTask;

    private Task OnSearch(string? value) { search = value; return Reload(); }

    private Task OnCommunity(Guid? value) { Community = value; return Reload(); }

    private Task OnStatus(NeedStatus? value) { Status = value; return Reload(); }

    private Task OnKind(NeedKind? value) { kind = value; return Reload(); }

    private Task OnCategory(ServiceCategory? value) { category = value; return Reload(); }
}
