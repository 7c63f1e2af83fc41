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

    /// <summary>
    /// Tells the person what is wrong with the code they typed (length, character, check character) each time they leave
    /// the field with a new value. It is the field's own validation: an error set from outside through <c>Error</c> was
    /// cleared by the field's validation and not set again for the next wrong code (issue 15, item 13). A refusal from
    /// saving (a code another unit of the street has) still shows through <c>Error</c>.
    /// </summary>
    private string? CheckCreditCode(string? value) =>
        !string.IsNullOrWhiteSpace(value) && CreditCode.Check(value).ToFailure("CreditCode") is { } failure
            ? ProblemResponses.Localize(failure, L)
            : null;

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
    }
}
