using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Members.Pages;

/// <summary>The community's service records for its staff; by default the queue of records awaiting confirmation (确认 or 退回 with a reason).</summary>
public partial class ServiceRecordReview
{
    private MudTable<ServiceRecordDto>? table;
    private Guid currentCommunity;
    private string communityName = "";
    private bool notFound;
    private bool busy;
    private ServiceRecordStatus? status = ServiceRecordStatus.Submitted;
    private ServiceRecordDto? returning;
    private string? reason;
    private string? reasonError;

    [Inject] private GetCommunityServiceRecords GetRecords { get; set; } = default!;

    [Inject] private ReviewServiceRecord Review { get; set; } = default!;

    [Inject] private GetStreets GetStreets { get; set; } = default!;

    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter]
    public Guid CommunityId { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        notFound = false;
        try
        {
            var user = CurrentUser.Required;
            var communities = user.StreetId is { } streetId ? (await GetStreets.HandleAsync(streetId)).Communities : [];
            currentCommunity = CommunityId != Guid.Empty ? CommunityId : user.CommunityId ?? (communities.Count > 0 ? communities[0].Id : Guid.Empty);
            communityName = communities.FirstOrDefault(c => c.Id == currentCommunity)?.Name ?? "";
            await GetRecords.HandleAsync(currentCommunity, new ServiceRecordQuery { PageSize = 1 });
        }
        catch (PortalException)
        {
            notFound = true;
        }

        await Reload();
    }

    private async Task<TableData<ServiceRecordDto>> LoadAsync(TableState state, CancellationToken ct)
    {
        var result = await GetRecords.HandleAsync(currentCommunity, new ServiceRecordQuery { Status = status, Page = state.Page + 1, PageSize = state.PageSize }, ct);
        return new TableData<ServiceRecordDto> { Items = result.Items, TotalItems = result.Total };
    }

    private Task Reload() => table?.ReloadServerData() ?? Task.CompletedTask;

    private Task OnStatus(ServiceRecordStatus? value)
    {
        status = value;
        return Reload();
    }

    private async Task ConfirmAsync(ServiceRecordDto record)
    {
        busy = true;
        if (await PageErrors.TryAsync(Snackbar, L, () => Review.ConfirmAsync(record.Id, new ServiceRecordReviewInput(Version: record.Version)), "ServiceRecords.Confirmed"))
        {
            await Reload();
        }

        busy = false;
    }

    private void StartReturn(ServiceRecordDto record)
    {
        returning = record;
        reason = null;
        reasonError = null;
    }

    private async Task ConfirmReturnAsync()
    {
        if (returning is null)
        {
            return;
        }

        busy = true;
        reasonError = null;
        var record = returning;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => Review.ReturnAsync(record.Id, new ServiceRecordReviewInput(reason, record.Version)),
            "ServiceRecords.ReturnedDone", ValidationNotice.None);
        busy = false;
        if (refused is null)
        {
            returning = null;
            await Reload();
        }
        else if (refused.Count > 0)
        {
            reasonError = string.Join("；", refused.Values);
        }
    }
}
