using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Agreements.Pages;

public partial class AgreementDetails
{
    private AgreementDto? agreement;
    private string? streetName;
    private string? loadError;
    private bool isStaff;
    private bool busy;
    private bool terminateOpen;
    private DateTime? terminatedOn;
    private string? terminateReason;
    private string? scanError;
    private List<string> refusals = [];
    private Dictionary<string, string> errors = [];

    [Parameter]
    public Guid AgreementId { get; set; }

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        terminatedOn = Calendar.Today.ToDateTime(TimeOnly.MinValue);
        await LoadAsync();
        if (agreement is not null)
        {
            try
            {
                streetName = (await GetStreets.HandleAsync(agreement.StreetId)).Name;
            }
            catch (PortalException)
            {
                streetName = null;
            }
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            agreement = await GetAgreement.HandleAsync(AgreementId);
            isStaff = CurrentUser.Required.MayManageStreet(agreement.StreetId);
            loadError = null;
        }
        catch (PortalException e)
        {
            agreement = null;
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private async Task ActivateAsync()
    {
        busy = true;
        refusals = [];
        try
        {
            await ActivateAgreement.HandleAsync(AgreementId);
            Snackbar.Add(L["Agreements.Activated"], Severity.Success);
            await LoadAsync();
        }
        catch (PortalValidationException e)
        {
            refusals = e.Failures.Select(f => ProblemResponses.Localize(f, L)).ToList();
        }
        catch (PortalException e)
        {
            refusals = [ProblemResponses.Localize(e, L)];
        }
        finally
        {
            busy = false;
        }
    }

    private async Task TerminateAsync()
    {
        busy = true;
        errors = [];
        refusals = [];
        try
        {
            await TerminateAgreement.HandleAsync(AgreementId, terminatedOn is { } d ? DateOnly.FromDateTime(d) : default, terminateReason);
            Snackbar.Add(L["Agreements.Terminated"], Severity.Success);
            terminateOpen = false;
            await LoadAsync();
        }
        catch (PortalValidationException e)
        {
            errors = PageErrors.FieldErrors(e, L);
            if (errors.Remove("Status", out var status))
            {
                refusals = [status];
            }
        }
        catch (PortalException e)
        {
            refusals = [ProblemResponses.Localize(e, L)];
        }
        finally
        {
            busy = false;
        }
    }

    private async Task UploadScanAsync(IBrowserFile? file)
    {
        scanError = null;
        if (file is null)
        {
            return;
        }

        if (file.Size > UploadAgreementScan.MaxBytes)
        {
            scanError = L["Upload.ScanTooLarge", 10];
            return;
        }

        busy = true;
        try
        {
            await using var stream = file.OpenReadStream(UploadAgreementScan.MaxBytes);
            await UploadScan.HandleAsync(AgreementId, file.Name, stream, file.Size);
            Snackbar.Add(L["Agreements.ScanUploaded"], Severity.Success);
            await LoadAsync();
        }
        catch (PortalException e)
        {
            scanError = ProblemResponses.Localize(e, L);
        }
        catch (IOException)
        {
            scanError = L["Agreements.ReadFailed"];
        }
        finally
        {
            busy = false;
        }
    }
}
