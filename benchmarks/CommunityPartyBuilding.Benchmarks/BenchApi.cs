using System.Net.Http.Json;
using System.Text.Json;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>The HTTP benchmarks' way in: a keep-alive client on loopback, the demo street staff's token, their street and a campaign.</summary>
internal static class BenchApi
{
    /// <summary>A client for <paramref name="connections"/> requests in flight at once (one connection each).</summary>
    public static HttpClient LoopbackClient(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };

    /// <summary>A bearer token of the demo street staff (<see cref="BenchEnvironment.StaffEmail"/>).</summary>
    public static async Task<string> StaffTokenAsync(HttpClient client)
    {
        var token = await client.PostAsJsonAsync("/api/v1/tokens", new { email = BenchEnvironment.StaffEmail, password = Web.Data.Seeding.DemoSeeder.DemoPassword });
        token.EnsureSuccessStatusCode();
        return (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>Signs <paramref name="client"/> in as the demo street staff and answers their street's id.</summary>
    public static async Task<string> SignInAsStaffAsync(HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await StaffTokenAsync(client));
        return (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("streetId").GetString()!;
    }

    /// <summary>The street's first campaign whose status (as the API spells it) is one of <paramref name="statuses"/>.</summary>
    public static async Task<JsonElement> CampaignAsync(HttpClient client, string streetId, params string[] statuses)
    {
        var campaigns = await client.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{streetId}/evaluations");
        return campaigns.EnumerateArray().First(c => statuses.Contains(c.GetProperty("status").GetString()));
    }
}
