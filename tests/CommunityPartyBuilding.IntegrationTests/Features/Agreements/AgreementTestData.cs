using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Agreements;

/// <summary>Builds agreements and activities through the API, as people would.</summary>
internal static class AgreementTestData
{
    public static Task<Guid> UnitIdAsync(PortalApp app, string name) =>
        app.QueryAsync(db => db.MemberUnits.Where(u => u.Name == name).Select(u => u.Id).SingleAsync());

    public static object Agreement(Guid unitId, string status = "active", string? signedOn = "2026-01-08", string validTo = "2027-12-31", params object[] commitments) => new
    {
        unitId,
        title = "测试共建协议",
        signedOn,
        validFrom = "2026-01-01",
        validTo,
        status,
        commitments = commitments.Length > 0 ? commitments : [Commitment("activities", 4)],
    };

    public static object Commitment(string measure, decimal target) => new
    {
        category = "environment",
        contributionType = "personnel",
        description = "环境整治志愿服务",
        measure,
        target,
    };

    public static async Task<JsonElement> CreateAgreementAsync(HttpClient staff, Guid streetId, object body)
    {
        var response = await staff.PostAsJsonAsync($"/api/v1/streets/{streetId}/agreements", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <param name="today">The app's business date (<c>App.Clock.Today</c>); the activity was held the day before unless <paramref name="heldOn"/> says otherwise.</param>
    public static object Activity(DateOnly today, Guid? commitmentId = null, decimal hours = 10, decimal funds = 0, int beneficiaries = 20, string? heldOn = null) => new
    {
        title = "楼道环境整治",
        category = "environment",
        heldOn = heldOn ?? today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        place = "四营新村",
        participants = 12,
        partyMemberParticipants = 8,
        volunteerHours = hours,
        funds,
        beneficiaries,
        description = "清理楼道堆积物",
        commitmentId,
    };

    public static async Task<Guid> LogActivityAsync(HttpClient client, Guid unitId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/units/{unitId}/activities", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A small real PNG.</summary>
    public static byte[] Png(int width = 40, int height = 30)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        bitmap.Erase(new SkiaSharp.SKColor(198, 40, 40));
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static MultipartFormDataContent File(byte[] bytes, string name)
    {
        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(bytes), "file", name);
        return content;
    }
}
