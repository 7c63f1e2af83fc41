using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Units.Pages;

public partial class UnitEdit
{
    private StreetDto? street;
    private string? loadError;
    private bool saving;
    private uint? version;
    private EditModel model = new();
    private Dictionary<string, string> errors = [];
    private List<BreadcrumbItem> breadcrumbs = [];

    [Parameter]
    public Guid? StreetId { get; set; }

    [Parameter]
    public Guid? UnitId { get; set; }

    private string Title => UnitId is null ? L["Units.New"] : L["Units.Edit"];

    private string BackHref => UnitId is { } id ? $"/units/{id}" : $"/streets/{street?.Id}/units";

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            Guid streetId;
            if (UnitId is { } unitId)
            {
                var unit = await GetUnit.HandleAsync(unitId);
                streetId = unit.StreetId;
                version = unit.Version;
                model = new EditModel
                {
                    Name = unit.Name,
                    CreditCode = unit.CreditCode,
                    Category = unit.Category,
                    PartyOrganisationName = unit.PartyOrganisationName,
                    PartyOrganisationType = unit.PartyOrganisationType,
                    PartyMemberCount = unit.PartyMemberCount,
                    Address = unit.Address,
                    CommunityId = unit.CommunityId,
                    ContactPerson = unit.ContactPerson,
                    ContactPhone = unit.ContactPhone,
                    JoinedOn = unit.JoinedOn.ToDateTime(TimeOnly.MinValue),
                    Resources = unit.Resources,
                    ResourceNotes = unit.ResourceNotes,
                };
            }
            else
            {
                streetId = StreetId!.Value;
                model = new EditModel { JoinedOn = DateTime.Today, Category = UnitCategory.PrivateEnterprise, PartyOrganisationType = PartyOrganisationType.Branch };
            }

            street = await GetStreets.HandleAsync(streetId);
            breadcrumbs =
            [
                new(L["Nav.Home"], "/"),
                new(L["Units.Title"], $"/streets/{streetId}/units"),
                new(Title, null, disabled: true),
            ];
        }
        catch (PortalException e)
        {
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    /// <summary>Tells the person at once what is wrong with the code they typed (length, character, check character).</summary>
    private void CheckCreditCode()
    {
        errors.Remove("CreditCode");
        if (!string.IsNullOrWhiteSpace(model.CreditCode) && CreditCode.Check(model.CreditCode).ToFailure("CreditCode") is { } failure)
        {
            errors["CreditCode"] = ProblemResponses.Localize(failure, L);
        }
    }

    private async Task SaveAsync()
    {
        saving = true;
        Guid id = default;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, async () =>
        {
            var input = new UnitInput
            {
                Name = model.Name ?? "",
                CreditCode = model.CreditCode ?? "",
                Category = model.Category,
                PartyOrganisationName = model.PartyOrganisationName ?? "",
                PartyOrganisationType = model.PartyOrganisationType,
                PartyMemberCount = model.PartyMemberCount,
                Address = model.Address,
                CommunityId = model.CommunityId,
                ContactPerson = model.ContactPerson ?? "",
                ContactPhone = model.ContactPhone ?? "",
                JoinedOn = model.JoinedOn is { } d ? DateOnly.FromDateTime(d) : default,
                Resources = model.Resources,
                ResourceNotes = model.ResourceNotes,
            };
            id = await SaveUnit.HandleAsync(street!.Id, UnitId, input, version);
        });
        saving = false;
        errors = refused ?? [];
        if (refused is null)
        {
            Navigation.NavigateTo($"/units/{id}");
        }
    }

    private bool Has(string field) => errors.ContainsKey(field);

    private string? ErrorFor(string field) => errors.GetValueOrDefault(field);

    private sealed class EditModel
    {
        public string? Name { get; set; }

        public string? CreditCode { get; set; }

        public UnitCategory Category { get; set; }

        public string? PartyOrganisationName { get; set; }

        public PartyOrganisationType PartyOrganisationType { get; set; }

        public int PartyMemberCount { get; set; }

        public string? Address { get; set; }

        public Guid? CommunityId { get; set; }

        public string? ContactPerson { get; set; }

        public string? ContactPhone { get; set; }

        public DateTime? JoinedOn { get; set; }

        public UnitResources Resources { get; set; }

        public string? ResourceNotes { get; set; }
    }
}
