using System.Security.Cryptography;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Administration;

public sealed record UserDto(
    string Id,
    string Email,
    string DisplayName,
    PortalRole Role,
    Guid? OrganisationDepartmentId,
    Guid? StreetId,
    Guid? UnitId,
    Guid? CommunityId,
    string ScopeName,
    bool IsLockedOut,
    bool MustChangePassword,
    bool TwoFactorEnabled,
    DateTimeOffset? LastSignInAt);

public sealed record UserQuery(string? Search = null, PortalRole? Role = null, int Page = 1, int PageSize = 50);

public sealed record NewUserInput
{
    public string Email { get; init; } = "";

    public string DisplayName { get; init; } = "";

    public PortalRole Role { get; init; }

    public Guid? OrganisationDepartmentId { get; init; }

    public Guid? StreetId { get; init; }

    public Guid? UnitId { get; init; }

    /// <summary>For community staff: their community, of <see cref="StreetId"/>.</summary>
    public Guid? CommunityId { get; init; }

    /// <summary>For unit leaders: 书记, 联络员…</summary>
    public string? JobTitle { get; init; }

    /// <summary>Null: the portal generates a temporary password and returns it once.</summary>
    public string? Password { get; init; }

    public bool MustChangePassword { get; init; } = true;
}

public sealed record CreatedUser(string Id, string? TemporaryPassword);

public sealed class GetUsers(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task<PagedResult<UserDto>> HandleAsync(UserQuery query, CancellationToken ct = default)
    {
        var user = scope.User;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = db.Users.AsNoTracking();
        users = user.Role switch
        {
            PortalRole.SystemAdministrator => users,
            PortalRole.StreetStaff => users.Where(u => u.StreetId == user.StreetId && (u.Role == PortalRole.UnitLeader || u.Role == PortalRole.CommunityStaff)),
            _ => throw new PortalForbiddenException(),
        };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = LikePattern.Contains(query.Search);
            users = users.Where(u => EF.Functions.ILike(u.Email!, term, LikePattern.EscapeCharacter) || EF.Functions.ILike(u.DisplayName, term, LikePattern.EscapeCharacter));
        }

        if (query.Role is { } role)
        {
            users = users.Where(u => u.Role == role);
        }

        var now = clock.GetUtcNow();
        var total = await users.CountAsync(ct);
        var page = Paging.Clamp(query.Page, query.PageSize);
        var items = await users.OrderBy(u => u.Role).ThenBy(u => u.Email)
            .Skip(page.Skip).Take(page.Take)
            .Select(u => new UserDto(
                u.Id,
                u.Email!,
                u.DisplayName,
                u.Role,
                u.OrganisationDepartmentId,
                u.StreetId,
                u.UnitId,
                u.CommunityId,
                // A unit leader's scope is their unit; community staff's their community; street staff's their street; a department's itself.
                u.UnitId != null
                    ? db.MemberUnits.Where(m => m.Id == u.UnitId).Select(m => m.Name).FirstOrDefault() ?? ""
                : u.CommunityId != null
                    ? db.Communities.Where(c => c.Id == u.CommunityId).Select(c => c.Name).FirstOrDefault() ?? ""
                : u.StreetId != null
                    ? db.Streets.Where(s => s.Id == u.StreetId).Select(s => s.Name).FirstOrDefault() ?? ""
                    : db.OrganisationDepartments.Where(d => d.Id == u.OrganisationDepartmentId).Select(d => d.Name).FirstOrDefault() ?? "",
                u.LockoutEnd != null && u.LockoutEnd > now,
                u.MustChangePassword,
                u.TwoFactorEnabled,
                u.LastSignInAt))
            .ToListAsync(ct);
        return new PagedResult<UserDto>(items, total);
    }
}

