using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace CommunityPartyBuilding.Web.Features.Account.Pages;

public partial class Login
{
    private string? errorMessage;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private LoginInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery]
    private string? Reason { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (HttpMethods.IsGet(HttpContext.Request.Method))
        {
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        }
    }

    private async Task LoginUserAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email) || string.IsNullOrEmpty(Input.Password))
        {
            errorMessage = L["Login.Missing"];
            return;
        }

        // An address with no account: the same time and the same lockout answers as a real one.
        var account = await UserManager.FindByEmailAsync(Input.Email.Trim());
        if (account is null)
        {
            var locked = UnknownAccounts.Fail(Input.Email, Input.Password);
            await Events.RecordAsync(locked ? SecurityEvent.LockedOut : SecurityEvent.SignInFailed, null, Input.Email.Trim(), "no such account");
            errorMessage = locked ? L["Login.LockedOut"] : L["Login.Invalid"];
            return;
        }

        // Failed passwords count towards lockout (5 attempts, then 15 minutes).
        var result = await SignInManager.PasswordSignInAsync(account, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded && !await MemberGate.MaySignInAsync(account))
        {
            // The password was right, so saying why is safe: the registration still waits for the community or the unit.
            await SignInManager.SignOutAsync();
            await Events.RecordAsync(SecurityEvent.SignInFailed, account, detail: "member registration not confirmed");
            errorMessage = await MemberGate.ReturnReasonAsync(account) is { } reason ? L["Login.MemberReturned", reason] : L["Login.MemberNotConfirmed"];
        }
        else if (result.Succeeded)
        {
            await StampSignInAsync();
            await Events.RecordAsync(SecurityEvent.SignedIn, account);
            RedirectManager.RedirectTo(string.IsNullOrEmpty(ReturnUrl) ? "/" : ReturnUrl);
        }
        else if (result.RequiresTwoFactor)
        {
            RedirectManager.RedirectTo("Account/LoginWith2fa", new() { ["returnUrl"] = ReturnUrl });
        }
        else if (result.IsLockedOut)
        {
            await Events.RecordAsync(SecurityEvent.LockedOut, account, detail: "sign-in page");
            errorMessage = L["Login.LockedOut"];
        }
        else
        {
            await Events.RecordAsync(SecurityEvent.SignInFailed, account, detail: "wrong password");
            errorMessage = L["Login.Invalid"];
        }
    }

    private async Task StampSignInAsync()
    {
        var user = await UserManager.FindByEmailAsync(Input.Email.Trim());
        if (user is not null)
        {
            user.LastSignInAt = Clock.GetUtcNow();
            await UserManager.UpdateAsync(user);
        }
    }

    private sealed class LoginInput
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";
    }
}
