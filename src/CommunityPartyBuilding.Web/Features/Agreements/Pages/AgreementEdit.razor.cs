using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Agreements.Pages;

public partial class AgreementEdit
{
    private StreetDto? street;
    private List<UnitOption> units = [];
    private string? loadError;
    private bool saving;
    private bool unitLocked;
    private uint? version;
    private EditModel model = new();
    private Dictionary<string, string> errors = [];
    private List<BreadcrumbItem> breadcrumbs = [];

    [Parameter]
    public Guid? StreetId { get; set; }

    [Parameter]
    public Guid? AgreementId { get; set; }

    private string Title => AgreementId is null ? L["Agreements.New"] : L["Agreements.Edit"];

    private string BackHref => AgreementId is { } id ? $"/agreements/{id}" : $"/streets/{street?.Id}/agreements";

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            Guid streetId;
            if (AgreementId is { } agreementId)
            {
                var agreement = await GetAgreement.HandleAsync(agreementId);
                if (!agreement.CanEdit)
                {
                    loadError = L["Agreement.ClosedIsReadOnly", L["AgreementStatus." + agreement.Status]];
                    return;
                }

                streetId = agreement.StreetId;
                version = agreement.Version;
                unitLocked = agreement.Status == AgreementStatus.Active;
                model = new EditModel
                {
                    Title = agreement.Title,
                    UnitId = agreement.UnitId,
                    UnitName = agreement.UnitName,
                    CommunityId = agreement.CommunityId,
                    SignedOn = agreement.SignedOn?.ToDateTime(TimeOnly.MinValue),
                    ValidFrom = agreement.ValidFrom.ToDateTime(TimeOnly.MinValue),
                    ValidTo = agreement.ValidTo.ToDateTime(TimeOnly.MinValue),
                    Commitments = agreement.Commitments.Select(c => new CommitmentRow
                    {
                        Id = c.Id,
                        Category = c.Category,
                        ContributionType = c.ContributionType,
                        Description = c.Description,
                        Measure = c.Measure,
                        Target = c.Target,
                    }).ToList(),
                };
            }
            else
            {
                streetId = StreetId!.Value;
                var today = Calendar.Today;
                var from = new DateOnly(today.Year, 1, 1);
                model = new EditModel
                {
                    ValidFrom = from.ToDateTime(TimeOnly.MinValue),
                    ValidTo = new DateOnly(today.Year, 12, 31).ToDateTime(TimeOnly.MinValue),
                    Commitments = [new CommitmentRow()],
                };
            }

            street = await GetStreets.HandleAsync(streetId);
            units = await GetUnits.OptionsAsync(streetId);
            if (model.UnitId is { } current && units.All(u => u.Id != current))
            {
                units.Insert(0, new UnitOption(current, model.UnitName ?? "", default));
            }

            breadcrumbs =
            [
                new(L["Nav.Home"], "/"),
                new(L["Agreements.Title"], $"/streets/{streetId}/agreements"),
                new(Title, null, disabled: true),
            ];
        }
        catch (PortalException e)
        {
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private void AddCommitment() => model.Commitments.Add(new CommitmentRow());

    private async Task SaveAsync()
    {
        saving = true;
        Guid id = default;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, async () =>
        {
            var input = new AgreementInput
            {
                Title = model.Title ?? "",
                UnitId = model.UnitId ?? Guid.Empty,
                CommunityId = model.CommunityId,
                SignedOn = model.SignedOn is { } s ? DateOnly.FromDateTime(s) : null,
                ValidFrom = model.ValidFrom is { } f ? DateOnly.FromDateTime(f) : default,
                ValidTo = model.ValidTo is { } t ? DateOnly.FromDateTime(t) : default,
                Commitments = model.Commitments.Select(c => new CommitmentInput(c.Category, c.ContributionType, c.Description, c.Measure, c.Target, c.Id)).ToList(),
            };
            id = await SaveAgreement.HandleAsync(street!.Id, AgreementId, input, version);
        });
        saving = false;
        errors = refused ?? [];
        if (refused is null)
        {
            Navigation.NavigateTo($"/agreements/{id}");
        }
    }

    private bool Has(string field) => errors.ContainsKey(field);

    private string? ErrorFor(string field) => errors.GetValueOrDefault(field);

    private sealed class EditModel
    {
        public string? Title { get; set; }

        public Guid? UnitId { get; set; }

        public string? UnitName { get; set; }

        public Guid? CommunityId { get; set; }

        public DateTime? SignedOn { get; set; }

        public DateTime? ValidFrom { get; set; }

        public DateTime? ValidTo { get; set; }

        public List<CommitmentRow> Commitments { get; set; } = [];
    }

    private sealed class CommitmentRow
    {
        /// <summary>The stored commitment's id (null for a new row), so that saving keeps it and the activities that count towards it.</summary>
        public Guid? Id { get; init; }

        public ServiceCategory Category { get; set; } = ServiceCategory.ConvenienceService;

        public ContributionType ContributionType { get; set; } = ContributionType.Personnel;

        public string? Description { get; set; }

        public CommitmentMeasure Measure { get; set; } = CommitmentMeasure.Activities;

        public decimal Target { get; set; } = 4;
    }
}
