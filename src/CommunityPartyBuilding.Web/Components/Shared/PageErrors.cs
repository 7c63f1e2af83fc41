using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Components.Shared;

/// <summary>What a form says in its snackbar when a save is refused for its fields (the fields show their own messages).</summary>
public enum ValidationNotice
{
    /// <summary>"Please correct the marked fields" (Common.FixErrors).</summary>
    FixErrors,

    /// <summary>The refusal's own message, for forms whose refusal is not about one field (quorum, votes).</summary>
    Message,

    /// <summary>Nothing beyond the field messages.</summary>
    None,
}

/// <summary>
/// The one way interactive pages show a handler's refusal: a snackbar with the localised message (and per-field messages
/// for forms), never a stack trace. A page that went away (its cancellation token cancelled) is told nothing.
/// </summary>
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
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs a form's save: on success shows <paramref name="successKey"/> and returns null; a validation refusal
    /// returns its per-field messages (and says to fix them); any other refusal is shown and returns no field errors.
    /// </summary>
    public static async Task<Dictionary<string, string>?> SubmitAsync(ISnackbar snackbar, IStringLocalizer<SharedResource> localizer, Func<Task> action,
        string? successKey = "Common.Saved", ValidationNotice notice = ValidationNotice.FixErrors)
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
            var text = notice switch
            {
                ValidationNotice.FixErrors => localizer["Common.FixErrors"].Value,
                ValidationNotice.Message => ProblemResponses.Localize(e, localizer),
                _ => null,
            };
            if (text is not null)
            {
                snackbar.Add(text, Severity.Error);
            }

            return FieldErrors(e, localizer);
        }
        catch (PortalException e)
        {
            snackbar.Add(ProblemResponses.Localize(e, localizer), e is PortalConflictException ? Severity.Warning : Severity.Error);
            return [];
        }
        catch (OperationCanceledException)
        {
            return [];
        }
    }

    /// <summary>Per-field messages of a validation failure, keyed by the handler's field name.</summary>
    public static Dictionary<string, string> FieldErrors(PortalValidationException e, IStringLocalizer<SharedResource> localizer) =>
        e.Failures.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => string.Join("；", g.Select(f => ProblemResponses.Localize(f, localizer))));
}
