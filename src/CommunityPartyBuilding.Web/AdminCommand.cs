using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web;

/// <summary>
/// <c>dotnet CommunityPartyBuilding.Web.dll create-admin --email admin@street.gov.cn [--name 系统管理员]</c>: creates the
/// first administrator of a production installation. The password is read from standard input, never from the
/// command line (which other users of the machine can see).
/// </summary>
public static class AdminCommand
{
    public const string Name = "create-admin";

    public static async Task<int> RunAsync(string[] args)
    {
        var email = Option(args, "--email");
        var displayName = Option(args, "--name") ?? "系统管理员";
        if (string.IsNullOrWhiteSpace(email))
        {
            await Console.Error.WriteLineAsync("usage: create-admin --email <address> [--name <display name>]  (password on standard input)");
            return 2;
        }

        if (!Console.IsInputRedirected)
        {
            Console.Write("Password (at least 10 characters): ");
        }

        var password = (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n');
        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("No password given on standard input.");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPortalData(builder.Configuration).AddPortalAuth(builder.Configuration).AddPortalLocalization();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.MigrateAsync();

        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await userManager.FindByEmailAsync(email) is not null)
        {
            await Console.Error.WriteLineAsync($"An account with {email} already exists.");
            return 1;
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            Role = PortalRole.SystemAdministrator,
            MustChangePassword = false,
            CreatedAt = TimeProvider.System.GetUtcNow(),
        };
        var result = await userManager.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync(error.Description);
            }

            return 1;
        }

        Console.WriteLine($"Administrator {email} created.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
