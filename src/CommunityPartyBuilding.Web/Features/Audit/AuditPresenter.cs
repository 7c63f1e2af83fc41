using System.Globalization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Localization;

namespace CommunityPartyBuilding.Web.Features.Audit;

/// <summary>A value as a reader sees it: text, and a link when it names a record that has a page.</summary>
public sealed record AuditValue(string Text, string? Href = null);

/// <summary>One changed field: its display name and the old and new values (a list has several; null when absent).</summary>
public sealed record AuditChangeView(string Property, string Field, IReadOnlyList<AuditValue>? Old, IReadOnlyList<AuditValue>? New);

/// <summary>An audit entry in the reader's language: record type, record name, action and changes.</summary>
public sealed record AuditEntryView(
    Guid Id,
    DateTimeOffset OccurredAt,
    string Time,
    string UserName,
    string EntityType,
    string RecordType,
    AuditValue Record,
    string Action,
    string? StreetName,
    IReadOnlyList<AuditChangeView> Changes);

/// <summary>
/// Turns stored audit entries into what an organisation department or an auditor can read. Generic over entry
/// kinds: a record type the portal's model knows gets its fields typed (enum labels, dates, referenced records by
/// name); any other kind (e.g. security events) still shows with its display names from the strings table, or its
/// raw names when the table has none.
/// </summary>
public sealed class AuditPresenter(IDbContextFactory<PortalDbContext> dbFactory, IStringLocalizer<SharedResource> localizer, BusinessCalendar calendar) : IHandler
{
    /// <summary>Lists of ids that are no foreign key in the model: which record type their items name.</summary>
    private static readonly Dictionary<string, string> ListReferences = new(StringComparer.Ordinal)
    {
        ["CooperatingUnitIds"] = "MemberUnit",
        ["CommunityIds"] = "Community",
    };

    /// <summary>Enums whose labels the strings table keeps under another prefix than the enum's name.</summary>
    private static readonly Dictionary<string, string> EnumLabelPrefixes = new(StringComparer.Ordinal)
    {
        ["CommitmentMeasure"] = "Measure",
        ["CommitteePosition"] = "Position",
        ["PortalRole"] = "Role",
        ["PartyOrganisationType"] = "PartyType",
        ["ResolutionStatus"] = "ResolutionState",
    };

    /// <summary>The strings-table key of an enum value's label.</summary>
    internal static string EnumKey(Type enumType, string value) =>
        $"{EnumLabelPrefixes.GetValueOrDefault(enumType.Name, enumType.Name)}.{value}";

    /// <summary>What a legacy entry stored for a list before lists were recorded as their items.</summary>
    private const string LegacyListPrefix = "System.Collections.Generic.List`1";

    public async Task<List<AuditEntryView>> PresentAsync(IReadOnlyList<AuditEntryDto> entries, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var model = db.Model;

        // First pass: which records are named, per record type.
        var wanted = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            Want(wanted, entry.EntityType, entry.EntityId);
            var entityType = FindEntityType(model, entry.EntityType);
            foreach (var change in entry.Changes)
            {
                if (ReferenceTarget(entityType, change.Property) is { } target)
                {
                    foreach (var value in Items(change.Old).Concat(Items(change.New)))
                    {
                        Want(wanted, target, value);
                    }
                }
            }
        }

