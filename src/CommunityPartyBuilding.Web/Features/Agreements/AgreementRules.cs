using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Agreements;

/// <summary>One commitment of an agreement; on an edit, <paramref name="Id"/> names the commitment it changes (null: a new one).</summary>
public sealed record CommitmentInput(ServiceCategory Category, ContributionType ContributionType, string? Description, CommitmentMeasure Measure, decimal Target, Guid? Id = null);

/// <summary>An agreement as the form edits it and the API sends it (POST and PUT bodies).</summary>
public sealed record AgreementInput
{
    public Guid UnitId { get; init; }

    public Guid? CommunityId { get; init; }

    public string Title { get; init; } = "";

    public DateOnly? SignedOn { get; init; }

    public DateOnly ValidFrom { get; init; }

    public DateOnly ValidTo { get; init; }

    public IReadOnlyList<CommitmentInput> Commitments { get; init; } = [];

    /// <summary>On creating only: <c>draft</c> (default) or <c>active</c>: an agreement created as active is activated at once (same rules).</summary>
    public AgreementStatus? Status { get; init; }

    /// <summary>On an edit: the version it started from; a stale one is refused with 409.</summary>
    public uint? Version { get; init; }
}

/// <summary>Agreement validation and lifecycle (草稿 → 生效 → 到期 / 终止): plain rules, no database.</summary>
public static class AgreementRules
{
    public const int TitleMaxLength = 100;
    public const int DescriptionMaxLength = 500;
    public const int ReasonMaxLength = 500;
    public const int MaxCommitments = 30;
    public const int EndingSoonDays = 30;

    public static IReadOnlyList<ValidationFailure> Validate(AgreementInput input, DateOnly today)
    {
        var failures = new List<ValidationFailure>();
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            failures.Add(new(nameof(input.Title), "Validation.Required", "Field.Agreement.Title"));
        }
        else if (input.Title.Trim().Length > TitleMaxLength)
        {
            failures.Add(new(nameof(input.Title), "Validation.MaxLength", "Field.Agreement.Title", TitleMaxLength));
        }

        if (input.UnitId == Guid.Empty)
        {
            failures.Add(new(nameof(input.UnitId), "Validation.Choose", "Field.Agreement.Unit"));
        }

        if (input.SignedOn is { } signed && signed > today)
        {
            failures.Add(new(nameof(input.SignedOn), "Validation.NotInFuture", "Field.Agreement.SignedOn"));
        }

        if (input.ValidFrom == default)
        {
            failures.Add(new(nameof(input.ValidFrom), "Validation.Required", "Field.Agreement.ValidFrom"));
        }

        if (input.ValidTo == default)
        {
            failures.Add(new(nameof(input.ValidTo), "Validation.Required", "Field.Agreement.ValidTo"));
        }
        else if (input.ValidFrom != default && input.ValidTo < input.ValidFrom)
        {
            failures.Add(new(nameof(input.ValidTo), "Validation.ValidToBeforeFrom"));
        }

        if (input.Commitments.Count > MaxCommitments)
        {
            failures.Add(new(nameof(input.Commitments), "Validation.TooManyCommitments", MaxCommitments));
        }

        for (var i = 0; i < input.Commitments.Count; i++)
        {
            var c = input.Commitments[i];
            var field = $"Commitments[{i}]";
            if (!Enum.IsDefined(c.Category) || !Enum.IsDefined(c.ContributionType) || !Enum.IsDefined(c.Measure))
            {
                failures.Add(new(field, "Validation.CommitmentKinds", i + 1));
            }

            if (c.Target <= 0 || c.Target > 100_000_000m)
            {
                failures.Add(new(field + ".Target", "Validation.CommitmentTarget", i + 1));
            }

            if (c.Description?.Trim().Length > DescriptionMaxLength)
            {
                failures.Add(new(field + ".Description", "Validation.MaxLength", "Field.Commitment.Description", DescriptionMaxLength));
            }
        }

