using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Committees;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Administration;

public sealed record CommunityDto(Guid Id, string Name, uint Version);

public sealed record StreetDto(
    Guid Id,
    string Name,
    Guid OrganisationDepartmentId,
    string OrganisationDepartmentName,
    string CommitteeName,
    string Secretary,
    IReadOnlyList<CommunityDto> Communities,
    uint Version);

public sealed record StreetInput(string Name, Guid OrganisationDepartmentId);

public sealed class GetStreets(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<List<StreetDto>> HandleAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(scope.VisibleStreets(db).OrderBy(s => s.OrganisationDepartment!.Name).ThenBy(s => s.Name)).ToListAsync(ct);
    }

    public async Task<StreetDto> HandleAsync(Guid streetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(scope.VisibleStreets(db).Where(s => s.Id == streetId)).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.StreetNotFound");
    }

    private static IQueryable<StreetDto> Project(IQueryable<Street> streets) => streets.Select(s => new StreetDto(
        s.Id,
        s.Name,
        s.OrganisationDepartmentId,
        s.OrganisationDepartment!.Name,
        s.Committee == null ? "" : s.Committee.Name,
        s.Committee == null ? "" : s.Committee.Secretary,
        s.Communities.OrderBy(c => c.Name).Select(c => new CommunityDto(c.Id, c.Name, c.Version)).ToList(),
        s.Version));
}

public sealed class SaveStreet(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    /// <summary>Creates a street with its committee (default settings), or renames / moves one. Administrators only.</summary>
    public async Task<Guid> HandleAsync(Guid? id, StreetInput input, uint? expectedVersion, CancellationToken ct = default)
    {
        scope.EnsureAdministrator();
        var failures = AdministrationRules.ValidateName(input.Name, nameof(input.Name), "Field.Street.Name").ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.OrganisationDepartments.AnyAsync(d => d.Id == input.OrganisationDepartmentId, ct))
        {
            failures.Add(new(nameof(input.OrganisationDepartmentId), "Validation.Required", "Field.Street.OrganisationDepartment"));
        }

        PortalValidationException.ThrowIfAny(failures);
        Street street;
        if (id is null)
        {
            street = new Street { Name = input.Name.Trim(), OrganisationDepartmentId = input.OrganisationDepartmentId };
            db.Streets.Add(street);
            db.StreetCommittees.Add(StreetCommittee.CreateDefault(street.Id, street.Name));
        }
        else
        {
            street = await db.Streets.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new PortalNotFoundException("Error.StreetNotFound");
            street.Name = input.Name.Trim();
            street.OrganisationDepartmentId = input.OrganisationDepartmentId;
        }

        try
        {
            await db.SaveWithVersionAsync(street, expectedVersion ?? street.Version, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new PortalValidationException([new(nameof(input.Name), "Validation.DuplicateName", input.Name.Trim())]);
        }

        return street.Id;
    }
}

public sealed class SaveCommunity(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    /// <summary>Adds (id null) or renames a community. Administrators, or staff of that street.</summary>
    public async Task<Guid> HandleAsync(Guid streetId, Guid? id, string name, uint? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureAdministratorOrStaffOfAsync(db, streetId, ct);
        PortalValidationException.ThrowIfAny(AdministrationRules.ValidateName(name, "Name", "Field.Community.Name"));
        Community community;
        if (id is null)
        {
            community = new Community { StreetId = streetId, Name = name.Trim() };
            db.Communities.Add(community);
        }
        else
        {
            community = await db.Communities.FirstOrDefaultAsync(c => c.Id == id && c.StreetId == streetId, ct)
                ?? throw new PortalNotFoundException();
            community.Name = name.Trim();
        }

        try
        {
            await db.SaveWithVersionAsync(community, expectedVersion ?? community.Version, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new PortalValidationException([new("Name", "Validation.DuplicateName", name.Trim())]);
        }

        return community.Id;
    }
}
