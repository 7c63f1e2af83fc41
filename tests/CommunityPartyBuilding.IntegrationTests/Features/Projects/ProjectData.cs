using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Agreements;

namespace CommunityPartyBuilding.IntegrationTests.Features.Projects;

/// <summary>Projects for tests: created by staff, started, photographed, done and accepted over HTTP.</summary>
public static class ProjectData
{
    public static object Body(Guid leadUnitId, IEnumerable<Guid>? unitIds = null, IEnumerable<Guid>? needIds = null, DateOnly? start = null, DateOnly? end = null,
        string title = "老旧小区楼道微改造", string? category = "environment", decimal? budget = 20000m) => new
    {
        title,
        description = "清理楼道杂物，修补墙面，加装扶手。",
        category,
        leadUnitId,
        unitIds = unitIds?.ToArray() ?? [],
        needIds = needIds?.ToArray() ?? [],
        plannedStart = start,
        plannedEnd = end,
        budget,
    };

    public static async Task<Guid> CreateAsync(HttpClient staff, Guid communityId, object body)
    {
        var response = await staff.PostAsJsonAsync($"/api/v1/communities/{communityId}/projects", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("project").GetProperty("id").GetGuid();
    }

    public static async Task<Guid> AddPhotoAsync(HttpClient client, Guid projectId)
    {
        var response = await client.PostAsync($"/api/v1/projects/{projectId}/photos", AgreementTestData.File(AgreementTestData.Png(), "work.png"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Created, started, photographed and reported done by staff: ready for acceptance.</summary>
    public static async Task<Guid> DoneAsync(HttpClient staff, Guid communityId, object body)
    {
        var id = await CreateAsync(staff, communityId, body);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/projects/{id}/start", null)).StatusCode);
        await AddPhotoAsync(staff, id);
        var done = await staff.PostAsJsonAsync($"/api/v1/projects/{id}/done", new { summary = "楼道杂物清理完毕，扶手安装到位。" });
        Assert.True(done.StatusCode == HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        return id;
    }

    public static object Contributions(params (Guid Unit, decimal Hours, decimal Funds, int Beneficiaries)[] units) => new
    {
        contributions = units.Select(u => new { unitId = u.Unit, volunteerHours = u.Hours, funds = u.Funds, beneficiaries = u.Beneficiaries, participants = 3 }).ToArray(),
    };
}
