using System.Net;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Features.Needs;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyBuilding.IntegrationTests.Features.Needs.NeedData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Needs;

/// <summary>The needs export (rule 10): whole contacts and an audit entry per row for the community's and street's staff, masked for other readers.</summary>
public class NeedExportTests(PortalApp app) : NeedsTest(app)
{
    private static async Task<List<IDictionary<string, object?>>> ExportAsync(HttpClient client, Guid streetId, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/streets/{streetId}/needs/export{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(Web.Features.Dashboard.DashboardApi.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        return MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: NeedSheet.SheetName).Cast<IDictionary<string, object?>>().ToList();
    }

    private Task<int> ContactReadsAsync(string email) =>
        App.QueryAsync(db => db.AuditEntries.CountAsync(e => e.UserName == email && e.EntityType == nameof(Need) && e.Action == AuditAction.PersonalDataRead));

    [Fact]
    public async Task Street_staff_export_whole_contacts_with_an_audit_entry_per_row()
    {
        var (donghu, community) = await DonghuAsync();
        using var staff = await StaffAsync();
        await EnterAsync(staff, community, "帮忙清理楼顶积水");

        var rows = await ExportAsync(staff, donghu, $"?communityId={community}&status=published&search=%E6%A5%BC%E9%A1%B6");

        var row = Assert.Single(rows);
        Assert.Equal(("帮忙清理楼顶积水", "东湖社区", "已发布", "微心愿"), ((string?)row["标题"], (string?)row["社区"], (string?)row["状态"], (string?)row["类型"]));
        Assert.Equal((ResidentName, ResidentPhone), ((string?)row["联系人"], (string?)row["联系电话"]));
        Assert.Equal(1, await ContactReadsAsync("staff.donghu@example.org"));
        var entry = await App.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.UserName == "staff.donghu@example.org" && e.Action == AuditAction.PersonalDataRead));
        Assert.DoesNotContain(ResidentPhone, entry.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain(ResidentName, entry.Changes, StringComparison.Ordinal);

        // The whole street: every row whole, each one audited.
        var all = await ExportAsync(staff, donghu);
        Assert.True(all.Count > 7, $"{all.Count} rows");
        Assert.DoesNotContain(all, r => ((string?)r["联系电话"] ?? "").Contains('*', StringComparison.Ordinal));
        Assert.Equal(1 + all.Count, await ContactReadsAsync("staff.donghu@example.org"));
    }

    [Fact]
    public async Task Community_staff_export_their_own_community_whole()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var community = await CommunityStaffAsync();

        var rows = await ExportAsync(community, donghu);

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("东湖社区", r["社区"]));
        Assert.All(rows, r => Assert.DoesNotContain('*', (string?)r["联系电话"] ?? "*"));
        Assert.Equal(rows.Count, await ContactReadsAsync("community.donghu@example.org"));
    }

    [Fact]
    public async Task The_organisation_department_and_administrators_get_masked_contacts_and_nothing_is_audited()
    {
        var (donghu, community) = await DonghuAsync();
        using (var staff = await StaffAsync())
        {
            await EnterAsync(staff, community, "帮忙清理楼顶积水");
        }

        foreach (var reader in new[] { "orgdept@example.org", "admin@example.org" })
        {
            using var client = await App.ApiAsAsync(reader);
            var rows = await ExportAsync(client, donghu);
            Assert.True(rows.Count > 7, $"{reader}: {rows.Count} rows");
            Assert.All(rows, r => Assert.Contains("****", (string?)r["联系电话"] ?? "", StringComparison.Ordinal));
            Assert.All(rows, r => Assert.EndsWith("*", (string?)r["联系人"] ?? "", StringComparison.Ordinal));
            var own = Assert.Single(rows, r => (string?)r["标题"] == "帮忙清理楼顶积水");
            Assert.Equal(("李**", "139****5678"), ((string?)own["联系人"], (string?)own["联系电话"]));
            Assert.Equal(0, await ContactReadsAsync(reader));
        }
    }

    [Fact]
    public async Task Unit_leaders_are_refused_and_other_streets_do_not_exist()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var leader = await LeaderAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/v1/streets/{donghu}/needs/export")).StatusCode);

        using var otherStreet = await App.ApiAsAsync("staff.xicheng@example.org");
        var response = await otherStreet.GetAsync($"/api/v1/streets/{donghu}/needs/export");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        // Community staff cannot ask for another community of their street.
        using var community = await CommunityStaffAsync();
        var binjiang = await App.CommunityIdAsync(donghu, "滨江社区");
        Assert.Equal(HttpStatusCode.NotFound, (await community.GetAsync($"/api/v1/streets/{donghu}/needs/export?communityId={binjiang}")).StatusCode);
        Assert.Equal(0, await ContactReadsAsync("community.donghu@example.org"));
    }
}
