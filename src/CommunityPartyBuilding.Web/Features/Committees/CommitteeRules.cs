using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Committees;

/// <summary>Validation of a committee profile: plain rules, no database.</summary>
public static class CommitteeRules
{
    public const int NameMaxLength = 100;
    public const int SecretaryMaxLength = 50;
    public const int DeliberationRulesMaxLength = 20_000;

    /// <summary>
    /// The quorum fraction stays below this: quorum is "more than" the fraction of active units, so 1 (more than all
    /// of them) could never be met and no resolution could ever be adopted.
    /// </summary>
    public const decimal MaxQuorumFractionExclusive = 1m;

    public const int MaxMemberYearlyHours = 1000;

    public static IReadOnlyList<ValidationFailure> Validate(CommitteeProfile profile, DateOnly today)
    {
        var failures = new List<ValidationFailure>();
        if (string.IsNullOrWhiteSpace(profile.Name))
        {
            failures.Add(new(nameof(profile.Name), "Validation.Required", "Field.Committee.Name"));
        }
        else if (profile.Name.Trim().Length > NameMaxLength)
        {
            failures.Add(new(nameof(profile.Name), "Validation.MaxLength", "Field.Committee.Name", NameMaxLength));
        }

        if (profile.Secretary?.Trim().Length > SecretaryMaxLength)
        {
            failures.Add(new(nameof(profile.Secretary), "Validation.MaxLength", "Field.Committee.Secretary", SecretaryMaxLength));
        }

        if (profile.DeliberationRules?.Length > DeliberationRulesMaxLength)
        {
            failures.Add(new(nameof(profile.DeliberationRules), "Validation.MaxLength", "Field.Committee.DeliberationRules", DeliberationRulesMaxLength));
        }

        if (profile.EstablishedOn is { } established && established > today)
        {
            failures.Add(new(nameof(profile.EstablishedOn), "Validation.NotInFuture", "Field.Committee.EstablishedOn"));
        }

        if (profile.QuorumFraction is not (> 0m and < MaxQuorumFractionExclusive))
        {
            failures.Add(new(nameof(profile.QuorumFraction), "Validation.QuorumFraction"));
        }

        if (profile.MinimumJointMeetingsPerQuarter < 1)
        {
            failures.Add(new(nameof(profile.MinimumJointMeetingsPerQuarter), "Validation.AtLeastOne", "Field.Committee.MinimumJointMeetingsPerQuarter"));
        }
        else if (profile.MinimumJointMeetingsPerQuarter > 13)
        {
            failures.Add(new(nameof(profile.MinimumJointMeetingsPerQuarter), "Validation.Range", "Field.Committee.MinimumJointMeetingsPerQuarter", 1, 13));
        }

        if (profile.AnnualActivityTarget < 1)
        {
            failures.Add(new(nameof(profile.AnnualActivityTarget), "Validation.AtLeastOne", "Field.Committee.AnnualActivityTarget"));
        }
        else if (profile.AnnualActivityTarget > 1000)
        {
            failures.Add(new(nameof(profile.AnnualActivityTarget), "Validation.Range", "Field.Committee.AnnualActivityTarget", 1, 1000));
        }

        // Rule 9: a member's yearly hours (1–1000) and the share of a unit's Party members expected to reach them (above 0, at most 1).
        if (profile.MemberYearlyHours is < 1 or > MaxMemberYearlyHours)
        {
            failures.Add(new(nameof(profile.MemberYearlyHours), "Validation.Range", "Field.Committee.MemberYearlyHours", 1, MaxMemberYearlyHours));
        }

        if (profile.MemberTargetRate is { } rate && rate is not (> 0m and <= 1m))
        {
            failures.Add(new(nameof(profile.MemberTargetRate), "Validation.MemberTargetRate"));
        }

        return failures;
    }
}

/// <summary>The editable fields of a committee, as pages and the API send them.</summary>
public sealed record CommitteeProfile
{
    public string Name { get; init; } = "";

    public string? Secretary { get; init; }

    public DateOnly? EstablishedOn { get; init; }

    public string? DeliberationRules { get; init; }

    public decimal QuorumFraction { get; init; } = StreetCommittee.DefaultQuorumFraction;

    public int MinimumJointMeetingsPerQuarter { get; init; } = StreetCommittee.DefaultMinimumJointMeetingsPerQuarter;

    public int AnnualActivityTarget { get; init; } = StreetCommittee.DefaultAnnualActivityTarget;

    /// <summary>Rule 9: confirmed hours a member should serve in a year; null keeps the current value.</summary>
    public int? MemberYearlyHours { get; init; }

    /// <summary>Rule 9: the target share (0–1] of a unit's Party members reaching the yearly hours; null keeps the current value.</summary>
    public decimal? MemberTargetRate { get; init; }

    /// <summary>The <c>version</c> from the GET (or the page's load) this edit started from; a stale one is refused with 409.</summary>
    public uint? Version { get; init; }
}
