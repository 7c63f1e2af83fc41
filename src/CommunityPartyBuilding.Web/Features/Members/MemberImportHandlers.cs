using System.Globalization;
using System.Text.Json;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Features.Notifications;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>Where an import, an export or a template is for: a whole street (street staff) or one community of it.</summary>
internal sealed record MemberSheetScope(Guid StreetId, Guid? CommunityId, string? CommunityName);

internal static class MemberSheetAccess
{
    /// <summary>
    /// A street's sheet is its staff's business; a community's, its own staff's and the street's. Outside the caller's
    /// street: 404; a community of their street that is not theirs, or a role that manages no community: 403.
    /// </summary>
    public static async Task<MemberSheetScope> ManagedAsync(ScopeGuard scope, PortalDbContext db, Guid? streetId, Guid? communityId, CancellationToken ct)
    {
        if (communityId is { } id)
        {
            var streets = scope.VisibleStreets(db).Select(s => s.Id);
            var community = await db.Communities.AsNoTracking().Where(c => c.Id == id && streets.Contains(c.StreetId))
                    .Select(c => new { c.StreetId, c.Name }).FirstOrDefaultAsync(ct)
                ?? throw new PortalNotFoundException("Error.CommunityNotFound");
            if (!scope.User.MayManageCommunity(community.StreetId, id))
            {
                throw new PortalForbiddenException("Error.ReadOnly");
            }

            return new MemberSheetScope(community.StreetId, id, community.Name);
        }

        await scope.EnsureCanManageStreetAsync(db, streetId!.Value, ct);
        return new MemberSheetScope(streetId.Value, null, null);
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

/// <summary>
/// 批量登记: staff register in-service members from an xlsx (GET …/import-template, POST …/import). Every row is checked
/// as the public registration checks it (<see cref="MemberSheet.Check"/>); one bad row and nothing is stored. Staff
/// entered them, so the community's confirmation is given (by the importer, now); a member unit's leader still confirms
/// the employment. Each member gets an account without a usable password: staff issue a temporary one
/// (<see cref="IssueMemberPassword"/>). Each member is told of the community's confirmation on that account, as for a
/// confirmation by hand (<see cref="MemberStatusNotices"/>: "community confirmed, the unit still to confirm", or "in
/// effect" when the employer is outside the street). One audit entry records the import and its count.
/// </summary>
public sealed class ImportMembers(
    IServiceScopeFactory scopeFactory,
    IDbContextFactory<PortalDbContext> dbFactory,
    ScopeGuard scope,
    BusinessCalendar calendar,
    IStringLocalizer<SharedResource> localizer) : IHandler
{
    public const string AuditEntityType = "MemberImport";

    /// <summary>POST /streets/{id}/member-registrations/import: street staff, every community of the street.</summary>
    public Task<ImportResult> StreetAsync(Guid streetId, Stream file, long length, CancellationToken ct = default) =>
        HandleAsync(streetId, null, file, length, ct);

    /// <summary>POST /communities/{id}/member-registrations/import: that community's staff (or the street's); other communities' rows are errors.</summary>
    public Task<ImportResult> CommunityAsync(Guid communityId, Stream file, long length, CancellationToken ct = default) =>
        HandleAsync(null, communityId, file, length, ct);

    private async Task<ImportResult> HandleAsync(Guid? streetId, Guid? communityId, Stream file, long length, CancellationToken ct)
    {
        MemberSheetScope target;
        MemberSheetContext context;
        IReadOnlyList<SheetRow> rows;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            target = await MemberSheetAccess.ManagedAsync(scope, db, streetId, communityId, ct);
            rows = await SheetUpload.ReadAsync(file, length, MemberSheet.Limits(forCommunity: communityId is not null), ct);
            context = await ContextAsync(db, target, rows, ct);
        }

        var check = MemberSheet.Check(rows, context);
        if (check.Errors.Count > 0)
        {
            return new ImportResult(0, check.Errors.Select(Localize).ToList());
        }

        await StoreAsync(target, check.Members, ct);
        return new ImportResult(check.Members.Count, []);
    }

    private static async Task<MemberSheetContext> ContextAsync(PortalDbContext db, MemberSheetScope target, IReadOnlyList<SheetRow> rows, CancellationToken ct)
    {
        var communities = await db.Communities.AsNoTracking().Where(c => c.StreetId == target.StreetId).ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        var units = await MemberUnitsAsync(db, target.StreetId, ct);
        var phones = (await db.MemberRegistrations.AsNoTracking()
                .Where(r => r.StreetId == target.StreetId && (r.Status == RegistrationStatus.Pending || r.Status == RegistrationStatus.Registered))
                .Select(r => r.Phone).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var emailKeys = rows.Select(r => r.Text(MemberSheet.Email)).Where(e => e.Length > 0).Select(MemberSheet.EmailKey).Distinct().ToList();
        var taken = (await db.Users.AsNoTracking().Where(u => u.NormalizedEmail != null && emailKeys.Contains(u.NormalizedEmail))
                .Select(u => u.NormalizedEmail!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        return new MemberSheetContext(communities, target.CommunityId, units, phones, taken);
    }

    internal static Task<List<MemberSheetUnit>> MemberUnitsAsync(PortalDbContext db, Guid streetId, CancellationToken ct) =>
        db.MemberUnits.AsNoTracking().Where(u => u.StreetId == streetId && u.Status == UnitStatus.Active).OrderBy(u => u.Name)
            .Select(u => new MemberSheetUnit(u.Id, u.Name, u.CreditCode)).ToListAsync(ct);

    private ImportError Localize(SheetError error) =>
        new(error.Row, error.Column, ProblemResponses.Localize(error.Failure, localizer), error.Failure.MessageKey);

    /// <summary>Accounts and registrations in one SaveChanges: all stored, or none.</summary>
    private async Task StoreAsync(MemberSheetScope target, IReadOnlyList<ImportedMember> members, CancellationToken ct)
    {
        await using var serviceScope = scopeFactory.CreateAsyncScope();
        var db = serviceScope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var userManager = serviceScope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        // The store adds each account to the context; the one SaveChanges below writes them with their registrations.
        var store = serviceScope.ServiceProvider.GetRequiredService<IUserStore<ApplicationUser>>()
                as UserOnlyStore<ApplicationUser, PortalDbContext, string, IdentityUserClaim<string>, IdentityUserLogin<string>, IdentityUserToken<string>>
            ?? throw new InvalidOperationException("The member import expects Identity's EF Core user store.");
        store.AutoSaveChanges = false;

        var user = scope.User;
        var now = calendar.UtcNow;
        var today = calendar.Today;
        var communityNames = await db.Communities.AsNoTracking().Where(c => c.StreetId == target.StreetId).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        foreach (var member in members)
        {
            var account = new ApplicationUser
            {
                UserName = member.Email,
                Email = member.Email,
                DisplayName = member.Name,
                Role = PortalRole.PartyMember,
                StreetId = target.StreetId,
                CommunityId = member.CommunityId,
                MustChangePassword = true,
                CreatedAt = now,
            };
            var registration = new MemberRegistration
            {
                StreetId = target.StreetId,
                CommunityId = member.CommunityId,
                UserId = account.Id,
                Name = member.Name,
                Phone = member.Phone,
                Email = member.Email,
                EmployerUnitId = member.EmployerUnitId,
                EmployerName = member.EmployerName,
                EmployerPartyOrganisation = member.EmployerPartyOrganisation,
                Building = member.Building,
                Source = RegistrationSource.Import,
                SubmittedAt = now,
                CommunityConfirmedAt = now,
                CommunityConfirmedBy = user.Email,
            };
            // The community's confirmation is given by the import: the member is told as for one given by hand, on the
            // account made here (read at the first sign-in, once staff issued a temporary password).
            var community = communityNames[member.CommunityId];
            if (MemberRules.Complete(registration))
            {
                registration.Status = RegistrationStatus.Registered;
                registration.RegisteredOn = today;
                MemberStatusNotices.Add(db, registration, NotificationKind.MemberRegistrationConfirmed,
                    [community, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], calendar);
            }
            else
            {
                MemberStatusNotices.Add(db, registration, NotificationKind.MemberRegistrationCommunityConfirmed, [community, registration.EmployerName], calendar);
            }

            account.MemberRegistrationId = registration.Id;
            // No password: the account cannot sign in until staff issue a temporary one.
            var created = await userManager.CreateAsync(account);
            if (!created.Succeeded)
            {
                throw new PortalValidationException(created.Errors
                    .Select(e => new ValidationFailure("Email", "Import.RowAccount", member.Row, e.Description)).ToList());
            }

            db.MemberRegistrations.Add(registration);
        }

        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = now,
            UserId = user.Id,
            UserName = user.Email,
            EntityType = AuditEntityType,
            EntityId = (target.CommunityId ?? target.StreetId).ToString(),
            Action = AuditAction.Created,
            StreetId = target.StreetId,
            Changes = JsonSerializer.Serialize(new[]
            {
                new AuditChange("Imported", null, members.Count.ToString(CultureInfo.InvariantCulture)),
                new AuditChange("Registered", null, members.Count(m => m.EmployerUnitId is null).ToString(CultureInfo.InvariantCulture)),
                new AuditChange("CommunityId", null, target.CommunityId?.ToString()),
            }.Where(c => c.New is not null), MemberSheetAccess.JsonOptions),
        });

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone registered one of these mobiles or addresses while the sheet was being checked: nothing was stored.
            throw new PortalConflictException("Import.ConcurrentMemberDuplicate");
        }
    }
}

/// <summary>The import template of a street: the columns, a sample row, and the street's communities and active units on a second sheet.</summary>
public sealed class GetMemberImportTemplate(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<byte[]> HandleAsync(Guid streetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadStreetAsync(db, streetId, ct);
        var user = scope.User;
        if (!user.MayManageStreet(streetId) && !(user.IsCommunityStaff && user.StreetId == streetId))
        {
            throw new PortalForbiddenException();
        }

        var communities = await db.Communities.AsNoTracking().Where(c => c.StreetId == streetId)
            .Where(c => !user.IsCommunityStaff || c.Id == user.CommunityId)
            .OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(ct);
        return MemberSheet.Template(communities, await ImportMembers.MemberUnitsAsync(db, streetId, ct));
    }
}

/// <summary>
/// The members as a spreadsheet (GET /streets/{id}/member-registrations/export): the list's readers, scope and filters;
/// name, phone, e-mail and building whole only in the rows of rule 10's readers (their community's and street's staff),
/// masked or left out for everyone else (a unit leader). One audit entry per export, with how many rows were whole.
/// </summary>
public sealed class ExportMembers(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public const int MaxRows = 10_000;

    public const string AuditEntityType = "MemberExport";

    /// <summary>GET /communities/{id}/member-registrations/export: the community's members, as its list shows them.</summary>
    public async Task<(byte[] Content, string FileName)> CommunityAsync(Guid communityId, RegistrationQuery query, CancellationToken ct = default)
    {
        Guid streetId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var streets = scope.VisibleStreets(db).Select(s => s.Id);
            streetId = await db.Communities.Where(c => c.Id == communityId && streets.Contains(c.StreetId)).Select(c => (Guid?)c.StreetId).FirstOrDefaultAsync(ct)
                ?? throw new PortalNotFoundException("Error.CommunityNotFound");
        }

        return await HandleAsync(streetId, communityId, query, ct);
    }

