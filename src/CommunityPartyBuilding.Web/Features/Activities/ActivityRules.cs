using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Activities;

public sealed record ActivityInput
{
    public string Title { get; set; } = "";

    public ServiceCategory Category { get; set; }

    public DateOnly HeldOn { get; set; }

    public string? Place { get; set; }

    public int Participants { get; set; }

    public int PartyMemberParticipants { get; set; }

    public decimal VolunteerHours { get; set; }

    public decimal Funds { get; set; }

    public int Beneficiaries { get; set; }

    public string? Description { get; set; }

    public Guid? CommitmentId { get; set; }

    /// <summary>On a correction: the version read (409 when the activity changed since); omitted, the last write wins.</summary>
    public uint? Version { get; set; }
}

/// <summary>Validation of activities and of the verification workflow: plain rules, no database.</summary>
public static class ActivityRules
{
    public const int TitleMaxLength = 100;
    public const int PlaceMaxLength = 100;
    public const int DescriptionMaxLength = 2000;
    public const int ReasonMaxLength = 500;

    /// <summary>
    /// What the person who verified an activity is told: only an activity linked to a commitment counts towards its
    /// agreement's fulfilment; any other verified activity counts in the ledger only (issue 15, item 16).
    /// </summary>
    public static string VerifiedMessageKey(Guid? commitmentId) =>
        commitmentId is null ? "Activities.VerifiedDoneNoCommitment" : "Activities.VerifiedDone";
    public const int MaxPhotos = 9;
    public const long MaxPhotoBytes = 5 * 1024 * 1024;

    public static IReadOnlyList<ValidationFailure> Validate(ActivityInput input, DateOnly today)
    {
        var failures = new List<ValidationFailure>();
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            failures.Add(new(nameof(input.Title), "Validation.Required", "Field.Activity.Title"));
        }
        else if (input.Title.Trim().Length > TitleMaxLength)
        {
            failures.Add(new(nameof(input.Title), "Validation.MaxLength", "Field.Activity.Title", TitleMaxLength));
        }

        if (!Enum.IsDefined(input.Category))
        {
            failures.Add(new(nameof(input.Category), "Validation.Required", "Field.Activity.Category"));
        }

        if (input.HeldOn == default)
        {
            failures.Add(new(nameof(input.HeldOn), "Validation.Required", "Field.Activity.HeldOn"));
        }
        else if (input.HeldOn > today)
        {
            failures.Add(new(nameof(input.HeldOn), "Validation.NotInFuture", "Field.Activity.HeldOn"));
        }
        else if (input.HeldOn < today.AddYears(-3))
        {
            failures.Add(new(nameof(input.HeldOn), "Validation.ActivityTooOld"));
        }

        if (input.Place?.Trim().Length > PlaceMaxLength)
        {
            failures.Add(new(nameof(input.Place), "Validation.MaxLength", "Field.Activity.Place", PlaceMaxLength));
        }

        if (input.Participants is < 1 or > 100_000)
        {
            failures.Add(new(nameof(input.Participants), "Validation.Range", "Field.Activity.Participants", 1, 100_000));
        }

        if (input.PartyMemberParticipants < 0)
        {
            failures.Add(new(nameof(input.PartyMemberParticipants), "Validation.Range", "Field.Activity.PartyMemberParticipants", 0, Math.Max(0, input.Participants)));
        }
        else if (input.PartyMemberParticipants > input.Participants)
        {
            failures.Add(new(nameof(input.PartyMemberParticipants), "Validation.PartyMembersExceedParticipants"));
        }

        if (input.VolunteerHours is < 0 or > 1_000_000m)
        {
            failures.Add(new(nameof(input.VolunteerHours), "Validation.Range", "Field.Activity.VolunteerHours", 0, 1_000_000));
        }

        if (input.Funds is < 0 or > 1_000_000_000m)
        {
            failures.Add(new(nameof(input.Funds), "Validation.Range", "Field.Activity.Funds", 0, 1_000_000_000));
        }

        if (input.Beneficiaries is < 0 or > 10_000_000)
        {
            failures.Add(new(nameof(input.Beneficiaries), "Validation.Range", "Field.Activity.Beneficiaries", 0, 10_000_000));
        }

        if (input.Description?.Trim().Length > DescriptionMaxLength)
        {
            failures.Add(new(nameof(input.Description), "Validation.MaxLength", "Field.Activity.Description", DescriptionMaxLength));
        }

        return failures;
    }

    /// <summary>The unit may change its activity while it is submitted or returned; a verified one is read-only for it.</summary>
    public static bool UnitMayEdit(ActivityStatus status) => status is ActivityStatus.Submitted or ActivityStatus.Returned;

    public static IReadOnlyList<ValidationFailure> CanVerify(ActivityStatus status) =>
        status == ActivityStatus.Submitted ? [] : [new("Status", "Activity.OnlySubmittedReviewed", "ActivityStatus." + status)];

    public static IReadOnlyList<ValidationFailure> CanReturn(ActivityStatus status, string? reason)
    {
        if (status != ActivityStatus.Submitted)
        {
            return [new("Status", "Activity.OnlySubmittedReviewed", "ActivityStatus." + status)];
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return [new("Reason", "Validation.Required", "Field.Activity.ReturnReason")];
        }

        return reason.Trim().Length > ReasonMaxLength ? [new("Reason", "Validation.MaxLength", "Field.Activity.ReturnReason", ReasonMaxLength)] : [];
    }
}
