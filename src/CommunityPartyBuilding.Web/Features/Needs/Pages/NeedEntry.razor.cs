using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Needs.Pages;

/// <summary>
/// Staff enter a need for a resident who came in or phoned (published at once); the tracking code is shown this once so
/// that it can be given to the resident.
/// </summary>
public partial class NeedEntry
{
    private StreetDto? street;
    private bool notFound;
    private List<CommunityDto> communities = [];
    private NeedForm form = new();
    private Dictionary<string, string> errors = [];
    private NeedSubmitted? entered;
    private bool busy;

    [Parameter]
    public Guid StreetId { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            street = await GetStreets.HandleAsync(StreetId);
            var user = CurrentUser.Required;
            communities = street.Communities.Where(c => user.MayManageCommunity(StreetId, c.Id)).ToList();
            StartAnother();
        }
        catch (PortalException)
        {
            notFound = true;
        }
    }

    private void StartAnother()
    {
        entered = null;
        errors = [];
        form = new NeedForm { CommunityId = communities.Count == 1 ? communities[0].Id : null, Kind = NeedKind.Wish };
    }

    private async Task SaveAsync()
    {
        if (form.CommunityId is not { } communityId)
        {
            errors = new() { ["CommunityId"] = L["Validation.Choose", L["Field.Need.Community"]] };
            return;
        }

        busy = true;
        NeedSubmitted? result = null;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, async () => result = await Enter.HandleAsync(communityId, new NeedInput
        {
            CommunityId = communityId,
            Kind = form.Kind,
            Category = form.Category,
            Title = form.Title ?? "",
            Description = form.Description,
            ContactName = form.ContactName ?? "",
            ContactPhone = form.ContactPhone ?? "",
            WantedBy = form.WantedBy is { } d ? DateOnly.FromDateTime(d) : null,
        }), "Needs.EnteredSaved");
        busy = false;
        if (refused is null)
        {
            entered = result;
        }
        else
        {
            errors = refused;
        }
    }

    private sealed class NeedForm
    {
        public Guid? CommunityId { get; set; }

        public NeedKind? Kind { get; set; }

        public ServiceCategory? Category { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        public string? ContactName { get; set; }

        public string? ContactPhone { get; set; }

        public DateTime? WantedBy { get; set; }
    }
}
