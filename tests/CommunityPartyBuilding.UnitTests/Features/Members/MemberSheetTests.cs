using CommunityPartyBuilding.Web.Features.Members;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.UnitTests.Features.Members;

/// <summary>The rows of a member sheet (批量登记): the public registration's checks, duplicates, communities and units.</summary>
public sealed class MemberSheetTests
{
    private static readonly Guid Donghu = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    private static readonly Guid Binjiang = Guid.Parse("00000000-0000-0000-0000-0000000000c2");
    private static readonly string SchoolCode = "12330100MB1234567" + CreditCode.CheckCharacter("12330100MB1234567");
    private static readonly MemberSheetUnit School = new(Guid.Parse("00000000-0000-0000-0000-0000000000a1"), "东湖区第一实验小学", SchoolCode);

    private static MemberSheetContext Context(Guid? onlyCommunity = null, string[]? phones = null, string[]? emails = null) => new(
        new Dictionary<string, Guid> { ["东湖社区"] = Donghu, ["滨江社区"] = Binjiang },
        onlyCommunity,
        [School],
        (phones ?? []).ToHashSet(),
        (emails ?? []).Select(MemberSheet.EmailKey).ToHashSet());

    private static SheetRow Row(int number, string name = "王红梅", string phone = "13800138000", string email = "hongmei@example.org", string employer = "东湖区第一实验小学",
        string party = "机关党支部", string? community = "东湖社区", string building = "3栋2单元501")
    {
        var cells = new List<(string, object?)>
        {
            (MemberSheet.Name, name), (MemberSheet.Phone, phone), (MemberSheet.Email, email), (MemberSheet.Employer, employer),
            (MemberSheet.PartyOrganisation, party), (MemberSheet.Building, building),
        };
        if (community is not null)
        {
            cells.Add((MemberSheet.Community, community));
        }

        return SheetRow.Of(number, [.. cells]);
    }

    private static (int Row, string Column, string Key)[] Errors(MemberSheetCheck check) =>
        check.Errors.Select(e => (e.Row, e.Column, e.Failure.MessageKey)).ToArray();

    [Fact]
    public void Good_rows_become_members_with_the_mobile_normalised_and_the_employer_resolved()
    {
        var check = MemberSheet.Check(
        [
            Row(2),
            Row(3, name: " 李建国 ", phone: "138 0013 8001", email: "jianguo@example.org", employer: SchoolCode.ToLowerInvariant(), community: "滨江社区"),
            Row(4, name: "钱立新", phone: "13800138002", email: "lixin@example.org", employer: "杭州某某软件有限公司"),
        ], Context());

        Assert.Empty(check.Errors);
        Assert.Equal(3, check.Members.Count);
        Assert.Equal((School.Id, School.Name, Donghu), (check.Members[0].EmployerUnitId, check.Members[0].EmployerName, check.Members[0].CommunityId));
        Assert.Equal(("李建国", "13800138001", School.Id, Binjiang), (check.Members[1].Name, check.Members[1].Phone, check.Members[1].EmployerUnitId, check.Members[1].CommunityId));
        Assert.Equal((null, "杭州某某软件有限公司"), (check.Members[2].EmployerUnitId, check.Members[2].EmployerName));
    }

    [Fact]
    public void Every_problem_is_reported_with_its_row_and_column_and_no_member_comes_back()
    {
        var unknownCode = "91330102MA2000001" + CreditCode.CheckCharacter("91330102MA2000001");
        var check = MemberSheet.Check(
        [
            Row(2),
            Row(3, phone: "0571-87654321", email: "a@example.org"),
            Row(4, phone: "13800138004", email: "nobody", community: "西城社区"),
            Row(5, phone: "13800138005", email: "b@example.org", employer: unknownCode, party: ""),
            Row(6, name: "", phone: "", email: "", employer: "", building: ""),
        ], Context());

        Assert.Empty(check.Members);
        Assert.Equal(
            [
                (3, MemberSheet.Phone, "Validation.Mobile"),
                (4, MemberSheet.Email, "Validation.Email"),
                (4, MemberSheet.Community, "Import.UnknownCommunity"),
                (5, MemberSheet.Employer, "Import.UnknownUnitCode"),
                (5, MemberSheet.PartyOrganisation, "Validation.Required"),
                (6, MemberSheet.Name, "Validation.Required"),
                (6, MemberSheet.Phone, "Validation.Required"),
                (6, MemberSheet.Email, "Validation.Required"),
                (6, MemberSheet.Employer, "Validation.Required"),
                (6, MemberSheet.Building, "Validation.Required"),
            ],
            Errors(check));
    }

    [Fact]
    public void Duplicates_within_the_sheet_point_at_the_first_row_and_existing_ones_are_refused()
    {
        var check = MemberSheet.Check(
        [
            Row(2),
            Row(3, phone: "138-0013-8000", email: "other@example.org"),
            Row(5, phone: "13800138001", email: " HongMei@Example.org "),
            Row(6, phone: "13900000001", email: "c@example.org"),
            Row(7, phone: "13800138007", email: "staff@example.org"),
        ], Context(phones: ["13900000001"], emails: ["Staff@Example.org"]));

        Assert.Equal(
            [
                (3, MemberSheet.Phone, "Import.DuplicatePhoneInFile"),
                (5, MemberSheet.Email, "Import.DuplicateEmailInFile"),
                (6, MemberSheet.Phone, "Member.PhoneRegistered"),
                (7, MemberSheet.Email, "Member.EmailTaken"),
            ],
            Errors(check));
        Assert.Equal(["13800138000", 2], check.Errors[0].Failure.Arguments);
    }

    [Fact]
    public void A_community_sheet_takes_its_own_community_for_an_empty_cell_and_refuses_others()
    {
        var check = MemberSheet.Check([Row(2, community: null), Row(3, phone: "13800138001", email: "x@example.org", community: "")], Context(onlyCommunity: Donghu));
        Assert.Empty(check.Errors);
        Assert.All(check.Members, m => Assert.Equal(Donghu, m.CommunityId));

        var refused = MemberSheet.Check([Row(2, community: "滨江社区")], Context(onlyCommunity: Donghu));
        Assert.Equal([(2, MemberSheet.Community, "Import.OtherCommunity")], Errors(refused));

        // A street's sheet needs the community.
        Assert.Equal([(2, MemberSheet.Community, "Import.Required")], Errors(MemberSheet.Check([Row(2, community: "")], Context())));
    }

    [Fact]
    public void The_community_column_is_required_in_a_streets_sheet_only() =>
        Assert.Equal(
            (true, false),
            (MemberSheet.Limits(forCommunity: false).RequiredColumns.Contains(MemberSheet.Community), MemberSheet.Limits(forCommunity: true).RequiredColumns.Contains(MemberSheet.Community)));

    [Fact]
    public void The_sheet_is_limited_to_two_thousand_rows() => Assert.Equal(2_000, MemberSheet.Limits(forCommunity: false).MaxRows);
}
