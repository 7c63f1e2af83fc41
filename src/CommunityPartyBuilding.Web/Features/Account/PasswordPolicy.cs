using System.Reflection;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CommunityPartyBuilding.Web.Features.Account;

/// <summary>
/// ASVS 6.2: at least <see cref="MinimumLength"/> characters, at most <see cref="MaximumLength"/>, any characters
/// (no composition rules), and not one of the common passwords shipped with the portal, nor such a word with only
/// digits or symbols around it (<c>password123456</c>), nor a password built from the account's own e-mail name.
/// </summary>
public sealed class PasswordPolicy(IStringLocalizer<SharedResource> localizer) : IPasswordValidator<ApplicationUser>
{
    public const int MinimumLength = 12;

    public const int MaximumLength = 128;

    private static readonly Lazy<HashSet<string>> Blocked = new(Load);

    public static int BlockListCount => Blocked.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        password ??= "";
        if (password.Length > MaximumLength)
        {
            return Task.FromResult(Failed("PasswordTooLong", "Identity.PasswordTooLong", MaximumLength));
        }

        if (IsCommon(password) || ContainsAccountName(password, user.Email))
        {
            return Task.FromResult(Failed("PasswordTooCommon", "Identity.PasswordTooCommon"));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>In the block list as it is, or once the digits and symbols at either end are taken off.</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (Blocked.Value.Contains(lower))
        {
            return true;
        }

        var core = lower.Trim("0123456789!@#$%^&*()_+-=.,;:?/\\|~`'\"[]{}<> ".ToCharArray());
        return core.Length == 0 || Blocked.Value.Contains(core) || core.Distinct().Count() == 1;
    }

    private static bool ContainsAccountName(string password, string? email)
    {
        var name = email?.Split('@')[0];
        return name is { Length: >= 4 } && password.Contains(name, StringComparison.OrdinalIgnoreCase);
    }

    private IdentityResult Failed(string code, string key, params object[] args) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = localizer[key, args] });

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CommunityPartyBuilding.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line);
            }
        }

        return set;
    }
}
