using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Needs.Pages;

/// <summary>
/// One need: its facts, the contact (masked; rule 10's readers may reveal it, which is audited), and what the reader may do
/// with it: staff review, publish, reject or withdraw; a unit leader claims; the claimer adds photos and marks it done.
/// </summary>
public partial class NeedDetails
{
    private NeedDetail? detail;
    private string? loadError;
    private bool busy;
    private bool revealed;
    private string? reason;
    private string? reasonError;
    private string? withdrawReason;
    private string? photoError;
    private DoneForm done = new();
    private Dictionary<string, string> errors = [];

    [Parameter]
    public Guid NeedId { get; set; }

    protected override Task OnParametersSetAsync()
    {
        revealed = false;
        done = new DoneForm();
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            detail = await GetNeed.HandleAsync(NeedId, revealed);
            loadError = null;
        }
        catch (PortalException e)
        {
            detail = null;
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private BreadcrumbItem ListCrumb(NeedDto need) => CurrentUser.Required.IsUnitLeader && CurrentUser.Required.UnitId is { } unit
        ? new(L["Needs.UnitTitle"], $"/units/{unit}/needs")
        : new(L["Needs.Title"], $"/streets/{need.StreetId}/needs");

    private async Task RevealAsync()
    {
        revealed = true;
        await LoadAsync();
    }

    private Task PublishAsync() => RunAsync(() => Publish.HandleAsync(NeedId), "Needs.Published");

    private Task ClaimAsync() => RunAsync(() => Claim.HandleAsync(NeedId, null), "Needs.ClaimSaved");

    private Task WithdrawAsync() => RunAsync(() => Withdraw.HandleAsync(NeedId, new NeedReasonInput(withdrawReason)), "Needs.Withdrawn");

    private async Task RunAsync(Func<Task> action, string successKey)
    {
        busy = true;
        await PageErrors.TryAsync(Snackbar, L, action, successKey);

        // Success or a refusal such as "just claimed by another unit": either way, show the need as it is now.
        await LoadAsync();
        busy = false;
    }

    private async Task RejectAsync()
    {
        busy = true;
        reasonError = null;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => Reject.HandleAsync(NeedId, new NeedReasonInput(reason)), "Needs.Rejected", ValidationNotice.None);
        busy = false;
        if (refused is null)
        {
            reason = null;
            await LoadAsync();
        }
        else if (refused.Count > 0)
        {
            reasonError = string.Join("；", refused.Values);
        }
    }

    private async Task CompleteAsync()
    {
        busy = true;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => Complete.HandleAsync(NeedId, new NeedDoneInput
        {
            Note = done.Note,
            Participants = done.Participants,
            VolunteerHours = done.VolunteerHours,
        }), "Needs.DoneSaved");
        busy = false;
        errors = refused ?? [];
        if (refused is null)
        {
            await LoadAsync();
        }
    }

    private async Task AddPhotosAsync(IReadOnlyList<IBrowserFile>? files)
    {
        photoError = null;
        if (files is null || files.Count == 0)
        {
            return;
        }

        busy = true;
        photoError = await PhotoUploads.AddAsync(files, NeedRules.MaxPhotoBytes, L, (name, stream, size) => AddPhoto.HandleAsync(NeedId, name, stream, size));
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

    private sealed class DoneForm
    {
        public string? Note { get; set; }

        public int? Participants { get; set; }

        public decimal? VolunteerHours { get; set; }
    }
}