        var names = await RecordNames.LookUpAsync(db, wanted, ct);
        return entries.Select(e => Present(model, names, e)).ToList();
    }

    private AuditEntryView Present(IModel model, RecordNames names, AuditEntryDto entry)
    {
        var entityType = FindEntityType(model, entry.EntityType);
        var changes = entry.Changes.Select(c => new AuditChangeView(
            c.Property,
            FieldName(entry.EntityType, c.Property),
            c.Old is null ? null : Values(entityType, names, c.Property, c.Old),
            c.New is null ? null : Values(entityType, names, c.Property, c.New))).ToList();

        // A deleted record is no longer there to be named: its last name or title is in the entry itself.
        var lastName = entry.Changes.Where(c => c.Property is "Name" or "Title" or "DisplayName" or "PersonName")
            .Select(c => c.New ?? c.Old).FirstOrDefault(v => v is not null);
        var record = names.Find(entry.EntityType, entry.EntityId)
            ?? new AuditValue(lastName ?? ShortId(entry.EntityId));

        return new AuditEntryView(
            entry.Id,
            entry.OccurredAt,
            DateFormat.Instant(entry.OccurredAt, calendar.TimeZone),
            entry.UserName,
            entry.EntityType,
            RecordTypeName(entry.EntityType),
            record,
            Label("Audit.Action." + entry.Action, entry.Action.ToString()),
            entry.StreetName,
            changes);
    }

    public string RecordTypeName(string entityType) => Label("Entity." + entityType, entityType);

    public string FieldName(string property) => Label("Property." + property, property);

    /// <summary>A field's name where one record type words it differently (<c>Property.{Type}.{Field}</c>), else its common name.</summary>
    public string FieldName(string entityType, string property)
    {
        var specific = localizer[$"Property.{entityType}.{property}"];
        return specific.ResourceNotFound ? FieldName(property) : specific.Value;
    }

    private string Label(string key, string fallback)
    {
        var text = localizer[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }

    private List<AuditValue> Values(IEntityType? entityType, RecordNames names, string property, string stored)
    {
        if (stored.StartsWith(LegacyListPrefix, StringComparison.Ordinal))
        {
            return [new AuditValue(Label("Audit.ListNotRecorded", stored))];
        }

        var clrType = entityType?.FindProperty(property)?.ClrType;
        var elementType = clrType is { IsGenericType: true } && clrType != typeof(string)
            ? clrType.GetGenericArguments()[0]
            : null;
        if (AuditInterceptor.ParseList(stored) is { } items && (elementType is not null || clrType is null))
        {
            if (items.Count == 0)
            {
                return [new AuditValue(Label("Audit.EmptyList", "—"))];
            }

            var target = ReferenceTarget(entityType, property);
            return items.Select(item => item is null ? new AuditValue("—") : One(elementType, target, names, item)).ToList();
        }

        return [One(clrType, ReferenceTarget(entityType, property), names, stored)];
    }

    private AuditValue One(Type? clrType, string? target, RecordNames names, string stored)
    {
        if (target is not null)
        {
            return names.Find(target, stored) ?? new AuditValue(ShortId(stored));
        }

        var type = clrType is null ? null : Nullable.GetUnderlyingType(clrType) ?? clrType;
        if (type is { IsEnum: true })
        {
            // A flags value is written "Venues, Funds": each flag gets its label.
            return new AuditValue(string.Join(Label("Audit.ListSeparator", ","),
                stored.Split(", ").Select(v => Label(EnumKey(type, v), v))));
        }

        if (type == typeof(bool) || (type is null && stored is "True" or "False"))
        {
            return new AuditValue(Label(stored == "True" ? "Audit.Yes" : "Audit.No", stored));
        }

        if ((type is null || type == typeof(DateOnly))
            && DateOnly.TryParseExact(stored, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new AuditValue(DateFormat.Date(date));
        }

        if ((type is null || type == typeof(DateTimeOffset) || type == typeof(DateTime))
            && stored.Length >= 19 && stored[4] == '-' && stored[10] == 'T'
            && DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return new AuditValue(DateFormat.Instant(instant, calendar.TimeZone));
        }

        return new AuditValue(stored);
    }

    private static IEntityType? FindEntityType(IModel model, string entityType) =>
        model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == entityType && !t.IsOwned());

    /// <summary>The record type a field refers to: a foreign key of the model, or a known list of ids.</summary>
    internal static string? ReferenceTarget(IEntityType? entityType, string property)
    {
        if (ListReferences.TryGetValue(property, out var listTarget))
        {
            return listTarget;
        }

        var foreignKey = entityType?.FindProperty(property)?.GetContainingForeignKeys().FirstOrDefault();
        return foreignKey?.PrincipalEntityType.ClrType.Name;
    }

    private static IEnumerable<string> Items(string? stored) =>
        stored is null ? [] : AuditInterceptor.ParseList(stored)?.OfType<string>() ?? [stored];

    private static void Want(Dictionary<string, HashSet<string>> wanted, string type, string id)
    {
        if (!wanted.TryGetValue(type, out var ids))
        {
            wanted[type] = ids = new HashSet<string>(StringComparer.Ordinal);
        }

        ids.Add(id);
    }

    private static string ShortId(string id) => id.Length > 8 ? "#" + id[..8] : id;
}

/// <summary>Names (and pages) of the records an audit page mentions, looked up once per record type.</summary>
internal sealed class RecordNames
{
    private readonly Dictionary<(string Type, string Id), AuditValue> names = [];

    public AuditValue? Find(string type, string id) => names.GetValueOrDefault((type, id));

