namespace CommunityPartyBuilding.Web.Features.Units;

/// <summary>
/// 统一社会信用代码 per GB 32100-2015: 18 characters from a 31-character alphabet (digits and capitals without
/// I, O, Z, S, V); characters 3–8 are the administrative division code (digits); the 18th is a check character:
/// C18 = 31 − (Σ Ci × Wi mod 31), with Wi = 3^(i−1) mod 31, and 31 written as 0.
/// </summary>
public static class CreditCode
{
    public const int Length = 18;
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Upper-cases and trims: people type codes in lower case and paste them with spaces.</summary>
    public static string Normalise(string? code) => (code ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    public static CreditCodeCheck Check(string? input)
    {
        var code = Normalise(input);
        if (code.Length == 0)
        {
            return CreditCodeCheck.Fail(CreditCodeProblem.Missing);
        }

        if (code.Length != Length)
        {
            return CreditCodeCheck.Fail(CreditCodeProblem.WrongLength, length: code.Length);
        }

        for (var i = 0; i < Length; i++)
        {
            if (Alphabet.IndexOf(code[i], StringComparison.Ordinal) < 0)
            {
                return CreditCodeCheck.Fail(CreditCodeProblem.IllegalCharacter, position: i + 1, character: code[i]);
            }
        }

        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return CreditCodeCheck.Fail(CreditCodeProblem.DivisionCodeNotDigits, position: i + 1, character: code[i]);
            }
        }

        var expected = CheckCharacter(code.AsSpan(0, Length - 1));
        return code[Length - 1] == expected
            ? new CreditCodeCheck(true, code, CreditCodeProblem.None, 0, 0, default, default)
            : CreditCodeCheck.Fail(CreditCodeProblem.WrongCheckCharacter, position: Length, character: code[Length - 1], expected: expected);
    }

    /// <summary>The check character for the first 17 characters (which must come from <see cref="Alphabet"/>).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException("Seventeen characters are needed.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not a credit-code character.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }
}

public enum CreditCodeProblem
{
    None,
    Missing,
    WrongLength,
    IllegalCharacter,
    DivisionCodeNotDigits,
    WrongCheckCharacter,
}

/// <summary>The outcome of a check, with what a person needs to fix the code.</summary>
public sealed record CreditCodeCheck(
    bool IsValid,
    string Normalised,
    CreditCodeProblem Problem,
    int Length,
    int Position,
    char Character,
    char Expected)
{
    internal static CreditCodeCheck Fail(CreditCodeProblem problem, int length = 0, int position = 0, char character = default, char expected = default) =>
        new(false, "", problem, length, position, character, expected);

    /// <summary>The validation failure for the field, with the resource key and its arguments.</summary>
    public Infrastructure.ValidationFailure? ToFailure(string field) => Problem switch
    {
        CreditCodeProblem.None => null,
        CreditCodeProblem.Missing => new(field, "Validation.Required", "Field.Unit.CreditCode"),
        CreditCodeProblem.WrongLength => new(field, "CreditCode.WrongLength", Length),
        CreditCodeProblem.IllegalCharacter => new(field, "CreditCode.IllegalCharacter", Position, Character.ToString()),
        CreditCodeProblem.DivisionCodeNotDigits => new(field, "CreditCode.DivisionCode", Position, Character.ToString()),
        _ => new(field, "CreditCode.WrongCheckCharacter", Character.ToString(), Expected.ToString()),
    };
}
