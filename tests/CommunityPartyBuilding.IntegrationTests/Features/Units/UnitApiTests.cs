using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Units;

public class UnitApiTests(PortalApp app) : PortalTest(app)
{
    private const string Staff = "staff.donghu@example.org";

    private async Task<(Guid Donghu, HttpClient Staff)> DonghuStaffAsync() =>
        (await App.StreetIdAsync(DemoSeeder.DonghuStreet), await App.ApiAsAsync(Staff));

    private static async Task<JsonElement> ListAsync(HttpClient client, Guid streetId, string query = "") =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{streetId}/units?pageSize=500{query}");

    [Fact]
    public async Task Staff_create_a_unit_and_it_appears_in_the_list()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;
        var community = await App.CommunityIdAsync(donghu, "滨江社区");
        var code = Code("91330102MA2000001");
        var body = Body(" 湖光科技有限公司 ", "9133 0102 ma20 0000 1" + code[^1..].ToLowerInvariant(), "privateEnterprise", community, contactPhone: "138 0013 8000");

        var response = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/units", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/units/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("湖光科技有限公司", created.GetProperty("name").GetString());
        Assert.Equal(code, created.GetProperty("creditCode").GetString());
        Assert.Equal("privateEnterprise", created.GetProperty("category").GetString());
        Assert.Equal("branch", created.GetProperty("partyOrganisationType").GetString());
        Assert.Equal(12, created.GetProperty("partyMemberCount").GetInt32());
        Assert.Equal(community, created.GetProperty("communityId").GetGuid());
        Assert.Equal("滨江社区", created.GetProperty("communityName").GetString());
        Assert.Equal("13800138000", created.GetProperty("contactPhone").GetString());
        Assert.Equal("2024-03-01", created.GetProperty("joinedOn").GetString());
        Assert.Equal("active", created.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("withdrawnOn").ValueKind);
        Assert.False(created.TryGetProperty("resources", out var flags), $"resources are a list of their own (资源清单), not unit flags: {flags}");
        Assert.Equal(donghu, created.GetProperty("streetId").GetGuid());

        var list = await ListAsync(staff, donghu);
        Assert.Equal(24, list.GetProperty("total").GetInt32());
        Assert.Contains("湖光科技有限公司", Names(list));
        var stored = await App.QueryAsync(db => db.MemberUnits.SingleAsync(u => u.Id == id));
        Assert.Equal((code, "张三"), (stored.CreditCode, stored.ContactPerson));

