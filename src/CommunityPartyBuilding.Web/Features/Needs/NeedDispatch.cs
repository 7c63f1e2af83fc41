using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary>
/// 派单: staff send a published need to a unit that fits it, with a deadline to answer. The unit's leader accepts it (the
/// unit becomes the claimer, rule 6) or declines it with a reason; unanswered, it expires after its deadline and the
/// need comes back to staff. At most one dispatch of a need is pending (a unique index), and while it is, no other
/// unit may claim the need.
/// </summary>
public sealed class NeedDispatch : IAuditable, IVersioned, IStreetScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StreetId { get; set; }

    public Guid NeedId { get; set; }

    public Guid UnitId { get; set; }

    public DateTimeOffset DispatchedAt { get; set; }

    public required string DispatchedBy { get; set; }

    /// <summary>The last day the unit may answer; the day after, an unanswered dispatch expires.</summary>
    public DateOnly Deadline { get; set; }

    public NeedDispatchStatus Status { get; set; } = NeedDispatchStatus.Pending;

    public string? DeclineReason { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>Who accepted or declined; null when it expired (the audit log says "system").</summary>
    public string? AnsweredBy { get; set; }

    public uint Version { get; set; }
}

public enum NeedDispatchStatus
{
    Pending,
    Accepted,
    Declined,
    Expired,

    /// <summary>The need was withdrawn while the dispatch waited for an answer.</summary>
    Cancelled,
}

/// <summary>How a return visit (回访) was made.</summary>
public enum ReturnVisitWay
{
    Phone,
    Visit,
}
