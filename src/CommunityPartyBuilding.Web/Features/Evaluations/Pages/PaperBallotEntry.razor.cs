using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Evaluations.Pages;

/// <summary>
/// Staff type in the paper ballots one sheet after another: 1/2/3 per unit, empty for 不了解. The key handling runs in
/// the browser (PaperBallotEntry.razor.js) so that fast typing never waits for the server: a digit fills the row and
/// moves on at once, and the values reach the server as ordinary change events, in order, before the save.
/// </summary>
public partial class PaperBallotEntry
{
    private CampaignDetail? campaign;
    private BallotForm? form;
    private string? loadError;
    private string? serial;
    private string? serialError;
    private string? saveError;
    private bool saving;
    private int entered;
    private Dictionary<Guid, string> ratings = [];
    private ElementReference grid;
    private ElementReference serialInput;
    private IJSObjectReference? module;
    private bool attached;
    private bool focusSerial;

    [Parameter]
    public Guid Id { get; set; }

    private IEnumerable<IGrouping<UnitCategory, (BallotUnit Unit, int Index)>> Groups =>
        form!.Units.Select((u, i) => (u, i)).GroupBy(x => x.u.Category);

    protected override async Task OnParametersSetAsync()
    {
        attached = false;
        try
        {
            campaign = await GetCampaign.HandleAsync(Id);
            if (!campaign.CanManage)
            {
                throw new PortalForbiddenException("Error.ReadOnly");
            }

            if (!CampaignRules.PaperBallotsAccepted(campaign.Status))
            {
                throw new PortalConflictException("Ballots.PaperNotAccepted");
            }

            form = await EnterPaperBallot.FormAsync(Id);
            ratings = form.Units.ToDictionary(u => u.UnitId, _ => "");
            loadError = null;
            focusSerial = true;
        }
        catch (PortalException e)
        {
            form = null;
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (form is null)
        {
            return;
        }

        if (!attached)
        {
            module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Evaluations/Pages/PaperBallotEntry.razor.js");
            await module.InvokeVoidAsync("attach", grid);
            attached = true;
        }

        if (focusSerial)
        {
            focusSerial = false;
            await module!.InvokeVoidAsync("focusAndSelect", serialInput);
        }
    }

    private string Meaning(string value) => value switch
    {
        "1" => L["Rating.Satisfied"],
        "2" => L["Rating.BasicallySatisfied"],
        "3" => L["Rating.Dissatisfied"],
        _ => "",
    };

    /// <summary>Only 1, 2, 3 or nothing is kept; anything else (typed without the script, pasted) is dropped.</summary>
    private void SetRating(Guid unitId, string? value)
    {
        var v = (value ?? "").Trim();
        ratings[unitId] = v is "1" or "2" or "3" ? v : "";
    }

    private static Rating? ToRating(string value) => value switch
    {
        "1" => Rating.Satisfied,
        "2" => Rating.BasicallySatisfied,
        "3" => Rating.Dissatisfied,
        _ => null,
    };

    private async Task SaveAsync()
    {
        if (saving || form is null)
        {
            return;
        }

        saving = true;
        saveError = null;
        serialError = null;
        try
        {
            var input = new PaperBallotInput(serial, ratings.Select(r => new RatingInput(r.Key, ToRating(r.Value), null)).ToList());
            await EnterPaperBallot.HandleAsync(Id, input);
            entered++;
            Snackbar.Add(string.IsNullOrWhiteSpace(serial) ? L["Paper.Saved", entered] : L["Paper.SavedNumbered", serial.Trim(), entered], Severity.Success);
            serial = NextSerial(serial);
            ClearRatings();
            campaign = await GetCampaign.HandleAsync(Id);
            focusSerial = true;
        }
        catch (PortalException e)
        {
            // Nothing is cleared: the sheet can be corrected and saved again.
            saveError = ProblemResponses.Localize(e, L);
            if ((e is PortalValidationException v && v.Failures.Any(f => f.Field == "serial")) || e.MessageKey == "Ballots.PaperSerialTaken")
            {
                serialError = saveError;
                focusSerial = true;
            }
        }
        finally
        {
            saving = false;
        }
    }

    private void Clear()
    {
        ClearRatings();
        saveError = null;
        serialError = null;
        focusSerial = true;
    }

    private void ClearRatings()
    {
        foreach (var key in ratings.Keys.ToList())
        {
            ratings[key] = "";
        }
    }

    /// <summary>Sheets are usually numbered in sequence: Z017 is followed by Z018 (shown selected, so typing replaces it).</summary>
    internal static string? NextSerial(string? serial)
    {
        if (string.IsNullOrWhiteSpace(serial))
        {
            return null;
        }

        var s = serial.Trim();
        var digits = s.Length - s.AsSpan().TrimEnd("0123456789").Length;
        if (digits == 0 || digits > 9)
        {
            return null;
        }

        var prefix = s[..^digits];
        var next = long.Parse(s[^digits..], System.Globalization.CultureInfo.InvariantCulture) + 1;
        return prefix + next.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; nothing to release.
            }
        }

        GC.SuppressFinalize(this);
    }
}
