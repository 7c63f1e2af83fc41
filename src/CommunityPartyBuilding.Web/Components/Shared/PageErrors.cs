using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Components.Shared;

/// <summary>How interactive pages show a handler's refusal: a snackbar with the localised message, never a stack trace.</summary>
public static class PageErrors
{
    public static async Task<bool> TryAsync(ISnackbar snackbar, IStringLocalizer<SharedResource> localizer, Func<Task> action, string? successKey = null)
    {
        try
        {
            await action();
            if (successKey is not null)
            {
                snackbar.Add(localizer[successKey], Severity.Success);
            }

            return true;
        }
        catch (PortalException e)
        {
            snackbar.Add(ProblemResponses.Localize(e, localizer), e is PortalConflictException ? Severity.Warning : Severity.Error);
            return false;
        }
    }

    /// <summary>
    /// Runs a form's save: on success shows <paramref name="successKey"/> and returns null; a validation refusal
    /// returns its per-field messages (and says to fix them); any other refusal is shown and returns no field errors.
    /// </summary>
    public static async Task<Dictionary<string, string>?> SubmitAsync(ISnackbar snackbar, IStringLocalizer<SharedResource> localizer, Func<Task> action, string? successKey = "Common.Saved")
    {
        try
        {
            await action();
            if (successKey is not null)
            {
                snackbar.Add(localizer[successKey], Severity.Success);
            }

            return null;
        }
        catch (PortalValidationException e)
        {
            snackbar.Add(localizer["Common.FixErrors"], Severity.Error);
            return FieldErrors(e, localizer);
        }
        catch (PortalException e)
        {
            snackbar.Add(ProblemResponses.Localize(e, localizer), e is PortalConflictException ? Severity.Warning : Severity.Error);
            return [];
        }
    }

    /// <summary>Per-field messages of a validation failure, keyed by the handler's field name.</summary>
    public static Dictionary<string, string> FieldErrors(PortalValidationException e, IStringLocalizer<SharedResource> localizer) =>
        e.Failures.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => string.Join("；", g.Select(f => ProblemResponses.Localize(f, localizer))));
}
