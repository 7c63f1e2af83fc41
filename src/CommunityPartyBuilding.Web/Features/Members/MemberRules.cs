using System.Security.Cryptography;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>A registration (报到) as the member submits it on the public page or the API.</summary>
public sealed record RegistrationInput
{
    public string Name { get; init; } = "";

    public string Phone { get; init; } = "";

    public string Email { get; init; } = "";

    public string Password { get; init; } = "";

    /// <summary>A member unit of the street; or null with <see cref="EmployerName"/> for a unit outside it.</summary>
    public Guid? EmployerUnitId { get; init; }

    public string? EmployerName { get; init; }

    public string EmployerPartyOrganisation { get; init; } = "";

    public Guid? CommunityId { get; init; }

    public string Building { get; init; } = "";
}

/// <summary>A post as community staff define it.</summary>
public sealed record PostInput
{
    public PostKind? Kind { get; init; }

    public string Title { get; init; } = "";

    public string? Duties { get; init; }

    public string? Place { get; init; }

    public string? Schedule { get; init; }

    public int Places { get; init; }

    /// <summary>Optimistic concurrency on update (optional, as elsewhere in the API).</summary>
    public uint? Version { get; init; }
}

/// <summary>A service record as the member logs it (or staff enter it for the member).</summary>
public sealed record ServiceRecordInput
{
    public Guid? PostId { get; init; }

    public Guid? NeedId { get; init; }

    public Guid? ProjectId { get; init; }

    public DateOnly? Date { get; init; }

    public TimeOnly? Start { get; init; }

    public TimeOnly? End { get; init; }

    public string? Note { get; init; }

    /// <summary>The code of the post's or project's QR poster, scanned on site.</summary>
    public string? CheckInCode { get; init; }
}

/// <summary>A reason (return a registration or a record) or a date (move away).</summary>
public sealed record MemberReasonInput(string? Reason);

public sealed record MoveAwayInput(DateOnly? MovedAwayOn);

/// <summary>
/// The checks of registrations, posts and service records as plain functions: field rules, who confirms what, rule 8
/// (service hours), check-in codes.
/// </summary>
public static class MemberRules
{
    public const int NameMaxLength = 50;
    public const int EmailMaxLength = 256;
    public const int EmployerNameMaxLength = 100;
    public const int PartyOrganisationMaxLength = 100;
    public const int BuildingMaxLength = 100;
    public const int ReasonMaxLength = 500;
    public const int PostTitleMaxLength = 100;
    public const int DutiesMaxLength = 1000;
    public const int PlaceMaxLength = 200;
    public const int ScheduleMaxLength = 200;
    public const int MaxPlaces = 500;
    public const int NoteMaxLength = 1000;
    public const int RemarkMaxLength = 500;
    public const int CitationMaxLength = 500;

    /// <summary>Rule 8: at most this many hours of service on one day.</summary>
    public const decimal MaxHoursPerDay = 12m;

    /// <summary>Rule 8: a record may be entered for a day at most this many days back.</summary>
    public const int MaxDaysBack = 60;

    public const int CheckInCodeLength = 10;

    /// <summary>A poster's code stays valid this long unless a new poster replaces it.</summary>
    public const int CheckInCodeValidDays = 366;

    public static IReadOnlyList<ValidationFailure> Validate(RegistrationInput input) => Validate(input, requirePassword: true);

