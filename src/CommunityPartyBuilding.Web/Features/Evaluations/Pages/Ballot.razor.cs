using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Diagnostics;

namespace CommunityPartyBuilding.Web.Features.Evaluations.Pages;

/// <summary>
/// The residents' ballot (评议票): static server rendering, a plain HTML form that works with JavaScript off.
/// GET /ballot?code=… checks the code and shows the units; the POST casts the ballot once.
/// </summary>
public sealed partial class Ballot
{
    private static readonly Rating[] Ratings = [Rating.Satisfied, Rating.BasicallySatisfied, Rating.Dissatisfied];

    private BallotForm? form;
    private string? error;
    private readonly HashSet<Guid> unitErrors = [];
    private IFormCollection? posted;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "code")]
    private string? Code { get; set; }

    [Inject]
    private CastBallot Cast { get; set; } = default!;

    [Inject]
    private BusinessCalendar Calendar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (HttpMethods.IsPost(HttpContext.Request.Method) && HttpContext.Request.HasFormContentType)
        {
            posted = HttpContext.Request.Form;
            Code = posted["code"].ToString();

            // The form must be on the page for Blazor to dispatch the submission to it; refusals come from the submission itself.
            await LoadFormAsync(keepError: true);
            return;
        }

        if (!string.IsNullOrWhiteSpace(Code))
        {
            await LoadFormAsync();
        }
    }

    private async Task SubmitAsync()
    {
        var ratings = new List<RatingInput>();
        foreach (var key in posted?.Keys ?? [])
        {
            if (key.StartsWith("r_", StringComparison.Ordinal) && Guid.TryParse(key[2..], out var unitId))
            {
                var value = posted![key].ToString();
                var comment = posted[$"c_{unitId}"].ToString();
                Rating? rating = Enum.TryParse<Rating>(value, out var r) && Enum.IsDefined(r) ? r : null;
                if (rating is not null || !string.IsNullOrWhiteSpace(comment))
                {
                    ratings.Add(new RatingInput(unitId, rating, comment));
                }
            }
        }

        try
        {
            await Cast.HandleAsync(Code, ratings, EvaluationApi.ClientKey(HttpContext));
        }
        catch (PortalException e)
        {
            ShowError(e);
            form = null;
            if (e is PortalValidationException v)
            {
                foreach (var failure in v.Failures)
                {
                    if (failure.Field.StartsWith("ratings[", StringComparison.Ordinal) && Guid.TryParse(failure.Field[8..^1], out var unit))
                    {
                        unitErrors.Add(unit);
                    }
                }

                // Show the ballot again with what was entered, unless the code itself is the problem.
                if (v.Failures.All(f => f.Field != "code"))
                {
                    await LoadFormAsync(keepError: true);
                }
            }

            return;
        }

        form = null;
        Navigation.NavigateTo("/ballot/thanks");
    }

    private async Task LoadFormAsync(bool keepError = false)
    {
        try
        {
            form = await Cast.OpenAsync(Code, EvaluationApi.ClientKey(HttpContext));
        }
        catch (PortalException e) when (!keepError)
        {
            ShowError(e);
        }
        catch (PortalException)
        {
            form = null;
        }
    }

    private void ShowError(PortalException e)
    {
        error = ProblemResponses.Localize(e, L);

        // This page explains the refusal itself: keep its body instead of the generic not-found page.
        if (HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        if (e is PortalRateLimitedException limited)
        {
            ProblemResponses.SetRetryAfter(HttpContext.Response, limited.RetryAfter);
        }

        HttpContext.Response.StatusCode = e switch
        {
            // Not 404: Blazor's static rendering drops the body of a 404 (it is reserved for its not-found page).
            PortalNotFoundException => StatusCodes.Status400BadRequest,
            PortalConflictException => StatusCodes.Status409Conflict,
            PortalRateLimitedException => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
    }

    private string? Chosen(Guid unitId)
    {
        var value = posted?[$"r_{unitId}"].ToString();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private string? CommentOf(Guid unitId) => posted?[$"c_{unitId}"].ToString();
}
