using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Features.Members;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>批量登记 of in-service members from Excel, their export, and temporary passwords, over HTTP.</summary>
public partial class MemberImportTests(PortalApp app) : PortalTest(app)
{
    private const string StaffEmail = "staff.donghu@example.org";
    private const string CommunityStaffEmail = "community.donghu@example.org";

    public static Dictionary<string, object?> Row(string name, string phone, string email, string employer, string community = "东湖社区", string building = "1栋1单元101") => new()
    {
        [MemberSheet.Name] = name,
        [MemberSheet.Phone] = phone,
        [MemberSheet.Email] = email,
        [MemberSheet.Employer] = employer,
        [MemberSheet.PartyOrganisation] = "机关第一党支部",
        [MemberSheet.Community] = community,
        [MemberSheet.Building] = building,
    };

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string path, byte[] file)
    {
        using var content = Upload(file, "members.xlsx");
        return await client.PostAsync(path, content);
    }

    private static (int Row, string Column, string Key)[] Rows(JsonElement problem) =>
        problem.GetProperty("rows").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString()!, e.GetProperty("messageKey").GetString()!))
            .ToArray();

    private Task<int> ImportedCountAsync() => App.QueryAsync(db => db.MemberRegistrations.CountAsync(r => r.Source == RegistrationSource.Import && r.Email.EndsWith("@import.example.org")));

    [Fact]
    public async Task Street_staff_import_a_sheet_and_each_member_gets_a_registration_and_an_account_without_a_usable_password()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync(StaffEmail);
        var code2 = await App.CreditCodeOfAsync(Leader2Unit);
        var file = Xlsx(
            Row("李建国", "13911110001", "jianguo@import.example.org", Leader1Unit),                                  // a member unit by name
            Row("赵小燕", "139 1111 0002", "xiaoyan@import.example.org", code2.ToLowerInvariant(), "滨江社区"),          // by credit code
            Row("钱立新", "13911110003", "lixin@import.example.org", "杭州某某软件有限公司", "桃源社区"));                 // outside the street
        var auditBefore = await App.QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == ImportMembers.AuditEntityType));

        var response = await ImportAsync(staff, $"/api/v1/streets/{donghu}/member-registrations/import", file);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.JsonAsync();
        Assert.Equal(3, result.GetProperty("imported").GetInt32());
        Assert.Empty(result.GetProperty("errors").EnumerateArray());

        var stored = await App.QueryAsync(db => db.MemberRegistrations.Where(r => r.Email.EndsWith("@import.example.org")).ToDictionaryAsync(r => r.Name));
        var unit1 = await App.UnitIdAsync(Leader1Unit);
        var unit2 = await App.UnitIdAsync(Leader2Unit);
        Assert.All(stored.Values, r =>
        {
            Assert.Equal(RegistrationSource.Import, r.Source);
            Assert.Equal(StaffEmail, r.CommunityConfirmedBy);
            Assert.NotNull(r.CommunityConfirmedAt);
            Assert.Null(r.EmploymentConfirmedAt);
        });
        Assert.Equal((unit1, Leader1Unit, RegistrationStatus.Pending), (stored["李建国"].EmployerUnitId, stored["李建国"].EmployerName, stored["李建国"].Status));
        Assert.Equal((unit2, "13911110002", RegistrationStatus.Pending), (stored["赵小燕"].EmployerUnitId, stored["赵小燕"].Phone, stored["赵小燕"].Status));
        Assert.Equal(await App.CommunityIdAsync(donghu, "滨江社区"), stored["赵小燕"].CommunityId);
        // Outside the street: the community's confirmation is all it needs.
        Assert.Equal((null, "杭州某某软件有限公司", RegistrationStatus.Registered, App.Clock.Today),
            (stored["钱立新"].EmployerUnitId, stored["钱立新"].EmployerName, stored["钱立新"].Status, stored["钱立新"].RegisteredOn));

        var accounts = await App.QueryAsync(db => db.Users.Where(u => u.Email!.EndsWith("@import.example.org"))
            .Select(u => new { u.Email, u.PasswordHash, u.MustChangePassword, u.Role, u.MemberRegistrationId }).ToListAsync());
        Assert.Equal(3, accounts.Count);
        Assert.All(accounts, a =>
        {
            Assert.Null(a.PasswordHash);
            Assert.True(a.MustChangePassword);
            Assert.Equal(Web.Authorization.PortalRole.PartyMember, a.Role);
            Assert.Contains(a.MemberRegistrationId!.Value, stored.Values.Select(r => r.Id));
        });
        using var anonymous = App.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/tokens", new { email = "lixin@import.example.org", password = "" })).StatusCode);

        // One audit entry for the import, with the count.
        var audit = await App.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == ImportMembers.AuditEntityType).ToListAsync());
        Assert.Equal(auditBefore + 1, audit.Count);
        Assert.Equal("3", Changes(audit.Single())["Imported"]);
        Assert.Equal(donghu, audit.Single().StreetId);

        // The leader of 检察院 confirms the employment as for a public registration.
        using var leader1 = await App.ApiAsAsync("leader1@example.org");
        var confirmed = await leader1.PostAsJsonAsync($"/api/v1/member-registrations/{stored["李建国"].Id}/confirm", new { });
        Assert.Equal("registered", (await confirmed.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_bad_row_stores_nothing_and_the_answer_is_a_422_listing_each_problem_by_row_and_column()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync(StaffEmail);
        var file = Xlsx(
            Row("好党员", "13911110001", "good@import.example.org", Leader1Unit),                                  // row 2
            Row("手机错", "0571-87654321", "phone@import.example.org", Leader1Unit),                               // row 3
            Row("社区错", "13911110003", "community@import.example.org", Leader1Unit, "西城社区"),                   // row 4
            Row("代码错", "13911110004", "code@import.example.org", "91330102MA2000001" + CreditCodeTail("91330102MA2000001")), // row 5
            Row("邮箱错", "13911110005", "not-an-address", Leader1Unit),                                          // row 6
            Row("", "13911110006", "noname@import.example.org", Leader1Unit, building: ""));                      // row 7
        var before = await App.QueryAsync(db => Task.FromResult((db.MemberRegistrations.Count(), db.Users.Count(), db.AuditEntries.Count())));

        var response = await ImportAsync(staff, $"/api/v1/streets/{donghu}/member-registrations/import", file);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(
            [
                (3, "手机号", "Validation.Mobile"),
                (4, "居住社区", "Import.UnknownCommunity"),
                (5, "工作单位", "Import.UnknownUnitCode"),
                (6, "电子邮箱", "Validation.Email"),
                (7, "姓名", "Validation.Required"),
                (7, "居住楼栋", "Validation.Required"),
            ],
            Rows(problem));
        Assert.Equal("本街道没有名为“西城社区”的社区。", problem.GetProperty("rows")[1].GetProperty("message").GetString());
        Assert.Equal(["本街道没有名为“西城社区”的社区。"], problem.GetProperty("errors").GetProperty("rows[4].communityId").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("5行存在6处问题", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await App.QueryAsync(db => Task.FromResult((db.MemberRegistrations.Count(), db.Users.Count(), db.AuditEntries.Count()))));
        Assert.Equal(0, await ImportedCountAsync());
    }

    /// <summary>The check character that makes a well-formed code of the first 17 characters (one no unit of the street has).</summary>
    private static string CreditCodeTail(string first17) => Web.Features.Units.CreditCode.CheckCharacter(first17).ToString();

    [Fact]
    public async Task Duplicates_within_the_sheet_and_with_the_street_and_existing_accounts_are_row_errors()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync(StaffEmail);
        var registeredPhone = await App.QueryAsync(db => db.MemberRegistrations
            .Where(r => r.StreetId == donghu && r.Status == RegistrationStatus.Registered).Select(r => r.Phone).FirstAsync());
        var file = Xlsx(
            Row("甲", "13911110001", "a@import.example.org", Leader1Unit),                 // row 2
            Row("乙", "139-1111-0001", "b@import.example.org", Leader1Unit),               // row 3: the same mobile as row 2
            Row("丙", "13911110003", "A@IMPORT.example.org", Leader1Unit),                 // row 4: the same e-mail as row 2
            Row("丁", registeredPhone, "d@import.example.org", Leader1Unit),               // row 5: registered in the street
            Row("戊", "13911110005", StaffEmail, Leader1Unit));                            // row 6: an account's e-mail

        var response = await ImportAsync(staff, $"/api/v1/streets/{donghu}/member-registrations/import", file);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal(
            [
                (3, "手机号", "Import.DuplicatePhoneInFile"),
                (4, "电子邮箱", "Import.DuplicateEmailInFile"),
                (5, "手机号", "Member.PhoneRegistered"),
                (6, "电子邮箱", "Member.EmailTaken"),
            ],
            Rows(problem));
        Assert.Equal("手机号 13911110001 与第2行重复。", problem.GetProperty("rows")[0].GetProperty("message").GetString());
        Assert.Equal(0, await ImportedCountAsync());
    }

    [Fact]
    public async Task Community_staff_import_into_their_own_community_only_and_unit_leaders_not_at_all()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        var own = await App.CommunityIdAsync(donghu, "东湖社区");
        var binjiang = await App.CommunityIdAsync(donghu, "滨江社区");
        var xichengCommunity = await App.CommunityIdAsync(xicheng, "西城社区");
        var file = Xlsx(Row("孙红", "13911110001", "sunhong@import.example.org", "区外单位"));
        using var community = await App.ApiAsAsync(CommunityStaffEmail);

        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(community, $"/api/v1/communities/{binjiang}/member-registrations/import", file)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ImportAsync(community, $"/api/v1/communities/{xichengCommunity}/member-registrations/import", file)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(community, $"/api/v1/streets/{donghu}/member-registrations/import", file)).StatusCode);

        // In their own community's sheet, a row of another community is a row error.
        var mixed = Xlsx(Row("孙红", "13911110001", "sunhong@import.example.org", "区外单位"), Row("周明", "13911110002", "zhouming@import.example.org", "区外单位", "滨江社区"));
        var refused = await ImportAsync(community, $"/api/v1/communities/{own}/member-registrations/import", mixed);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal([(3, "居住社区", "Import.OtherCommunity")], Rows(await refused.JsonAsync()));

        // Left empty, the community is theirs.
        var blank = Xlsx(Row("孙红", "13911110001", "sunhong@import.example.org", "区外单位", community: ""));
        var imported = await ImportAsync(community, $"/api/v1/communities/{own}/member-registrations/import", blank);
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        Assert.Equal(own, await App.QueryAsync(db => db.MemberRegistrations.Where(r => r.Email == "sunhong@import.example.org").Select(r => r.CommunityId).SingleAsync()));

        using var leader = await App.ApiAsAsync("leader1@example.org");
        var other = Xlsx(Row("吴刚", "13911110009", "wugang@import.example.org", "区外单位"));
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(leader, $"/api/v1/streets/{donghu}/member-registrations/import", other)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(leader, $"/api/v1/communities/{own}/member-registrations/import", other)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/v1/streets/{donghu}/member-registrations/import-template")).StatusCode);
        Assert.Equal(1, await ImportedCountAsync());
    }

    [Fact]
    public async Task A_sheet_of_more_than_two_thousand_rows_is_refused_with_a_clear_message()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync(StaffEmail);
        var rows = Enumerable.Range(0, MemberSheet.MaxRows + 1)
            .Select(i => Row($"党员{i}", $"139{i:D8}", $"m{i}@import.example.org", "区外单位")).ToArray();

        var response = await ImportAsync(staff, $"/api/v1/streets/{donghu}/member-registrations/import", Xlsx(rows));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["一次最多导入2000行。"], (await response.JsonAsync()).GetProperty("errors").GetProperty("file").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(0, await ImportedCountAsync());
    }

    [Fact]
    public async Task The_members_page_offers_staff_the_import_and_the_export_and_a_leader_the_export_only()
    {
        using var staff = await App.BrowserAsAsync(StaffEmail);
        var page = await staff.GetStringAsync("/members");
        Assert.Contains("id=\"members-import-toggle\"", page, StringComparison.Ordinal);
        Assert.Contains("member-registrations/export", page, StringComparison.Ordinal);

        using var leader = await App.BrowserAsAsync("leader1@example.org");
        var leaderPage = await leader.GetStringAsync("/members");
        Assert.DoesNotContain("members-import-toggle", leaderPage, StringComparison.Ordinal);
        Assert.Contains("member-registrations/export", leaderPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_template_has_the_columns_and_names_the_streets_communities_and_units()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync(StaffEmail);
        var response = await staff.GetAsync($"/api/v1/streets/{donghu}/member-registrations/import-template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = ReadXlsx(bytes);
        Assert.Equal(MemberSheet.ImportColumns, rows[0].Keys);
        using var stream = new MemoryStream(bytes);
        var reference = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "社区和成员单位").Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(reference, r => (string?)r["名称"] == "滨江社区");
        Assert.Contains(reference, r => (string?)r["名称"] == Leader1Unit && (string?)r["统一社会信用代码"] is { Length: 18 });
    }

    [Fact]
    public async Task The_export_shows_members_whole_to_staff_and_masked_to_a_unit_leader_and_each_export_is_audited()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync(StaffEmail);
        var imported = await ImportAsync(staff, $"/api/v1/streets/{donghu}/member-registrations/import",
            Xlsx(Row("李建国", "13911110001", "jianguo@import.example.org", Leader1Unit, building: "7栋702")));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var auditBefore = await App.QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == ExportMembers.AuditEntityType));

        var whole = await staff.GetAsync($"/api/v1/streets/{donghu}/member-registrations/export");
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        var staffRows = ReadXlsx(await whole.Content.ReadAsByteArrayAsync());
        var row = staffRows.Single(r => (string?)r[MemberSheet.Name] == "李建国");
        Assert.Equal(("13911110001", "东湖社区", "7栋702", Leader1Unit, "待确认", 0d),
            ((string?)row[MemberSheet.Phone], (string?)row[MemberSheet.Community], (string?)row[MemberSheet.Building], (string?)row[MemberSheet.Employer],
                (string?)row[MemberSheet.Status], Convert.ToDouble(row[MemberSheet.Hours], System.Globalization.CultureInfo.InvariantCulture)));
        var streetCount = await App.QueryAsync(db => db.MemberRegistrations.CountAsync(r => r.StreetId == donghu));
        Assert.Equal(streetCount, staffRows.Count);

        // Hours this year: a member's confirmed records of the business year.
        var year = App.Clock.Today.Year;
        var busiest = await App.QueryAsync(db => db.ServiceRecords
            .Where(s => s.StreetId == donghu && s.Status == Web.Features.Members.ServiceRecordStatus.Confirmed && s.Date.Year == year)
            .GroupBy(s => s.RegistrationId).Select(g => new { g.Key, Hours = g.Sum(s => s.Hours) }).OrderByDescending(g => g.Hours).FirstOrDefaultAsync());
        if (busiest is not null)
        {
            var phone = await App.QueryAsync(db => db.MemberRegistrations.Where(r => r.Id == busiest.Key).Select(r => r.Phone).SingleAsync());
            Assert.Equal((double)busiest.Hours, Convert.ToDouble(staffRows.Single(r => (string?)r[MemberSheet.Phone] == phone)[MemberSheet.Hours], System.Globalization.CultureInfo.InvariantCulture));
        }

        // The unit leader reads their employees only, with names and phones masked, no e-mail or building.
        using var leader = await App.ApiAsAsync("leader1@example.org");
        var masked = await leader.GetAsync($"/api/v1/streets/{donghu}/member-registrations/export");
        Assert.Equal(HttpStatusCode.OK, masked.StatusCode);
        var leaderRows = ReadXlsx(await masked.Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(leaderRows);
        Assert.All(leaderRows, r => Assert.Equal(Leader1Unit, (string?)r[MemberSheet.Employer]));
        var leaderRow = leaderRows.Single(r => (string?)r[MemberSheet.Phone] == "139****0001");
        Assert.Equal(("李**", "", ""), ((string?)leaderRow[MemberSheet.Name], (string?)leaderRow[MemberSheet.Email] ?? "", (string?)leaderRow[MemberSheet.Building] ?? ""));
        Assert.All(leaderRows, r => Assert.Matches(MaskedPhone(), (string?)r[MemberSheet.Phone] ?? ""));

        // One entry per export, with how many rows were whole.
        var entries = await App.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == ExportMembers.AuditEntityType).OrderBy(a => a.OccurredAt).ThenBy(a => a.Id).ToListAsync());
        Assert.Equal(auditBefore + 2, entries.Count);
        Assert.All(entries, e => Assert.Equal((AuditAction.Downloaded, donghu), (e.Action, e.StreetId)));
        Assert.Equal(streetCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Changes(entries.Single(e => e.UserName == StaffEmail))["PersonalDataWhole"]);
        var leaderEntry = Changes(entries.Single(e => e.UserName == "leader1@example.org"));
        Assert.Equal(("0", leaderRows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), (leaderEntry["PersonalDataWhole"], leaderEntry["Rows"]));

        // Community staff export their community; another street's staff are told it does not exist.
        using var community = await App.ApiAsAsync(CommunityStaffEmail);
        var own = ReadXlsx(await (await community.GetAsync($"/api/v1/communities/{await App.CommunityIdAsync(donghu, "东湖社区")}/member-registrations/export")).Content.ReadAsByteArrayAsync());
        Assert.All(own, r => Assert.Equal("东湖社区", (string?)r[MemberSheet.Community]));
        Assert.Contains(own, r => (string?)r[MemberSheet.Phone] == "13911110001");
        using var otherStaff = await App.ApiAsAsync("staff.xicheng@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/streets/{donghu}/member-registrations/export")).StatusCode);
    }

    [Fact]
    public async Task A_temporary_password_lets_the_imported_member_sign_in_and_must_be_changed_first()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync(StaffEmail);
        var imported = await ImportAsync(staff, $"/api/v1/streets/{donghu}/member-registrations/import",
            Xlsx(Row("钱立新", "13911110003", "lixin@import.example.org", "杭州某某软件有限公司"), Row("李建国", "13911110001", "jianguo@import.example.org", Leader1Unit, "滨江社区")));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var ids = await App.QueryAsync(db => db.MemberRegistrations.Where(r => r.Email.EndsWith("@import.example.org")).ToDictionaryAsync(r => r.Name, r => r.Id));

        // Only staff of the member's community or street issue one.
        using var leader = await App.ApiAsAsync("leader1@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/api/v1/member-registrations/{ids["李建国"]}/temporary-password", null)).StatusCode);
        using var community = await App.ApiAsAsync(CommunityStaffEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await community.PostAsync($"/api/v1/member-registrations/{ids["李建国"]}/temporary-password", null)).StatusCode);

        var issued = await community.PostAsync($"/api/v1/member-registrations/{ids["钱立新"]}/temporary-password", null);
        Assert.True(issued.StatusCode == HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        var body = await issued.JsonAsync();
        var password = body.GetProperty("temporaryPassword").GetString()!;
        Assert.Equal(("lixin@import.example.org", 12), (body.GetProperty("email").GetString(), password.Length));

        // Audited, without the password.
        var entries = await App.QueryAsync(db => db.AuditEntries.Where(a => a.EntityId == ids["钱立新"].ToString() && a.UserName == CommunityStaffEmail).ToListAsync());
        var entry = Assert.Single(entries, e => Changes(e).ContainsKey("TemporaryPasswordIssuedTo"));
        Assert.Equal("lixin@import.example.org", Changes(entry)["TemporaryPasswordIssuedTo"]);
        Assert.DoesNotContain(password, await App.QueryAsync(db => db.AuditEntries.Select(a => a.Changes).ToListAsync()).ContinueWith(t => string.Join("\n", t.Result)), StringComparison.Ordinal);

        // The password is right (403, not 401), but no token until it is changed; the sign-in page sends the member to change it.
        using var client = App.Anonymous();
        var token = await client.PostAsJsonAsync("/api/v1/tokens", new { email = "lixin@import.example.org", password });
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
        var signIn = await PortalApp.PostSignInFormAsync(client, "lixin@import.example.org", password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Account/ChangePassword", home.Headers.Location!.OriginalString);

        const string chosen = "Li-Xin-2026-zixuan";
        var page = await client.GetStringAsync("/Account/ChangePassword");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value),
            ["Input.OldPassword"] = password,
            ["Input.NewPassword"] = chosen,
            ["Input.ConfirmPassword"] = chosen,
        });
        var changed = await client.PostAsync("/Account/ChangePassword", form);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.False(await App.QueryAsync(db => db.Users.Where(u => u.Email == "lixin@import.example.org").Select(u => u.MustChangePassword).SingleAsync()));

        using var member = await App.ApiAsAsync("lixin@import.example.org", chosen);
        var own = await member.GetFromJsonAsync<JsonElement>($"/api/v1/member-registrations/{ids["钱立新"]}");
        Assert.Equal("钱立新", own.GetProperty("name").GetString());
    }

    private static Dictionary<string, string?> Changes(AuditEntry entry) =>
        JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes, JsonSerializerOptions.Web)!.ToDictionary(c => c.Property, c => c.New);

    [GeneratedRegex(@"^1\d\d\*{4}\d{4}$")]
    private static partial Regex MaskedPhone();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
