using CommunityPartyBuilding.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Resources.Pages;

public partial class UnitResourcesPanel
{
    private IReadOnlyList<ResourceDto>? resources;
    private IReadOnlyList<ResourceCommunityDto> communities = [];
    private ResourceForm? form;
    private ResourceDto? editing;
    private bool showWithdrawn;
    private bool busy;
    private Dictionary<string, string> errors = [];

    [Parameter, EditorRequired]
    public Guid UnitId { get; set; }

    /// <summary>The unit's leader or staff who manage it, while the unit is active (<c>ScopeRules.MayActForUnit</c>).</summary>
    [Parameter]
    public bool CanEdit { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        if (CanEdit)
        {
            communities = await GetResources.CommunityOptionsAsync(UnitId);
        }
    }

    private async Task LoadAsync() => resources = await GetResources.HandleAsync(UnitId, showWithdrawn);

    private async Task ShowWithdrawnAsync()
    {
        showWithdrawn = true;
        await LoadAsync();
    }

    private void StartNew()
    {
        editing = null;
        errors = [];
        form = new ResourceForm();
    }

    private void StartEdit(ResourceDto resource)
    {
        editing = resource;
        errors = [];
        form = new ResourceForm
        {
            Kind = resource.Kind,
            Title = resource.Title,
            Description = resource.Description,
            Capacity = resource.Capacity,
            Measure = resource.Measure,
            Availability = resource.Availability,
            AvailableUntil = resource.AvailableUntil?.ToDateTime(TimeOnly.MinValue),
            CommunityIds = resource.Communities.Select(c => c.Id).ToHashSet(),
        };
    }

    private void Cancel()
    {
        form = null;
        editing = null;
        errors = [];
    }

    private void OnKind(ResourceKind? kind)
    {
        form!.Kind = kind;
        errors.Remove("Kind");
        if (kind is { } k && form.Measure is { } m && !ResourceRules.Fits(k, m))
        {
            form.Measure = null;
        }
    }

    private string CommunitiesText() =>
        form is null || form.CommunityIds.Count == 0
            ? L["Resources.WholeStreet"]
            : string.Join("、", communities.Where(c => form.CommunityIds.Contains(c.Id)).Select(c => c.Name));

    private async Task SaveAsync()
    {
        busy = true;
        var input = new ResourceInput
        {
            Kind = form!.Kind,
            Title = form.Title ?? "",
            Description = form.Description,
            Capacity = form.Capacity,
            Measure = form.Measure,
            Availability = form.Availability,
            AvailableUntil = form.AvailableUntil is { } until ? DateOnly.FromDateTime(until) : null,
            CommunityIds = form.CommunityIds.ToList(),
        };
        var target = editing;
        var result = await PageErrors.SubmitAsync(Snackbar, L, () => target is null
            ? CreateResource.HandleAsync(UnitId, input)
            : UpdateResource.HandleAsync(target.Id, input, target.Version));
        busy = false;
        if (result is null)
        {
            Cancel();
            await LoadAsync();
        }
        else
        {
            errors = result;
        }
    }

    private async Task WithdrawAsync(ResourceDto resource)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Resources.WithdrawTitle"], L["Resources.WithdrawConfirm", resource.Title],
            yesText: L["Resources.Withdraw"], cancelText: L["Common.Cancel"]);
        if (confirmed == true && await PageErrors.TryAsync(Snackbar, L, () => WithdrawResource.HandleAsync(resource.Id), "Resources.Withdrawn"))
        {
            await LoadAsync();
        }
    }

    private sealed class ResourceForm
    {
        public ResourceKind? Kind { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        public decimal? Capacity { get; set; }

        public CapacityMeasure? Measure { get; set; }

        public string? Availability { get; set; }

        public DateTime? AvailableUntil { get; set; }

        public HashSet<Guid> CommunityIds { get; set; } = [];
    }
}
