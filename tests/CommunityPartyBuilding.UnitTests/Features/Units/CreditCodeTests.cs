using CommunityPartyBuilding.Web.Features.Units;

namespace CommunityPartyBuilding.UnitTests.Features.Units;

public class CreditCodeTests
{
    /// <summary>
    /// Codes in the real-world format whose check characters were computed by hand with GB 32100-2015:
    /// values from "0123456789ABCDEFGHJKLMNPQRTUWXY" (A=10 … H=17, J=18 … M=21, N=22, P=23, Q=24, R=25, T=26, U=27,
    /// W=28, X=29, Y=30), weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28, C18 = 31 − (Σ mod 31), 31 → 0.
    /// </summary>
    public static TheoryData<string, string> HandComputed => new()
    {
        // The standard's own example 91350100M000100Y4?:
        //  9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M(21)·20 + 0·29 + 0·25 + 0·13 + 1·8 + 0·24 + 0·10 + Y(30)·30 + 4·28
        //  = 9 + 3 + 27 + 135 + 0 + 26 + 0 + 0 + 420 + 0 + 0 + 0 + 8 + 0 + 0 + 900 + 112 = 1640; 1640 mod 31 = 28 (31·52 = 1612); 31 − 28 = 3.
        { "91350100M000100Y4", "3" },

        // A Beijing (Haidian) enterprise 91110108MA01AB2C?:
        //  9·1 + 1·3 + 1·9 + 1·27 + 0·19 + 1·26 + 0·16 + 8·17 + M(21)·20 + A(10)·29 + 0·25 + 1·13 + A(10)·8 + B(11)·24 + 2·10 + C(12)·30 + 3·28
        //  = 9 + 3 + 9 + 27 + 0 + 26 + 0 + 136 + 420 + 290 + 0 + 13 + 80 + 264 + 20 + 360 + 84 = 1741; 1741 mod 31 = 5 (31·56 = 1736); 31 − 5 = 26 → T.
        { "91110108MA01AB2C3", "T" },

        // A social organisation 52330102MA7X8Y9K?:
        //  5·1 + 2·3 + 3·9 + 3·27 + 0·19 + 1·26 + 0·16 + 2·17 + M(21)·20 + A(10)·29 + 7·25 + X(29)·13 + 8·8 + Y(30)·24 + 9·10 + K(19)·30 + 0·28
        //  = 5 + 6 + 27 + 81 + 0 + 26 + 0 + 34 + 420 + 290 + 175 + 377 + 64 + 720 + 90 + 570 + 0 = 2885; 2885 mod 31 = 2 (31·93 = 2883); 31 − 2 = 29 → X.
        { "52330102MA7X8Y9K0", "X" },

        // The "31 written as 0" case, 91330106MA200100?:
        //  9·1 + 1·3 + 3·9 + 3·27 + 0·19 + 1·26 + 0·16 + 6·17 + M(21)·20 + A(10)·29 + 2·25 + 0·13 + 0·8 + 1·24 + 0·10 + 0·30 + 3·28
        //  = 9 + 3 + 27 + 81 + 0 + 26 + 0 + 102 + 420 + 290 + 50 + 0 + 0 + 24 + 0 + 0 + 84 = 1116; 1116 = 31·36, so mod 31 = 0; 31 − 0 = 31 → 0.
        { "91330106MA2001003", "0" },

        // The largest value, 12330100MB000101?:
        //  1·1 + 2·3 + 3·9 + 3·27 + 0·19 + 1·26 + 0·16 + 0·17 + M(21)·20 + B(11)·29 + 0·25 + 0·13 + 0·8 + 1·24 + 0·10 + 1·30 + 1·28
        //  = 1 + 6 + 27 + 81 + 0 + 26 + 0 + 0 + 420 + 319 + 0 + 0 + 0 + 24 + 0 + 30 + 28 = 962; 962 mod 31 = 1 (31·31 = 961); 31 − 1 = 30 → Y.
        { "12330100MB0001011", "Y" },
    };

