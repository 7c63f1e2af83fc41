using System.Globalization;
using System.Text.Json;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommunityPartyBuilding.Web.Data;

/// <summary>
/// Writes one <see cref="AuditEntry"/> per changed <see cref="IAuditable"/> record into the same SaveChanges,
/// and so into the same transaction as the change itself.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>Properties never written to the log: secrets, bookkeeping and noise.</summary>
    internal static readonly HashSet<string> Excluded =
    [
        nameof(IVersioned.Version),
        nameof(ApplicationUser.PasswordHash),
        nameof(ApplicationUser.SecurityStamp),
        nameof(ApplicationUser.ConcurrencyStamp),
        nameof(ApplicationUser.NormalizedEmail),
        nameof(ApplicationUser.NormalizedUserName),
        nameof(ApplicationUser.AccessFailedCount),
        nameof(ApplicationUser.LastSignInAt),
        "Content",
        "Thumbnail",
        "TrackingCodeHash",
    ];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var actor = AuditActor.Current;
        var now = clock.GetUtcNow();
        var entries = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is not IAuditable auditable
                || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var changes = Describe(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            entries.Add(new AuditEntry
            {
                OccurredAt = now,
                UserId = actor?.UserId,
                UserName = actor?.Name ?? "system",
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = entry.Entity is ApplicationUser user ? user.Id : auditable.Id.ToString(),
                Action = entry.State switch
                {
                    EntityState.Added => AuditAction.Created,
                    EntityState.Deleted => AuditAction.Deleted,
                    _ => AuditAction.Updated,
                },
                StreetId = entry.Entity switch
                {
                    IStreetScoped scoped => scoped.StreetId,
                    ApplicationUser u => u.StreetId,
                    _ => null,
                },
                Changes = JsonSerializer.Serialize(changes, JsonOptions),
            });
        }

        if (entries.Count > 0)
        {
            context.Set<AuditEntry>().AddRange(entries);
        }
    }

    private static List<AuditChange> Describe(EntityEntry entry)
    {
        var changes = new List<AuditChange>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Excluded.Contains(name) || property.Metadata.IsShadowProperty())
            {
                continue;
            }

            // Rule 10: the log is read by people who may not see residents' contacts whole; it keeps them masked.
            var personal = property.Metadata.PropertyInfo?.IsDefined(typeof(Microsoft.AspNetCore.Identity.PersonalDataAttribute), inherit: false) == true
                && entry.Entity is not ApplicationUser;
            string? Text(object? value) => personal ? MaskPersonal(name, value as string) : Format(value);
            switch (entry.State)
            {
                case EntityState.Added:
                    if (property.CurrentValue is not null && !property.Metadata.IsPrimaryKey())
                    {
                        changes.Add(new(name, null, Text(property.CurrentValue)));
                    }

                    break;
                case EntityState.Deleted:
                    changes.Add(new(name, Text(property.OriginalValue), null));
                    break;
                case EntityState.Modified when property.IsModified:
                    var old = Text(property.OriginalValue);
                    var @new = Text(property.CurrentValue);
                    if (old != @new)
                    {
                        changes.Add(new(name, old, @new));
                    }

                    break;
            }
        }

        return changes;
    }

    private static string? MaskPersonal(string property, string? value) =>
        value is null ? null : property.Contains("Phone", StringComparison.Ordinal) ? PersonalDataMask.Phone(value) : PersonalDataMask.Name(value);

    internal static string? Format(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        byte[] bytes => $"({bytes.Length} bytes)",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s => s,

        // A list (co-operating units, agenda items) is recorded as its items, a JSON array of strings.
        System.Collections.IEnumerable items => JsonSerializer.Serialize(items.Cast<object?>().Select(Format).ToList(), JsonOptions),
        _ => value.ToString(),
    };

    /// <summary>The items of a list written by <see cref="Format"/>, or null when the value is not such a list.</summary>
    internal static IReadOnlyList<string?>? ParseList(string? value)
    {
        if (value is null || !value.StartsWith('[') || !value.EndsWith(']'))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<List<string?>>(value, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
