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
        TemporaryPassword,
        Remark,
        Commend,
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
    private bool isCommunityStaff;
    private bool showImport;
    private string? ownCommunityName;
    private TemporaryPasswordIssued? issued;
    private ILookup<Guid, MemberRemarkDto> remarks = Array.Empty<MemberRemarkDto>().ToLookup(r => r.RegistrationId);
    private ILookup<Guid, MemberCommendationDto> commendations = Array.Empty<MemberCommendationDto>().ToLookup(c => c.RegistrationId);
    private (int Year, int Quarter) currentQuarter;
    private (int Year, int Quarter) remarkQuarter;
    private int commendYear;
    private string? noteText;
    private bool withdrawing;
    private string? withdrawReason;
    private Dictionary<string, string> noteErrors = [];

    [Inject] private GetMemberRegistrations GetRegistrations { get; set; } = default!;

    [Inject] private ReviewMemberRegistration Review { get; set; } = default!;

    [Inject] private GetStreets GetStreets { get; set; } = default!;

    [Inject] private IssueMemberPassword IssuePassword { get; set; } = default!;

    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private Microsoft.Extensions.Options.IOptions<PortalOptions> Options { get; set; } = default!;

    /// <summary>The public registration page's full address, to forward to members (Portal:PublicBaseUrl when set).</summary>
    private string RegisterLink(Guid streetId) =>
        (string.IsNullOrWhiteSpace(Options.Value.PublicBaseUrl) ? Navigation.BaseUri.TrimEnd('/') : Options.Value.PublicBaseUrl.TrimEnd('/'))
        + $"/public/streets/{streetId}/members/register";

    [Inject] private GetMemberRemarks GetRemarks { get; set; } = default!;

    [Inject] private WriteMemberRemark WriteRemark { get; set; } = default!;

    [Inject] private NameOutstandingMember NameOutstanding { get; set; } = default!;

    [Inject] private WithdrawCommendation Withdraw { get; set; } = default!;

    [Inject] private BusinessCalendar Calendar { get; set; } = default!;

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
        isCommunityStaff = user.IsCommunityStaff;
        var today = Calendar.Today;
        currentQuarter = (today.Year, (today.Month + 2) / 3);
        if ((user.IsStreetStaff || user.IsCommunityStaff) && streetId is { } id)
        {
            var all = (await GetStreets.HandleAsync(id)).Communities.Select(c => new CommunityOption(c.Id, c.Name)).ToList();
            communities = user.IsStreetStaff ? all : [];
            ownCommunityName = user.IsCommunityStaff ? all.FirstOrDefault(c => c.Id == user.CommunityId)?.Name : null;
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
        if (!isLeader)
        {
            (remarks, commendations) = await GetRemarks.ForRegistrationsAsync(result.Items.Where(MayWriteFor).Select(r => r.Id).ToList(), ct);
        }

        return new TableData<RegistrationDto> { Items = result.Items, TotalItems = result.Total };
    }

    /// <summary>The export with the list's filters (the API checks the same scope and masks as the list).</summary>
    private string ExportHref
    {
        get
        {
            var query = new Dictionary<string, string?>
            {
                ["communityId"] = community?.ToString(),
                ["status"] = status is { } s ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s.ToString()) : null,
                ["search"] = string.IsNullOrWhiteSpace(search) ? null : search,
                ["awaiting"] = awaiting ? "true" : null,
            };
            return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/api/v1/streets/{streetId}/member-registrations/export",
                query.Where(p => p.Value is not null));
        }
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
        noteErrors = [];
        remarkQuarter = currentQuarter;
        commendYear = CommendYears.First();
        noteText = what == Action.Remark ? RemarkFor(registration, remarkQuarter)?.Text : null;
        withdrawing = false;
        withdrawReason = null;
    }

    /// <summary>The year's standing commendation (a withdrawn one is history: the member may be named again).</summary>
    private MemberCommendationDto? Standing(RegistrationDto r, int year) => commendations[r.Id].FirstOrDefault(c => c.Year == year && !c.Withdrawn);

    private void OnCommendYear()
    {
        withdrawing = false;
        withdrawReason = null;
        noteErrors = [];
    }

    /// <summary>撤销: the year's commendation is withdrawn with the reason (the handler checks scope and tells the member).</summary>
    private async Task WithdrawAsync()
    {
        if (acting is not { } registration)
        {
            return;
        }

        busy = true;
        var year = commendYear;
        // The commendation shown in the form: if it was withdrawn and the member named again meanwhile, this is refused
        // rather than withdrawing the newer one.
        var seen = Standing(registration, year)?.Id;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => Withdraw.HandleAsync(registration.Id, year, new CommendationWithdrawInput(withdrawReason, seen)),
            "Members.CommendationWithdrawn");
        busy = false;
        noteErrors = refused ?? [];
        if (refused is null)
        {
            acting = null;
            withdrawing = false;
            withdrawReason = null;
            await Reload();
        }
        else if (refused.Count == 0)
        {
            // Refused for what it is (withdrawn meanwhile by someone else): show the year as it now stands.
            withdrawing = false;
            await Reload();
        }
    }

    /// <summary>Remarks and commendations are written for members who are (or were, this or last year) registered; the handler decides for good.</summary>
    private static bool MayWriteFor(RegistrationDto r) => r.Status is RegistrationStatus.Registered or RegistrationStatus.MovedAway;

    private MemberRemarkDto? RemarkFor(RegistrationDto r, (int Year, int Quarter) q) => remarks[r.Id].FirstOrDefault(x => x.Year == q.Year && x.Quarter == q.Quarter);

    /// <summary>This quarter and the three before it (a remark for the quarter just ended is written early in the next).</summary>
    private IEnumerable<(int Year, int Quarter)> RemarkQuarters =>
        Enumerable.Range(0, 4).Select(i =>
        {
            var index = currentQuarter.Year * 4 + currentQuarter.Quarter - 1 - i;
            return (index / 4, index % 4 + 1);
        });

    /// <summary>This year and last (a year's outstanding members are often named early in the next).</summary>
    private IEnumerable<int> CommendYears => [Calendar.Today.Year, Calendar.Today.Year - 1];

    private string? TextError(string field) => noteErrors.GetValueOrDefault(field);

    private string? QuarterError => noteErrors.GetValueOrDefault("quarter") ?? noteErrors.GetValueOrDefault("year");

    private string RemarkHelper(RegistrationDto r) => RemarkFor(r, remarkQuarter) is { } existing
        ? L["Members.RemarkExisting", DateFormat.Date(Calendar.DateOf(existing.WrittenAt))]
        : L["Members.RemarkHelp"];

    /// <summary>A field's refusal goes once the text is changed (it is checked again on saving).</summary>
    private void ClearNoteErrors() => noteErrors = [];

    private void OnRemarkQuarter((int Year, int Quarter) value)
    {
        remarkQuarter = value;
        noteErrors = [];
        noteText = acting is { } r ? RemarkFor(r, value)?.Text : null;
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
        if (action is Action.Remark or Action.Commend)
        {
            var refusedNote = action == Action.Remark
                ? await PageErrors.SubmitAsync(Snackbar, L, () => WriteRemark.HandleAsync(registration.Id, new RemarkInput(remarkQuarter.Year, remarkQuarter.Quarter, noteText)),
                    "Members.RemarkSaved")
                : await PageErrors.SubmitAsync(Snackbar, L, () => NameOutstanding.HandleAsync(registration.Id, new CommendationInput(commendYear, noteText)),
                    "Members.NamedOutstanding");
            busy = false;
            noteErrors = refusedNote ?? [];
            if (refusedNote is null)
            {
                acting = null;
                await Reload();
            }

            return;
        }

        if (action == Action.TemporaryPassword)
        {
            TemporaryPasswordIssued? answer = null;
            if (await PageErrors.TryAsync(Snackbar, L, async () => answer = await IssuePassword.HandleAsync(registration.Id), null))
            {
                issued = answer;
                acting = null;
            }

            busy = false;
            return;
        }

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
