using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Infrastructure;

public static class Concurrency
{
    /// <summary>
    /// Saves with the version the editor started from: if someone else saved in between, nothing is written and
    /// the caller gets "此记录已被他人修改，请刷新后重试".
    /// </summary>
    public static async Task SaveWithVersionAsync<T>(this DbContext db, T entity, uint expectedVersion, CancellationToken ct)
        where T : class, IVersioned
    {
        db.Entry(entity).Property(e => e.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalConflictException("Error.ConcurrencyConflict");
        }
    }

    /// <summary>True when the exception is PostgreSQL's unique-violation (23505), optionally on a named index.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception, string? constraint = null) =>
        exception.InnerException is Npgsql.PostgresException { SqlState: "23505" } pg
        && (constraint is null || pg.ConstraintName == constraint);
}
