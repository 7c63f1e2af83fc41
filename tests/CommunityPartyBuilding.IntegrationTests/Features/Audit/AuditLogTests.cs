using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CommunityPartyBuilding.IntegrationTests.Features.Audit;

/// <summary>Issue 15, item 2: lists recorded as their items, the log's filters, and its xlsx export in the reader's words.</summary>
public class AuditLogTests(PortalApp app) : PortalTest(app)
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?pageSize=200&" + query);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private static async Task<List<IDictionary<string, object?>>> ExportAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/audit/export?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }

    [Fact]
    public async Task A_resolutions_co_operating_units_are_recorded_as_their_items_and_exported_by_name()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var (resolutionId, number, units) = await App.QueryAsync(async db =>
        {
            var resolution = await db.Resolutions.OrderBy(r => r.Number).FirstAsync(r => r.StreetId == donghu);
            var picked = await db.MemberUnits.Where(u => u.StreetId == donghu && u.Id != resolution.LeadUnitId)
                .OrderBy(u => u.Name).Take(2).Select(u => new { u.Id, u.Name }).ToListAsync();
            resolution.CooperatingUnitIds = picked.Select(u => u.Id).ToList();
            resolution.Deadline = new DateOnly(2026, 12, 24);
            await db.SaveChangesAsync();
            return (resolution.Id, resolution.Number, picked.Select(u => (u.Id, u.Name)).ToList());
        });

        var entry = await App.QueryAsync(db => db.AuditEntries
            .Where(e => e.EntityType == "Resolution" && e.EntityId == resolutionId.ToString())
            .OrderByDescending(e => e.OccurredAt).FirstAsync());
        Assert.DoesNotContain("System.Collections", entry.Changes, StringComparison.Ordinal);
        var changes = JsonSerializer.Deserialize<List<Web.Features.Audit.AuditChange>>(entry.Changes, WebJson)!;
        var listChange = Assert.Single(changes, c => c.Property == "CooperatingUnitIds");
        Assert.Equal(units.Select(u => u.Id.ToString()), AuditInterceptor.ParseList(listChange.New)!);

        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var rows = await ExportAsync(staff, "entityType=Resolution");
        Assert.Equal(["时间", "操作人", "对象", "记录", "操作", "街道", "变更内容（原值 → 新值）"], rows[0].Keys);
        var row = rows.First(r => (string?)r["记录"] is { } name && name.StartsWith(number, StringComparison.Ordinal)
            && ((string?)r["变更内容（原值 → 新值）"] ?? "").Contains("配合单位", StringComparison.Ordinal));
        Assert.Equal("决议", row["对象"]);
        Assert.Equal("修改", row["操作"]);
        Assert.Matches(@"^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$", (string)row["时间"]!);
        var text = (string)row["变更内容（原值 → 新值）"]!;
        Assert.Contains($"配合单位：", text, StringComparison.Ordinal);
        Assert.Contains($"{units[0].Name}、{units[1].Name}", text, StringComparison.Ordinal);
        Assert.Contains("完成时限：", text, StringComparison.Ordinal);
        Assert.Contains("2026年12月24日", text, StringComparison.Ordinal);
        Assert.DoesNotContain(units[0].Id.ToString(), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_filters_by_record_type_person_and_date_and_the_export_follows_the_filters()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        App.SetToday(new DateOnly(2026, 6, 10));
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var committee = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/committee");
        var put = await staff.PutAsJsonAsync($"/api/v1/streets/{donghu}/committee", new
        {
            name = committee.GetProperty("name").GetString(),
            secretary = "周新民",
            establishedOn = committee.GetProperty("establishedOn").GetString(),
            deliberationRules = committee.GetProperty("deliberationRules").GetString(),
            quorumFraction = committee.GetProperty("quorumFraction").GetDecimal(),
            minimumJointMeetingsPerQuarter = committee.GetProperty("minimumJointMeetingsPerQuarter").GetInt32(),
            annualActivityTarget = committee.GetProperty("annualActivityTarget").GetInt32(),
            version = committee.GetProperty("version").GetUInt32(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        // Record type.
        var committees = await ItemsAsync(staff, "entityType=StreetCommittee");
        Assert.NotEmpty(committees);
        Assert.All(committees, e => Assert.Equal("StreetCommittee", e.GetProperty("entityType").GetString()));

        // Person: only the staff member's own entries, none of the seeding: the committee change, and the security
        // events of their signing in (the API token issued for this test), which the log also keeps.
        var mine = await ItemsAsync(staff, "user=" + Uri.EscapeDataString("staff.donghu"));
        Assert.All(mine, e => Assert.Contains("staff.donghu", e.GetProperty("userName").GetString(), StringComparison.Ordinal));
        var change = Assert.Single(mine, e => e.GetProperty("entityType").GetString() != "SecurityEvent");
        Assert.Equal("StreetCommittee", change.GetProperty("entityType").GetString());
        Assert.Empty(await ItemsAsync(staff, "user=nobody-here"));

        // Date: the change is on 10 June (Shanghai), not before, not after.
        const string Committee = "user=staff.donghu&entityType=StreetCommittee";
        Assert.Single(await ItemsAsync(staff, Committee + "&from=2026-06-10&to=2026-06-10"));
        Assert.Empty(await ItemsAsync(staff, Committee + "&from=2026-06-11"));
        Assert.Empty(await ItemsAsync(staff, Committee + "&to=2026-06-09"));

        // The export applies the same filters and reads as the page does.
        var rows = await ExportAsync(staff, Committee + "&from=2026-06-10&to=2026-06-10");
        var row = Assert.Single(rows);
        Assert.Equal("大党工委", row["对象"]);
        Assert.Contains("书记：", (string)row["变更内容（原值 → 新值）"]!, StringComparison.Ordinal);
        Assert.Contains("→ 周新民", (string)row["变更内容（原值 → 新值）"]!, StringComparison.Ordinal);
        Assert.StartsWith("2026年6月10日", (string)row["时间"]!, StringComparison.Ordinal);

        // Another street's staff never see it; a unit leader cannot export at all.
        using var xicheng = await App.ApiAsAsync("staff.xicheng@example.org");
        Assert.Empty(await ItemsAsync(xicheng, "user=staff.donghu"));
        using var leader = await App.ApiAsAsync("leader1@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/v1/audit/export")).StatusCode);
    }
}

/// <summary>Issue 15, item 14: 单位负责人账号 shows a unit leader's unit as their scope.</summary>
public class UserScopeTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task A_unit_leaders_scope_is_their_unit_and_street_staff_their_street()
    {
        using var admin = await App.ApiAsAsync("admin@example.org");
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users?pageSize=100");
        var users = page.GetProperty("items").EnumerateArray().ToDictionary(u => u.GetProperty("email").GetString()!, u => u.GetProperty("scopeName").GetString());
        Assert.Equal("东湖区人民检察院", users["leader1@example.org"]);
        Assert.Equal("西城燃气有限公司", users["leader3@example.org"]);
        Assert.Equal(DemoSeeder.DonghuStreet, users["staff.donghu@example.org"]);
        Assert.Equal(DemoSeeder.OrganisationDepartmentName, users["orgdept@example.org"]);
    }
}