public sealed class CreateUser(
    IServiceScopeFactory scopeFactory,
    IDbContextFactory<PortalDbContext> dbFactory,
    ScopeGuard scope,
    TimeProvider clock) : IHandler
{
    public async Task<CreatedUser> HandleAsync(NewUserInput input, CancellationToken ct = default)
    {
        var caller = scope.User;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // A leader account belongs to its unit's street, a community staff account to its community's: the caller may
            // name just the unit or the community.
            if (input.Role == PortalRole.UnitLeader && input.StreetId is null && input.UnitId is { } unitId)
            {
                input = input with { StreetId = await db.MemberUnits.Where(u => u.Id == unitId).Select(u => (Guid?)u.StreetId).FirstOrDefaultAsync(ct) };
            }

            if (input.Role == PortalRole.CommunityStaff && input.StreetId is null && input.CommunityId is { } communityId)
            {
                input = input with { StreetId = await db.Communities.Where(c => c.Id == communityId).Select(c => (Guid?)c.StreetId).FirstOrDefaultAsync(ct) };
            }

            if (caller.IsStreetStaff)
            {
                // Street staff create unit-leader and community staff accounts of their own street, nothing else.
                if (input.Role is not (PortalRole.UnitLeader or PortalRole.CommunityStaff) || input.StreetId is not { } streetId || !caller.MayManageStreet(streetId))
                {
                    throw new PortalForbiddenException();
                }
            }
            else if (!caller.IsAdministrator)
            {
                throw new PortalForbiddenException();
            }

            PortalValidationException.ThrowIfAny(await ValidateScopeAsync(db, input, ct));
        }

        var password = string.IsNullOrEmpty(input.Password) ? TemporaryPassword.Generate() : input.Password;
        var user = new ApplicationUser
        {
            UserName = input.Email.Trim(),
            Email = input.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = input.DisplayName.Trim(),
            Role = input.Role,
            OrganisationDepartmentId = input.Role == PortalRole.OrganisationDepartment ? input.OrganisationDepartmentId : null,
            StreetId = input.Role is PortalRole.StreetStaff or PortalRole.UnitLeader or PortalRole.CommunityStaff ? input.StreetId : null,
            UnitId = input.Role == PortalRole.UnitLeader ? input.UnitId : null,
            CommunityId = input.Role == PortalRole.CommunityStaff ? input.CommunityId : null,
            JobTitle = string.IsNullOrWhiteSpace(input.JobTitle) ? null : input.JobTitle.Trim(),
            MustChangePassword = input.MustChangePassword || string.IsNullOrEmpty(input.Password),
            CreatedAt = clock.GetUtcNow(),
        };

        await using var serviceScope = scopeFactory.CreateAsyncScope();
        var userManager = serviceScope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var result = await userManager.CreateAsync(user, password);
        IdentityResults.ThrowIfFailed(result);
        return new CreatedUser(user.Id, string.IsNullOrEmpty(input.Password) ? password : null);
    }

    private static async Task<List<ValidationFailure>> ValidateScopeAsync(PortalDbContext db, NewUserInput input, CancellationToken ct)
    {
        var failures = new List<ValidationFailure>();
        if (string.IsNullOrWhiteSpace(input.Email) || !input.Email.Contains('@', StringComparison.Ordinal) || input.Email.Trim().Length > 256)
        {
            failures.Add(new(nameof(input.Email), "Validation.Email"));
        }

        if (string.IsNullOrWhiteSpace(input.DisplayName))
        {
            failures.Add(new(nameof(input.DisplayName), "Validation.Required", "Field.User.DisplayName"));
        }
        else if (input.DisplayName.Trim().Length > 100)
        {
            failures.Add(new(nameof(input.DisplayName), "Validation.MaxLength", "Field.User.DisplayName", 100));
        }

        switch (input.Role)
        {
            case PortalRole.OrganisationDepartment
                when input.OrganisationDepartmentId is null
                     || !await db.OrganisationDepartments.AnyAsync(d => d.Id == input.OrganisationDepartmentId, ct):
                failures.Add(new(nameof(input.OrganisationDepartmentId), "Validation.Required", "Field.User.OrganisationDepartment"));
                break;
            case PortalRole.StreetStaff or PortalRole.UnitLeader or PortalRole.CommunityStaff
                when input.StreetId is null || !await db.Streets.AnyAsync(s => s.Id == input.StreetId, ct):
                failures.Add(new(nameof(input.StreetId), "Validation.Required", "Field.User.Street"));
                break;
        }

        if (input.Role == PortalRole.UnitLeader && input.StreetId is { } streetId
            && (input.UnitId is null || !await db.MemberUnits.AnyAsync(u => u.Id == input.UnitId && u.StreetId == streetId && u.Status == Units.UnitStatus.Active, ct)))
        {
            failures.Add(new(nameof(input.UnitId), "Validation.UnitNotInStreet"));
        }

        if (input.Role == PortalRole.CommunityStaff && input.StreetId is { } communityStreet
            && (input.CommunityId is null || !await db.Communities.AnyAsync(c => c.Id == input.CommunityId && c.StreetId == communityStreet, ct)))
        {
            failures.Add(new(nameof(input.CommunityId), "Validation.CommunityNotInStreet"));
        }

        if (input.JobTitle?.Trim().Length > 50)
        {
            failures.Add(new(nameof(input.JobTitle), "Validation.MaxLength", "Field.User.JobTitle", 50));
        }

        return failures;
    }
}

