using CommunityPartyBuilding.Web.Features.Units;

namespace CommunityPartyBuilding.UnitTests.Features.Units;

public class UnitRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static UnitInput Valid() => new()
    {
        Name = "东湖区人民检察院",
        CreditCode = "91350100M000100Y43",
        Category = UnitCategory.PartyGovernmentOrgan,
        PartyOrganisationName = "东湖区人民检察院机关党委",
        PartyOrganisationType = PartyOrganisationType.Committee,
        PartyMemberCount = 86,
        Address = "东湖大道88号",
        ContactPerson = "周志刚",
        ContactPhone = "0571-87012345",
        JoinedOn = new DateOnly(2019, 7, 1),
    };

    [Fact]
    public void A_complete_unit_is_valid() => Assert.Empty(UnitRules.Validate(Valid(), Today));

    [Fact]
    public void Address_and_notes_are_optional()
    {
        Assert.Empty(UnitRules.Validate(Valid() with { Address = null }, Today));
        Assert.Empty(UnitRules.Validate(Valid() with { Address = "  " }, Today));
    }

    [Theory]
    [InlineData("13800138000")]
    [InlineData("19912345678")]
    [InlineData("15805716789")]
    [InlineData("138 0013 8000")]
    [InlineData(" 13800138000 ")]
    [InlineData("0571-87012345")]
    [InlineData("057187012345")]
    [InlineData("010-12345678")]
    [InlineData("01012345678")]
    [InlineData("0431-8888666")]
    [InlineData("0571－87012345")]
    [InlineData("0571-87012345-801")]
    [InlineData("0571-87012345-123456")]
    [InlineData("057187012345-8")]
    [InlineData("400-810-8888")]
    [InlineData("4008108888")]
    [InlineData("400-8108888")]
    [InlineData("800-820-8820")]
    public void Mobiles_landlines_and_400_numbers_are_phones(string phone) => Assert.True(UnitRules.IsPhone(phone), phone);

    [Theory]
    [InlineData("12800138000")]
    [InlineData("1380013800")]
    [InlineData("138001380001")]
    [InlineData("23800138000")]
    [InlineData("571-87012345")]
    [InlineData("0571-123456")]
    [InlineData("0571-123456789")]
    [InlineData("0571-87012345-1234567")]
    [InlineData("0571-87012345-")]
    [InlineData("0571--87012345")]
    [InlineData("400-81-08888")]
    [InlineData("500-810-8888")]
    [InlineData("13800l38000")]
    [InlineData("电话13800138000")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_strings_are_not_phones(string? phone) => Assert.False(UnitRules.IsPhone(phone), phone);

    [Fact]
    public void Phones_are_stored_without_spaces_and_with_an_ascii_hyphen()
    {
        Assert.Equal("13800138000", UnitRules.NormalisePhone(" 138 0013 8000 "));
        Assert.Equal("0571-87012345", UnitRules.NormalisePhone("0571－87012345"));
        Assert.Equal("", UnitRules.NormalisePhone(null));
    }

    [Fact]
    public void A_bad_phone_is_reported_on_the_phone_field()
    {
        var failure = Assert.Single(UnitRules.Validate(Valid() with { ContactPhone = "0571-123" }, Today));
        Assert.Equal(("ContactPhone", "Validation.Phone"), (failure.Field, failure.MessageKey));
        Assert.Empty(failure.Arguments);
    }

    [Theory]
    [InlineData(nameof(UnitInput.Name), "Field.Unit.Name")]
    [InlineData(nameof(UnitInput.CreditCode), "Field.Unit.CreditCode")]
    [InlineData(nameof(UnitInput.PartyOrganisationName), "Field.Unit.PartyOrganisationName")]
    [InlineData(nameof(UnitInput.ContactPerson), "Field.Unit.ContactPerson")]
    [InlineData(nameof(UnitInput.ContactPhone), "Field.Unit.ContactPhone")]
    public void Blank_required_text_fields_are_reported_as_required(string field, string fieldKey)
    {
        var input = field switch
        {
            nameof(UnitInput.Name) => Valid() with { Name = "   " },
            nameof(UnitInput.CreditCode) => Valid() with { CreditCode = "" },
            nameof(UnitInput.PartyOrganisationName) => Valid() with { PartyOrganisationName = "" },
            nameof(UnitInput.ContactPerson) => Valid() with { ContactPerson = " " },
            _ => Valid() with { ContactPhone = "" },
        };
        var failure = Assert.Single(UnitRules.Validate(input, Today));
        Assert.Equal((field, "Validation.Required"), (failure.Field, failure.MessageKey));
        Assert.Equal(new object[] { fieldKey }, failure.Arguments);
    }

    [Fact]
    public void Undefined_category_and_party_type_are_reported_as_required()
    {
        var failures = UnitRules.Validate(Valid() with { Category = (UnitCategory)99, PartyOrganisationType = (PartyOrganisationType)(-1) }, Today);
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.Field == "Category" && f.MessageKey == "Validation.Required" && (string)f.Arguments[0] == "Field.Unit.Category");
        Assert.Contains(failures, f => f.Field == "PartyOrganisationType" && f.MessageKey == "Validation.Required" && (string)f.Arguments[0] == "Field.Unit.PartyOrganisationType");
    }

    [Fact]
    public void An_invalid_credit_code_is_reported_with_the_expected_check_character()
    {
        var failure = Assert.Single(UnitRules.Validate(Valid() with { CreditCode = "91350100M000100Y44" }, Today));
        Assert.Equal(("CreditCode", "CreditCode.WrongCheckCharacter"), (failure.Field, failure.MessageKey));
        Assert.Equal(new object[] { "4", "3" }, failure.Arguments);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(-100, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(100_000, true)]
    [InlineData(100_001, false)]
    public void Party_member_count_is_between_zero_and_one_hundred_thousand(int count, bool valid)
    {
        var failures = UnitRules.Validate(Valid() with { PartyMemberCount = count }, Today);
        if (valid)
        {
            Assert.Empty(failures);
        }
        else
        {
            var failure = Assert.Single(failures);
            Assert.Equal(("PartyMemberCount", "Validation.Range"), (failure.Field, failure.MessageKey));
            Assert.Equal(new object[] { "Field.Unit.PartyMemberCount", 0, 100_000 }, failure.Arguments);
        }
    }

    [Fact]
    public void Joining_today_is_fine_but_not_tomorrow()
    {
        Assert.Empty(UnitRules.Validate(Valid() with { JoinedOn = Today }, Today));
        var failure = Assert.Single(UnitRules.Validate(Valid() with { JoinedOn = Today.AddDays(1) }, Today));
        Assert.Equal(("JoinedOn", "Validation.NotInFuture"), (failure.Field, failure.MessageKey));
        Assert.Equal(new object[] { "Field.Unit.JoinedOn" }, failure.Arguments);
    }

    [Fact]
    public void Joining_before_1_October_1949_is_too_early()
    {
        Assert.Empty(UnitRules.Validate(Valid() with { JoinedOn = new DateOnly(1949, 10, 1) }, Today));
        var failure = Assert.Single(UnitRules.Validate(Valid() with { JoinedOn = new DateOnly(1949, 9, 30) }, Today));
        Assert.Equal(("JoinedOn", "Validation.DateTooEarly"), (failure.Field, failure.MessageKey));
    }

    [Fact]
    public void A_missing_joining_date_is_required()
    {
        var failure = Assert.Single(UnitRules.Validate(Valid() with { JoinedOn = default }, Today));
        Assert.Equal(("JoinedOn", "Validation.Required"), (failure.Field, failure.MessageKey));
    }

    [Theory]
    [InlineData(nameof(UnitInput.Name), 100)]
    [InlineData(nameof(UnitInput.PartyOrganisationName), 100)]
    [InlineData(nameof(UnitInput.Address), 200)]
    [InlineData(nameof(UnitInput.ContactPerson), 50)]
    public void Text_longer_than_its_limit_is_refused_but_the_limit_itself_is_fine(string field, int max)
    {
        UnitInput With(string text) => field switch
        {
            nameof(UnitInput.Name) => Valid() with { Name = text },
            nameof(UnitInput.PartyOrganisationName) => Valid() with { PartyOrganisationName = text },
            nameof(UnitInput.Address) => Valid() with { Address = text },
            _ => Valid() with { ContactPerson = text },
        };

        Assert.Empty(UnitRules.Validate(With(new string('单', max)), Today));
        Assert.Empty(UnitRules.Validate(With("  " + new string('单', max) + "  "), Today));
        var failure = Assert.Single(UnitRules.Validate(With(new string('单', max + 1)), Today));
        Assert.Equal((field, "Validation.MaxLength"), (failure.Field, failure.MessageKey));
        Assert.Equal(max, failure.Arguments[1]);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        var failures = UnitRules.Validate(Valid() with { Name = "", CreditCode = "123", PartyMemberCount = -1, ContactPhone = "x", JoinedOn = Today.AddYears(1) }, Today);
        Assert.Equal(["ContactPhone", "CreditCode", "JoinedOn", "Name", "PartyMemberCount"], failures.Select(f => f.Field).Order().ToArray());
    }

    [Fact]
    public void A_withdrawal_needs_a_date_from_joining_to_today_and_a_reason()
    {
        var joined = new DateOnly(2022, 1, 10);
        Assert.Empty(UnitRules.ValidateWithdrawal(Today, "机构改革", joined, Today));
        Assert.Empty(UnitRules.ValidateWithdrawal(joined, "机构改革", joined, Today));

        var future = Assert.Single(UnitRules.ValidateWithdrawal(Today.AddDays(1), "机构改革", joined, Today));
        Assert.Equal(("WithdrawnOn", "Validation.NotInFuture"), (future.Field, future.MessageKey));
        Assert.Equal(new object[] { "Field.Unit.WithdrawnOn" }, future.Arguments);

        var beforeJoining = Assert.Single(UnitRules.ValidateWithdrawal(joined.AddDays(-1), "机构改革", joined, Today));
        Assert.Equal(("WithdrawnOn", "Validation.WithdrawnBeforeJoined"), (beforeJoining.Field, beforeJoining.MessageKey));

        var missing = Assert.Single(UnitRules.ValidateWithdrawal(default, "机构改革", joined, Today));
        Assert.Equal(("WithdrawnOn", "Validation.Required"), (missing.Field, missing.MessageKey));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_withdrawal_without_a_reason_is_refused(string? reason)
    {
        var failure = Assert.Single(UnitRules.ValidateWithdrawal(Today, reason, new DateOnly(2022, 1, 10), Today));
        Assert.Equal(("Reason", "Validation.Required"), (failure.Field, failure.MessageKey));
        Assert.Equal(new object[] { "Field.Unit.WithdrawalReason" }, failure.Arguments);
    }

    [Fact]
    public void A_withdrawal_reason_is_at_most_500_characters()
    {
        Assert.Empty(UnitRules.ValidateWithdrawal(Today, new string('因', 500), new DateOnly(2022, 1, 10), Today));
        var failure = Assert.Single(UnitRules.ValidateWithdrawal(Today, new string('因', 501), new DateOnly(2022, 1, 10), Today));
        Assert.Equal(("Reason", "Validation.MaxLength"), (failure.Field, failure.MessageKey));
    }

    [Fact]
    public void A_future_withdrawal_without_a_reason_reports_both()
    {
        var failures = UnitRules.ValidateWithdrawal(Today.AddDays(30), "", new DateOnly(2022, 1, 10), Today);
        Assert.Equal(["Reason", "WithdrawnOn"], failures.Select(f => f.Field).Order().ToArray());
    }
}
