using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Units.Pages;

public partial class CommitteeMembersPanel
{
    private CommitteeComposition? composition;
    private List<UnitOption> unitOptions = [];
    private string? personName;
    private Guid? unitId;
    private CommitteePosition position = CommitteePosition.PartTimeMember;
    private DateTime? termStart;
    private DateTime? termEnd;
    private Dictionary<string, string> errors = [];

    [Parameter, EditorRequired]
    public Guid StreetId { get; set; }

    [Parameter]
    public bool CanEdit { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        if (CanEdit)
        {
            unitOptions = await GetUnits.OptionsAsync(StreetId);
        }

        termStart ??= new DateTime(composition?.Today.Year ?? DateTime.Today.Year, 1, 1);
        termEnd ??= termStart.Value.AddYears(5).AddDays(-1);
    }

    private bool IsCurrent(CommitteeMemberDto m) => composition is not null && m.TermStart <= composition.Today && m.TermEnd >= composition.Today;

    private async Task LoadAsync() => composition = await GetMembers.HandleAsync(StreetId);

    private async Task AddAsync()
    {
        errors = [];
        try
        {
            await SaveMember.HandleAsync(StreetId, null, new CommitteeMemberInput(
                personName ?? "", unitId, position,
                termStart is { } s ? DateOnly.FromDateTime(s) : default,
                termEnd is { } e ? DateOnly.FromDateTime(e) : default), null);
            Snackbar.Add(L["Common.Saved"], Severity.Success);
            personName = null;
            unitId = null;
            await LoadAsync();
        }
        catch (PortalValidationException e)
        {
            errors = PageErrors.FieldErrors(e, L);
            Snackbar.Add(L["Common.FixErrors"], Severity.Error);
        }
        catch (PortalException e)
        {
            Snackbar.Add(ProblemResponses.Localize(e, L), Severity.Warning);
        }
    }

    private async Task RemoveAsync(CommitteeMemberDto member)
    {
        if (await PageErrors.TryAsync(Snackbar, L, () => RemoveMember.HandleAsync(StreetId, member.Id), "Common.Removed"))
        {
            await LoadAsync();
        }
    }
}
