using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommunityPartyBuilding.Web.Data;

/// <summary>
/// Refuses control characters in every text of the portal's own records before they reach PostgreSQL (which refuses
/// NUL with an error) or a generated file (.ics, xlsx, PDF): one rule for the API, the pages and the imports.
/// Multi-line texts (descriptions, reasons, notes, minutes, rules, comments, content) may hold line breaks.
/// </summary>
public sealed class TextInputInterceptor : SaveChangesInterceptor
{
    private static readonly string[] MultiLineSuffixes = ["Description", "Notes", "Note", "Reason", "Minutes", "Rules", "Comment", "Content"];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var failures = new List<ValidationFailure>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified) || entry.Entity is AuditEntry
                || entry.Metadata.ClrType.Namespace?.StartsWith("CommunityPartyBuilding.", StringComparison.Ordinal) != true)
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (entry.State == EntityState.Modified && !property.IsModified)
                {
                    continue;
                }

                CheckValue(property, failures);
            }
        }

        PortalValidationException.ThrowIfAny(failures.DistinctBy(f => f.Field).ToList());
    }

    private static void CheckValue(PropertyEntry property, List<ValidationFailure> failures)
    {
        var name = property.Metadata.Name;
        var multiLine = MultiLineSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal));
        var bad = property.CurrentValue switch
        {
            string text => !TextInput.IsAllowed(text, multiLine),
            IEnumerable<string> texts => texts.Any(t => t is not null && !TextInput.IsAllowed(t, multiLine)),
            _ => false,
        };
        if (bad)
        {
            failures.Add(new ValidationFailure(name, "Error.ControlCharacters"));
        }
    }
}
