using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CommunityPartyBuilding.Web.Authorization;
using Microsoft.AspNetCore.Components;
using QRCoder;

namespace CommunityPartyBuilding.Web.Features.Account.Pages.Manage;

public partial class TwoFactor
{
    private string? message;
    private bool isError;
    private ApplicationUser? user;
    private string sharedKey = "";
    private string qrSvg = "";
    private int recoveryLeft;
    private IEnumerable<string>? recoveryCodes;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "enable-2fa")]
    private CodeInput Input { get; set; } = default!;

    private bool Enforced => Options.Value.Security.RequireTwoFactorForAdministrators && user?.Role == PortalRole.SystemAdministrator;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        user = await UserManager.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            message = L["Error.SignInRequired"];
            isError = true;
            return;
        }

        if (user.TwoFactorEnabled)
        {
            recoveryLeft = await UserManager.CountRecoveryCodesAsync(user);
        }
        else
        {
            await LoadKeyAsync(user);
        }
    }

    private async Task EnableAsync()
    {
        if (user is null)
        {
            return;
        }

        var code = (Input.Code ?? "").Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (code.Length == 0 || !await UserManager.VerifyTwoFactorTokenAsync(user, UserManager.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            message = L["TwoFactor.InvalidCode"];
            isError = true;
            return;
        }

        await UserManager.SetTwoFactorEnabledAsync(user, true);
        recoveryCodes = await UserManager.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await Events.RecordAsync(SecurityEvent.TwoFactorEnabled, user);
        await SignInManager.RefreshSignInAsync(user);
    }

    private async Task DisableAsync()
    {
        if (user is null || Enforced || !await ReauthenticatedAsync(user))
        {
            return;
        }

        await UserManager.SetTwoFactorEnabledAsync(user, false);
        await Events.RecordAsync(SecurityEvent.TwoFactorDisabled, user);
        await UserManager.ResetAuthenticatorKeyAsync(user);
        await SignInManager.RefreshSignInAsync(user);
        RedirectManager.RedirectToWithStatus("Account/Manage/TwoFactor", L["TwoFactor.Disabled"], HttpContext);
    }

    private async Task RegenerateAsync()
    {
        if (user is null || !user.TwoFactorEnabled || !await ReauthenticatedAsync(user))
        {
            return;
        }

        recoveryCodes = await UserManager.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await Events.RecordAsync(SecurityEvent.RecoveryCodesRegenerated, user);
    }

    /// <summary>ASVS 6.4/7.5.1: turning the second factor off or replacing its recovery codes needs the password again.</summary>
    private async Task<bool> ReauthenticatedAsync(ApplicationUser account)
    {
        var password = HttpContext.Request.HasFormContentType ? HttpContext.Request.Form["ConfirmPassword"].ToString() : "";
        if (password.Length > 0 && await UserManager.CheckPasswordAsync(account, password))
        {
            return true;
        }

        if (password.Length > 0)
        {
            await UserManager.AccessFailedAsync(account);
        }

        await Events.RecordAsync(SecurityEvent.TwoFactorFailed, account, detail: "re-authentication refused");
        message = L["TwoFactor.ConfirmPasswordWrong"];
        isError = true;
        return false;
    }

    private async Task LoadKeyAsync(ApplicationUser account)
    {
        var key = await UserManager.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await UserManager.ResetAuthenticatorKeyAsync(account);
            key = await UserManager.GetAuthenticatorKeyAsync(account);
        }

        var formatted = new StringBuilder();
        for (var i = 0; i < key!.Length; i += 4)
        {
            formatted.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        sharedKey = formatted.ToString().Trim().ToLowerInvariant();
        var issuer = UrlEncoder.Default.Encode("CommunityPartyBuilding");
        var uri = string.Format(CultureInfo.InvariantCulture, "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6",
            issuer, UrlEncoder.Default.Encode(account.Email ?? ""), key);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        qrSvg = new SvgQRCode(data).GetGraphic(4);
    }

    private sealed class CodeInput
    {
        public string? Code { get; set; }
    }
}
