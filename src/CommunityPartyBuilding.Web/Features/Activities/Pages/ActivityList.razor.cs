using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Activities.Pages;

public partial class ActivityList
{
    private MudTable<ActivityDto>? table;
    private StreetDto? street;
    private List<UnitOption> units = [];
    private bool notFound;
    private bool isLeader;
    private bool canReview;
    private bool busy;
    private ActivityStatus? status;
    private Guid? unitId;
    private ServiceCategory? category;
    private DateTime? from;
    private DateTime? to;
    private ActivityDto? returning;
    private string? reason;
    private string? reasonError;

    [Parameter]
    public Guid StreetId { get; set; }

    /// <summary>?status=Submitted opens the verification queue.</summary>
    [SupplyParameterFromQuery(Name = "status")]
    public string? StatusQuery { get; set; }

    private string PageName => isLeader ? L["Activities.MyTitle"] : L["Activities.Title"];

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            var user = CurrentUser.Required;
            isLeader = user.IsUnitLeader;
            canReview = user.MayManageStreet(StreetId);
            status = Enum.TryParse<ActivityStatus>(StatusQuery, true, out var s) ? s : null;
            street = await GetStreets.HandleAsync(StreetId);
            units = isLeader ? [] : await GetUnits.OptionsAsync(StreetId);
        }
        catch (PortalException)
        {
            notFound = true;
        }

        await Reload();
    }

    private ActivityQuery Query(int page = 1, int pageSize = 25) => new()
    {
        Status = status,
        UnitId = unitId,
        Category = category,
        From = from is { } f ? DateOnly.FromDateTime(f) : null,
        To = to is { } t ? DateOnly.FromDateTime(t) : null,
        Page = page,
        PageSize = pageSize,
    };

    private async Task<TableData<ActivityDto>> LoadAsync(TableState state, CancellationToken ct)
    {
        var result = await GetActivities.HandleAsync(StreetId, Query(state.Page + 1, state.PageSize), ct);
        return new TableData<ActivityDto> { Items = result.Items, TotalItems = result.Total };
    }

    private string ExportHref
    {
        get
        {
            var q = Query();
            var parts = new List<string>();
            if (q.Status is { } s) parts.Add("status=" + s);
            if (q.UnitId is { } u) parts.Add("unitId=" + u);
            if (q.Category is { } c) parts.Add("category=" + c);
            if (q.From is { } f) parts.Add("from=" + f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            if (q.To is { } t) parts.Add("to=" + t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            return $"/api/v1/streets/{StreetId}/activities/export" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
        }
    }

    private Task Reload() => table?.ReloadServerData() ?? Task.CompletedTask;

    private Task TogglePending() { status = status == ActivityStatus.Submitted ? null : ActivityStatus.Submitted; return Reload(); }

    private Task OnStatus(ActivityStatus? value) { status = value; return Reload(); }

    private Task OnUnit(Guid? value) { unitId = value; return Reload(); }

    private Task OnCategory(ServiceCategory? value) { category = value; return Reload(); }

    private Task OnFrom(DateTime? value) { from = value; return Reload(); }

    private Task OnTo(DateTime? value) { to = value; return Reload(); }

    private async Task VerifyAsync(ActivityDto activity)
    {
        busy = true;
        if (await PageErrors.TryAsync(Snackbar, L, () => Verify.HandleAsync(activity.Id), ActivityRules.VerifiedMessageKey(activity.CommitmentId)))
        {
            await Reload();
        }

        busy = false;
    }

    private void StartReturn(ActivityDto activity)
    {
        returning = activity;
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
        var id = returning.Id;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => Return.HandleAsync(id, new ReturnActivityInput(reason)),
            "Activities.ReturnedDone", ValidationNotice.None);
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
