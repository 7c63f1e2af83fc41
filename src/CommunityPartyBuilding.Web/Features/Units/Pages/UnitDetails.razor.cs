using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Units.Pages;

public partial class UnitDetails
{
    private UnitDetail? detail;
    private List<AgreementDto> agreements = [];
    private List<ActivityDto> recentActivities = [];
    private bool canLogActivity;
    private string? loadError;
    private bool withdrawOpen;
    private DateTime? withdrawnOn;
    private string? withdrawReason;
    private Dictionary<string, string> errors = [];
    private string? leaderEmail;
    private string? leaderName;
    private string? leaderTitle;
    private (string Email, string Password)? shownPassword;

    [Parameter]
    public Guid UnitId { get; set; }

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        withdrawnOn = Calendar.Today.ToDateTime(TimeOnly.MinValue);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            detail = await GetUnit.DetailAsync(UnitId);
            agreements = await GetAgreement.ForUnitAsync(UnitId, activeOnly: false);
            recentActivities = await GetRecentActivities.HandleAsync(UnitId, 10);
            canLogActivity = detail.Unit.Status == UnitStatus.Active
                && CurrentUser.Required.MayActForUnit(detail.Unit.StreetId, detail.Unit.CommunityId, UnitId);
            loadError = null;
        }
        catch (PortalException e)
        {
            detail = null;
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private async Task WithdrawAsync()
    {
        errors = [];
        try
        {
            await WithdrawUnit.HandleAsync(UnitId, withdrawnOn is { } d ? DateOnly.FromDateTime(d) : default, withdrawReason);
            Snackbar.Add(L["Units.Withdrawn"], Severity.Success);
            withdrawOpen = false;
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

    private async Task ReinstateAsync()
    {
        if (await PageErrors.TryAsync(Snackbar, L, () => ReinstateUnit.HandleAsync(UnitId), "Units.Reinstated"))
        {
            await LoadAsync();
        }
    }

    private async Task CreateLeaderAsync()
    {
        CreatedUser? created = null;
        var email = leaderEmail ?? "";
        if (await PageErrors.TryAsync(Snackbar, L, async () => created = await CreateUser.HandleAsync(new NewUserInput
            {
                Email = email,
                DisplayName = leaderName ?? "",
                Role = PortalRole.UnitLeader,
                StreetId = detail!.Unit.StreetId,
                UnitId = UnitId,
                JobTitle = leaderTitle,
            }), "Users.Created")
            && created?.TemporaryPassword is { } password)
        {
            shownPassword = (email, password);
            leaderEmail = leaderName = leaderTitle = null;
            await LoadAsync();
        }
    }
}
