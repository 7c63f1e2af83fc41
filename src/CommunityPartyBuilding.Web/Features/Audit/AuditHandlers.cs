using System.Text.Json;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Audit;

public sealed record AuditQuery(
    string? EntityType = null,
    string? User = null,
    DateOnly? From = null,
    DateOnly? To = null,
    Guid? StreetId = null,
    int Page = 1,
    int PageSize = 50);

public sealed record AuditEntryDto(
    Guid Id,
    DateTimeOffset OccurredAt,
    string UserName,
    string EntityType,
    string EntityId,
    AuditAction Action,
    Guid? StreetId,
    string? StreetName,
    IReadOnlyList<AuditChange> Changes);

public sealed class GetAuditEntries(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>At most this many entries go into one export; the filters narrow a larger log.</summary>
    public const int ExportLimit = 10_000;

    public async Task<PagedResult<AuditEntryDto>> HandleAsync(AuditQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = Filter(db, query);
        var total = await entries.CountAsync(ct);
        var page = Paging.Clamp(query.Page, query.PageSize);
        return new PagedResult<AuditEntryDto>(await ReadAsync(db, entries, page.Skip, page.Take, ct), total);
    }

    /// <summary>Every entry the filters match (newest first, up to <see cref="ExportLimit"/>), for the xlsx export.</summary>
    public async Task<List<AuditEntryDto>> AllAsync(AuditQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReadAsync(db, Filter(db, query), 0, ExportLimit, ct);
    }

    private IQueryable<AuditEntry> Filter(PortalDbContext db, AuditQuery query)
    {
        var user = scope.User;
        var entries = db.AuditEntries.AsNoTracking();
        entries = user.Role switch
        {
            PortalRole.SystemAdministrator => entries,
            PortalRole.OrganisationDepartment => entries.Where(e => e.StreetId != null
                && db.Streets.Any(s => s.Id == e.StreetId && s.OrganisationDepartmentId == user.OrganisationDepartmentId)),
            PortalRole.StreetStaff => entries.Where(e => e.StreetId == user.StreetId),
            _ => throw new PortalForbiddenException(),
        };

        if (query.StreetId is { } streetId)
        {
            entries = entries.Where(e => e.StreetId == streetId);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityType))
        {
            entries = entries.Where(e => e.EntityType == query.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var term = LikePattern.Contains(query.User);
            entries = entries.Where(e => EF.Functions.ILike(e.UserName, term, LikePattern.EscapeCharacter));
        }

        if (query.From is { } from)
        {
            var start = calendar.StartOfDay(from);
            entries = entries.Where(e => e.OccurredAt >= start);
        }

        if (query.To is { } to)
        {
            var end = calendar.StartOfDay(to.AddDays(1));
            entries = entries.Where(e => e.OccurredAt < end);
        }

        return entries;
    }

    private static async Task<List<AuditEntryDto>> ReadAsync(PortalDbContext db, IQueryable<AuditEntry> entries, int skip, int take, CancellationToken ct)
    {
        var rows = await entries.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip(skip).Take(take)
            .Select(e => new
            {
                e.Id,
                e.OccurredAt,
                e.UserName,
                e.EntityType,
                e.EntityId,
                e.Action,
                e.StreetId,
                StreetName = db.Streets.Where(s => s.Id == e.StreetId).Select(s => s.Name).FirstOrDefault(),
                e.Changes,
            })
            .ToListAsync(ct);
        return rows.Select(r => new AuditEntryDto(
            r.Id, r.OccurredAt, r.UserName, r.EntityType, r.EntityId, r.Action, r.StreetId, r.StreetName,
            JsonSerializer.Deserialize<List<AuditChange>>(r.Changes, JsonOptions) ?? [])).ToList();
    }

    /// <summary>The entity types that occur in the caller's log, for the filter.</summary>
    public async Task<List<string>> EntityTypesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = Filter(db, new AuditQuery());
        return await entries.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }
}
