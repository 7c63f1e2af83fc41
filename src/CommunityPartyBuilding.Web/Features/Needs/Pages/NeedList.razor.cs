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

    /// <summary>
    /// From a reminder's or the dashboard's link (?status=Submitted&amp;community=…; any case): a string, because a query
    /// parameter cannot be bound to an enumeration (the page failed with one).
    /// </summary>
    [SupplyParameterFromQuery(Name = "status")]
    public string? StatusQuery { get; set; }

    private NeedStatus? Status { get; set; }

    [SupplyParameterFromQuery(Name = "community")]
    public Guid? Community { get; set; }

    /// <summary>From the dashboard's to-do (?status=Claimed&amp;lapsing=true): claims due within 3 days.</summary>
    [SupplyParameterFromQuery(Name = "lapsing")]
    public bool Lapsing { get; set; }

    private bool MayEnter => CurrentUser.Required.IsCommunityStaff || CurrentUser.Required.MayManageStreet(StreetId);

    protected override async Task OnParametersSetAsync()
    {
        Status = Enum.TryParse<NeedStatus>(StatusQuery, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status : null;
        try
        {
            street = await GetStreets.HandleAsync(StreetId);
        }
        catch (PortalException)
        {
            notFound = true;
        }
    }

    private NeedQuery Query(int page = 1, int pageSize = 50) => new()
    {
        CommunityId = CurrentUser.Required.IsCommunityStaff ? null : Community,
        Status = Status,
        Kind = kind,
        Category = category,
        Search = search,
        LapsingSoon = Lapsing,
        Page = page,
        PageSize = pageSize,
    };

    private async Task<TableData<NeedDto>> LoadAsync(TableState state, CancellationToken ct)
    {
        var result = await GetNeeds.HandleAsync(StreetId, Query(state.Page + 1, state.PageSize), ct);
        return new TableData<NeedDto> { Items = result.Items, TotalItems = result.Total };
    }

    /// <summary>The export with the list's filters (enumerations spelled as in JSON).</summary>
    private string ExportHref
    {
        get
        {
            var q = Query();
            var parts = new List<string>();
            if (q.CommunityId is { } c) parts.Add("communityId=" + c);
            if (q.Status is { } s) parts.Add("status=" + JsonName(s));
            if (q.Kind is { } k) parts.Add("kind=" + JsonName(k));
            if (q.Category is { } g) parts.Add("category=" + JsonName(g));
            if (!string.IsNullOrWhiteSpace(q.Search)) parts.Add("search=" + Uri.EscapeDataString(q.Search.Trim()));
            if (q.LapsingSoon) parts.Add("lapsingSoon=true");
            return $"/api/v1/streets/{StreetId}/needs/export" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
        }
    }

    private static string JsonName<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private Task Reload() => table?.ReloadServerData() ?? Task.CompletedTask;

    private Task OnSearch(string? value) { search = value; return Reload(); }

    private Task OnCommunity(Guid? value) { Community = value; return Reload(); }

    private Task OnStatus(NeedStatus? value) { Status = value; return Reload(); }

    private Task OnKind(NeedKind? value) { kind = value; return Reload(); }

    private Task OnCategory(ServiceCategory? value) { category = value; return Reload(); }

    private Task OnLapsing(bool value) { Lapsing = value; return Reload(); }
}
