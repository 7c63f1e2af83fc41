using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Resources;

/// <summary>A community a resource serves, by id and name.</summary>
public sealed record ResourceCommunityDto(Guid Id, string Name);

/// <summary>A resource as lists, pages and the API show it. <paramref name="Communities"/> empty: the whole street.</summary>
public sealed record ResourceDto(
    Guid Id,
    Guid StreetId,
    Guid UnitId,
    string UnitName,
    ResourceKind Kind,
    string Title,
    string Description,
    decimal? Capacity,
    CapacityMeasure? Measure,
    string Availability,
    DateOnly? AvailableUntil,
    IReadOnlyList<ResourceCommunityDto> Communities,
    ResourceStatus Status,
    DateTimeOffset? WithdrawnAt,
    uint Version);

/// <summary>The street's resources list: filters, search (title, description, unit name), paging.</summary>
public sealed record ResourceQuery
{
    public ResourceKind? Kind { get; init; }

    /// <summary>Resources that serve this community: those naming it and those serving the whole street.</summary>
    public Guid? CommunityId { get; init; }

    public string? Search { get; init; }

    public bool IncludeWithdrawn { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

internal static class ResourceQueries
{
    /// <summary>
    /// Kinds are stored by name: order them as <see cref="ResourceKind"/> lists them (场地, 资金, 志愿者, 专业技能, 物资),
    /// not alphabetically by their English names. Translates to a SQL CASE.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<UnitResource, int>> KindRank = r =>
        r.Kind == ResourceKind.Venue ? 0
        : r.Kind == ResourceKind.Funds ? 1
        : r.Kind == ResourceKind.Volunteers ? 2
        : r.Kind == ResourceKind.Expertise ? 3
        : 4;

    public static IQueryable<UnitResource> Filter(IQueryable<UnitResource> resources, PortalDbContext db, ResourceQuery query)
    {
        if (!query.IncludeWithdrawn)
        {
            resources = resources.Where(r => r.Status == ResourceStatus.Active);
        }

        if (query.Kind is { } kind)
        {
            resources = resources.Where(r => r.Kind == kind);
        }

        if (query.CommunityId is { } community)
        {
            resources = resources.Where(r => r.CommunityIds.Count == 0 || r.CommunityIds.Contains(community));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var like = LikePattern.Contains(query.Search);
            resources = resources.Where(r => EF.Functions.ILike(r.Title, like, LikePattern.EscapeCharacter)
                || EF.Functions.ILike(r.Description, like, LikePattern.EscapeCharacter)
                || db.MemberUnits.Any(u => u.Id == r.UnitId && EF.Functions.ILike(u.Name, like, LikePattern.EscapeCharacter)));
        }

        return resources;
    }

    /// <summary>Rows with their unit's name; community names are filled in afterwards from one small query.</summary>
    public static async Task<List<ResourceDto>> ProjectAsync(PortalDbContext db, IQueryable<UnitResource> resources, CancellationToken ct)
    {
        var rows = await resources.Select(r => new
        {
            Resource = r,
            UnitName = db.MemberUnits.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(),
        }).ToListAsync(ct);
        var communityIds = rows.SelectMany(r => r.Resource.CommunityIds).Distinct().ToList();
        var names = communityIds.Count == 0
            ? []
            : await db.Communities.AsNoTracking().Where(c => communityIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return rows.Select(r => new ResourceDto(
            r.Resource.Id, r.Resource.StreetId, r.Resource.UnitId, r.UnitName, r.Resource.Kind, r.Resource.Title, r.Resource.Description,
            r.Resource.Capacity, r.Resource.Measure, r.Resource.Availability, r.Resource.AvailableUntil,
            r.Resource.CommunityIds.Where(names.ContainsKey).Select(id => new ResourceCommunityDto(id, names[id])).OrderBy(c => c.Name, StringComparer.Ordinal).ToList(),
            r.Resource.Status, r.Resource.WithdrawnAt, r.Resource.Version)).ToList();
    }
}

/// <summary>A unit's resources (active first, then withdrawn ones when asked for). Scope: whoever may read the unit.</summary>
public sealed class GetUnitResources(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<IReadOnlyList<ResourceDto>> HandleAsync(Guid unitId, bool includeWithdrawn = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        var resources = db.UnitResources.AsNoTracking().Where(r => r.UnitId == unitId);
        if (!includeWithdrawn)
        {
            resources = resources.Where(r => r.Status == ResourceStatus.Active);
        }

        return await ResourceQueries.ProjectAsync(db, resources.OrderBy(r => r.Status).ThenBy(ResourceQueries.KindRank).ThenBy(r => r.Title), ct);
    }

    /// <summary>The communities of the unit's street, for the form's "communities served" choice.</summary>
    public async Task<IReadOnlyList<ResourceCommunityDto>> CommunityOptionsAsync(Guid unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streetId = await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        return await db.Communities.AsNoTracking().Where(c => c.StreetId == streetId).OrderBy(c => c.Name)
            .Select(c => new ResourceCommunityDto(c.Id, c.Name)).ToListAsync(ct);
    }
}

/// <summary>
/// The street's resources list (资源清单), for staff and the street's readers; a unit leader sees their own unit's
/// resources on the unit's page, not the street's list (like the units list).
/// </summary>
public sealed class GetStreetResources(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<PagedResult<ResourceDto>> HandleAsync(Guid streetId, ResourceQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanListUnitsAsync(db, streetId, ct);
        var window = Paging.Clamp(query.Page, query.PageSize);
        var filtered = ResourceQueries.Filter(db.UnitResources.AsNoTracking().Where(r => r.StreetId == streetId), db, query);
        var total = await filtered.CountAsync(ct);
        var page = filtered.OrderBy(r => r.Status).ThenBy(ResourceQueries.KindRank)
            .ThenBy(r => db.MemberUnits.Where(u => u.Id == r.UnitId).Select(u => u.Name).First()).ThenBy(r => r.Title).ThenBy(r => r.Id)
            .Skip(window.Skip).Take(window.Take);
        return new PagedResult<ResourceDto>(await ResourceQueries.ProjectAsync(db, page, ct), total);
    }
}

/// <summary>One resource; 404 unless the caller may read its unit.</summary>
public sealed class GetResource(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<ResourceDto> HandleAsync(Guid resourceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitId = await db.UnitResources.Where(r => r.Id == resourceId).Select(r => (Guid?)r.UnitId).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.ResourceNotFound");
        await ResourceWrites.EnsureReadableAsync(scope, db, unitId, ct);
        return (await ResourceQueries.ProjectAsync(db, db.UnitResources.AsNoTracking().Where(r => r.Id == resourceId), ct)).Single();
    }
}

/// <summary>A unit's leader, or staff who manage the unit, registers a resource the unit offers.</summary>
public sealed class CreateUnitResource(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<Guid> HandleAsync(Guid unitId, ResourceInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streetId = await scope.EnsureCanActForUnitAsync(db, unitId, ct);
        if (await db.MemberUnits.AnyAsync(u => u.Id == unitId && u.Status == UnitStatus.Withdrawn, ct))
        {
            throw new PortalConflictException("Error.UnitWithdrawnNoResources");
        }

        await ResourceWrites.ValidateAsync(db, streetId, input, ct);
        var resource = new UnitResource { StreetId = streetId, UnitId = unitId, Title = "" };
        ResourceWrites.Apply(resource, input);
        db.UnitResources.Add(resource);
        await db.SaveChangesAsync(ct);
        return resource.Id;
    }
}

/// <summary>Edits an active resource under optimistic concurrency; a withdrawn one is history and is not edited (409).</summary>
public sealed class UpdateUnitResource(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task HandleAsync(Guid resourceId, ResourceInput input, uint? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resource = await ResourceWrites.LoadForWriteAsync(scope, db, resourceId, ct);
        if (resource.Status == ResourceStatus.Withdrawn)
        {
            throw new PortalConflictException("Error.ResourceWithdrawn");
        }

        await ResourceWrites.ValidateAsync(db, resource.StreetId, input, ct);
        ResourceWrites.Apply(resource, input);
        await db.SaveWithVersionAsync(resource, expectedVersion ?? resource.Version, ct);
    }
}

/// <summary>Withdraws a resource (DELETE): it leaves the list and matching, and stays in the unit's history. Twice is a no-op.</summary>
public sealed class WithdrawUnitResource(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task HandleAsync(Guid resourceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resource = await ResourceWrites.LoadForWriteAsync(scope, db, resourceId, ct);
        if (resource.Status == ResourceStatus.Withdrawn)
        {
            return;
        }

        resource.Status = ResourceStatus.Withdrawn;
        resource.WithdrawnAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>What the resource use cases share: scope, validation against the street's communities, copying the input.</summary>
internal static class ResourceWrites
{
    public static async Task EnsureReadableAsync(ScopeGuard scope, PortalDbContext db, Guid unitId, CancellationToken ct)
    {
        try
        {
            await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        }
        catch (PortalNotFoundException)
        {
            throw new PortalNotFoundException("Error.ResourceNotFound");
        }
    }

    public static async Task<UnitResource> LoadForWriteAsync(ScopeGuard scope, PortalDbContext db, Guid resourceId, CancellationToken ct)
    {
        var resource = await db.UnitResources.FirstOrDefaultAsync(r => r.Id == resourceId, ct)
            ?? throw new PortalNotFoundException("Error.ResourceNotFound");
        try
        {
            // One read of the unit's scope: 404 (as the resource's) outside it, 403 for a reader who may not act for the unit.
            await scope.EnsureCanActForUnitAsync(db, resource.UnitId, ct);
        }
        catch (PortalNotFoundException)
        {
            throw new PortalNotFoundException("Error.ResourceNotFound");
        }

        return resource;
    }

    public static async Task ValidateAsync(PortalDbContext db, Guid streetId, ResourceInput input, CancellationToken ct)
    {
        var failures = ResourceRules.Validate(input).ToList();
        var ids = input.CommunityIds.Distinct().ToList();
        if (ids.Count > 0 && ids.Count <= ResourceRules.MaxCommunities
            && await db.Communities.CountAsync(c => c.StreetId == streetId && ids.Contains(c.Id), ct) != ids.Count)
        {
            failures.Add(new(nameof(input.CommunityIds), "Validation.CommunityNotInStreet"));
        }

        PortalValidationException.ThrowIfAny(failures);
    }

    public static void Apply(UnitResource resource, ResourceInput input)
    {
        resource.Kind = input.Kind!.Value;
        resource.Title = input.Title.Trim();
        resource.Description = input.Description?.Trim() ?? "";
        resource.Capacity = input.Capacity;
        resource.Measure = ResourceRules.MeasureFor(input);
        resource.Availability = input.Availability?.Trim() ?? "";
        resource.AvailableUntil = input.AvailableUntil;
        resource.CommunityIds = input.CommunityIds.Distinct().Order().ToList();
    }
}
