using System.Globalization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Needs.Pages;

/// <summary>
/// The resident's tracking page (查询办理进展): static server rendering. /public/needs asks for the code (a GET form);
/// /public/needs/{code} shows the need's progress without any contact, and once it is done, the one rating (rule 6).
/// </summary>
public sealed partial class PublicNeedTrack
{
    private static readonly Rating[] Ratings = [Rating.Satisfied, Rating.BasicallySatisfied, Rating.Dissatisfied];

    private static readonly NeedStatus[] Steps = [NeedStatus.Submitted, NeedStatus.Published, NeedStatus.Claimed, NeedStatus.Done, NeedStatus.Rated];

    private PublicNeedStatus? need;
    private IFormCollection? posted;
    private string? error;
    private string? ratingError;
    private bool justRated;

    /// <summary>The code in the address, as the resident got it (ABCDE-FGHJK) or typed it.</summary>
    [Parameter]
    public string? Code { get; set; }

    /// <summary>The GET form's field: /public/needs?code=abcde fghjk leads to /public/needs/ABCDE-FGHJK.</summary>
    [SupplyParameterFromQuery(Name = "code")]
    private string? QueryCode { get; set; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private TrackNeed Track { get; set; } = default!;

    [Inject]
    private BusinessCalendar Calendar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string Client => EvaluationApi.ClientKey(HttpContext);

    protected override async Task OnInitializedAsync()
    {
        PublicPageRefusal.NoStore(HttpContext);
        if (Code is null)
        {
            if (!string.IsNullOrWhiteSpace(QueryCode))
            {
                if (NeedRules.NormaliseTrackingCode(QueryCode) is { } normalised)
                {
                    Navigation.NavigateTo($"/public/needs/{NeedRules.FormatTrackingCode(normalised)}");
                    return;
                }

                // Not even shaped like a code: the handler refuses it (and counts it, as a wrong code).
                await LoadAsync(QueryCode);
            }

            return;
        }

        if (HttpMethods.IsPost(HttpContext.Request.Method) && HttpContext.Request.HasFormContentType)
        {
            posted = HttpContext.Request.Form;
        }

        await LoadAsync(Code);
    }

    private async Task LoadAsync(string code)
    {
        try
        {
            need = await Track.HandleAsync(code, Client, HttpContext.RequestAborted);
        }
        catch (PortalException e)
        {
            need = null;
            error = ProblemResponses.Localize(e, L);
            PublicPageRefusal.Apply(HttpContext, e);
        }
    }

    private async Task RateAsync()
    {
        if (need is null || Code is null)
        {
            // The code was refused when the page loaded; that message stands.
            return;
        }

        var input = new NeedRatingInput
        {
            Rating = posted?["rating"].ToString() is { Length: > 0 } value && Enum.GetNames<Rating>().Contains(value, StringComparer.Ordinal) ? Enum.Parse<Rating>(value) : null,
            Comment = posted?["comment"].ToString(),
        };
        try
        {
            await Track.RateAsync(Code, input, Client, HttpContext.RequestAborted);
        }
        catch (PortalException e)
        {
            ratingError = ProblemResponses.Localize(e, L);
            PublicPageRefusal.Apply(HttpContext, e);
            return;
        }

        justRated = true;
        await LoadAsync(Code);
    }

    /// <summary>How far along the usual path the need is: the index in <see cref="Steps"/>, or -1 for rejected or withdrawn.</summary>
    private static int Reached(NeedStatus status) => Array.IndexOf(Steps, status);

    private DateTimeOffset? StepTime(NeedStatus step) => step switch
    {
        NeedStatus.Submitted => need!.SubmittedAt,
        NeedStatus.Claimed => need!.ClaimedAt,
        NeedStatus.Done => need!.CompletedAt,
        NeedStatus.Rated => need!.RatedAt,
        _ => null,
    };

    private string Date(DateTimeOffset? instant) => instant is { } at ? DateFormat.Date(Calendar.DateOf(at)) : "";

    /// <summary>Under a step, where a phone has a fifth of its width: 12月6日 in this year, the full date otherwise.</summary>
    private string StepDate(DateTimeOffset? instant)
    {
        if (instant is not { } at)
        {
            return "";
        }

        var date = Calendar.DateOf(at);
        if (date.Year != Calendar.Today.Year)
        {
            return DateFormat.Date(date);
        }

        return CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal)
            ? $"{date.Month}月{date.Day}日"
            : date.ToString("d MMM", CultureInfo.InvariantCulture);
    }

    private string? Posted(string name) => posted?[name].ToString();
}