        var fetched = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/units/{id}");
        Assert.Equal("湖光科技有限公司", fetched.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_wrong_check_character_is_refused_with_the_character_it_should_be()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;
        var before = await App.SnapshotAsync();

        var response = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/units", Body("错码单位", "52330102MA7X8Y9K01"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal("输入有误", problem.GetProperty("title").GetString());
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("creditCode").EnumerateArray()).GetString();
        Assert.Equal("统一社会信用代码校验位错误：第18位是“1”，按前17位计算应为“X”。", message);
        Assert.Contains("应为“X”", message, StringComparison.Ordinal);
        Assert.Equal(before, await App.SnapshotAsync());
    }

    [Theory]
    [InlineData("91350100M000100Y4", "统一社会信用代码应为18位，当前为17位。")]
    [InlineData("91350100M000100Y433", "统一社会信用代码应为18位，当前为19位。")]
    [InlineData("91350100M000100S43", "统一社会信用代码第16位的“S”不是合法字符（只能使用数字和除I、O、Z、S、V以外的大写字母）。")]
    [InlineData("91A50100M000100Y43", "统一社会信用代码第3至8位应为行政区划代码（数字），第3位是“A”。")]
    [InlineData("", "请填写统一社会信用代码。")]
    public async Task Malformed_credit_codes_get_a_message_saying_what_is_wrong(string code, string expected)
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;

        var response = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/units", Body("错码单位", code));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(expected, errors.GetProperty("creditCode")[0].GetString());
        Assert.Equal(24, await App.UnitCountAsync(donghu));
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_under_its_camel_case_name()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        var otherStreetsCommunity = await App.CommunityIdAsync(xicheng, "和平社区");
        var tomorrow = Iso(Today(App).AddDays(1));
        var body = Body("", Code("91330102MA2000001"), communityId: otherStreetsCommunity, contactPhone: "12345", joinedOn: tomorrow, partyMemberCount: -1);

        var response = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/units", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(["communityId", "contactPhone", "joinedOn", "name", "partyMemberCount"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("请填写单位名称。", errors.GetProperty("name")[0].GetString());
        Assert.Equal("党员人数须在0到100000之间。", errors.GetProperty("partyMemberCount")[0].GetString());
        Assert.StartsWith("联系电话格式不正确", errors.GetProperty("contactPhone")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("加入日期不能晚于今天。", errors.GetProperty("joinedOn")[0].GetString());
        Assert.Equal("所选社区不属于本街道。", errors.GetProperty("communityId")[0].GetString());
        Assert.Equal(24, await App.UnitCountAsync(donghu));
    }

    [Fact]
    public async Task An_unknown_enum_value_is_a_400_not_a_stack_trace()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;

        var response = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/units", Body("某单位", Code("91330102MA2000001"), category: "民营企业"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("请求格式不正确", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.Equal(24, await App.UnitCountAsync(donghu));
    }

    [Fact]
    public async Task A_credit_code_is_unique_within_a_street_but_may_repeat_in_another_street()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        var taken = await App.CreditCodeOfAsync(Leader1Unit);
        var withdrawn = await App.CreditCodeOfAsync(WithdrawnUnit);

        var duplicate = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/units", Body("重复单位", taken.ToLowerInvariant()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Equal($"统一社会信用代码 {taken} 已登记在本街道的其他成员单位。",
            (await duplicate.JsonAsync()).GetProperty("errors").GetProperty("creditCode")[0].GetString());

        // A withdrawn unit keeps its record, and with it its code.
        var sameAsWithdrawn = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/units", Body("重复单位", withdrawn));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sameAsWithdrawn.StatusCode);
        Assert.Equal(24, await App.UnitCountAsync(donghu));

        using var xichengStaff = await App.ApiAsAsync("staff.xicheng@example.org");
        var elsewhere = await xichengStaff.PostAsJsonAsync($"/api/v1/streets/{xicheng}/units", Body("检察院西城办案点", taken));
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        Assert.Equal(xicheng, (await elsewhere.JsonAsync()).GetProperty("streetId").GetGuid());
        Assert.Equal(2, await App.QueryAsync(db => db.MemberUnits.CountAsync(u => u.CreditCode == taken)));
        Assert.Equal(13, await App.UnitCountAsync(xicheng));
    }

    [Fact]
    public async Task The_list_pages_and_reports_the_total()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;
        var all = Names(await ListAsync(staff, donghu));
        Assert.Equal(23, all.Length);

        var pages = new List<string>();
        foreach (var (page, count) in new[] { (1, 10), (2, 10), (3, 3), (4, 0) })
        {
            var list = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/units?page={page}&pageSize=10");
            Assert.Equal(23, list.GetProperty("total").GetInt32());
            Assert.Equal(count, list.GetProperty("items").GetArrayLength());
            pages.AddRange(Names(list));
        }

        Assert.Equal(all, pages);
        Assert.Equal(23, pages.Distinct().Count());

        var defaults = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/units");
        Assert.Equal(23, defaults.GetProperty("items").GetArrayLength());
        var huge = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/units?pageSize=100000");
        Assert.Equal(23, huge.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_list_filters_by_category_community_and_search()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;
        var donghuCommunity = await App.CommunityIdAsync(donghu, "东湖社区");
        var siying = await App.CommunityIdAsync(donghu, "四营社区");

        Assert.Equal(["东湖中学", "东湖区第一实验小学"], Names(await ListAsync(staff, donghu, "&category=school")).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["东湖区图书馆", "东湖区疾病预防控制中心"], Names(await ListAsync(staff, donghu, "&category=publicInstitution")).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(
            ["东湖区人民检察院", "东湖区图书馆", "东湖区第一实验小学", "东湖社区卫生服务中心", "中国工商银行东湖支行", "湖畔餐饮管理有限公司"],
            Names(await ListAsync(staff, donghu, $"&communityId={donghuCommunity}")).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["东湖水务集团有限公司", "国网东湖供电公司"], Names(await ListAsync(staff, donghu, $"&category=stateOwnedEnterprise&communityId={siying}")).Order(StringComparer.Ordinal).ToArray());

        Assert.Equal(["东湖区人民检察院"], Names(await ListAsync(staff, donghu, "&search=检察")));
        var byFragment = await ListAsync(staff, donghu, "&search=" + Uri.EscapeDataString("东湖区"));
        Assert.Equal(10, byFragment.GetProperty("total").GetInt32());
        Assert.All(Names(byFragment), n => Assert.Contains("东湖区", n, StringComparison.Ordinal));

        // Credit-code prefixes: registration authority and type "11" (organs) and "91" (enterprises), any case.
        Assert.Equal(["东湖区人民检察院", "东湖区市场监督管理局", "东湖区税务局第一税务所"], Names(await ListAsync(staff, donghu, "&search=11330102")).Order(StringComparer.Ordinal).ToArray());
        var enterprises = await ListAsync(staff, donghu, "&search=91330102ma");
        Assert.Equal(9, enterprises.GetProperty("total").GetInt32());
        Assert.All(enterprises.GetProperty("items").EnumerateArray(), u => Assert.StartsWith("91330102MA", u.GetProperty("creditCode").GetString(), StringComparison.Ordinal));
        var fullCode = await App.CreditCodeOfAsync(Leader2Unit);
        Assert.Equal([Leader2Unit], Names(await ListAsync(staff, donghu, "&search=" + fullCode.ToLowerInvariant())));
        Assert.Equal(0, (await ListAsync(staff, donghu, "&search=不存在的单位")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("9133010_")]
    [InlineData("91%MA")]
    public async Task Wildcards_in_the_search_are_taken_literally(string search)
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;

        var list = await ListAsync(staff, donghu, "&search=" + Uri.EscapeDataString(search));

        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.Empty(Names(list));
    }

    [Fact]
    public async Task Enum_filters_in_the_query_string_are_spelled_as_in_json_and_unknown_values_are_a_400()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;

        Assert.Equal(3, (await ListAsync(staff, donghu, "&category=privateEnterprise")).GetProperty("total").GetInt32());
        Assert.Equal(3, (await ListAsync(staff, donghu, "&category=PrivateEnterprise")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await ListAsync(staff, donghu, "&status=withdrawn")).GetProperty("total").GetInt32());
        Assert.Equal("东湖区人民医院", Names(await ListAsync(staff, donghu, "&sort=partyMemberCount&desc=true"))[0]);

        foreach (var bad in new[] { "category=3", "category=" + Uri.EscapeDataString("民营企业"), "status=gone", "sort=size", "category=school,hospital" })
        {
            var response = await staff.GetAsync($"/api/v1/streets/{donghu}/units?{bad}");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var parameter = bad[..bad.IndexOf('=', StringComparison.Ordinal)];
            Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(parameter, out var messages), bad);
            Assert.Contains("不是可用的值", messages[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_list_sorts_by_party_members_joining_date_and_credit_code()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;

        var byMembersDesc = await ListAsync(staff, donghu, "&sort=partyMemberCount&desc=true");
        Assert.Equal(["东湖区人民医院", "国网东湖供电公司", "东湖水务集团有限公司", "东湖区人民检察院"], Names(byMembersDesc)[..4]);
        var counts = byMembersDesc.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("partyMemberCount").GetInt32()).ToArray();
        Assert.Equal(counts.OrderDescending(), counts);

        Assert.Equal(["东湖区红十字会", "东湖安居物业管理有限公司", "暖心社会工作服务中心"], Names(await ListAsync(staff, donghu, "&sort=partyMemberCount"))[..3]);
        Assert.Equal(["东湖安居物业管理有限公司", "湖畔餐饮管理有限公司", "东湖区红十字会"], Names(await ListAsync(staff, donghu, "&sort=joinedOn&desc=true"))[..3]);

        var byCode = (await ListAsync(staff, donghu, "&sort=creditCode")).GetProperty("items").EnumerateArray().ToArray();
        var codes = byCode.Select(u => u.GetProperty("creditCode").GetString()!).ToArray();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.StartsWith("11", codes[0], StringComparison.Ordinal);
        Assert.Equal("武警某部东湖中队", byCode[^1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Sorting_by_category_follows_the_order_of_the_categories_not_their_spelling()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;

        var items = (await ListAsync(staff, donghu, "&sort=category")).GetProperty("items").EnumerateArray()
            .Select(u => u.GetProperty("category").GetString()!).Distinct().ToArray();
        Assert.Equal(
            ["partyGovernmentOrgan", "publicInstitution", "stateOwnedEnterprise", "privateEnterprise", "socialOrganisation", "militaryUnit", "school", "hospital", "propertyManagement", "other"],
            items);
        var descending = (await ListAsync(staff, donghu, "&sort=category&desc=true")).GetProperty("items").EnumerateArray()
            .Select(u => u.GetProperty("category").GetString()!).Distinct().ToArray();
        Assert.Equal(Enumerable.Reverse(items), descending);
    }

    [Fact]
    public async Task Withdrawn_units_are_hidden_unless_asked_for()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;

        Assert.DoesNotContain(WithdrawnUnit, Names(await ListAsync(staff, donghu)));
        Assert.Equal(23, (await ListAsync(staff, donghu, "&status=active")).GetProperty("total").GetInt32());

        var withdrawn = await ListAsync(staff, donghu, "&status=withdrawn");
        var unit = Assert.Single(withdrawn.GetProperty("items").EnumerateArray());
        Assert.Equal(WithdrawnUnit, unit.GetProperty("name").GetString());
        Assert.Equal("withdrawn", unit.GetProperty("status").GetString());
        Assert.Equal("2025-12-31", unit.GetProperty("withdrawnOn").GetString());
        Assert.Equal("机构改革，职能并入区政务服务中心", unit.GetProperty("withdrawalReason").GetString());
        Assert.Equal(1, withdrawn.GetProperty("total").GetInt32());

        var everything = await ListAsync(staff, donghu, "&includeWithdrawn=true");
        Assert.Equal(24, everything.GetProperty("total").GetInt32());
        Assert.Contains(WithdrawnUnit, Names(everything));
    }

    [Fact]
    public async Task Staff_withdraw_a_unit_and_reinstate_it()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;
        var library = await App.UnitIdAsync("东湖区图书馆");
        var today = Iso(Today(App));

        var withdraw = await staff.PostAsJsonAsync($"/api/v1/units/{library}/withdraw", new { withdrawnOn = today, reason = " 场馆改造，暂停参与 " });
        Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);
        var withdrawn = await withdraw.JsonAsync();
        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.Equal(today, withdrawn.GetProperty("withdrawnOn").GetString());
        Assert.Equal("场馆改造，暂停参与", withdrawn.GetProperty("withdrawalReason").GetString());
        Assert.Equal(22, (await ListAsync(staff, donghu)).GetProperty("total").GetInt32());
        Assert.Equal(["东湖区公共资源交易中心", "东湖区图书馆"], Names(await ListAsync(staff, donghu, "&status=withdrawn")).Order(StringComparer.Ordinal).ToArray());

        var before = await App.SnapshotAsync();
        var again = await staff.PostAsJsonAsync($"/api/v1/units/{library}/withdraw", new { withdrawnOn = today, reason = "再次退出" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("该单位已经退出。", (await again.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(before, await App.SnapshotAsync());

        var reinstate = await staff.PostAsync($"/api/v1/units/{library}/reinstate", null);
        Assert.Equal(HttpStatusCode.OK, reinstate.StatusCode);
        var active = await reinstate.JsonAsync();
        Assert.Equal("active", active.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, active.GetProperty("withdrawnOn").ValueKind);
        Assert.Equal(JsonValueKind.Null, active.GetProperty("withdrawalReason").ValueKind);
        Assert.Equal(23, (await ListAsync(staff, donghu)).GetProperty("total").GetInt32());

        var twice = await staff.PostAsync($"/api/v1/units/{library}/reinstate", null);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("该单位在册，无需恢复。", (await twice.JsonAsync()).GetProperty("detail").GetString());

        // The seeded withdrawn unit comes back too, and the composition counts it again.
        var seeded = await App.UnitIdAsync(WithdrawnUnit);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/units/{seeded}/reinstate", null)).StatusCode);
        var composition = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/committee-members");
        Assert.Equal(3, composition.GetProperty("activeUnitsByCategory").GetProperty("publicInstitution").GetInt32());
    }

    [Fact]
    public async Task A_withdrawal_in_the_future_before_joining_or_without_a_reason_is_refused()
    {
        var (_, staff) = await DonghuStaffAsync();
        using var client = staff;
        var library = await App.UnitIdAsync("东湖区图书馆");
        var before = await App.SnapshotAsync();

        var future = await client.PostAsJsonAsync($"/api/v1/units/{library}/withdraw", new { withdrawnOn = Iso(Today(App).AddDays(1)), reason = "提前登记" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Equal("退出日期不能晚于今天。", (await future.JsonAsync()).GetProperty("errors").GetProperty("withdrawnOn")[0].GetString());

        // 东湖区图书馆 joined on 2020-05-20.
        var beforeJoining = await client.PostAsJsonAsync($"/api/v1/units/{library}/withdraw", new { withdrawnOn = "2020-05-19", reason = "登记错误" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, beforeJoining.StatusCode);
        Assert.Equal("退出日期不能早于加入日期。", (await beforeJoining.JsonAsync()).GetProperty("errors").GetProperty("withdrawnOn")[0].GetString());

        var noReason = await client.PostAsJsonAsync($"/api/v1/units/{library}/withdraw", new { withdrawnOn = "2025-06-30", reason = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Equal("请填写退出原因。", (await noReason.JsonAsync()).GetProperty("errors").GetProperty("reason")[0].GetString());

        var noDate = await client.PostAsJsonAsync($"/api/v1/units/{library}/withdraw", new { reason = "没有日期" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noDate.StatusCode);
        Assert.Equal("请填写退出日期。", (await noDate.JsonAsync()).GetProperty("errors").GetProperty("withdrawnOn")[0].GetString());

        Assert.Equal(before, await App.SnapshotAsync());
        Assert.Equal(UnitStatus.Active, await App.QueryAsync(db => db.MemberUnits.Where(u => u.Id == library).Select(u => u.Status).SingleAsync()));
    }

    [Fact]
    public async Task An_edit_from_a_stale_version_is_a_conflict_and_overwrites_nothing()
    {
        var (_, first) = await DonghuStaffAsync();
        using var client = first;
        using var second = await App.ApiAsAsync(Staff);
        var id = await App.UnitIdAsync(Leader1Unit);
        var loaded = await client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{id}");
        var version = loaded.GetProperty("version").GetUInt32();
        var code = loaded.GetProperty("creditCode").GetString()!;

        var ok = await client.PutAsJsonAsync($"/api/v1/units/{id}", Body(Leader1Unit, code, "partyGovernmentOrgan", version: version).With("contactPerson", "第一位联系人"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var saved = await ok.JsonAsync();
        Assert.Equal("第一位联系人", saved.GetProperty("contactPerson").GetString());
        Assert.NotEqual(version, saved.GetProperty("version").GetUInt32());

        var before = await App.SnapshotAsync();
        var stale = await second.PutAsJsonAsync($"/api/v1/units/{id}", Body(Leader1Unit, code, "partyGovernmentOrgan", version: version).With("contactPerson", "第二位联系人"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("此记录已被他人修改，请刷新后重试", (await stale.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(before, await App.SnapshotAsync());
        Assert.Equal("第一位联系人", await App.QueryAsync(db => db.MemberUnits.Where(u => u.Id == id).Select(u => u.ContactPerson).SingleAsync()));
    }

    [Fact]
    public async Task An_edit_may_keep_its_own_code_but_not_take_another_units_code()
    {
        var (_, staff) = await DonghuStaffAsync();
        using var client = staff;
        var id = await App.UnitIdAsync(Leader1Unit);
        var own = await App.CreditCodeOfAsync(Leader1Unit);
        var other = await App.CreditCodeOfAsync(Leader2Unit);

        var keep = await client.PutAsJsonAsync($"/api/v1/units/{id}", Body(Leader1Unit, own, "partyGovernmentOrgan", partyMemberCount: 90));
        Assert.Equal(HttpStatusCode.OK, keep.StatusCode);
        Assert.Equal(90, (await keep.JsonAsync()).GetProperty("partyMemberCount").GetInt32());

        var take = await client.PutAsJsonAsync($"/api/v1/units/{id}", Body(Leader1Unit, other, "partyGovernmentOrgan"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, take.StatusCode);
        Assert.Equal($"统一社会信用代码 {other} 已登记在本街道的其他成员单位。", (await take.JsonAsync()).GetProperty("errors").GetProperty("creditCode")[0].GetString());
        Assert.Equal(own, await App.CreditCodeOfAsync(Leader1Unit));
    }

    [Fact]
    public async Task The_committee_composition_lists_members_secretary_first_and_counts_active_units_by_category()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;

        var composition = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/committee-members");

        var members = composition.GetProperty("members").EnumerateArray().ToArray();
        Assert.Equal(8, members.Length);
        Assert.Equal(("王建华", "secretary"), (members[0].GetProperty("personName").GetString(), members[0].GetProperty("position").GetString()));
        Assert.Equal(("刘洋", "deputySecretary"), (members[1].GetProperty("personName").GetString(), members[1].GetProperty("position").GetString()));
        Assert.Equal(("袁芳", "member"), (members[2].GetProperty("personName").GetString(), members[2].GetProperty("position").GetString()));
        Assert.All(members[3..], m => Assert.Equal("partTimeMember", m.GetProperty("position").GetString()));
        var zhou = Assert.Single(members, m => m.GetProperty("personName").GetString() == "周志刚");
        Assert.Equal(await App.UnitIdAsync(Leader1Unit), zhou.GetProperty("unitId").GetGuid());
        Assert.Equal(Leader1Unit, zhou.GetProperty("unitName").GetString());
        Assert.Equal("partyGovernmentOrgan", zhou.GetProperty("unitCategory").GetString());
        Assert.Equal(("2024-01-01", "2028-12-31"), (zhou.GetProperty("termStart").GetString(), zhou.GetProperty("termEnd").GetString()));
        Assert.Equal(JsonValueKind.Null, members[0].GetProperty("unitId").ValueKind);

        Assert.Equal(2, composition.GetProperty("membersFromStreet").GetInt32());
        Assert.Equal(Iso(Today(App)), composition.GetProperty("today").GetString());
        var byCategory = composition.GetProperty("activeUnitsByCategory").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["partyGovernmentOrgan"] = 3,
                ["publicInstitution"] = 2,
                ["stateOwnedEnterprise"] = 4,
                ["privateEnterprise"] = 3,
                ["socialOrganisation"] = 3,
                ["militaryUnit"] = 1,
                ["school"] = 2,
                ["hospital"] = 2,
                ["propertyManagement"] = 2,
                ["other"] = 1,
            },
            byCategory);

        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        using var xichengStaff = await App.ApiAsAsync("staff.xicheng@example.org");
        var other = await xichengStaff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{xicheng}/committee-members");
        Assert.Equal(["李秀梅", "方强"], other.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("personName").GetString()!).ToArray());
        Assert.Equal(12, other.GetProperty("activeUnitsByCategory").EnumerateObject().Sum(p => p.Value.GetInt32()));
    }

    [Fact]
    public async Task Staff_add_change_and_remove_committee_members()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;
        var library = await App.UnitIdAsync("东湖区图书馆");
        var route = $"/api/v1/streets/{donghu}/committee-members";

        var created = await staff.PostAsJsonAsync(route, new { personName = " 罗静 ", unitId = library, position = "partTimeMember", termStart = "2025-01-01", termEnd = "2029-12-31" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal($"{route}/{id}", created.Headers.Location!.OriginalString);

        var listed = Assert.Single((await staff.GetFromJsonAsync<JsonElement>(route)).GetProperty("members").EnumerateArray(), m => m.GetProperty("id").GetGuid() == id);
        Assert.Equal("罗静", listed.GetProperty("personName").GetString());
        Assert.Equal("东湖区图书馆", listed.GetProperty("unitName").GetString());
        Assert.Equal("publicInstitution", listed.GetProperty("unitCategory").GetString());
        var version = listed.GetProperty("version").GetUInt32();

        var update = await staff.PutAsJsonAsync($"{route}/{id}", new { personName = "罗静", unitId = (Guid?)null, position = "member", termStart = "2025-01-01", termEnd = "2027-12-31", version });
        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
        var updated = await App.QueryAsync(db => db.CommitteeMembers.SingleAsync(m => m.Id == id));
        Assert.Equal((CommitteePosition.Member, (Guid?)null, new DateOnly(2027, 12, 31)), (updated.Position, updated.UnitId, updated.TermEnd));
        var composition = await staff.GetFromJsonAsync<JsonElement>(route);
        Assert.Equal(3, composition.GetProperty("membersFromStreet").GetInt32());

        var stale = await staff.PutAsJsonAsync($"{route}/{id}", new { personName = "罗静静", position = "member", termStart = "2025-01-01", termEnd = "2027-12-31", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("罗静", await App.QueryAsync(db => db.CommitteeMembers.Where(m => m.Id == id).Select(m => m.PersonName).SingleAsync()));

        var delete = await staff.DeleteAsync($"{route}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.False(await App.QueryAsync(db => db.CommitteeMembers.AnyAsync(m => m.Id == id)));
        Assert.Equal(8, (await staff.GetFromJsonAsync<JsonElement>(route)).GetProperty("members").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"{route}/{id}")).StatusCode);
    }

    [Fact]
    public async Task Committee_members_are_validated_and_nothing_invalid_is_stored()
    {
        var (donghu, staff) = await DonghuStaffAsync();
        using var _ = staff;
        var route = $"/api/v1/streets/{donghu}/committee-members";
        var xichengUnit = await App.UnitIdAsync(Leader3Unit);
        var before = await App.SnapshotAsync();

        var backwards = await staff.PostAsJsonAsync(route, new { personName = "张三", position = "member", termStart = "2026-01-01", termEnd = "2025-12-31" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Equal("任期结束不能早于任期开始。", (await backwards.JsonAsync()).GetProperty("errors").GetProperty("termEnd")[0].GetString());

        var tooLong = await staff.PostAsJsonAsync(route, new { personName = "张三", position = "member", termStart = "2026-01-01", termEnd = "2036-01-02" });
        Assert.Equal("任期不能超过10年。", (await tooLong.JsonAsync()).GetProperty("errors").GetProperty("termEnd")[0].GetString());

        var otherStreet = await staff.PostAsJsonAsync(route, new { personName = "", unitId = xichengUnit, position = "partTimeMember", termStart = "2026-01-01", termEnd = "2028-12-31" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherStreet.StatusCode);
        var errors = (await otherStreet.JsonAsync()).GetProperty("errors");
        Assert.Equal("请选择本街道的在册成员单位。", errors.GetProperty("unitId")[0].GetString());
        Assert.Equal("请填写姓名。", errors.GetProperty("personName")[0].GetString());

        var xichengMember = await App.CommitteeMemberIdAsync("方强");
        var foreign = await staff.PutAsJsonAsync($"{route}/{xichengMember}", new { personName = "方强", position = "member", termStart = "2024-01-01", termEnd = "2028-12-31" });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"{route}/{xichengMember}")).StatusCode);

        Assert.Equal(before, await App.SnapshotAsync());
    }
}
