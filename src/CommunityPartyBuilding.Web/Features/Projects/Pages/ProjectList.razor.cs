using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Projects.Pages;

/// <summary>项目清单 of a street (community staff: of their community): awaiting acceptance first; filters by community and status.</summary>
public partial class ProjectList
{
    private MudTable<ProjectDto>? table;
    private StreetDto? street;
    private bool notFound;
    private string? search;

    [Parameter]
    public Guid StreetId { get; set; }

    /// <summary>From a to-do link (?status=Done).</summary>
    /// <remarks>A string: Blazor cannot bind an enum from the query string (the page would fail on every visit).</remarks>
    [SupplyParameterFromQuery(Name = "status")]
    public string? StatusQuery { get; set; }

    private ProjectStatus? Status { get; set; }

    [SupplyParameterFromQuery(Name = "community")]
    public Guid? Community { get; set; }

    private bool MayCreate => CurrentUser.Required.IsCommunityStaff || CurrentUser.Required.MayManageStreet(StreetId);

    protected override async Task OnParametersSetAsync()
    {
        Status = Enum.TryParse<ProjectStatus>(StatusQuery, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        try
        {
            street = await GetStreets.HandleAsync(StreetId);
        }
        catch (PortalException)
        {
            notFound = true;
        }
    }

    private async Task<TableData<ProjectDto>> LoadAsync(TableState state, CancellationToken ct)
    {
        var result = await GetProjects.HandleAsync(StreetId, new ProjectQuery
        {
            CommunityId = CurrentUser.Required.IsCommunityStaff ? null : Community,
            Status = Status,
            Search = search,
            Page = state.Page + 1,
            PageSize = state.PageSize,
        }, ct);
        return new TableData<ProjectDto> { Items = result.Items, TotalItems = result.Total };
    }

    /// <summary>The export with the list's filters (the status spelled as in JSON).</summary>
    private string ExportHref
    {
        get
        {
            var parts = new List<string>();
            if (!CurrentUser.Required.IsCommunityStaff && Community is { } c) parts.Add("communityId=" + c);
            if (Status is { } s) parts.Add("status=" + System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s.ToString()));
            if (!string.IsNullOrWhiteSpace(search)) parts.Add("search=" + Uri.EscapeDataString(search.Trim()));
            return $"/api/v1/streets/{StreetId}/projects/export" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
        }
    }

    private Task Reload() => table?.ReloadServerData() ?? Task.CompletedTask;

    private Task OnSearch(string? value) { search = value; return Reload(); }

    private Task OnCommunity(Guid? value) { Community = value; return Reload(); }

    private Task OnStatus(ProjectStatus? value) { Status = value; return Reload(); }
}
