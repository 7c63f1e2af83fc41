using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Agreements;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;

namespace CommunityPartyBuilding.IntegrationTests.Features.Needs;

/// <summary>Needs for tests: entered by staff (published at once), claimed, done with a photo.</summary>
public static class NeedData
{
    public const string ResidentName = "李秀英";
    public const string ResidentPhone = "13912345678";

    public static object Body(Guid communityId, string title = "帮忙修理楼道声控灯", string kind = "wish", string category = "convenienceService",
        string contactName = ResidentName, string contactPhone = ResidentPhone, DateOnly? wantedBy = null) => new
    {
        communityId,
        kind,
        category,
        title,
        description = "3号楼2单元楼道灯坏了一个月，老人晚上上下楼不方便。",
        contactName,
        contactPhone,
        wantedBy,
    };

    /// <summary>Staff enter a need for a resident (a wish for convenience services unless told): it is published at once; returns its id and tracking code.</summary>
    public static async Task<(Guid Id, string Code)> EnterAsync(HttpClient staff, Guid communityId, string title = "帮忙修理楼道声控灯", DateOnly? wantedBy = null,
        string kind = "wish", string category = "convenienceService")
    {
        var response = await staff.PostAsJsonAsync($"/api/v1/communities/{communityId}/needs", Body(communityId, title, kind, category, wantedBy: wantedBy));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("needId").GetGuid(), body.GetProperty("trackingCode").GetString()!);
    }

    public static async Task<HttpResponseMessage> ClaimAsync(HttpClient leader, Guid needId, Guid? unitId = null) =>
        await leader.PostAsJsonAsync($"/api/v1/needs/{needId}/claim", new { unitId });

    public static async Task<Guid> AddPhotoAsync(HttpClient client, Guid needId)
    {
        var response = await client.PostAsync($"/api/v1/needs/{needId}/photos", AgreementTestData.File(AgreementTestData.Png(), "done.png"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<HttpResponseMessage> DoneAsync(HttpClient client, Guid needId, string note = "已更换声控灯，居民确认正常。", decimal? volunteerHours = 2, int? participants = 2) =>
        await client.PostAsJsonAsync($"/api/v1/needs/{needId}/done", new { note, volunteerHours, participants });

    public static async Task<JsonElement> GetAsync(HttpClient client, Guid needId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/needs/{needId}");
}
