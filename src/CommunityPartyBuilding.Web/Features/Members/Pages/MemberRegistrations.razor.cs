using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Members.Pages;

/// <summary>
/// 在职党员报到 for the people who confirm it: community staff (their community), street staff (every community of the
/// street) and a unit's leader (its employees, names masked, to confirm employment). Confirm, return with a reason, move away.
/// </summary>
public partial class MemberRegistrations
{
    private enum Action
    {
        Return,
        MoveAway,
    }

    private MudTable<RegistrationDto>? table;
    private IReadOnlyList<CommunityOption> communities = [];
    private Guid? streetId;
    private Guid? community;
    private RegistrationStatus? status;
    private bool awaiting;
    private string? search;
    private bool isLeader;
    private bool busy;
    private RegistrationDto? acting;
    private Action action;
    private string? reason;
    private DateTime? movedAwayOn;
    private string? fieldError;

    [Inject] private GetMemberRegistrations GetRegistrations { get; set; } = default!;

    [Inject] private ReviewMemberRegistration Review { get; set; } = default!;

    [Inject] private GetStreets GetStreets { get; set; } = default!;

    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "awaiting")]
    public bool? AwaitingQuery { get; set; }

    [SupplyParameterFromQuery(Name = "community")]
    public Guid? CommunityQuery { get; set; }

    private sealed record CommunityOption(Guid Id, string Name);

    protected override async Task OnParametersSetAsync()
    {
        var user = CurrentUser.Required;
        isLeader = user.IsUnitLeader;
        streetId = user.StreetId;
        awaiting = AwaitingQuery ?? false;
        community = user.IsCommunityStaff ? user.CommunityId : CommunityQuery;
        if (user.IsStreetStaff && streetId is { } id)
        {
            communities = (await GetStreets.HandleAsync(id)).Communities.Select(c => new CommunityOption(c.Id, c.Name)).ToList();
        }

        await Reload();
    }

    private async Task<TableData<RegistrationDto>> LoadAsync(TableState state, CancellationToken ct)
    {
        if (streetId is not { } id)
        {
            return new TableData<RegistrationDto> { Items = [], TotalItems = 0 };
        }

        var result = await GetRegistrations.StreetAsync(id, community, new RegistrationQuery(status, search, awaiting, state.Page + 1, state.PageSize), ct);
        return new TableData<RegistrationDto> { Items = result.Items, TotalItems = result.Total };
    }

    private Task Reload() => table?.ReloadServerData() ?? Task.CompletedTask;

    private Task OnCommunity(Guid? value)
    {
        community = value;
        return Reload();
    }

    private Task OnStatus(RegistrationStatus? value)
    {
        status = value;
        return Reload();
    }

    private Task OnAwaiting(bool value)
    {
        awaiting = value;
        return Reload();
    }

    private Task OnSearch(string? value)
    {
        search = value;
        return Reload();
    }

    /// <summary>Staff confirm for the community, a leader the employment; each only while their confirmation is missing.</summary>
    private bool MayConfirm(RegistrationDto r) => isLeader ? r.AwaitsEmployer : r.AwaitsCommunity;

    private async Task ConfirmAsync(RegistrationDto registration)
    {
        busy = true;
        if (await PageErrors.TryAsync(Snackbar, L, () => Review.ConfirmAsync(registration.Id, registration.Version), "Members.Confirmed"))
        {
            await Reload();
        }

        busy = false;
    }

    private void Start(RegistrationDto registration, Action what)
    {
        acting = registration;
        action = what;
        reason = null;
        movedAwayOn = DateTime.Today;
        fieldError = null;
    }

    private async Task FinishAsync()
    {
        if (acting is null)
        {
            return;
        }

        busy = true;
        fieldError = null;
        var registration = acting;
        var refused = action == Action.Return
            ? await PageErrors.SubmitAsync(Snackbar, L, () => Review.ReturnAsync(registration.Id, reason, registration.Version), "Members.Returned", ValidationNotice.None)
            : await PageErrors.SubmitAsync(Snackbar, L, () => Review.MoveAwayAsync(registration.Id, movedAwayOn is { } d ? DateOnly.FromDateTime(d) : null, registration.Version),
                "Members.MovedAway", ValidationNotice.None);
        busy = false;
        if (refused is null)
        {
            acting = null;
            await Reload();
        }
        else if (refused.Count > 0)
        {
            fieldError = string.Join("；", refused.Values);
        }
    }
}
