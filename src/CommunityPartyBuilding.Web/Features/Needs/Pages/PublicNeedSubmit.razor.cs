using System.Globalization;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Evaluations.Pages;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Needs.Pages;

/// <summary>
/// A resident submits a need or a small wish (提需求 / 微心愿): static server rendering, a plain HTML form that works
/// with JavaScript off, guarded by a one-digit sum, a field people never see and the per-client submission limit. The
/// answer is the tracking code, shown this once, with a QR code of its tracking page.
/// </summary>
public sealed partial class PublicNeedSubmit
{
    private static readonly NeedKind[] Kinds = [NeedKind.Wish, NeedKind.CommunityNeed];

    private PublicNeedForm? form;
    private NeedChallengeQuestion? challenge;
    private IFormCollection? posted;
    private NeedSubmitted? submitted;
    private string? trackingUrl;
    private string? qrSvg;
    private string? error;
    private readonly List<string> messages = [];
    private readonly Dictionary<string, List<string>> fieldErrors = new(StringComparer.Ordinal);

    [Parameter]
    public Guid StreetId { get; set; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private SubmitNeed Submit { get; set; } = default!;

    [Inject]
    private NeedChallenge Challenge { get; set; } = default!;

    [Inject]
    private BusinessCalendar Calendar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<PortalOptions> Options { get; set; } = default!;

    private DateOnly Today => Calendar.Today;

    protected override async Task OnInitializedAsync()
    {
        PublicPageRefusal.NoStore(HttpContext);
        if (HttpMethods.IsPost(HttpContext.Request.Method) && HttpContext.Request.HasFormContentType)
        {
            posted = HttpContext.Request.Form;
        }

        form = await Submit.FormAsync(StreetId, HttpContext.RequestAborted);
        if (form is not null)
        {
            challenge = Challenge.Issue();
        }
    }

    private async Task SubmitAsync()
    {
        if (form is null)
        {
            return;
        }

        var input = ReadInput(out var badDate);
        try
        {
            try
            {
                Challenge.Verify(Value("token"), Value("answer"), Value(NeedChallenge.HoneypotField));
            }
            catch (PortalValidationException refused)
            {
                // Store nothing, but tell the resident everything to correct at once, not the sum first and the fields after.
                throw new PortalValidationException([.. refused.Failures, .. NeedRules.Validate(input, Today), .. badDate]);
            }

            PortalValidationException.ThrowIfAny(badDate);
            submitted = await Submit.HandleAsync(StreetId, input, EvaluationApi.ClientKey(HttpContext), HttpContext.RequestAborted);
        }
        catch (PortalException e)
        {
            ShowError(e);
            challenge = Challenge.Issue();
            return;
        }

        trackingUrl = $"{BaseUrl()}/public/needs/{Uri.EscapeDataString(submitted.TrackingCode)}";
        qrSvg = BallotCardSet.QrSvg(trackingUrl);
    }

    private NeedInput ReadInput(out List<ValidationFailure> badDate)
    {
        badDate = [];
        DateOnly? wantedBy = null;
        var date = Value("wantedBy")?.Trim();
        if (!string.IsNullOrEmpty(date))
        {
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                wantedBy = parsed;
            }
            else
            {
                badDate.Add(new(nameof(NeedInput.WantedBy), "PublicNeed.BadDate"));
            }
        }

        return new NeedInput
        {
            CommunityId = Guid.TryParse(Value("communityId"), out var community) ? community : null,
            Kind = Parse<NeedKind>(Value("kind")),
            Category = Parse<ServiceCategory>(Value("category")),
            Title = Value("title") ?? "",
            Description = Value("description"),
            ContactName = Value("contactName") ?? "",
            ContactPhone = Value("contactPhone") ?? "",
            WantedBy = wantedBy,
        };
    }

    /// <summary>Only the enum's names: <c>Enum.TryParse</c> would also take "7" or "Wish,CommunityNeed".</summary>
    private static TEnum? Parse<TEnum>(string? value)
        where TEnum : struct, Enum =>
        value is not null && Enum.GetNames<TEnum>().Contains(value, StringComparer.Ordinal) ? Enum.Parse<TEnum>(value) : null;

    private void ShowError(PortalException e)
    {
        PublicPageRefusal.Apply(HttpContext, e);
        if (e is PortalValidationException v)
        {
            foreach (var failure in v.Failures)
            {
                var message = ProblemResponses.Localize(failure, L);
                if (!messages.Contains(message, StringComparer.Ordinal))
                {
                    messages.Add(message);
                }

                if (!fieldErrors.TryGetValue(failure.Field, out var list))
                {
                    fieldErrors[failure.Field] = list = [];
                }

                list.Add(message);
            }

            return;
        }

        error = ProblemResponses.Localize(e, L);
    }

    /// <summary>
    /// <c>Portal:PublicBaseUrl</c> when set (the address printed on documents), else the address this request came to:
    /// the QR code only goes back to the resident who asked for it.
    /// </summary>
    private string BaseUrl() =>
        string.IsNullOrWhiteSpace(Options.Value.PublicBaseUrl) ? Navigation.BaseUri.TrimEnd('/') : Options.Value.PublicBaseUrl.TrimEnd('/');

    private string? Value(string name) => posted?[name].ToString() is { Length: > 0 } value ? value : null;

    private bool Invalid(string field) => fieldErrors.ContainsKey(field);

    private string? Describe(string field, string? hint = null)
    {
        var ids = new[] { hint, Invalid(field) ? $"err-{field}" : null }.Where(id => id is not null);
        var joined = string.Join(' ', ids);
        return joined.Length == 0 ? null : joined;
    }

    private string? Error(string field) => fieldErrors.TryGetValue(field, out var list) ? string.Join("；", list) : null;
}
