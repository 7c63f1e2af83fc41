using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Resources;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Units;

public class UnitImportExportTests(PortalApp app) : PortalTest(app)
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] ExportColumns = [.. UnitSheet.ImportColumns, "状态", "退出日期", "退出原因"];

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, Guid streetId, byte[] bytes, string fileName = "units.xlsx")
    {
        using var content = Upload(bytes, fileName);
        return await client.PostAsync($"/api/v1/streets/{streetId}/units/import", content);
    }

    private static (int Row, string Column, string Message)[] Errors(JsonElement result) =>
        result.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString()!, e.GetProperty("message").GetString()!))
            .ToArray();

    [Fact]
    public async Task A_file_with_good_and_bad_rows_imports_nothing_and_reports_every_bad_row_by_row_and_column()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var good = Code("91330102MA2000001");
        var taken = await App.CreditCodeOfAsync(Leader2Unit);
        var tomorrow = Iso(Today(App).AddDays(1));
        var file = Xlsx(
            Row("第一家好单位", good),                                                                                        // row 2
            Row("校验位错误单位", "52330102MA7X8Y9K01"),                                                                        // row 3
            Row("类别错误单位", Code("91330102MA2000004")).With((UnitSheet.Category, "民营企业")),                                // row 4
            Row("电话错误单位", Code("91330102MA2000005")).With((UnitSheet.Phone, "12345")),                                     // row 5
            Row("日期错误单位", Code("91330102MA2000006")).With((UnitSheet.Joined, "2026-02-30")),                               // row 6
            Row("未来加入单位", Code("91330102MA2000007")).With((UnitSheet.Joined, tomorrow)),                                   // row 7
            Row("文件内重复单位", good.ToLowerInvariant()),                                                                     // row 8
            Row("街道内重复单位", taken),                                                                                      // row 9
            Row("社区错误单位", Code("91330102MA2000008"), community: "西城社区"),                                              // row 10
            Row("人数错误单位", Code("91330102MA2000009")).With((UnitSheet.Members, "很多")),                                   // row 11
            Row("", Code("91330102MA2000010")).With((UnitSheet.PartyType, "支部")),                                            // row 12
            Row("资源错误单位", Code("91330102MA2000011")).With((UnitSheet.Resources, "场地、停车位")),                            // row 13
            Row("说明无资源单位", Code("91330102MA2000013")).With((UnitSheet.Resources, "")),                                     // row 14
            Row("最后一家好单位", Code("91330102MA2000012")));                                                                // row 15
        var before = await App.SnapshotAsync();

        var response = await ImportAsync(staff, donghu, file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.JsonAsync();
        Assert.Equal(0, result.GetProperty("imported").GetInt32());
        Assert.Equal(
            [
                (3, "统一社会信用代码", "统一社会信用代码校验位错误：第18位是“1”，按前17位计算应为“X”。"),
                (4, "单位类别", "单位类别“民营企业”不存在，应为：党政机关、事业单位、国有企业、非公企业、社会组织、驻军、学校、医院、物业企业、其他。"),
                (5, "联系电话", "联系电话格式不正确：请填写11位手机号（如13800138000）或带区号的固定电话（如0571-87012345）。"),
                (6, "加入日期", "“2026-02-30”不是有效日期，请写成2026-03-31。"),
                (7, "加入日期", "加入日期不能晚于今天。"),
                (8, "统一社会信用代码", $"统一社会信用代码 {good} 与第2行重复。"),
                (9, "统一社会信用代码", $"统一社会信用代码 {taken} 已登记在本街道的其他成员单位。"),
                (10, "所属社区", "本街道没有名为“西城社区”的社区。"),
                (11, "党员人数", "“很多”不是整数。"),
                (12, "单位名称", "请填写单位名称。"),
                (12, "党组织类型", "党组织类型“支部”不存在，应为：党委、党总支、党支部、联合党支部。"),
                (13, "可提供资源", "资源“场地、停车位”无法识别，可填：场地、资金、志愿者、专业技能、物资（用顿号分隔）。"),
                (14, "资源说明", "填写了资源说明，但“可提供资源”为空：请写明资源类型（场地、资金、志愿者、专业技能、物资）。"),
            ],
            Errors(result));
        Assert.Equal(before, await App.SnapshotAsync());
        Assert.False(await App.QueryAsync(db => db.MemberUnits.AnyAsync(u => u.Name == "第一家好单位" || u.Name == "最后一家好单位")));
    }

    [Fact]
    public async Task Blank_rows_are_skipped_without_shifting_the_reported_row_numbers()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var blank = Row("", "").ToDictionary(c => c.Key, object? (_) => null);
        var file = Xlsx(
            Row("好单位", Code("91330102MA2000001")),                                                 // row 2
            blank,                                                                                    // row 3
            blank,                                                                                    // row 4
            Row("坏单位", Code("91330102MA2000002")).With((UnitSheet.Phone, "0571-123")));              // row 5

        var response = await ImportAsync(staff, donghu, file);

        var result = await response.JsonAsync();
        Assert.Equal(0, result.GetProperty("imported").GetInt32());
        var error = Assert.Single(Errors(result));
        Assert.Equal((5, "联系电话"), (error.Row, error.Column));

        // Without the bad row, the blank rows are simply ignored.
        var fixedFile = Xlsx(Row("好单位", Code("91330102MA2000001")), blank, Row("另一家好单位", Code("91330102MA2000002")));
        var imported = await (await ImportAsync(staff, donghu, fixedFile)).JsonAsync();
        Assert.Equal(2, imported.GetProperty("imported").GetInt32());
        Assert.Equal(26, await App.UnitCountAsync(donghu));
    }

    [Fact]
    public async Task A_fully_good_file_imports_every_row_with_its_fields()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var xichengCode = await App.CreditCodeOfAsync(Leader3Unit);
        var first = Code("91330102MA2000001");
        var second = Code("12330102MB0000002");
        var file = Xlsx(
            Row("湖光科技有限公司", "9133 0102 ma20 0000 1" + char.ToLowerInvariant(first[^1]))
                .With((UnitSheet.Joined, new DateTime(2023, 6, 1)), (UnitSheet.Phone, " 138 0013 8000 "), (UnitSheet.Resources, "场地,志愿者")),
            Row("东湖区档案馆", second, community: "桃源社区")
                .With((UnitSheet.Category, " 事业单位 "), (UnitSheet.PartyType, "党总支"), (UnitSheet.Members, "15"), (UnitSheet.Joined, "2022/3/15"), (UnitSheet.Resources, ""), (UnitSheet.Notes, "")),
            // The same code as a 西城 unit: codes are unique per street, not across streets.
            Row("西城燃气东湖营业厅", xichengCode, community: "")
                .With((UnitSheet.Category, "国有企业"), (UnitSheet.Joined, "2021年7月1日"), (UnitSheet.Address, "")));

        var response = await ImportAsync(staff, donghu, file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.JsonAsync();
        Assert.Equal(3, result.GetProperty("imported").GetInt32());
        Assert.Empty(Errors(result));
        Assert.Equal(27, await App.UnitCountAsync(donghu));

        var units = await App.QueryAsync(db => db.MemberUnits.Where(u => u.StreetId == donghu && new[] { "湖光科技有限公司", "东湖区档案馆", "西城燃气东湖营业厅" }.Contains(u.Name)).ToDictionaryAsync(u => u.Name));
        var hu = units["湖光科技有限公司"];
        Assert.Equal(first, hu.CreditCode);
        Assert.Equal(UnitCategory.PrivateEnterprise, hu.Category);
        Assert.Equal(PartyOrganisationType.Branch, hu.PartyOrganisationType);
        Assert.Equal(9, hu.PartyMemberCount);
        Assert.Equal(new DateOnly(2023, 6, 1), hu.JoinedOn);
        Assert.Equal("13800138000", hu.ContactPhone);
        var unitIds = units.Values.Select(u => u.Id).ToList();
        var resources = (await App.QueryAsync(db => db.UnitResources.Where(r => unitIds.Contains(r.UnitId)).ToListAsync())).OrderBy(r => r.Kind).ToList();
        Assert.Equal([ResourceKind.Venue, ResourceKind.Volunteers], resources.Where(r => r.UnitId == hu.Id).Select(r => r.Kind));
        Assert.All(resources.Where(r => r.UnitId == hu.Id), r => Assert.Equal([hu.CommunityId!.Value], r.CommunityIds));
        Assert.Equal(await App.CommunityIdAsync(donghu, "东湖社区"), hu.CommunityId);
        Assert.Equal(UnitStatus.Active, hu.Status);

        var archive = units["东湖区档案馆"];
        Assert.Equal((UnitCategory.PublicInstitution, PartyOrganisationType.GeneralBranch, 15), (archive.Category, archive.PartyOrganisationType, archive.PartyMemberCount));
        Assert.Equal(new DateOnly(2022, 3, 15), archive.JoinedOn);
        Assert.DoesNotContain(resources, r => r.UnitId == archive.Id);
        Assert.Equal(await App.CommunityIdAsync(donghu, "桃源社区"), archive.CommunityId);

        var gas = units["西城燃气东湖营业厅"];
        Assert.Equal((xichengCode, UnitCategory.StateOwnedEnterprise, new DateOnly(2021, 7, 1)), (gas.CreditCode, gas.Category, gas.JoinedOn));
        Assert.Null(gas.CommunityId);
        Assert.Equal("", gas.Address);
        Assert.Equal("李四", gas.ContactPerson);
        Assert.Equal(
            [(ResourceKind.Funds, "资金", "每年资助10万元"), (ResourceKind.Expertise, "专业技能", "每年资助10万元")],
            resources.Where(r => r.UnitId == gas.Id).Select(r => (r.Kind, r.Title, r.Description)));
        Assert.All(resources.Where(r => r.UnitId == gas.Id), r => Assert.Empty(r.CommunityIds));
    }

    [Fact]
    public async Task The_template_has_the_chinese_headers_and_its_sample_row_imports_cleanly_into_donghu()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");

        var response = await staff.GetAsync("/api/v1/units/import-template");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("成员单位导入模板.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        var template = await response.Content.ReadAsByteArrayAsync();
        var rows = ReadXlsx(template);
        var sample = Assert.Single(rows);
        Assert.Equal(
            ["单位名称", "统一社会信用代码", "单位类别", "党组织名称", "党组织类型", "党员人数", "单位地址", "所属社区", "联系人", "联系电话", "加入日期", "可提供资源", "资源说明"],
            sample.Keys.ToArray());
        Assert.Equal("东湖社区", sample["所属社区"]);
        Assert.True(CreditCode.Check(sample["统一社会信用代码"]?.ToString()).IsValid);

        var imported = await (await ImportAsync(staff, donghu, template)).JsonAsync();
        Assert.Equal(1, imported.GetProperty("imported").GetInt32());
        Assert.Empty(Errors(imported));
        var unit = await App.QueryAsync(db => db.MemberUnits.SingleAsync(u => u.Name == "示例：东湖区第一实验小学"));
        Assert.Equal(UnitSheet.SampleCreditCode, unit.CreditCode);
        Assert.Equal((UnitCategory.School, PartyOrganisationType.Branch, 28), (unit.Category, unit.PartyOrganisationType, unit.PartyMemberCount));
        Assert.Equal(await App.CommunityIdAsync(donghu, "东湖社区"), unit.CommunityId);
        Assert.Equal(new DateOnly(2024, 3, 1), unit.JoinedOn);
        Assert.Equal([ResourceKind.Venue, ResourceKind.Volunteers], (await App.QueryAsync(db => db.UnitResources.Where(r => r.UnitId == unit.Id).Select(r => r.Kind).ToListAsync())).Order());

        // Its code is now taken in 东湖: importing the template a second time is refused as a whole.
        var again = await (await ImportAsync(staff, donghu, template)).JsonAsync();
        Assert.Equal(0, again.GetProperty("imported").GetInt32());
        Assert.Equal((2, "统一社会信用代码"), (Errors(again)[0].Row, Errors(again)[0].Column));
    }

    [Fact]
    public async Task An_export_of_xicheng_imports_unchanged_into_a_new_street()
    {
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        var department = await App.QueryAsync(db => db.OrganisationDepartments.Select(d => d.Id).SingleAsync());
        using var admin = await App.ApiAsAsync("admin@example.org");
        var street = await admin.PostAsJsonAsync("/api/v1/streets", new { name = "南城街道", organisationDepartmentId = department });
        Assert.Equal(HttpStatusCode.Created, street.StatusCode);
        var nancheng = (await street.JsonAsync()).GetProperty("id").GetGuid();
        foreach (var community in new[] { "西城社区", "长青社区", "和平社区" })
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/streets/{nancheng}/communities", new { name = community })).StatusCode);
        }

        var account = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "staff.nancheng@example.org",
            displayName = "南城街道 工作人员",
            role = "streetStaff",
            streetId = nancheng,
            password = "Nancheng#2026pass",
            mustChangePassword = false,
        });
        Assert.Equal(HttpStatusCode.Created, account.StatusCode);

        using var xichengStaff = await App.ApiAsAsync("staff.xicheng@example.org");
        var export = await xichengStaff.GetAsync($"/api/v1/streets/{xicheng}/units/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(XlsxType, export.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("成员单位-", export.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var rows = ReadXlsx(bytes);
        Assert.Equal(12, rows.Count);
        Assert.Equal(ExportColumns, rows[0].Keys.ToArray());
        Assert.All(rows, r => Assert.Equal("在册", r["状态"]));

        using var nanchengStaff = await App.ApiAsAsync("staff.nancheng@example.org", "Nancheng#2026pass");
        var imported = await (await ImportAsync(nanchengStaff, nancheng, bytes)).JsonAsync();
        Assert.Empty(Errors(imported));
        Assert.Equal(12, imported.GetProperty("imported").GetInt32());

        static string Fields(JsonElement u) => string.Join(" | ", new[]
        {
            "name", "creditCode", "category", "partyOrganisationName", "partyOrganisationType", "partyMemberCount", "address",
            "communityName", "contactPerson", "contactPhone", "joinedOn", "status",
        }.Select(p => u.GetProperty(p).ToString()));

        var original = (await xichengStaff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{xicheng}/units?pageSize=500")).GetProperty("items")
            .EnumerateArray().Select(Fields).Order(StringComparer.Ordinal).ToArray();
        var copy = (await nanchengStaff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{nancheng}/units?pageSize=500")).GetProperty("items")
            .EnumerateArray().Select(Fields).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(12, copy.Length);
        Assert.Equal(original, copy);
        Assert.Contains(copy, f => f.StartsWith("西城燃气有限公司 | ", StringComparison.Ordinal) && f.Contains("| 长青社区 |", StringComparison.Ordinal));

        // The resources come along: the same kinds per unit (titles become the details of the new street's resources).
        async Task<string[]> KindsAsync(Guid streetId) => await App.QueryAsync(async db =>
            (await db.UnitResources.Where(r => r.StreetId == streetId && r.Status == ResourceStatus.Active)
                .Select(r => new { Unit = db.MemberUnits.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(), r.Kind }).ToListAsync())
            .Select(r => r.Unit + ":" + r.Kind).Order(StringComparer.Ordinal).ToArray());
        var originalKinds = await KindsAsync(xicheng);
        Assert.Contains("西城燃气有限公司:Volunteers", originalKinds);
        Assert.Equal(originalKinds, await KindsAsync(nancheng));
    }

    [Fact]
    public async Task The_export_respects_the_filters_and_hides_withdrawn_units_unless_asked()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");

        async Task<List<IDictionary<string, object?>>> ExportAsync(string query)
        {
            var response = await staff.GetAsync($"/api/v1/streets/{donghu}/units/export{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return ReadXlsx(await response.Content.ReadAsByteArrayAsync());
        }

        static string[] NamesOf(List<IDictionary<string, object?>> rows) => rows.Select(r => (string)r["单位名称"]!).Order(StringComparer.Ordinal).ToArray();

        var all = await ExportAsync("");
        Assert.Equal(23, all.Count);
        Assert.DoesNotContain(WithdrawnUnit, NamesOf(all));
        var prosecutor = Assert.Single(all, r => (string)r["单位名称"]! == Leader1Unit);
        Assert.Equal(await App.CreditCodeOfAsync(Leader1Unit), prosecutor["统一社会信用代码"]);
        Assert.Equal(("党政机关", "党委", "东湖社区", "2019-07-01", "场地、专业技能"),
            (prosecutor["单位类别"], prosecutor["党组织类型"], prosecutor["所属社区"], prosecutor["加入日期"], prosecutor["可提供资源"]));
        Assert.Equal(86d, Convert.ToDouble(prosecutor["党员人数"], System.Globalization.CultureInfo.InvariantCulture));

        var schools = await ExportAsync("?category=school");
        Assert.Equal(["东湖中学", "东湖区第一实验小学"], NamesOf(schools));
        Assert.All(schools, r => Assert.Equal("学校", r["单位类别"]));

        var search = await ExportAsync("?search=" + Uri.EscapeDataString("东湖区"));
        Assert.Equal(10, search.Count);
        Assert.All(search, r => Assert.Contains("东湖区", (string)r["单位名称"]!, StringComparison.Ordinal));

        var byCode = await ExportAsync("?search=11330102");
        Assert.Equal(["东湖区人民检察院", "东湖区市场监督管理局", "东湖区税务局第一税务所"], NamesOf(byCode));

        Assert.Equal(["东湖区第一实验小学"], NamesOf(await ExportAsync("?category=school&search=" + Uri.EscapeDataString("实验"))));

        var withdrawn = Assert.Single(await ExportAsync("?status=withdrawn"));
        Assert.Equal((WithdrawnUnit, "已退出", "2025-12-31", "机构改革，职能并入区政务服务中心"),
            ((string)withdrawn["单位名称"]!, withdrawn["状态"], withdrawn["退出日期"], withdrawn["退出原因"]));
        Assert.Equal(24, (await ExportAsync("?includeWithdrawn=true")).Count);
    }

    public static TheoryData<string, string> UnacceptableFiles => new()
    {
        { "too large", "文件超过5MB，请拆分后分批导入。" },
        { "csv", "只能导入Excel 2007及以上格式（.xlsx）的文件，请用模板另存为.xlsx后再试。" },
        { "random bytes", "只能导入Excel 2007及以上格式（.xlsx）的文件，请用模板另存为.xlsx后再试。" },
        { "zip without a workbook", "只能导入Excel 2007及以上格式（.xlsx）的文件，请用模板另存为.xlsx后再试。" },
        { "empty", "文件是空的。" },
        { "zip bomb", "文件解压后过大（单个部件不能超过32 MB），不是正常的导入表格。" },
        { "headers only", "文件中没有数据行。" },
        { "missing columns", "缺少必填列：单位类别、党组织名称、党组织类型、党员人数、联系人、联系电话、加入日期。请使用导入模板。" },
    };

    private static (byte[] Bytes, string FileName) Unacceptable(string kind)
    {
        switch (kind)
        {
            case "too large":
                // Just over 5 MB, starting like a real xlsx (a zip) so that only the size can be the reason.
                var large = new byte[(5 * 1024 * 1024) + 1];
                new Random(2026).NextBytes(large);
                large[0] = 0x50;
                large[1] = 0x4B;
                large[2] = 0x03;
                large[3] = 0x04;
                return (large, "units.xlsx");
            case "csv":
                var header = string.Join(',', UnitSheet.ImportColumns);
                return (Encoding.UTF8.GetBytes($"{header}\n湖光科技有限公司,{Code("91330102MA2000001")},非公企业,湖光党支部,党支部,9,,,李四,13800138000,2024-05-06,,\n"), "units.csv");
            case "random bytes":
                var random = new byte[4096];
                new Random(7).NextBytes(random);
                random[0] = 0x00;
                return (random, "units.xlsx");
            case "zip without a workbook":
                using (var zip = new MemoryStream())
                {
                    using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
                    {
                        using var writer = new StreamWriter(archive.CreateEntry("readme.txt").Open());
                        writer.Write("这不是Excel文件");
                    }

                    return (zip.ToArray(), "units.xlsx");
                }

            case "empty":
                return ([], "units.xlsx");
            case "zip bomb":
                // A real, importable sheet with one more part of 40 MB of zeros (about 40 kB compressed): the reader
                // never sees it (issue 14, item 3).
                using (var bomb = new MemoryStream())
                {
                    var sheet = Xlsx(new Dictionary<string, object?> { [UnitSheet.Name] = "湖光科技有限公司", [UnitSheet.Code] = Code("91330102MA2000001") });
                    bomb.Write(sheet);
                    using (var archive = new ZipArchive(bomb, ZipArchiveMode.Update, leaveOpen: true))
                    {
                        using var part = archive.CreateEntry("xl/media/image1.bin", CompressionLevel.SmallestSize).Open();
                        var zeros = new byte[1024 * 1024];
                        for (var i = 0; i < 40; i++)
                        {
                            part.Write(zeros);
                        }
                    }

                    Assert.True(bomb.Length < 500_000);
                    return (bomb.ToArray(), "units.xlsx");
                }

            case "headers only":
                using (var stream = new MemoryStream())
                {
                    stream.SaveAs(new[] { UnitSheet.ImportColumns.ToDictionary(c => c, object? (c) => c) }, printHeader: false);
                    return (stream.ToArray(), "units.xlsx");
                }

            default:
                return (Xlsx(new Dictionary<string, object?> { [UnitSheet.Name] = "湖光科技有限公司", [UnitSheet.Code] = Code("91330102MA2000001") }), "units.xlsx");
        }
    }

    [Theory]
    [MemberData(nameof(UnacceptableFiles))]
    public async Task Unacceptable_files_get_a_422_with_a_clear_message_and_change_nothing(string kind, string message)
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var (bytes, fileName) = Unacceptable(kind);
        var before = await App.SnapshotAsync();

        var response = await ImportAsync(staff, donghu, bytes, fileName);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(message, problem.GetProperty("detail").GetString());
        Assert.Equal(message, problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(before, await App.SnapshotAsync());
    }

    [Fact]
    public async Task A_form_without_a_file_asks_for_one()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var form = new MultipartFormDataContent { { new StringContent("units.xlsx"), "name" } };

        var response = await staff.PostAsync($"/api/v1/streets/{donghu}/units/import", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("请选择要导入的Excel文件。", (await response.JsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(24, await App.UnitCountAsync(donghu));
    }
}