/// <summary>
/// Locks an account until an administrator unlocks it, and ends its sessions and API tokens. Scope: administrators any
/// account but their own; street staff the unit-leader accounts of their street (others are "not found").
/// </summary>
public sealed class LockUser(IServiceScopeFactory scopeFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public Task HandleAsync(string userId, CancellationToken ct = default) =>
        UserAccountActions.RunAsync(scopeFactory, scope, userId, async (um, user, db) =>
        {
            IdentityResults.ThrowIfFailed(await um.SetLockoutEnabledAsync(user, true));
            IdentityResults.ThrowIfFailed(await um.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
            await UserAccountActions.EndSessionsAsync(um, user, db, clock, ct);
            return (string?)null;
        }, ct);
}

/// <summary>
/// Unlocks an account and resets its failed sign-in count. Scope: administrators any account but their own; street
/// staff the unit-leader accounts of their street (others are "not found").
/// </summary>
public sealed class UnlockUser(IServiceScopeFactory scopeFactory, ScopeGuard scope) : IHandler
{
    public Task HandleAsync(string userId, CancellationToken ct = default) =>
        UserAccountActions.RunAsync(scopeFactory, scope, userId, async (um, user, _) =>
        {
            IdentityResults.ThrowIfFailed(await um.SetLockoutEndDateAsync(user, null));
            IdentityResults.ThrowIfFailed(await um.ResetAccessFailedCountAsync(user));
            return (string?)null;
        }, ct);
}

/// <summary>
/// Sets a temporary password (returned once) that must be changed at the next sign-in, and ends the account's sessions
/// and API tokens. Scope: administrators any account but their own; street staff the unit-leader accounts of their
/// street (others are "not found").
/// </summary>
public sealed class ResetUserPassword(IServiceScopeFactory scopeFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task<string> HandleAsync(string userId, CancellationToken ct = default) =>
        (await UserAccountActions.RunAsync(scopeFactory, scope, userId, async (um, user, db) =>
        {
            var password = TemporaryPassword.Generate();
            var token = await um.GeneratePasswordResetTokenAsync(user);
            IdentityResults.ThrowIfFailed(await um.ResetPasswordAsync(user, token, password));
            user.MustChangePassword = true;
            IdentityResults.ThrowIfFailed(await um.UpdateAsync(user));
            await UserAccountActions.EndSessionsAsync(um, user, db, clock, ct);
            return password;
        }, ct))!;
}

/// <summary>
/// Signs an account out everywhere: new security stamp, server sessions ended, API tokens revoked. Scope: administrators
/// any account but their own; street staff the unit-leader accounts of their street (others are "not found").
/// </summary>
public sealed class EndUserSessions(IServiceScopeFactory scopeFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public Task HandleAsync(string userId, CancellationToken ct = default) =>
        UserAccountActions.RunAsync(scopeFactory, scope, userId, async (um, user, db) =>
        {
            await UserAccountActions.EndSessionsAsync(um, user, db, clock, ct);
            return (string?)null;
        }, ct);
}

/// <summary>What the account actions (<see cref="LockUser"/>, <see cref="UnlockUser"/>, <see cref="ResetUserPassword"/>, <see cref="EndUserSessions"/>) share: the scope check and ending sessions.</summary>
internal static class UserAccountActions
{
    public static async Task EndSessionsAsync(UserManager<ApplicationUser> um, ApplicationUser user, PortalDbContext db, TimeProvider clock, CancellationToken ct)
    {
        // Tokens first: the security stamp's save then voids the account's cached tokens (ApiTokenCache) after they are
        // revoked in the database, so that no request can keep one it read in between.
        var now = clock.GetUtcNow();
        await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        IdentityResults.ThrowIfFailed(await um.UpdateSecurityStampAsync(user));
        await ServerSessions.EndAllAsync(db, user.Id, ct);
    }

    /// <summary>
    /// Runs the action on the account if the caller may manage it: administrators any account, street staff the unit
    /// leaders of their street (others are "not found"); never the caller's own.
    /// </summary>
    public static async Task<string?> RunAsync(
        IServiceScopeFactory scopeFactory,
        ScopeGuard scope,
        string userId,
        Func<UserManager<ApplicationUser>, ApplicationUser, PortalDbContext, Task<string?>> action,
        CancellationToken ct)
    {
        var caller = scope.User;
        if (!caller.IsAdministrator && !caller.IsStreetStaff)
        {
            // Organisation departments and unit leaders manage no accounts at all, as GetUsers refuses them the list.
            throw new PortalForbiddenException();
        }

        await using var serviceScope = scopeFactory.CreateAsyncScope();
        var userManager = serviceScope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = serviceScope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await userManager.FindByIdAsync(userId) ?? throw new PortalNotFoundException("Error.UserNotFound");
        var allowed = caller.IsAdministrator
            || (user.Role is PortalRole.UnitLeader or PortalRole.CommunityStaff && user.StreetId is { } streetId && caller.MayManageStreet(streetId));
        if (!allowed)
        {
            throw new PortalNotFoundException("Error.UserNotFound");
        }

        if (user.Id == caller.Id)
        {
            throw new PortalConflictException("Error.CannotManageSelf");
        }

        return await action(userManager, user, db);
    }
}

public static class TemporaryPassword
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";

    /// <summary>A 12-character password without look-alike characters, with at least one digit and one lower-case letter.</summary>
    public static string Generate()
    {
        while (true)
        {
            var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 12);
            var text = new string(chars);
            if (text.Any(char.IsDigit) && text.Any(char.IsLower))
            {
                return text;
            }
        }
    }
}

public static class IdentityResults
{
    public static void ThrowIfFailed(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var failures = result.Errors.Select(e => new ValidationFailure(
            e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password"
            : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "Email"
            : "",
            "Identity.Raw",
            e.Description)).ToList();
        throw new PortalValidationException(failures);
    }
}
