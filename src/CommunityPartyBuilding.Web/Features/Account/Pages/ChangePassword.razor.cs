using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Account.Pages;

public partial class ChangePassword
{
    private string? message;
    private bool mustChange;
    private readonly List<string> errors = [];
    private ApplicationUser? user;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private PasswordInput Input { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        user = await UserManager.GetUserAsync(HttpContext.User);
        mustChange = user?.MustChangePassword == true;
    }

    private async Task SubmitAsync()
    {
        if (user is null)
        {
            message = L["Error.SignInRequired"];
            return;
        }

        if (string.IsNullOrEmpty(Input.OldPassword) || string.IsNullOrEmpty(Input.NewPassword))
        {
            message = L["ChangePassword.Missing"];
            return;
        }

        if (Input.NewPassword != Input.ConfirmPassword)
        {
            message = L["ChangePassword.Mismatch"];
            return;
        }

        if (Input.NewPassword == Input.OldPassword)
        {
            message = L["ChangePassword.SameAsOld"];
            return;
        }

        var result = await UserManager.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            errors.AddRange(result.Errors.Select(e => e.Description));
            return;
        }

        user.MustChangePassword = false;
        await UserManager.UpdateAsync(user);

        // A new password ends the API tokens issued under the old one.
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            var now = Clock.GetUtcNow();
            await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(setters => setters.SetProperty(t => t.RevokedAt, now));
            TokenCache.Invalidate(user.Id);

            // ...and every other session of the account at once; this browser gets a new one just below.
            await CommunityPartyBuilding.Web.Authorization.ServerSessions.EndAllAsync(db, user.Id);
        }

        await Events.RecordAsync(SecurityEvent.PasswordChanged, user);
        await SignInManager.RefreshSignInAsync(user);
        RedirectManager.RedirectToWithStatus("/", L["ChangePassword.Done"], HttpContext);
    }

    private sealed class PasswordInput
    {
        public string OldPassword { get; set; } = "";

        public string NewPassword { get; set; } = "";

        public string ConfirmPassword { get; set; } = "";
    }
}
