using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace CommunityPartyBuilding.IntegrationTests.Features.Units;

/// <summary>Shared test data and look-ups for the member-unit tests.</summary>
internal static class UnitData
{
    public const string Leader1Unit = "东湖区人民检察院";
    public const string Leader2Unit = "国网东湖供电公司";
    public const string Leader3Unit = "西城燃气有限公司";
    public const string WithdrawnUnit = "东湖区公共资源交易中心";

    /// <summary>A body (17 characters) completed with its computed check character.</summary>
    public static string Code(string body) => body + CreditCode.CheckCharacter(body);

    public static DateOnly Today(PortalApp app) => app.Services.GetRequiredService<BusinessCalendar>().Today;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static Task<Guid> UnitIdAsync(this PortalApp app, string name) =>
        app.QueryAsync(db => db.MemberUnits.Where(u => u.Name == name).Select(u => u.Id).SingleAsync());

    public static Task<string> CreditCodeOfAsync(this PortalApp app, string name) =>
        app.QueryAsync(db => db.MemberUnits.Where(u => u.Name == name).Select(u => u.CreditCode).SingleAsync());

    public static Task<Guid> CommunityIdAsync(this PortalApp app, Guid streetId, string name) =>
        app.QueryAsync(db => db.Communities.Where(c => c.StreetId == streetId && c.Name == name).Select(c => c.Id).SingleAsync());

    public static Task<Guid> CommitteeMemberIdAsync(this PortalApp app, string personName) =>
        app.QueryAsync(db => db.CommitteeMembers.Where(m => m.PersonName == personName).Select(m => m.Id).SingleAsync());

    public static Task<int> UnitCountAsync(this PortalApp app, Guid streetId) =>
        app.QueryAsync(db => db.MemberUnits.CountAsync(u => u.StreetId == streetId));

    /// <summary>
    /// Everything the unit routes could change, with row versions (PostgreSQL xmin): two equal snapshots mean nothing was
    /// written, not even a no-op update.
    /// </summary>
    public static Task<string> SnapshotAsync(this PortalApp app) => app.QueryAsync(async db =>
    {
        var units = await db.MemberUnits.AsNoTracking().OrderBy(u => u.Id).ToListAsync();
        var members = await db.CommitteeMembers.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        var communities = await db.Communities.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Name, c.StreetId }).ToListAsync();
        var resources = await db.UnitResources.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var audit = await db.AuditEntries.CountAsync();
        return JsonSerializer.Serialize(new { units, members, communities, resources, audit });
    });

    /// <summary>A complete, valid unit for the API, camelCase as the contract says.</summary>
    public static Dictionary<string, object?> Body(
        string name,
        string creditCode,
        string category = "privateEnterprise",
        Guid? communityId = null,
        string contactPhone = "13800138000",
        string joinedOn = "2024-03-01",
        int partyMemberCount = 12,
        uint? version = null) => new()
    {
        ["name"] = name,
        ["creditCode"] = creditCode,
        ["category"] = category,
        ["partyOrganisationName"] = name + "党支部",
        ["partyOrganisationType"] = "branch",
        ["partyMemberCount"] = partyMemberCount,
        ["address"] = "东湖路1号",
        ["communityId"] = communityId,
        ["contactPerson"] = "张三",
        ["contactPhone"] = contactPhone,
        ["joinedOn"] = joinedOn,
        ["version"] = version,
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> body, string key, object? value) =>
        new(body) { [key] = value };

    /// <summary>A row of the import sheet, every column filled and valid for 东湖.</summary>
    public static Dictionary<string, object?> Row(string name, string code, string community = "东湖社区") => new()
    {
        [UnitSheet.Name] = name,
        [UnitSheet.Code] = code,
        [UnitSheet.Category] = "非公企业",
        [UnitSheet.PartyName] = name + "党支部",
        [UnitSheet.PartyType] = "党支部",
        [UnitSheet.Members] = 9,
        [UnitSheet.Address] = "东湖路2号",
        [UnitSheet.Community] = community,
        [UnitSheet.Contact] = "李四",
        [UnitSheet.Phone] = "0571-87654321",
        [UnitSheet.Joined] = "2024-05-06",
        [UnitSheet.Resources] = "资金、专业技能",
        [UnitSheet.Notes] = "每年资助10万元",
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> row, params (string Column, object? Value)[] cells)
    {
        var copy = new Dictionary<string, object?>(row);
        foreach (var (column, value) in cells)
        {
            copy[column] = value;
        }

        return copy;
    }

    public static byte[] Xlsx(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => (IDictionary<string, object?>)r));
        return stream.ToArray();
    }

    /// <summary>The rows of an xlsx with the first row as header.</summary>
    public static List<IDictionary<string, object?>> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
    }

    public static MultipartFormDataContent Upload(byte[] bytes, string fileName = "units.xlsx") =>
        new() { { new ByteArrayContent(bytes), "file", fileName } };

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static string[] Names(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("name").GetString()!).ToArray();
}