    public static async Task<RecordNames> LookUpAsync(PortalDbContext db, Dictionary<string, HashSet<string>> wanted, CancellationToken ct)
    {
        var result = new RecordNames();
        foreach (var (type, idTexts) in wanted)
        {
            if (type == "ApplicationUser")
            {
                var userIds = idTexts.ToList();
                foreach (var u in await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
                {
                    result.names[(type, u.Id)] = new AuditValue(u.DisplayName);
                }

                continue;
            }

            var ids = idTexts.Select(t => Guid.TryParse(t, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            IEnumerable<(Guid Id, string Name, string? Href)> found = type switch
            {
                "MemberUnit" => (await db.MemberUnits.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
                    .Select(x => (x.Id, x.Name, (string?)$"/units/{x.Id}")),
                "Street" => (await db.Streets.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
                    .Select(x => (x.Id, x.Name, (string?)$"/streets/{x.Id}/committee")),
                "StreetCommittee" => (await db.StreetCommittees.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.StreetId, x.Name }).ToListAsync(ct))
                    .Select(x => (x.Id, x.Name, (string?)$"/streets/{x.StreetId}/committee")),
                "Community" => (await db.Communities.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
                    .Select(x => (x.Id, x.Name, (string?)null)),
                "OrganisationDepartment" => (await db.OrganisationDepartments.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
                    .Select(x => (x.Id, x.Name, (string?)null)),
                "CommitteeMember" => (await db.CommitteeMembers.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.PersonName, x.StreetId }).ToListAsync(ct))
                    .Select(x => (x.Id, x.PersonName, (string?)$"/streets/{x.StreetId}/committee")),
                "CoBuildingAgreement" => (await db.Agreements.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Title }).ToListAsync(ct))
                    .Select(x => (x.Id, x.Title, (string?)$"/agreements/{x.Id}")),
                "Commitment" => (await db.Commitments.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Description, x.AgreementId }).ToListAsync(ct))
                    .Select(x => (x.Id, x.Description, (string?)$"/agreements/{x.AgreementId}")),
                "CoBuildingActivity" => (await db.Activities.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Title }).ToListAsync(ct))
                    .Select(x => (x.Id, x.Title, (string?)$"/activities/{x.Id}")),
                "ActivityPhoto" => (await db.ActivityPhotos.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.FileName, x.ActivityId }).ToListAsync(ct))
                    .Select(x => (x.Id, x.FileName, (string?)$"/activities/{x.ActivityId}")),
                "Meeting" => (await db.Meetings.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Title }).ToListAsync(ct))
                    .Select(x => (x.Id, x.Title, (string?)$"/meetings/{x.Id}")),
                "MeetingAttendance" => (await db.MeetingAttendances.AsNoTracking().Where(x => ids.Contains(x.Id))
                        .Select(x => new { x.Id, x.MeetingId, Meeting = db.Meetings.Where(m => m.Id == x.MeetingId).Select(m => m.Title).FirstOrDefault(), Unit = db.MemberUnits.Where(u => u.Id == x.UnitId).Select(u => u.Name).FirstOrDefault() })
                        .ToListAsync(ct))
                    .Select(x => (x.Id, $"{x.Meeting} · {x.Unit}", (string?)$"/meetings/{x.MeetingId}")),
                "Resolution" => (await db.Resolutions.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Number, x.Title }).ToListAsync(ct))
                    .Select(x => (x.Id, $"{x.Number} {x.Title}", (string?)$"/resolutions/{x.Id}")),
                "ResolutionProgress" => (await db.ResolutionProgress.AsNoTracking().Where(x => ids.Contains(x.Id))
                        .Select(x => new { x.Id, x.ResolutionId, Number = db.Resolutions.Where(r => r.Id == x.ResolutionId).Select(r => r.Number).FirstOrDefault() })
                        .ToListAsync(ct))
                    .Select(x => (x.Id, x.Number ?? "", (string?)$"/resolutions/{x.ResolutionId}")),
                "EvaluationCampaign" => (await db.EvaluationCampaigns.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Year }).ToListAsync(ct))
                    .Select(x => (x.Id, x.Year.ToString(CultureInfo.InvariantCulture), (string?)$"/evaluations/{x.Id}")),
                _ => [],
            };
            foreach (var (id, name, href) in found)
            {
                result.names[(type, id.ToString())] = new AuditValue(name, href);
            }
        }

        return result;
    }
}
