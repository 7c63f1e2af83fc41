namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>Marks an entity whose every change is written to the audit log by the save interceptor.</summary>
public interface IAuditable
{
    Guid Id { get; }
}

/// <summary>An entity that belongs to one street: audit entries and scope checks use it.</summary>
public interface IStreetScoped
{
    Guid StreetId { get; }
}

/// <summary>An entity edited under optimistic concurrency (PostgreSQL xmin).</summary>
public interface IVersioned
{
    uint Version { get; set; }
}

/// <summary>Who is acting in the current logical flow, for audit entries. Set per HTTP request and per circuit event.</summary>
public static class AuditActor
{
    private static readonly AsyncLocal<Actor?> CurrentActor = new();

    public static Actor? Current
    {
        get => CurrentActor.Value;
        set => CurrentActor.Value = value;
    }

    public sealed record Actor(string? UserId, string Name);
}
