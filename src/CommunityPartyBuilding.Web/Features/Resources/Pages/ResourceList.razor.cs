using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Resources.Pages;

/// <summary>资源清单 of a street: every unit's active resources, filtered by kind and community served, searchable.</summary>
public partial class ResourceList
{
    private MudTable<ResourceDto>? table;
    private StreetDto? street;
    private bool notFound;
    private string? search;
    private ResourceKind? kind;
    private Guid? communityId;
    private bool includeWithdrawn;

    [Parameter]
    public Guid StreetId { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            street = await GetStreets.HandleAsync(StreetId);
        }
        catch (PortalException)
        {
            notFound = true;
        }
    }

    private async Task<TableData<ResourceDto>> LoadAsync(TableState state, CancellationToken ct)
    {
        var result = await GetResources.HandleAsync(StreetId, new ResourceQuery
        {
            Search = search,
            Kind = kind,
            CommunityId = communityId,
            IncludeWithdrawn = includeWithdrawn,
            Page = state.Page + 1,
            PageSize = state.PageSize,
        }, ct);
        return new TableData<ResourceDto> { Items = result.Items, TotalItems = result.Total };
    }

    private Task Reload() => table?.ReloadServerData() ?? Task.CompletedTask;

    private Task OnSearch(string? value) { search = value; return Reload(); }

    private Task OnKind(ResourceKind? value) { kind = value; return Reload(); }

    private Task OnCommunity(Guid? value) { communityId = value; return Reload(); }

    private Task OnIncludeWithdrawn(bool value) { includeWithdrawn = value; return Reload(); }
}
