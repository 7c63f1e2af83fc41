using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary>A need as a resident submits it (public page and API) or staff enter it for a resident.</summary>
public sealed record NeedInput
{
    public Guid? CommunityId { get; init; }

    /// <summary>Required: a missing kind is a validation error, not silently the first one.</summary>
    public NeedKind? Kind { get; init; }

    public ServiceCategory? Category { get; init; }

    public string Title { get; init; } = "";

    public string? Description { get; init; }

    public string ContactName { get; init; } = "";

    public string ContactPhone { get; init; } = "";

    public DateOnly? WantedBy { get; init; }
}

/// <summary>Why a need was rejected (驳回), or why a claimer marks it done.</summary>
public sealed record NeedReasonInput(string? Reason);

/// <summary>What the claimer reports when the need is done; the photos go up first (at least one).</summary>
public sealed record NeedDoneInput
{
    public string? Note { get; init; }

    /// <summary>Volunteer hours the unit put in, for the activity rule 7 gives it (optional).</summary>
    public decimal? VolunteerHours { get; init; }

    /// <summary>People of the unit who took part (optional; counted in the activity).</summary>
    public int? Participants { get; init; }
}

/// <summary>The resident's rating with the tracking code.</summary>
public sealed record NeedRatingInput
{
    public Rating? Rating { get; init; }

    public string? Comment { get; init; }
}

/// <summary>
/// Rule 6 (need lifecycle) and the checks of a need's fields, as plain functions: which transitions a status allows,
/// when a claim lapses, how long a rating stays open, what a Chinese phone number looks like, tracking codes.
/// </summary>
public static partial class NeedRules
{
    public const int TitleMaxLength = 100;
    public const int DescriptionMaxLength = 1000;
    public const int ContactNameMaxLength = 50;
    public const int ReasonMaxLength = 500;
    public const int NoteMaxLength = 1000;
    public const int CommentMaxLength = 200;
    public const int MaxPhotos = 9;
    public const long MaxPhotoBytes = 10 * 1024 * 1024;

    /// <summary>A claim runs to the resident's wanted-by date, but at least this many days…</summary>
    public const int MinClaimDays = 3;

    /// <summary>…and at most this many; without a wanted-by date <see cref="DefaultClaimDays"/>.</summary>
    public const int MaxClaimDays = 30;

    public const int DefaultClaimDays = 14;

    /// <summary>The claimer is reminded this many days before the claim lapses.</summary>
    public const int LapseReminderDays = 3;

    /// <summary>The resident may rate this many days after the need was done; after that it closes unrated.</summary>
    public const int RatingWindowDays = 30;

    /// <summary>How far ahead a wanted-by date may lie.</summary>
    public const int MaxWantedByDays = 366;

    public const int TrackingCodeLength = 10;

    /// <summary>Without the look-alikes 0/O, 1/I/L, like verification codes: 31¹⁰ ≈ 8 × 10¹⁴ codes.</summary>
    public const string TrackingAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static IReadOnlyList<ValidationFailure> Validate(NeedInput input, DateOnly today)
    {
        var failures = new List<ValidationFailure>();
        if (input.CommunityId is null || input.CommunityId == Guid.Empty)
        {
            failures.Add(new(nameof(input.CommunityId), "Validation.Choose", "Field.Need.Community"));
        }

        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            failures.Add(new(nameof(input.Kind), "Validation.Choose", "Field.Need.Kind"));
        }

        if (input.Category is not { } category || !Enum.IsDefined(category))
        {
            failures.Add(new(nameof(input.Category), "Validation.Choose", "Field.Need.Category"));
        }

        UnitRules.Text(failures, input.Title, nameof(input.Title), "Field.Need.Title", TitleMaxLength, required: true);
        UnitRules.Text(failures, input.Description, nameof(input.Description), "Field.Need.Description", DescriptionMaxLength, required: false);
        UnitRules.Text(failures, input.ContactName, nameof(input.ContactName), "Field.Need.ContactName", ContactNameMaxLength, required: true);
        if (string.IsNullOrWhiteSpace(input.ContactPhone))
        {
            failures.Add(new(nameof(input.ContactPhone), "Validation.Required", "Field.Need.ContactPhone"));
        }
        else if (NormalisePhone(input.ContactPhone) is null)
        {
            failures.Add(new(nameof(input.ContactPhone), "Validation.Phone"));
        }

