using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Administration;

public sealed record OrganisationDepartmentDto(Guid Id, string Name, string Region, int StreetCount, uint Version);

public sealed record OrganisationDepartmentInput(string Name, string? Region);

public sealed class GetOrganisationDepartments(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<List<OrganisationDepartmentDto>> HandleAsync(CancellationToken ct = default)
    {
        var user = scope.User;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.OrganisationDepartments.AsNoTracking();
        query = user.Role switch
        {
            PortalRole.SystemAdministrator => query,
            PortalRole.OrganisationDepartment => query.Where(d => d.Id == user.OrganisationDepartmentId),
            _ => query.Where(d => d.Streets.Any(s => s.Id == user.StreetId)),
        };
        return await query.OrderBy(d => d.Name)
            .Select(d => new OrganisationDepartmentDto(d.Id, d.Name, d.Region, d.Streets.Count, d.Version))
            .ToListAsync(ct);
    }
}

public sealed class SaveOrganisationDepartment(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    /// <summary>Creates (id null) or renames a department. Administrators only.</summary>
    public async Task<Guid> HandleAsync(Guid? id, OrganisationDepartmentInput input, uint? expectedVersion, CancellationToken ct = default)
    {
        scope.EnsureAdministrator();
        var failures = AdministrationRules.ValidateName(input.Name, nameof(input.Name), "Field.OrganisationDepartment.Name").ToList();
        if (input.Region?.Trim().Length > AdministrationRules.NameMaxLength)
        {
            failures.Add(new(nameof(input.Region), "Validation.MaxLength", "Field.OrganisationDepartment.Region", AdministrationRules.NameMaxLength));
        }

        PortalValidationException.ThrowIfAny(failures);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        OrganisationDepartment department;
        if (id is null)
        {
            department = new OrganisationDepartment { Name = input.Name.Trim() };
            db.OrganisationDepartments.Add(department);
        }
        else
        {
            department = await db.OrganisationDepartments.FirstOrDefaultAsync(d => d.Id == id, ct)
                ?? throw new PortalNotFoundException();
            department.Name = input.Name.Trim();
        }

        department.Region = input.Region?.Trim() ?? "";
        try
        {
            await db.SaveWithVersionAsync(department, expectedVersion ?? department.Version, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new PortalValidationException([new(nameof(input.Name), "Validation.DuplicateName", input.Name.Trim())]);
        }

        return department.Id;
    }
}