    /// <summary>
    /// The registration's field rules. Staff who enter members (the Excel import) give no password: the account gets none
    /// that works until staff issue a temporary one.
    /// </summary>
    public static IReadOnlyList<ValidationFailure> Validate(RegistrationInput input, bool requirePassword)
    {
        var failures = new List<ValidationFailure>();
        UnitRules.Text(failures, input.Name, nameof(input.Name), "Field.Member.Name", NameMaxLength, required: true);
        if (string.IsNullOrWhiteSpace(input.Phone))
        {
            failures.Add(new(nameof(input.Phone), "Validation.Required", "Field.Member.Phone"));
        }
        else if (NormaliseMobile(input.Phone) is null)
        {
            failures.Add(new(nameof(input.Phone), "Validation.Mobile"));
        }

        if (string.IsNullOrWhiteSpace(input.Email))
        {
            failures.Add(new(nameof(input.Email), "Validation.Required", "Field.Member.Email"));
        }
        else if (input.Email.Trim().Length > EmailMaxLength || !IsEmail(input.Email.Trim()))
        {
            failures.Add(new(nameof(input.Email), "Validation.Email"));
        }

        if (requirePassword && string.IsNullOrEmpty(input.Password))
        {
            failures.Add(new(nameof(input.Password), "Validation.Required", "Field.Member.Password"));
        }

        if (input.EmployerUnitId is null)
        {
            UnitRules.Text(failures, input.EmployerName, nameof(input.EmployerName), "Field.Member.EmployerName", EmployerNameMaxLength, required: true);
        }
        else
        {
            UnitRules.Text(failures, input.EmployerName, nameof(input.EmployerName), "Field.Member.EmployerName", EmployerNameMaxLength, required: false);
        }

        UnitRules.Text(failures, input.EmployerPartyOrganisation, nameof(input.EmployerPartyOrganisation), "Field.Member.PartyOrganisation", PartyOrganisationMaxLength, required: true);
        if (input.CommunityId is null || input.CommunityId == Guid.Empty)
        {
            failures.Add(new(nameof(input.CommunityId), "Validation.Choose", "Field.Member.Community"));
        }

        UnitRules.Text(failures, input.Building, nameof(input.Building), "Field.Member.Building", BuildingMaxLength, required: true);
        return failures;
    }

    /// <summary>A Chinese mobile number → its 11 digits; anything else (a landline included) → null.</summary>
    public static string? NormaliseMobile(string? input) =>
        NeedRules.NormalisePhone(input) is { Length: 11 } mobile && mobile[0] == '1' ? mobile : null;

