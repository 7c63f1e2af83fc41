using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Meetings.Pages;

public partial class ResolutionPage
{
    private ResolutionDetail? detail;
    private string? loadError;
    private int percent;
    private string? text;
    private DateTime? completedOn;
    private Dictionary<string, string> errors = [];

    [Parameter]
    public Guid ResolutionId { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        completedOn = Calendar.Today.ToDateTime(TimeOnly.MinValue);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            detail = await GetResolution.HandleAsync(ResolutionId);
            percent = detail.Resolution.Percent;
            loadError = null;
        }
        catch (PortalException e)
        {
            detail = null;
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private List<IBrowserFile> chosenFiles = [];

    [Inject]
    private AddResolutionAttachment AddAttachment { get; set; } = default!;

    private void OnFilesChosen(IReadOnlyList<IBrowserFile>? files) => chosenFiles = files?.Take(AddResolutionAttachment.MaxPerUpdate).ToList() ?? [];

    /// <summary>Posts the update, then its attachments; a refused file is reported and the update stays.</summary>
    private Task PostAsync() => RunAsync(async () =>
    {
        var progressId = await PostProgress.HandleAsync(ResolutionId, new ResolutionProgressInput(percent, text));
        foreach (var file in chosenFiles)
        {
            await using var stream = file.OpenReadStream(AddResolutionAttachment.MaxBytes + 1);
            await AddAttachment.HandleAsync(progressId, file.Name, stream, file.Size);
        }
    }, "Resolutions.ProgressSaved", () =>
    {
        text = null;
        chosenFiles = [];
    });

    private Task CompleteAsync() => RunAsync(() => Complete.HandleAsync(ResolutionId, new CompleteResolutionInput(completedOn is { } d ? DateOnly.FromDateTime(d) : default)), "Resolutions.CompletedSaved", () => { });

    private async Task RunAsync(Func<Task> action, string successKey, Action onSuccess)
    {
        errors = [];
        try
        {
            await action();
            Snackbar.Add(L[successKey], Severity.Success);
            onSuccess();
            await LoadAsync();
        }
        catch (PortalValidationException e)
        {
            errors = PageErrors.FieldErrors(e, L);
        }
        catch (PortalException e)
        {
            Snackbar.Add(ProblemResponses.Localize(e, L), Severity.Warning);
        }
    }
}
