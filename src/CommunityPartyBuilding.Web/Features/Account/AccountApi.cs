using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CommunityPartyBuilding.Web.Features.Account;

public sealed record MeResponse(
    string Email,
    string DisplayName,
    PortalRole Role,
    Guid? OrganisationDepartmentId,
    Guid? StreetId,
    Guid? UnitId,
    Guid? CommunityId);

public static class AccountApi
{
    /// <summary>The <c>code</c> of a token refused because the member's registration still waits for the community or the unit.</summary>
    public const string MemberNotConfirmedCode = "memberRegistrationNotConfirmed";

    /// <summary>The <c>code</c> of a token refused because the community returned the member's registration; <c>returnReason</c> says why.</summary>
    public const string MemberReturnedCode = "memberRegistrationReturned";

    public static void MapAccountApi(this RouteGroupBuilder api)
    {
        api.MapPost("/tokens", async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> (
                TokenRequest request, IssueToken handler, IStringLocalizer<SharedResource> localizer, HttpContext http, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(request, ct);
                if (result.Refusal == TokenRefusal.LockedOut)
                {
                    ProblemResponses.SetRetryAfter(http.Response, IssueToken.LockoutRetryAfter);
                }

                return result.Refusal switch
                {
                    TokenRefusal.None => TypedResults.Ok(result.Token),
                    TokenRefusal.LockedOut => Problem(429, "Error.LockedOut"),
                    TokenRefusal.MustChangePassword => Problem(403, "Error.MustChangePassword"),
                    TokenRefusal.MemberNotConfirmed => Problem(403, "Error.MemberNotConfirmed", MemberNotConfirmedCode),
                    TokenRefusal.MemberReturned => Problem(403, "Error.MemberReturned", MemberReturnedCode, result.ReturnReason),
                    TokenRefusal.TwoFactorEnrolmentRequired => Problem(403, "Error.TwoFactorEnrolmentRequired"),
                    TokenRefusal.TwoFactorRequired => Problem(401, "Error.TwoFactorRequired"),
                    _ => Problem(401, "Error.BadCredentials"),
                };

                ProblemHttpResult Problem(int status, string key, string? code = null, string? returnReason = null)
                {
                    // A member's refusal carries a code a client can act on; a returned registration its reason too (the right password was given).
                    var extensions = new Dictionary<string, object?>();
                    if (code is not null)
                    {
                        extensions["code"] = code;
                    }

                    if (returnReason is not null)
                    {
                        extensions["returnReason"] = returnReason;
                    }

                    return TypedResults.Problem(returnReason is null ? localizer[key] : localizer[key, returnReason], statusCode: status,
                        title: localizer[ProblemResponses.TitleKey(status)], extensions: extensions.Count == 0 ? null : extensions);
                }
            })
            .AllowAnonymous()
            .RequireRateLimiting(AuthServiceCollectionExtensions.SignInRateLimit)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithName("IssueToken");

        api.MapGet("/me", (ICurrentUser currentUser) =>
            {
                var user = currentUser.Required;
                return new MeResponse(user.Email, user.DisplayName, user.Role, user.OrganisationDepartmentId, user.StreetId, user.UnitId, user.CommunityId);
            })
            .WithName("GetMe");
    }
}
