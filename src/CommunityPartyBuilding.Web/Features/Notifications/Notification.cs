namespace CommunityPartyBuilding.Web.Features.Notifications;

/// <summary>
/// An in-app notification for one person about one item on one business day. (RecipientUserId, ItemKey, Day) is unique,
/// so however many reminder passes run, on however many instances, a person gets at most one per item and day.
/// The text is not stored: the kind names the message (in the reader's language) and <see cref="Arguments"/> fill it.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string RecipientUserId { get; set; }

    /// <summary>The street the item belongs to.</summary>
    public Guid? StreetId { get; set; }

    public NotificationKind Kind { get; set; }

    /// <summary>What the notification is about, e.g. <c>resolution-overdue:{id}</c> or <c>quarter-meeting:{streetId}:2026Q4</c>.</summary>
    public required string ItemKey { get; set; }

    /// <summary>The business day (Asia/Shanghai) it was created for.</summary>
    public DateOnly Day { get; set; }

    /// <summary>The message's arguments: names, numbers, dates as yyyy-MM-dd (shown in the reader's date format).</summary>
    public List<string> Arguments { get; set; } = [];

    /// <summary>Local link to the item.</summary>
    public required string LinkUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}

public enum NotificationKind
{
    /// <summary>决议逾期: staff of the street and the leaders of the lead and co-operating units.</summary>
    ResolutionOverdue,

    /// <summary>决议期限在7天内: the same people.</summary>
    ResolutionDueSoon,

    /// <summary>活动待核实: one summary per street and day for its staff.</summary>
    ActivitiesAwaitingVerification,

    /// <summary>协议30天内到期: staff and the leaders of the unit.</summary>
    AgreementEndingSoon,

    /// <summary>本季度尚未召开足够的联席会议, from 15 days before the quarter ends: staff.</summary>
    QuarterWithoutJointMeeting,

    /// <summary>委员任期60天内届满: staff.</summary>
    CommitteeTermEnding,

    /// <summary>需求认领即将失效, 3 days before the claim-by date (rule 6): the claiming unit's leaders.</summary>
    NeedClaimLapsing,

    /// <summary>需求待审核: one summary per community and day for its staff and the street's staff.</summary>
    NeedsAwaitingReview,

    /// <summary>派单待答复: each day a dispatch waits for the unit's answer, its leaders.</summary>
    NeedDispatched,

    /// <summary>派单被谢绝: the need's community staff and the street's staff, for 3 days unless dispatched or claimed again.</summary>
    NeedDispatchDeclined,

    /// <summary>派单超时未答复: the same people as a declined one.</summary>
    NeedDispatchExpired,

    /// <summary>在职党员报到待社区确认: one summary per community and day for its staff and the street's staff.</summary>
    MemberRegistrationsAwaitingCommunity,

    /// <summary>在职党员报到待单位确认: one summary per unit and day for its leaders.</summary>
    MemberRegistrationsAwaitingEmployer,

    /// <summary>服务记录待确认: records submitted more than 3 days ago, one summary per community and day for its staff and the street's staff.</summary>
    ServiceRecordsAwaitingConfirmation,

    /// <summary>岗位有空余名额: once a week (Mondays), one summary per community for its staff.</summary>
    PostsWithFreePlaces,

    /// <summary>喜报已发出: a member of the unit was named outstanding; its leaders.</summary>
    MemberCommendationIssued,

    /// <summary>反馈函已出具: a quarter's feedback letter on the unit's members was issued by the street or a community; its leaders.</summary>
    MemberFeedbackAvailable,

    /// <summary>报到社区已确认 (the employer unit still to confirm): the member.</summary>
    MemberRegistrationCommunityConfirmed,

    /// <summary>单位已确认在职 (the community still to confirm): the member.</summary>
    MemberRegistrationEmploymentConfirmed,

    /// <summary>报到已生效, the member may sign in: the member.</summary>
    MemberRegistrationConfirmed,

    /// <summary>报到被退回, with the reason: the member (told on the sign-in page too, as they cannot sign in).</summary>
    MemberRegistrationReturned,

    /// <summary>已标记迁出: the member.</summary>
    MemberMovedAway,

    /// <summary>优秀评定已撤销, with the reason: the member.</summary>
    MemberCommendationWithdrawn,

    /// <summary>喜报已撤销 (without the reason): the leaders of the member's unit, who were told of the 喜报.</summary>
    MemberCommendationWithdrawnForUnit,
}