    public async Task<(byte[] Content, string FileName)> HandleAsync(Guid streetId, Guid? communityId, RegistrationQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = scope.User;
        if (!user.IsAdministrator && !user.IsStreetStaff && !user.IsCommunityStaff && !user.IsUnitLeader)
        {
            throw new PortalForbiddenException();
        }

        var street = await scope.VisibleStreets(db).Where(s => s.Id == streetId).Select(s => s.Name).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.StreetNotFound");
        if (communityId is { } c && !await db.Communities.AnyAsync(x => x.Id == c && x.StreetId == streetId, ct))
        {
            throw new PortalNotFoundException("Error.CommunityNotFound");
        }

        var rows = GetMemberRegistrations.Filter(scope.VisibleRegistrations(db).Where(r => r.StreetId == streetId), user, query);
        if (communityId is { } community)
        {
            rows = rows.Where(r => r.CommunityId == community);
        }

        var year = calendar.Today.Year;
        var records = MemberFigureQueries.ConfirmedBetween(db, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var found = await rows
            .OrderBy(r => r.CommunityId).ThenBy(r => r.Status).ThenBy(r => r.SubmittedAt).ThenBy(r => r.Id)
            .Take(MaxRows)
            .Join(db.Communities, r => r.CommunityId, x => x.Id, (r, x) => new
            {
                Registration = r,
                Community = x.Name,
                Hours = records.Where(s => s.RegistrationId == r.Id).Sum(s => (decimal?)s.Hours) ?? 0m,
            })
            .ToListAsync(ct);

        var whole = 0;
        var sheet = new List<IDictionary<string, object?>>(found.Count);
        foreach (var item in found.OrderBy(x => x.Community, StringComparer.Ordinal).ThenBy(x => x.Registration.Status).ThenBy(x => x.Registration.SubmittedAt))
        {
            var mayRead = user.MaySeePersonalData(item.Registration);
            whole += mayRead ? 1 : 0;
            var dto = MemberRegistrationMapping.ToDto(item.Registration, item.Community, user, whole: mayRead);
            sheet.Add(MemberSheet.ExportRow(dto, calendar.DateOf(item.Registration.SubmittedAt), item.Hours));
        }

        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = calendar.UtcNow,
            UserId = user.Id,
            UserName = user.Email,
            EntityType = AuditEntityType,
            EntityId = (communityId ?? streetId).ToString(),
            Action = AuditAction.Downloaded,
            StreetId = streetId,
            Changes = JsonSerializer.Serialize(new[]
            {
                new AuditChange("Rows", null, found.Count.ToString(CultureInfo.InvariantCulture)),
                new AuditChange("PersonalDataWhole", null, whole.ToString(CultureInfo.InvariantCulture)),
            }, MemberSheetAccess.JsonOptions),
        });
        await db.SaveChangesAsync(ct);

