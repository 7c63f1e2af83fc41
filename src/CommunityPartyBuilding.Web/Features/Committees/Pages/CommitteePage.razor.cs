using System.Globalization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Committees.Pages;

public partial class CommitteePage
{
    private CommitteeDto? committee;
    private bool notFound;
    private bool editing;
    private bool saving;
    private MudForm? form;
    private EditModel model = new();
    private Dictionary<string, string> errors = [];
    private List<BreadcrumbItem> breadcrumbs = [];

    [Parameter]
    public Guid StreetId { get; set; }

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            committee = await GetCommittee.HandleAsync(StreetId);
            notFound = false;
            breadcrumbs =
            [
                new(L["Nav.Home"], "/"),
                new(committee.StreetName, null, disabled: true),
                new(L["Committee.Title"], null, disabled: true),
            ];
        }
        catch (PortalException)
        {
            notFound = true;
        }
    }

    private void StartEdit()
    {
        if (committee is null)
        {
            return;
        }

        model = new EditModel
        {
            Name = committee.Name,
            Secretary = committee.Secretary,
            EstablishedOn = committee.EstablishedOn?.ToDateTime(TimeOnly.MinValue),
            DeliberationRules = committee.DeliberationRules,
            QuorumFraction = committee.QuorumFraction,
            MinimumJointMeetingsPerQuarter = committee.MinimumJointMeetingsPerQuarter,
            AnnualActivityTarget = committee.AnnualActivityTarget,
            MemberYearlyHours = committee.MemberYearlyHours,
            MemberTargetRatePercent = committee.MemberTargetRate * 100m,
            Version = committee.Version,
        };
        errors = [];
        editing = true;
    }

    private void CancelEdit()
    {
        editing = false;
        errors = [];
    }

    private async Task SaveAsync()
    {
        saving = true;
        errors = [];
        try
        {
            await UpdateCommittee.HandleAsync(StreetId, new CommitteeProfile
            {
                Name = model.Name ?? "",
                Secretary = model.Secretary,
                EstablishedOn = model.EstablishedOn is { } d ? DateOnly.FromDateTime(d) : null,
                DeliberationRules = model.DeliberationRules,
                QuorumFraction = model.QuorumFraction,
                MinimumJointMeetingsPerQuarter = model.MinimumJointMeetingsPerQuarter,
                AnnualActivityTarget = model.AnnualActivityTarget,
                MemberYearlyHours = model.MemberYearlyHours,
                MemberTargetRate = model.MemberTargetRatePercent / 100m,
            }, model.Version);
            Snackbar.Add(L["Common.Saved"], Severity.Success);
            editing = false;
            await LoadAsync();
        }
        catch (PortalValidationException e)
        {
            errors = PageErrors.FieldErrors(e, L);
            Snackbar.Add(L["Common.FixErrors"], Severity.Error);
        }
        catch (PortalException e)
        {
            // A concurrent edit: keep the person's input on screen, tell them to reload.
            Snackbar.Add(ProblemResponses.Localize(e, L), Severity.Warning, options =>
            {
                options.Action = L["Common.Reload"];
                options.OnClick = async _ =>
                {
                    editing = false;
                    await LoadAsync();
                    StateHasChanged();
                };
            });
        }
        finally
        {
            saving = false;
        }
    }

    private bool HasError(string field) => errors.ContainsKey(field);

    private string? ErrorFor(string field) => errors.GetValueOrDefault(field);

    private string RequiredError(string fieldKey) => string.Format(CultureInfo.CurrentCulture, L["Validation.Required"], L[fieldKey]);

    private string QuorumText(decimal fraction) =>
        string.Format(CultureInfo.CurrentCulture, L["Committee.QuorumText"], (fraction * 100).ToString("0.##", CultureInfo.CurrentCulture));

    private sealed class EditModel
    {
        public string? Name { get; set; }

        public string? Secretary { get; set; }

        public DateTime? EstablishedOn { get; set; }

        public string? DeliberationRules { get; set; }

        public decimal QuorumFraction { get; set; }

        public int MinimumJointMeetingsPerQuarter { get; set; }

        public int AnnualActivityTarget { get; set; }

        public int MemberYearlyHours { get; set; }

        /// <summary>The target rate as the page shows it, in per cent (50 for 0.5).</summary>
        public decimal MemberTargetRatePercent { get; set; }

        public uint Version { get; set; }
    }
}
