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
    private IReadOnlyList<NeedMatchDto>? matches;
    private DateTime? dispatchDeadline;
    private string? deadlineError;
    private string? declineReason;
    private string? declineError;
    private VisitForm visitForm = new();
    private Dictionary<string, string> errors = [];

    [Parameter]
    public Guid NeedId { get; set; }

    protected override Task OnParametersSetAsync()
    {
        revealed = false;
        done = new DoneForm();
        visitForm = new VisitForm { VisitedOn = Calendar.Today.ToDateTime(TimeOnly.MinValue) };
        dispatchDeadline = Calendar.Today.AddDays(NeedDispatchRules.DefaultDeadlineDays).ToDateTime(TimeOnly.MinValue);
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            detail = await GetNeed.HandleAsync(NeedId, revealed);
            loadError = null;
            matches = detail.Can.Dispatch ? await GetMatches.HandleAsync(NeedId) : null;
        }
        catch (PortalException e)
        {
            detail = null;
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private BreadcrumbItem ListCrumb(NeedDto need) => CurrentUser.Required switch
    {
        { IsUnitLeader: true, UnitId: { } unit } => new(L["Needs.UnitTitle"], $"/units/{unit}/needs"),
        { IsPartyMember: true } => new(L["MemberNeeds.Mine"], "/"),
        _ => new(L["Needs.Title"], $"/streets/{need.StreetId}/needs"),
    };

    private async Task RevealAsync()
    {
        revealed = true;
        await LoadAsync();
    }

    private Task PublishAsync() => RunAsync(() => Publish.HandleAsync(NeedId), "Needs.Published");

    private Task ClaimAsync() => RunAsync(() => Claim.HandleAsync(NeedId, null), "Needs.ClaimSaved");

    private async Task ReleaseAsync()
    {
        busy = true;
        if (await PageErrors.TryAsync(Snackbar, L, () => Release.HandleAsync(NeedId), "MemberNeeds.Released") && CurrentUser.Required.IsPartyMember)
        {
            // Released, the need is no longer the member's to read: back to their home.
            Navigation.NavigateTo("/");
            return;
        }

        await LoadAsync();
        busy = false;
    }

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

    private async Task DispatchAsync(Guid unitId)
    {
        busy = true;
        deadlineError = null;
        var input = new NeedDispatchInput { UnitId = unitId, Deadline = dispatchDeadline is { } d ? DateOnly.FromDateTime(d) : null };
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => Dispatch.HandleAsync(NeedId, input), "Needs.Dispatched", ValidationNotice.None);
        busy = false;
        if (refused is { Count: > 0 })
        {
            deadlineError = string.Join("；", refused.Values);
        }

        await LoadAsync();
    }

    private Task AcceptAsync(Guid dispatchId) => RunAsync(() => Accept.HandleAsync(dispatchId), "Needs.Accepted");

    private async Task DeclineAsync(Guid dispatchId)
    {
        busy = true;
        declineError = null;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => Decline.HandleAsync(dispatchId, new NeedReasonInput(declineReason)), "Needs.Declined", ValidationNotice.None);
        busy = false;
        if (refused is null)
        {
            declineReason = null;
            await LoadAsync();
        }
        else if (refused.Count > 0)
        {
            declineError = string.Join("；", refused.Values);
        }
    }

    private async Task RecordVisitAsync()
    {
        busy = true;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => ReturnVisit.HandleAsync(NeedId, new ReturnVisitInput
        {
            VisitedOn = visitForm.VisitedOn is { } d ? DateOnly.FromDateTime(d) : null,
            Way = visitForm.Way,
            Note = visitForm.Note,
            Satisfied = visitForm.Satisfied,
        }), "Needs.ReturnVisitSaved");
        busy = false;
        errors = refused ?? [];
        if (refused is null)
        {
            await LoadAsync();
        }
    }

    private sealed class VisitForm
    {
        public DateTime? VisitedOn { get; set; }

        public ReturnVisitWay? Way { get; set; }

        public string? Note { get; set; }

        public bool? Satisfied { get; set; }
    }

    private sealed class DoneForm
    {
        public string? Note { get; set; }

        public int? Participants { get; set; }

        public decimal? VolunteerHours { get; set; }
    }
}