        if (sheet.Count == 0)
        {
            // An empty list still gets its header row.
            sheet.Add(MemberSheet.ImportColumns.Concat([MemberSheet.EmployerKind, MemberSheet.Status, MemberSheet.SubmittedOn, MemberSheet.RegisteredOn, MemberSheet.Source, MemberSheet.Hours])
                .ToDictionary(k => k, object? (_) => null));
        }

        return (SheetUpload.Write(sheet, MemberSheet.SheetName), $"{street}在职党员-{calendar.Today:yyyyMMdd}.xlsx");
    }
}

public sealed record TemporaryPasswordIssued(Guid RegistrationId, string Email, string TemporaryPassword);

/// <summary>
/// POST /member-registrations/{id}/temporary-password: staff of the member's community (or street) set a temporary
/// password, answered this once and never stored or logged in clear; the member must change it at the first sign-in
/// (<see cref="ApplicationUser.MustChangePassword"/>, the same gate as for staff accounts), and every session and API
/// token of the account ends. The audit entry names the account, not the password. Not for a returned registration.
/// </summary>
public sealed class IssueMemberPassword(IServiceScopeFactory scopeFactory, IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task<TemporaryPasswordIssued> HandleAsync(Guid registrationId, CancellationToken ct = default)
    {
        var user = scope.User;
        if (!user.IsAdministrator && !user.IsStreetStaff && !user.IsCommunityStaff && !user.IsUnitLeader)
        {
            // The organisation department reads figures and members their own record: neither manages an account.
            throw new PortalForbiddenException("Error.ReadOnly");
        }

        MemberRegistration registration;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
        {
            registration = await scope.VisibleRegistrations(read).FirstOrDefaultAsync(r => r.Id == registrationId, ct)
                ?? throw new PortalNotFoundException("Member.NotFound");
        }

        if (!user.MayManageCommunity(registration.StreetId, registration.CommunityId))
        {
            throw new PortalForbiddenException("Error.ReadOnly");
        }

        if (registration.Status == RegistrationStatus.Returned)
        {
            throw new PortalConflictException("Member.PasswordForReturned");
        }

        await using var serviceScope = scopeFactory.CreateAsyncScope();
        var db = serviceScope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var userManager = serviceScope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = await userManager.FindByIdAsync(registration.UserId) ?? throw new PortalNotFoundException("Member.NotFound");
        var password = TemporaryPassword.Generate();
        var token = await userManager.GeneratePasswordResetTokenAsync(account);
        IdentityResults.ThrowIfFailed(await userManager.ResetPasswordAsync(account, token, password));
        account.MustChangePassword = true;
        IdentityResults.ThrowIfFailed(await userManager.UpdateAsync(account));
        await UserAccountActions.EndSessionsAsync(userManager, account, db, clock, ct);

        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(),
            UserId = user.Id,
            UserName = user.Email,
            EntityType = nameof(MemberRegistration),
            EntityId = registration.Id.ToString(),
            Action = AuditAction.Updated,
            StreetId = registration.StreetId,
            Changes = JsonSerializer.Serialize(new[] { new AuditChange("TemporaryPasswordIssuedTo", null, account.Email) }, MemberSheetAccess.JsonOptions),
        });
        await db.SaveChangesAsync(ct);
        return new TemporaryPasswordIssued(registration.Id, account.Email!, password);
    }
}
