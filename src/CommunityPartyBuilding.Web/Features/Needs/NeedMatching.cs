using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Resources;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary>A resource as matching weighs it: what it is, whom it serves, until when, how much; and where its unit sits.</summary>
public sealed record MatchCandidate(
    ResourceKind Kind,
    IReadOnlyCollection<Guid> CommunityIds,
    DateOnly? AvailableUntil,
    decimal? Capacity,
    Guid? UnitCommunityId);

/// <summary>One reason a resource fits a need: a text key of strings.tsv and its arguments.</summary>
public sealed record MatchReason(string Key, params object[] Arguments);

/// <summary>How well a resource fits, and why; null from <see cref="NeedMatching.Score"/> when it does not fit at all.</summary>
public sealed record MatchScore(int Score, IReadOnlyList<MatchReason> Reasons);

/// <summary>
/// 资源匹配 (document 002's 资源匹配, the step before 精准派单): which of the street's resources fit a need, as plain rules.
/// A resource fits when its kind suits the need's service category (<see cref="Fit"/>), it serves the need's community
/// (it names it, or the whole street), and it has not run out before today. Better fits score higher: the category's
/// first kinds, a resource that names the community, a unit located in it, one available through the day the resident
/// wants it done, a stated capacity.
/// </summary>
public static class NeedMatching
{
    public const int MaxMatches = 20;

    /// <summary>
    /// The fit table: for each service category the resource kinds that can answer it, most useful first. Other needs
    /// take any kind, each counted as a weak fit.
    /// </summary>
    public static IReadOnlyList<ResourceKind> Fit(ServiceCategory category) => category switch
    {
        ServiceCategory.PovertyRelief => [ResourceKind.Funds, ResourceKind.Materials, ResourceKind.Volunteers],
        ServiceCategory.ConvenienceService => [ResourceKind.Volunteers, ResourceKind.Expertise, ResourceKind.Materials],
        ServiceCategory.SkillTraining => [ResourceKind.Expertise, ResourceKind.Venue],
        ServiceCategory.CultureSports => [ResourceKind.Venue, ResourceKind.Volunteers, ResourceKind.Expertise],
        ServiceCategory.Environment => [ResourceKind.Volunteers, ResourceKind.Materials, ResourceKind.Funds],
        ServiceCategory.PublicSafety => [ResourceKind.Volunteers, ResourceKind.Expertise],
        ServiceCategory.Employment => [ResourceKind.Expertise, ResourceKind.Venue],
        ServiceCategory.VenueSharing => [ResourceKind.Venue],
        _ => [],
    };

    /// <summary>Whether a kind can answer a category at all (<see cref="ServiceCategory.Other"/>: any kind).</summary>
    public static bool Fits(ServiceCategory category, ResourceKind kind) => category == ServiceCategory.Other || Fit(category).Contains(kind);

    /// <summary>
    /// The score of <paramref name="resource"/> for a need of <paramref name="category"/> in <paramref name="communityId"/>,
    /// wanted by <paramref name="wantedBy"/> (none: within the default claim time from <paramref name="today"/>); null
    /// when it does not fit: a kind the category does not use, a community it does not serve, or availability that ended.
    /// </summary>
    public static MatchScore? Score(ServiceCategory category, Guid communityId, DateOnly? wantedBy, DateOnly today, MatchCandidate resource)
    {
        if (!Fits(category, resource.Kind) || !ResourceRules.Serves(resource.CommunityIds, communityId))
        {
            return null;
        }

        if (resource.AvailableUntil is { } until && until < today)
        {
            return null;
        }

        var reasons = new List<MatchReason>();
        var rank = Fit(category).ToList().IndexOf(resource.Kind);
        var score = rank switch
        {
            0 => 40,
            1 => 30,
            2 => 20,
            _ => 10,
        };
        reasons.Add(new(rank == 0 ? "Match.KindBest" : "Match.KindFits", "ResourceKind." + resource.Kind, "ServiceCategory." + category));

        if (resource.CommunityIds.Count == 0)
        {
            score += 15;
            reasons.Add(new("Match.ServesStreet"));
        }
        else
        {
            score += 25;
            reasons.Add(new("Match.ServesCommunity"));
        }

        if (resource.UnitCommunityId == communityId)
        {
            score += 10;
            reasons.Add(new("Match.UnitInCommunity"));
        }

        var needed = NeedRules.ClaimDue(today, wantedBy);
        if (resource.AvailableUntil is not { } end)
        {
            score += 10;
            reasons.Add(new("Match.AvailableOpen"));
        }
        else if (end >= needed)
        {
            score += 10;
            reasons.Add(new("Match.AvailableThrough", end));
        }
        else
        {
            reasons.Add(new("Match.AvailableOnlyUntil", end));
        }

        if (resource.Capacity is > 0)
        {
            score += 5;
            reasons.Add(new("Match.HasCapacity"));
        }

        return new MatchScore(score, reasons);
    }
}