        return failures;
    }

    /// <summary>草稿 → 生效: needs a signing date and at least one commitment.</summary>
    public static IReadOnlyList<ValidationFailure> CanActivate(AgreementStatus status, DateOnly? signedOn, int commitmentCount, DateOnly validTo, DateOnly today)
    {
        if (status != AgreementStatus.Draft)
        {
            return [new("Status", "Agreement.OnlyDraftActivates", "AgreementStatus." + status)];
        }

        var failures = new List<ValidationFailure>();
        if (signedOn is null)
        {
            failures.Add(new("SignedOn", "Agreement.ActivateNeedsSignedOn"));
        }

        if (commitmentCount == 0)
        {
            failures.Add(new("Commitments", "Agreement.ActivateNeedsCommitment"));
        }

        if (validTo < today)
        {
            failures.Add(new("ValidTo", "Agreement.ActivatePastValidTo"));
        }

        return failures;
    }

    /// <summary>生效 → 终止, with a date and a reason.</summary>
    public static IReadOnlyList<ValidationFailure> CanTerminate(AgreementStatus status, DateOnly terminatedOn, string? reason, DateOnly validFrom, DateOnly today)
    {
        if (status != AgreementStatus.Active)
        {
            return [new("Status", "Agreement.OnlyActiveTerminates", "AgreementStatus." + status)];
        }

        var failures = new List<ValidationFailure>();
        if (terminatedOn == default || terminatedOn > today)
        {
            failures.Add(new("TerminatedOn", "Validation.NotInFuture", "Field.Agreement.TerminatedOn"));
        }
        else if (terminatedOn < validFrom)
        {
            failures.Add(new("TerminatedOn", "Agreement.TerminatedBeforeStart"));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            failures.Add(new("Reason", "Validation.Required", "Field.Agreement.TerminationReason"));
        }
        else if (reason.Trim().Length > ReasonMaxLength)
        {
            failures.Add(new("Reason", "Validation.MaxLength", "Field.Agreement.TerminationReason", ReasonMaxLength));
        }

        return failures;
    }

    /// <summary>An active agreement whose valid-to date has passed is expired (到期), whether or not the nightly job has stored it yet.</summary>
    public static AgreementStatus Effective(AgreementStatus stored, DateOnly validTo, DateOnly today) =>
        stored == AgreementStatus.Active && validTo < today ? AgreementStatus.Expired : stored;

    public static bool EndsSoon(AgreementStatus effective, DateOnly validTo, DateOnly today) =>
        effective == AgreementStatus.Active && validTo >= today && validTo <= today.AddDays(EndingSoonDays);

    /// <summary>Whether the agreement was in force at some point of a period (for annual scores).</summary>
    public static bool ActiveDuring(AgreementStatus stored, DateOnly validFrom, DateOnly validTo, DateOnly? terminatedOn, DateOnly periodStart, DateOnly periodEnd)
    {
        if (stored is AgreementStatus.Draft)
        {
            return false;
        }

        var end = terminatedOn is { } t && t < validTo ? t : validTo;
        return validFrom <= periodEnd && end >= periodStart;
    }
}

/// <summary>Rule 3: a commitment's achievement and fulfilment = min(1, achieved / target).</summary>
public static class Fulfilment
{
    /// <summary>What one verified activity contributes to a commitment, by the commitment's measure.</summary>
    public static decimal Contribution(CommitmentMeasure measure, decimal volunteerHours, decimal funds, int beneficiaries) => measure switch
    {
        CommitmentMeasure.Activities => 1m,
        CommitmentMeasure.VolunteerHours => volunteerHours,
        CommitmentMeasure.Funds => funds,
        CommitmentMeasure.Beneficiaries => beneficiaries,
        _ => 0m,
    };

    public static decimal Ratio(decimal achieved, decimal target) =>
        target <= 0 ? 0m : Math.Min(1m, Math.Max(0m, achieved / target));
}