    [Theory]
    [MemberData(nameof(HandComputed))]
    public void Hand_computed_check_characters_match_the_implementation(string body, string check)
    {
        Assert.Equal(check[0], CreditCode.CheckCharacter(body));
        var result = CreditCode.Check(body + check);
        Assert.True(result.IsValid);
        Assert.Equal(body + check, result.Normalised);
        Assert.Equal(CreditCodeProblem.None, result.Problem);
        Assert.Null(result.ToFailure("CreditCode"));
    }

    [Theory]
    [InlineData("11330102MA0001037")]
    [InlineData("12330100MB1234567")]
    [InlineData("91440300MA5FUTUR1")]
    [InlineData("N2330102MA0001666")]
    [InlineData("Y1110000000000000")]
    [InlineData("59100000XYWUTRQPN")]
    public void Codes_with_a_computed_check_character_are_valid(string body)
    {
        var code = body + CreditCode.CheckCharacter(body);
        var result = CreditCode.Check(code);
        Assert.True(result.IsValid, $"{code}: {result.Problem}");
        Assert.Equal(code, result.Normalised);
    }

    [Fact]
    public void Every_other_check_character_for_the_same_body_is_refused()
    {
        const string body = "91350100M000100Y4";
        foreach (var c in CreditCode.Alphabet.Where(c => c != '3'))
        {
            var result = CreditCode.Check(body + c);
            Assert.False(result.IsValid);
            Assert.Equal(CreditCodeProblem.WrongCheckCharacter, result.Problem);
            Assert.Equal('3', result.Expected);
        }
    }

