using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Needs.Pages;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Members.Pages;

/// <summary>
/// 在职党员报到 on the street's public page: static server rendering, a plain HTML form that works with JavaScript off,
/// guarded by the same one-digit sum, hidden field and per-client limit as the needs page. The password is never sent
/// back into the page after a refusal.
/// </summary>
public sealed partial class PublicMemberRegister
{
    private RegistrationForm? form;
    private NeedChallengeQuestion? challenge;
    private IFormCollection? posted;
    private RegistrationSubmitted? submitted;
    private string? error;
    private readonly List<string> messages = [];
    private readonly Dictionary<string, List<string>> fieldErrors = new(StringComparer.Ordinal);

    [Parameter]
    public Guid StreetId { get; set; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private RegisterMember Register { get; set; } = default!;

    [Inject]
    private NeedChallenge Challenge { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        PublicPageRefusal.NoStore(HttpContext);
        if (HttpMethods.IsPost(HttpContext.Request.Method) && HttpContext.Request.HasFormContentType)
        {
            posted = HttpContext.Request.Form;
        }

        form = await Register.FormAsync(StreetId, HttpContext.RequestAborted);
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

        var input = new RegistrationInput
        {
            Name = Value("name") ?? "",
            Phone = Value("phone") ?? "",
            Email = Value("email") ?? "",
            Password = posted?["password"].ToString() ?? "",
            EmployerUnitId = Guid.TryParse(Value("employerUnitId"), out var unit) ? unit : null,
            EmployerName = Value("employerName"),
            EmployerPartyOrganisation = Value("employerPartyOrganisation") ?? "",
            CommunityId = Guid.TryParse(Value("communityId"), out var community) ? community : null,
            Building = Value("building") ?? "",
        };
        try
        {
            try
            {
                Challenge.Verify(Value("token"), Value("answer"), Value(NeedChallenge.HoneypotField));
            }
            catch (PortalValidationException refused)
            {
                throw new PortalValidationException([.. refused.Failures, .. MemberRules.Validate(input)]);
            }

            submitted = await Register.HandleAsync(StreetId, input, EvaluationApi.ClientKey(HttpContext), HttpContext.RequestAborted);
        }
        catch (PortalException e)
        {
            ShowError(e);
            challenge = Challenge.Issue();
        }
    }

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
