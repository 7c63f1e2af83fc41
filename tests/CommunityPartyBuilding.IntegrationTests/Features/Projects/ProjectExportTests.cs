using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Projects;
using static CommunityPartyBuilding.IntegrationTests.Features.Projects.ProjectData;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Projects;

/// <summary>The projects export (GET /streets/{id}/projects/export): the list's readers, scope and filters; no personal data.</summary>
public class ProjectExportTests(PortalApp app) : PortalTest(app)
{
    private static async Task<(List<IDictionary<string, object?>> Rows, byte[] File)> ExportAsync(HttpClient client, Guid streetId, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/streets/{streetId}/projects/export{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(Web.Features.Dashboard.DashboardApi.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
        var file = await response.Content.ReadAsByteArrayAsync();
        using var stream = new MemoryStream(file);
        return (MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: ProjectSheet.SheetName).Cast<IDictionary<string, object?>>().ToList(), file);
    }

    private static decimal Dec(object? value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    /// <summary>Every cell of the sheet's XML, to look for what must not be there.</summary>
    private static string SheetText(byte[] file)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(file));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }

    [Fact]
    public async Task Street_staff_export_an_accepted_project_with_its_units_needs_and_contributions_and_no_personal_data()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var lead = await App.UnitIdAsync(Leader1Unit);
        var partner = await App.UnitIdAsync(Leader2Unit);
        var today = App.Clock.Today;
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var (needId, _) = await Needs.NeedData.EnterAsync(staff, community, "导出测试需求楼道扶手");
        var projectId = await DoneAsync(staff, community, Body(lead, [partner], [needId], today, today.AddDays(30), title: "导出测试共建项目", budget: 26000m));
        var accepted = await staff.PostAsJsonAsync($"/api/v1/projects/{projectId}/accept", Contributions((lead, 10, 1000, 30), (partner, 6.5m, 5000, 20)));
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());

        var (rows, file) = await ExportAsync(staff, donghu, $"?communityId={community}&status=accepted&search={Uri.EscapeDataString("导出测试")}");

        var row = Assert.Single(rows);
        Assert.Equal(
            ["社区", "项目名称", "状态", "牵头单位", "参与单位", "计划开始", "计划结束", "预算（元）", "回应需求", "验收日期", "志愿服务（小时）", "投入资金（元）", "惠及人次"],
            row.Keys.ToArray());
        Assert.Equal(("东湖社区", "导出测试共建项目", "已验收", Leader1Unit, Leader2Unit), ((string?)row["社区"], (string?)row["项目名称"], (string?)row["状态"], (string?)row["牵头单位"], (string?)row["参与单位"]));
        Assert.Equal((today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ((string?)row["计划开始"], (string?)row["计划结束"], (string?)row["验收日期"]));
        Assert.Equal("导出测试需求楼道扶手", row["回应需求"]);
        Assert.Equal((26000m, 16.5m, 6000m, 50m), (Dec(row["预算（元）"]), Dec(row["志愿服务（小时）"]), Dec(row["投入资金（元）"]), Dec(row["惠及人次"])));

        // Rule 10: the need's resident is nowhere in the file.
        var text = SheetText(file);
        Assert.DoesNotContain(Needs.NeedData.ResidentName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Needs.NeedData.ResidentPhone, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Needs.NeedData.ResidentPhone[^4..], text, StringComparison.Ordinal);

        // The whole street: the demo's projects of every community too, work awaiting acceptance first; a planned one has no acceptance figures.
        var (all, _) = await ExportAsync(staff, donghu);
        Assert.True(all.Select(r => r["社区"]).Distinct().Count() > 1, "projects of several communities");
        Assert.Equal("已完成", all[0]["状态"]);
        Assert.All(all.Where(r => (string?)r["状态"] == "筹备"), r => Assert.True(r["验收日期"] is null or "" && r["志愿服务（小时）"] is null or ""));
    }

    [Fact]
    public async Task Community_staff_export_their_community_only_and_a_unit_leader_the_units_projects()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var other = await App.CommunityIdAsync(donghu, "新华社区");

        using var community = await App.ApiAsAsync("community.donghu@example.org");
        var (rows, _) = await ExportAsync(community, donghu);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("东湖社区", r["社区"]));
        Assert.Equal(HttpStatusCode.NotFound, (await community.GetAsync($"/api/v1/streets/{donghu}/projects/export?communityId={other}")).StatusCode);

        // A unit leader: the projects the unit takes part in, as the list shows them.
        using var leader = await App.ApiAsAsync("leader1@example.org");
        var (mine, _) = await ExportAsync(leader, donghu);
        var listed = await leader.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/streets/{donghu}/projects?pageSize=100");
        Assert.Equal(listed.GetProperty("total").GetInt32(), mine.Count);
        Assert.All(mine, r => Assert.True((string?)r["牵头单位"] == Leader1Unit || ((string?)r["参与单位"] ?? "").Contains(Leader1Unit, StringComparison.Ordinal)));

        // Another street's readers: 404.
        using var xicheng = await App.ApiAsAsync("staff.xicheng@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await xicheng.GetAsync($"/api/v1/streets/{donghu}/projects/export")).StatusCode);
        using var leader3 = await App.ApiAsAsync("leader3@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await leader3.GetAsync($"/api/v1/streets/{donghu}/projects/export")).StatusCode);

        // The organisation department reads every street.
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        var (street, _) = await ExportAsync(orgDept, donghu);
        Assert.True(street.Count > rows.Count);
    }
}