    [Theory]
    [InlineData("91350100m000100y43")]
    [InlineData(" 91350100M000100Y43 ")]
    [InlineData("9135 0100 M000 100Y 43")]
    [InlineData("  9135 0100m000100y43\t")]
    public void Lower_case_and_spaced_input_is_normalised_and_accepted(string input)
    {
        var result = CreditCode.Check(input);
        Assert.True(result.IsValid);
        Assert.Equal("91350100M000100Y43", result.Normalised);
        Assert.Equal("91350100M000100Y43", CreditCode.Normalise(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_code_is_reported_as_required(string? input)
    {
        var result = CreditCode.Check(input);
        Assert.False(result.IsValid);
        Assert.Equal(CreditCodeProblem.Missing, result.Problem);
        var failure = result.ToFailure("CreditCode")!;
        Assert.Equal("CreditCode", failure.Field);
        Assert.Equal("Validation.Required", failure.MessageKey);
        Assert.Equal(new object[] { "Field.Unit.CreditCode" }, failure.Arguments);
    }

    [Theory]
    [InlineData("91350100M000100Y4", 17)]
    [InlineData("91350100M000100Y433", 19)]
    [InlineData("9", 1)]
    [InlineData("91350100M000100Y43913501", 24)]
    public void A_code_of_the_wrong_length_reports_its_length(string input, int length)
    {
        var result = CreditCode.Check(input);
        Assert.False(result.IsValid);
        Assert.Equal(CreditCodeProblem.WrongLength, result.Problem);
        Assert.Equal(length, result.Length);
        Assert.Equal("", result.Normalised);
        var failure = result.ToFailure("CreditCode")!;
        Assert.Equal("CreditCode.WrongLength", failure.MessageKey);
        Assert.Equal(new object[] { length }, failure.Arguments);
    }

    [Theory]
    [InlineData("I1350100M000100Y43", 1, 'I')]
    [InlineData("91350100M0O0100Y43", 11, 'O')]
    [InlineData("91350100MZ00100Y43", 10, 'Z')]
    [InlineData("91350100M000100S43", 16, 'S')]
    [InlineData("91350100M000100Y4V", 18, 'V')]
    [InlineData("91350100M000-00Y43", 13, '-')]
    [InlineData("91350100M000100Y4中", 18, '中')]
    [InlineData("91350100M000100Y4i", 18, 'I')]
    [InlineData("91350100M000100Y4o", 18, 'O')]
    public void Illegal_characters_are_reported_with_their_position(string input, int position, char character)
    {
        var result = CreditCode.Check(input);
        Assert.False(result.IsValid);
        Assert.Equal(CreditCodeProblem.IllegalCharacter, result.Problem);
        Assert.Equal(position, result.Position);
        Assert.Equal(character, result.Character);
        var failure = result.ToFailure("Code")!;
        Assert.Equal("Code", failure.Field);
        Assert.Equal("CreditCode.IllegalCharacter", failure.MessageKey);
        Assert.Equal(new object[] { position, character.ToString() }, failure.Arguments);
    }

    [Fact]
    public void The_first_illegal_character_is_the_one_reported()
    {
        var result = CreditCode.Check("91I50100M000100Z43");
        Assert.Equal((CreditCodeProblem.IllegalCharacter, 3, 'I'), (result.Problem, result.Position, result.Character));
    }

    [Theory]
    [InlineData("91A50100M000100Y43", 3, 'A')]
    [InlineData("9135010MM000100Y43", 8, 'M')]
    [InlineData("91350B00M000100Y43", 6, 'B')]
    public void Positions_three_to_eight_must_be_digits(string input, int position, char character)
    {
        var result = CreditCode.Check(input);
        Assert.False(result.IsValid);
        Assert.Equal(CreditCodeProblem.DivisionCodeNotDigits, result.Problem);
        Assert.Equal(position, result.Position);
        Assert.Equal(character, result.Character);
        var failure = result.ToFailure("CreditCode")!;
        Assert.Equal("CreditCode.DivisionCode", failure.MessageKey);
        Assert.Equal(new object[] { position, character.ToString() }, failure.Arguments);
    }

    [Fact]
    public void Letters_are_allowed_in_positions_one_two_and_nine_to_seventeen()
    {
        // Registration authority N (other), type 2, organisation code with letters.
        const string body = "N2330102MAPQRTUWX";
        Assert.True(CreditCode.Check(body + CreditCode.CheckCharacter(body)).IsValid);
    }

    [Theory]
    [InlineData("91350100M000100Y44", '4', '3')]
    [InlineData("91110108MA01AB2C30", '0', 'T')]
    [InlineData("52330102MA7X8Y9K0Y", 'Y', 'X')]
    [InlineData("91330106MA2001003Y", 'Y', '0')]
    [InlineData("52330102ma7x8y9k01", '1', 'X')]
    public void A_wrong_check_character_reports_the_expected_one(string input, char found, char expected)
    {
        var result = CreditCode.Check(input);
        Assert.False(result.IsValid);
        Assert.Equal(CreditCodeProblem.WrongCheckCharacter, result.Problem);
        Assert.Equal(18, result.Position);
        Assert.Equal(found, result.Character);
        Assert.Equal(expected, result.Expected);
        var failure = result.ToFailure("CreditCode")!;
        Assert.Equal("CreditCode", failure.Field);
        Assert.Equal("CreditCode.WrongCheckCharacter", failure.MessageKey);
        Assert.Equal(new object[] { found.ToString(), expected.ToString() }, failure.Arguments);
    }

    [Fact]
    public void Two_swapped_characters_are_caught_by_the_check_character()
    {
        // 91350100M000100Y43 with the 16th and 17th characters swapped.
        var result = CreditCode.Check("91350100M0001004Y3");
        Assert.Equal(CreditCodeProblem.WrongCheckCharacter, result.Problem);
    }

    [Theory]
    [InlineData("9135010")]
    [InlineData("91350100M000100Y43")]
    public void Check_character_needs_exactly_seventeen_characters(string input) =>
        Assert.Throws<ArgumentException>(() => CreditCode.CheckCharacter(input));

    [Theory]
    [InlineData("91350100M000100I4")]
    [InlineData("91350100m000100Y4")]
    public void Check_character_refuses_characters_outside_the_alphabet(string input) =>
        Assert.Throws<ArgumentException>(() => CreditCode.CheckCharacter(input));

    [Fact]
    public void The_alphabet_has_31_characters_without_I_O_Z_S_V()
    {
        Assert.Equal(31, CreditCode.Alphabet.Length);
        Assert.Equal(31, CreditCode.Alphabet.Distinct().Count());
        Assert.DoesNotContain(CreditCode.Alphabet, c => "IOZSV".Contains(c, StringComparison.Ordinal));
    }
}