        if (input.WantedBy is { } wanted && (wanted < today || wanted > today.AddDays(MaxWantedByDays)))
        {
            failures.Add(new(nameof(input.WantedBy), "Validation.WantedBy", MaxWantedByDays));
        }

        return failures;
    }

    /// <summary>
    /// A Chinese mobile (11 digits starting 13–19, an optional +86 / 86 in front) → its 11 digits; a landline (area code
    /// 0xx or 0xxx and a 7–8 digit number, with or without a dash, spaces or brackets) → 0xx-xxxxxxxx; else null.
    /// </summary>
    public static string? NormalisePhone(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 30)
        {
            return null;
        }

        var text = input.Trim();
        if (MobilePattern().Match(text) is { Success: true } mobile)
        {
            return mobile.Groups["number"].Value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        }

        // A landline: the separators people write (dash, spaces, brackets around the area code) carry no meaning.
        var digits = string.Concat(text.Where(c => c is not ('-' or ' ' or '(' or ')' or '（' or '）')));
        if (digits.Length is < 10 or > 12 || digits[0] != '0' || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        // 3-digit area codes are 010 and 02x (Beijing and the biggest cities); every other one has 4 digits.
        var areaLength = digits.StartsWith("010", StringComparison.Ordinal) || digits[1] == '2' ? 3 : 4;
        var number = digits[areaLength..];
        return number.Length is 7 or 8 && number[0] is not ('0' or '1') ? $"{digits[..areaLength]}-{number}" : null;
    }

    [GeneratedRegex(@"^(?:\+?86[\s-]?)?(?<number>1[3-9]\d[\s-]?\d{4}[\s-]?\d{4})$")]
    private static partial Regex MobilePattern();

    /// <summary>Staff may publish or reject what residents submitted.</summary>
    public static bool MayReview(NeedStatus status) => status == NeedStatus.Submitted;

    /// <summary>Staff withdraw a need nobody has finished yet (the resident cancelled, it was answered otherwise).</summary>
    public static bool MayWithdraw(NeedStatus status) => status is NeedStatus.Submitted or NeedStatus.Published or NeedStatus.Claimed;

    /// <summary>Only a published need can be claimed; a rejected or withdrawn one never.</summary>
    public static bool MayClaim(NeedStatus status) => status == NeedStatus.Published;

    public static bool MayComplete(NeedStatus status) => status == NeedStatus.Claimed;

    /// <summary>The claimer may give back a claim not yet done; one a project answers follows the project instead.</summary>
    public static bool MayRelease(NeedStatus status, Guid? projectId) => status == NeedStatus.Claimed && projectId is null;

    /// <summary>The day a claim made on <paramref name="claimedOn"/> lapses unless done: the wanted-by date within [3, 30] days, else 14 days.</summary>
    public static DateOnly ClaimDue(DateOnly claimedOn, DateOnly? wantedBy)
    {
        var due = wantedBy ?? claimedOn.AddDays(DefaultClaimDays);
        var earliest = claimedOn.AddDays(MinClaimDays);
        var latest = claimedOn.AddDays(MaxClaimDays);
        return due < earliest ? earliest : due > latest ? latest : due;
    }

    /// <summary>A claim lapses the day after its claim-by date.</summary>
    public static bool Lapsed(DateOnly claimBy, DateOnly today) => today > claimBy;

    /// <summary>The resident may rate a done need within the window (counted in business days of the calendar, i.e. dates).</summary>
    public static bool RatingOpen(NeedStatus status, DateOnly doneOn, DateOnly today) =>
        status == NeedStatus.Done && today <= doneOn.AddDays(RatingWindowDays);

    /// <summary>A new tracking code (10 characters of <see cref="TrackingAlphabet"/>).</summary>
    public static string NewTrackingCode() => RandomNumberGenerator.GetString(TrackingAlphabet, TrackingCodeLength);

    /// <summary>The code as stored before hashing (upper case, no separators), or null when the input cannot be a code.</summary>
    public static string? NormaliseTrackingCode(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return null;
        }

        var code = string.Concat(input.Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();
        return code.Length == TrackingCodeLength && code.All(c => TrackingAlphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }

    /// <summary>ABCDEFGHJK → ABCDE-FGHJK.</summary>
    public static string FormatTrackingCode(string code) => code.Length == TrackingCodeLength ? code[..5] + "-" + code[5..] : code;

    public static string HashTrackingCode(string normalisedCode) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normalisedCode)));
}
