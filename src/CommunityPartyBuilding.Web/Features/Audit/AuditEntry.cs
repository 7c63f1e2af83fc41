namespace CommunityPartyBuilding.Web.Features.Audit;

/// <summary>操作日志: one change to one record, written in the same transaction as the change.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; set; }

    public string? UserId { get; set; }

    public string UserName { get; set; } = "";

    /// <summary>The entity's CLR name, e.g. <c>StreetCommittee</c>.</summary>
    public string EntityType { get; set; } = "";

    public string EntityId { get; set; } = "";

    public AuditAction Action { get; set; }

    /// <summary>The street whose data changed, when there is one: it decides who may read the entry.</summary>
    public Guid? StreetId { get; set; }

    /// <summary>JSON array of <see cref="AuditChange"/>.</summary>
    public string Changes { get; set; } = "[]";
}

public enum AuditAction
{
    Created,
    Updated,
    Deleted,

    /// <summary>Rule 10: a resident's or member's contact read whole.</summary>
    PersonalDataRead,

    /// <summary>A read worth recording: a report downloaded by an organisation department.</summary>
    Downloaded,

    /// <summary>An authentication event (<see cref="Account.SecurityEvents"/>): sign-ins, failures, lockouts, 2FA and session changes.</summary>
    Security,
}

public sealed record AuditChange(string Property, string? Old, string? New);