/// <summary>
/// 精准派单: staff send a published need to one unit with a deadline to answer; the unit accepts (and becomes the claimer,
/// rule 6) or declines with a reason; unanswered, the dispatch expires the day after its deadline and returns to staff.
/// While one is pending no other unit may claim the need.
/// </summary>
public static class NeedDispatchRules
{
    public const int MaxDeadlineDays = 30;
    public const int DefaultDeadlineDays = 3;
    public const int ReasonMaxLength = 500;

    /// <summary>Staff are reminded of a declined or expired dispatch for this many days, while the need still waits.</summary>
    public const int ReturnedReminderDays = 3;

    /// <summary>The deadline to answer: today at the earliest (not in the past), at most 30 days ahead.</summary>
    public static bool DeadlineValid(DateOnly deadline, DateOnly today) => deadline >= today && deadline <= today.AddDays(MaxDeadlineDays);

    /// <summary>Only a published need is dispatched (a claimed, done or closed one has its answer already).</summary>
    public static bool MayDispatch(NeedStatus status) => status == NeedStatus.Published;

    /// <summary>An unanswered dispatch expires the day after its deadline.</summary>
    public static bool Expired(DateOnly deadline, DateOnly today) => today > deadline;

    /// <summary>A pending dispatch to another unit holds the need: no one else may claim it until it is answered or expires.</summary>
    public static bool BlocksClaim(Guid? pendingUnitId, Guid claimingUnitId) => pendingUnitId is { } unit && unit != claimingUnitId;
}

/// <summary>
/// 回访: staff call or visit the resident after a need is done and record whether they were satisfied; it may be recorded
/// once the need is done (or rated), dated between the day it was done and today.
/// </summary>
public static class ReturnVisitRules
{
    public const int NoteMaxLength = 500;

    public static bool MayRecord(NeedStatus status) => status is NeedStatus.Done or NeedStatus.Rated;

    public static bool DateValid(DateOnly visitedOn, DateOnly doneOn, DateOnly today) => visitedOn >= doneOn && visitedOn <= today;
}

/// <summary>办理情况通报: the month a notice covers, and how its figures are counted.</summary>
public static class NeedNoticeRules
{
    /// <summary>"2026-11" → 2026-11-01; null for anything else (a month before 2000 or after this one included).</summary>
    public static DateOnly? ParseMonth(string? text, DateOnly today)
    {
        if (text is null || text.Length != 7 || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var month)
            || month is < 1 or > 12 || year < 2000)
        {
            return null;
        }

        var first = new DateOnly(year, month, 1);
        return first > today ? null : first;
    }

    /// <summary>Done on time: on or before the claim-by date of the claim it was done under.</summary>
    public static bool OnTime(DateOnly doneOn, DateOnly? claimBy) => claimBy is not { } by || doneOn <= by;

    /// <summary>The residents' satisfaction with a unit's needs, as rule 4 counts ratings: (satisfied + 0.6 × basically satisfied) / ratings.</summary>
    public static decimal? Satisfaction(int satisfied, int basically, int ratings) =>
        ratings == 0 ? null : decimal.Round((satisfied + 0.6m * basically) / ratings, 3);
}
