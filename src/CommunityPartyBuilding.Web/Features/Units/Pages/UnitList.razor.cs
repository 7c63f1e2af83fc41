using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Units.Pages;

public partial class UnitList
{
    private MudTable<UnitDto>? table;
    private StreetDto? street;
    private bool notFound;
    private bool canEdit;
    private string? search;
    private UnitCategory? category;
    private Guid? communityId;
    private string statusFilter = "active";

    [Parameter]
    public Guid StreetId { get; set; }

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            street = await GetStreets.HandleAsync(StreetId);
            canEdit = CurrentUser.Required.MayManageStreet(StreetId);
        }
        catch (PortalException)
        {
            notFound = true;
        }
    }

    private UnitQuery Query(int page = 1, int pageSize = 25, string? sortLabel = null, bool descending = false) => new()
    {
        Search = search,
        Category = category,
        CommunityId = communityId,
        Status = statusFilter switch { "withdrawn" => UnitStatus.Withdrawn, "active" => UnitStatus.Active, _ => null },
        IncludeWithdrawn = statusFilter == "all",
        Sort = Enum.TryParse<UnitSort>(sortLabel, out var sort) ? sort : UnitSort.Name,
        Descending = descending,
        Page = page,
        PageSize = pageSize,
    };

    private async Task<TableData<UnitDto>> LoadAsync(TableState state, CancellationToken ct)
    {
        var result = await GetUnits.HandleAsync(StreetId, Query(state.Page + 1, state.PageSize, state.SortLabel, state.SortDirection == SortDirection.Descending), ct);
        return new TableData<UnitDto> { Items = result.Items, TotalItems = result.Total };
    }

    private string ExportHref
    {
        get
        {
            var q = Query();
            var parts = new List<string>();
            if (!string.IsNullOrWhiteSpace(q.Search)) parts.Add("search=" + Uri.EscapeDataString(q.Search));
            if (q.Category is { } c) parts.Add("category=" + c);
            if (q.CommunityId is { } m) parts.Add("communityId=" + m);
            if (q.Status is { } s) parts.Add("status=" + s);
            if (q.IncludeWithdrawn) parts.Add("includeWithdrawn=true");
            return $"/api/v1/streets/{StreetId}/units/export" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
        }
    }

    private Task Reload() => table?.ReloadServerData() ?? Task.CompletedTask;

    private Task OnSearch(string? value) { search = value; return Reload(); }

    private Task OnCategory(UnitCategory? value) { category = value; return Reload(); }

    private Task OnCommunity(Guid? value) { communityId = value; return Reload(); }

    private Task OnStatus(string value) { statusFilter = value; return Reload(); }
}