    public static bool IsEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && text.IndexOf('.', at) > at + 1 && !text.EndsWith('.') && !text.Any(char.IsWhiteSpace);
    }

    /// <summary>Community staff confirm, or return, a pending registration.</summary>
    public static bool MayReview(RegistrationStatus status) => status == RegistrationStatus.Pending;

    /// <summary>Only a registered member moves away.</summary>
    public static bool MayMoveAway(RegistrationStatus status) => status == RegistrationStatus.Registered;

    /// <summary>Both confirmations in (the employer's only when the employer is a member unit): the registration takes effect.</summary>
    public static bool Complete(MemberRegistration registration) =>
        registration.CommunityConfirmedAt is not null
        && (registration.EmployerUnitId is null || registration.EmploymentConfirmedAt is not null);

    public static IReadOnlyList<ValidationFailure> Validate(PostInput input)
    {
        var failures = new List<ValidationFailure>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            failures.Add(new(nameof(input.Kind), "Validation.Choose", "Field.Post.Kind"));
        }

        UnitRules.Text(failures, input.Title, nameof(input.Title), "Field.Post.Title", PostTitleMaxLength, required: true);
        UnitRules.Text(failures, input.Duties, nameof(input.Duties), "Field.Post.Duties", DutiesMaxLength, required: false);
        UnitRules.Text(failures, input.Place, nameof(input.Place), "Field.Post.Place", PlaceMaxLength, required: false);
        UnitRules.Text(failures, input.Schedule, nameof(input.Schedule), "Field.Post.Schedule", ScheduleMaxLength, required: false);
        if (input.Places is < 1 or > MaxPlaces)
        {
            failures.Add(new(nameof(input.Places), "Validation.Range", "Field.Post.Places", 1, MaxPlaces));
        }

        return failures;
    }

    /// <summary>The places a post may be cut to: never below the places members hold now.</summary>
    public static bool PlacesFit(int places, int taken) => places >= taken;

    /// <summary>
    /// Rule 8's checks of one record that need nothing but the record and the day: exactly one subject, a date within
    /// [today − 60, today], an end after the start, at most 12 hours.
    /// </summary>
    public static IReadOnlyList<ValidationFailure> Validate(ServiceRecordInput input, DateOnly today)
    {
        var failures = new List<ValidationFailure>();
        var subjects = (input.PostId is null ? 0 : 1) + (input.NeedId is null ? 0 : 1) + (input.ProjectId is null ? 0 : 1);
        if (subjects != 1)
        {
            failures.Add(new(nameof(input.PostId), "Validation.ServiceSubject"));
        }

        if (input.Date is not { } date)
        {
            failures.Add(new(nameof(input.Date), "Validation.Required", "Field.ServiceRecord.Date"));
        }
        else if (date > today)
        {
            failures.Add(new(nameof(input.Date), "Validation.NotInFuture", "Field.ServiceRecord.Date"));
        }
        else if (date < today.AddDays(-MaxDaysBack))
        {
            failures.Add(new(nameof(input.Date), "Validation.ServiceTooOld", MaxDaysBack));
        }

        if (input.Start is null)
        {
            failures.Add(new(nameof(input.Start), "Validation.Required", "Field.ServiceRecord.Start"));
        }

        if (input.End is null)
        {
            failures.Add(new(nameof(input.End), "Validation.Required", "Field.ServiceRecord.End"));
        }

        if (input is { Start: { } start, End: { } end })
        {
            if (end <= start)
            {
                failures.Add(new(nameof(input.End), "Validation.EndBeforeStart"));
            }
            else if (Hours(start, end) > MaxHoursPerDay)
            {
                failures.Add(new(nameof(input.End), "Validation.ServiceHoursPerDay", MaxHoursPerDay));
            }
        }

        UnitRules.Text(failures, input.Note, nameof(input.Note), "Field.ServiceRecord.Note", NoteMaxLength, required: false);
        return failures;
    }

    /// <summary>Hours between two times of one day, to one decimal (rounded half up).</summary>
    public static decimal Hours(TimeOnly start, TimeOnly end) =>
        Math.Round((decimal)(end - start).TotalMinutes / 60m, 1, MidpointRounding.AwayFromZero);

    /// <summary>Two records of a day overlap when each starts before the other ends (touching ends do not overlap).</summary>
    public static bool Overlap(TimeOnly start1, TimeOnly end1, TimeOnly start2, TimeOnly end2) => start1 < end2 && start2 < end1;

    /// <summary>Rule 8 against the member's other live (not returned) records of the same day: no overlap, at most 12 hours in all.</summary>
    public static string? CheckDay(TimeOnly start, TimeOnly end, IEnumerable<(TimeOnly Start, TimeOnly End, decimal Hours)> sameDay)
    {
        var total = Hours(start, end);
        foreach (var other in sameDay)
        {
            if (Overlap(start, end, other.Start, other.End))
            {
                return "ServiceRecord.Overlaps";
            }

            total += other.Hours;
        }

        return total > MaxHoursPerDay ? "ServiceRecord.DayFull" : null;
    }

    public static bool MayReview(ServiceRecordStatus status) => status == ServiceRecordStatus.Submitted;

    /// <summary>A new code for a poster (letters and digits without look-alikes, like tracking codes).</summary>
    public static string NewCheckInCode() => RandomNumberGenerator.GetString(NeedRules.TrackingAlphabet, CheckInCodeLength);

    public static string? NormaliseCheckInCode(string? input) => NeedRules.NormaliseTrackingCode(input);

    /// <summary>A code counts on the day of the record only when it was valid that day and no newer poster replaced it.</summary>
    public static bool CodeValidOn(CheckInCode code, DateOnly day) =>
        code.ReplacedAt is null && day >= code.ValidFrom && day <= code.ValidUntil;
}
