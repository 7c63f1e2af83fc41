using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Projects.Pages;

/// <summary>
/// Creating or editing a project: its community (fixed once created), lead and participating units, the community's
/// published needs it answers, dates and budget.
/// </summary>
public partial class ProjectEdit
{
    private StreetDto? street;
    private string? loadError;
    private List<CommunityDto> communities = [];
    private List<UnitOption> units = [];
    private List<(Guid Id, string Title)> needs = [];
    private ProjectForm form = new();
    private Dictionary<string, string> errors = [];
    private bool busy;

    [Parameter]
    public Guid? StreetId { get; set; }

    [Parameter]
    public Guid? ProjectId { get; set; }

    private string Heading => ProjectId is null ? L["Projects.New"] : L["Projects.Edit"];

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            ProjectDetail? detail = null;
            if (ProjectId is { } id)
            {
                detail = await GetProject.HandleAsync(id);
                if (!detail.Can.Edit)
                {
                    loadError = L["Project.NoLongerEditable"];
                    return;
                }
            }

            var streetId = detail?.Project.StreetId ?? StreetId!.Value;
            street = await GetStreets.HandleAsync(streetId);
            var user = CurrentUser.Required;
            communities = street.Communities.Where(c => user.MayManageCommunity(streetId, c.Id)).ToList();
            if (communities.Count == 0)
            {
                loadError = L["Error.ReadOnly"];
                street = null;
                return;
            }

            units = await GetUnits.OptionsAsync(streetId);
            form = detail is null
                ? new ProjectForm { CommunityId = communities.Count == 1 ? communities[0].Id : null }
                : new ProjectForm
                {
                    CommunityId = detail.Project.CommunityId,
                    Title = detail.Project.Title,
                    Description = detail.Project.Description,
                    Category = detail.Project.Category,
                    LeadUnitId = detail.Project.LeadUnitId,
                    UnitIds = detail.Units.Where(u => !u.IsLead).Select(u => u.UnitId).ToHashSet(),
                    NeedIds = detail.Needs.Select(n => n.NeedId).ToHashSet(),
                    PlannedStart = detail.Project.PlannedStart.ToDateTime(TimeOnly.MinValue),
                    PlannedEnd = detail.Project.PlannedEnd.ToDateTime(TimeOnly.MinValue),
                    Budget = detail.Project.Budget,
                };
            await LoadNeedsAsync(detail?.Needs.Select(n => (n.NeedId, n.Title)) ?? []);
        }
        catch (PortalException e)
        {
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private async Task OnCommunityAsync(Guid? communityId)
    {
        form.CommunityId = communityId;
        form.NeedIds = [];
        await LoadNeedsAsync([]);
    }

    /// <summary>The community's published needs, and those the project already answers.</summary>
    private async Task LoadNeedsAsync(IEnumerable<(Guid Id, string Title)> linked)
    {
        needs = linked.ToList();
        if (street is null || form.CommunityId is not { } community)
        {
            return;
        }

        var open = await GetNeeds.HandleAsync(street.Id, new NeedQuery { CommunityId = community, Status = NeedStatus.Published, PageSize = Paging.MaxPageSize });
        needs.AddRange(open.Items.Where(n => needs.All(x => x.Id != n.Id)).Select(n => (n.Id, n.Title)));
    }

    private string UnitName(Guid id) => units.FirstOrDefault(u => u.Id == id)?.Name ?? "";

    private string NeedTitle(Guid id) => needs.FirstOrDefault(n => n.Id == id).Title ?? "";

    private async Task SaveAsync()
    {
        if (form.CommunityId is not { } communityId)
        {
            errors = new() { ["CommunityId"] = L["Validation.Choose", L["Field.Project.Community"]] };
            return;
        }

        var input = new ProjectInput
        {
            Title = form.Title ?? "",
            Description = form.Description,
            Category = form.Category,
            LeadUnitId = form.LeadUnitId,
            UnitIds = form.UnitIds.ToList(),
            NeedIds = form.NeedIds.ToList(),
            PlannedStart = form.PlannedStart is { } s ? DateOnly.FromDateTime(s) : null,
            PlannedEnd = form.PlannedEnd is { } e ? DateOnly.FromDateTime(e) : null,
            Budget = form.Budget,
        };
        busy = true;
        Guid? saved = ProjectId;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, async () =>
        {
            if (ProjectId is { } id)
            {
                await Update.HandleAsync(id, input);
            }
            else
            {
                saved = await Create.HandleAsync(communityId, input);
            }
        }, "Common.Saved");
        busy = false;
        if (refused is null)
        {
            Navigation.NavigateTo($"/projects/{saved}");
        }
        else
        {
            errors = refused;
        }
    }

    private sealed class ProjectForm
    {
        public Guid? CommunityId { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        public ServiceCategory? Category { get; set; }

        public Guid? LeadUnitId { get; set; }

        public HashSet<Guid> UnitIds { get; set; } = [];

        public HashSet<Guid> NeedIds { get; set; } = [];

        public DateTime? PlannedStart { get; set; }

        public DateTime? PlannedEnd { get; set; }

        public decimal? Budget { get; set; }
    }
}
