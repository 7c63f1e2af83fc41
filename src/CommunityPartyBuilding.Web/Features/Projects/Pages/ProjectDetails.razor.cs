using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Projects.Pages;

/// <summary>
/// One project: its units, needs, photos and summary, and the next step for the reader: staff start it, the lead unit
/// (or staff) reports it done with photos and a summary, staff accept it with each unit's contribution (rule 7).
/// </summary>
public partial class ProjectDetails
{
    private ProjectDetail? detail;
    private string? loadError;
    private bool busy;
    private string? summary;
    private string? photoError;
    private List<ContributionForm> contributions = [];
    private Dictionary<string, string> errors = [];

    [Parameter]
    public Guid ProjectId { get; set; }

    protected override Task OnParametersSetAsync()
    {
        summary = null;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            detail = await GetProject.HandleAsync(ProjectId);
            loadError = null;
            if (detail.Can.Accept && contributions.Count != detail.Units.Count)
            {
                contributions = detail.Units.Select(u => new ContributionForm { UnitId = u.UnitId, Name = u.Name, IsLead = u.IsLead, Participants = 1 }).ToList();
            }
        }
        catch (PortalException e)
        {
            detail = null;
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private BreadcrumbItem ListCrumb(ProjectDto project) => CurrentUser.Required.IsUnitLeader && CurrentUser.Required.UnitId is { } unit
        ? new(L["Projects.UnitTitle"], $"/units/{unit}/projects")
        : new(L["Projects.Title"], $"/streets/{project.StreetId}/projects");

    private async Task StartAsync()
    {
        busy = true;
        await PageErrors.TryAsync(Snackbar, L, () => Start.HandleAsync(ProjectId), "Projects.Started");
        await LoadAsync();
        busy = false;
    }

    private async Task MarkDoneAsync()
    {
        busy = true;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => MarkDone.HandleAsync(ProjectId, new ProjectDoneInput(summary)), "Projects.DoneSaved");
        busy = false;
        errors = refused ?? [];
        if (refused is null)
        {
            await LoadAsync();
        }
    }

    private async Task AcceptAsync()
    {
        busy = true;
        var input = new ProjectAcceptInput(contributions.Select(c => new ProjectContribution
        {
            UnitId = c.UnitId,
            VolunteerHours = c.VolunteerHours,
            Funds = c.Funds,
            Beneficiaries = c.Beneficiaries,
            Participants = c.Participants,
        }).ToList());
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => Accept.HandleAsync(ProjectId, input), "Projects.AcceptedSaved");
        busy = false;
        errors = refused ?? [];
        await LoadAsync();
    }

    private async Task AddPhotosAsync(IReadOnlyList<IBrowserFile>? files)
    {
        photoError = null;
        if (files is null || files.Count == 0)
        {
            return;
        }

        busy = true;
        photoError = await PhotoUploads.AddAsync(files, NeedRules.MaxPhotoBytes, L, (name, stream, size) => AddPhoto.HandleAsync(ProjectId, name, stream, size));
        errors.Remove("Photos");
        await LoadAsync();
        busy = false;
    }

    private async Task RemovePhotoAsync(Guid photoId)
    {
        busy = true;
        await PageErrors.TryAsync(Snackbar, L, () => RemovePhoto.HandleAsync(photoId), "Common.Removed");
        await LoadAsync();
        busy = false;
    }

    private sealed class ContributionForm
    {
        public Guid UnitId { get; init; }

        public string Name { get; init; } = "";

        public bool IsLead { get; init; }

        public decimal? VolunteerHours { get; set; }

        public decimal? Funds { get; set; }

        public int? Beneficiaries { get; set; }

        public int? Participants { get; set; }
    }
}
