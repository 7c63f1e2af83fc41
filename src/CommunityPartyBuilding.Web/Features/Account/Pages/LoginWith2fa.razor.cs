using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace CommunityPartyBuilding.Web.Features.Account.Pages;

public partial class LoginWith2fa
{
    private string? message;
    private ApplicationUser? user;

    [SupplyParameterFromForm]
    private TwoFactorInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        user = await SignInManager.GetTwoFactorAuthenticationUserAsync();
    }

    private async Task SubmitAsync()
    {
        if (user is null)
        {
            return;
        }

        SignInResult result;
        if (!string.IsNullOrWhiteSpace(Input.RecoveryCode))
        {
            result = await SignInManager.TwoFactorRecoveryCodeSignInAsync(Input.RecoveryCode.Replace(" ", string.Empty, StringComparison.Ordinal));
        }
        else if (!string.IsNullOrWhiteSpace(Input.Code))
        {
            var code = Input.Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
            result = await SignInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        }
        else
        {
            message = L["TwoFactorLogin.Missing"];
            return;
        }

        if (result.Succeeded)
        {
            user.LastSignInAt = Clock.GetUtcNow();
            await UserManager.UpdateAsync(user);
            await Events.RecordAsync(SecurityEvent.SignedIn, user, detail: "with second factor");
            RedirectManager.RedirectTo(string.IsNullOrEmpty(ReturnUrl) ? "/" : ReturnUrl);
        }
        else if (result.IsLockedOut)
        {
            await Events.RecordAsync(SecurityEvent.LockedOut, user, detail: "second factor");
            message = L["Login.LockedOut"];
        }
        else
        {
            await Events.RecordAsync(SecurityEvent.TwoFactorFailed, user, detail: "sign-in page");
            message = L["TwoFactorLogin.Invalid"];
        }
    }

    private sealed class TwoFactorInput
    {
        public string? Code { get; set; }

        public string? RecoveryCode { get; set; }
    }
}
