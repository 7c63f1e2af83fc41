using System.Security.Cryptography;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>
/// Verification codes: 8 random characters from an alphabet without the look-alikes 0/O, 1/I/L, so that a code
/// read off paper is typed right (31⁸ ≈ 8.5 × 10¹¹ codes). Printed as ABCD-EFGH; typed in any case, with or
/// without the dash or spaces.
/// </summary>
public static class VerificationCodes
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 8;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The code as stored (upper case, no separators), or null when the input cannot be a code.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var code = string.Concat(input.Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();
        return code.Length == Length && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }

    /// <summary>ABCDEFGH → ABCD-EFGH.</summary>
    public static string Format(string code) => code.Length == Length ? code[..4] + "-" + code[4..] : code;
}
