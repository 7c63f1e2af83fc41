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
                    TokenRefusal.MemberNotConfirmed => Problem(403, "Error.MemberNotConfirmed"),
                    TokenRefusal.TwoFactorEnrolmentRequired => Problem(403, "Error.TwoFactorEnrolmentRequired"),
                    TokenRefusal.TwoFactorRequired => Problem(401, "Error.TwoFactorRequired"),
                    _ => Problem(401, "Error.BadCredentials"),
                };

                ProblemHttpResult Problem(int status, string key) =>
                    TypedResults.Problem(localizer[key], statusCode: status, title: localizer[ProblemResponses.TitleKey(status)]);
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
