using System.Net;
using System.Net.Http.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Evaluations;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;

namespace CommunityPartyBuilding.IntegrationTests.Features.Security;

/// <summary>Issue 14, item 13: every 429 tells the client when to try again.</summary>
public class RetryAfterTests(PortalApp app) : PortalTest(app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task Ballot_guessing_answers_429_with_Retry_After()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var resident = App.Anonymous();
        var year = TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), Shanghai).Year;
        var id = await EvaluationApiTests.CampaignIdAsync(App, staff, year);
        var code = (await EvaluationApiTests.IssueAsync(staff, id, 1))[0];
        var units = await EvaluationApiTests.BallotUnitsAsync(App, id);
        HttpResponseMessage last = null!;
        for (var i = 0; i < 12; i++)
        {
            last = await resident.PostAsJsonAsync("/api/v1/ballots", EvaluationApiTests.BallotBody(code, units.Take(1)));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After missing on the ballot API's 429");

        // The public ballot page (static SSR) says the same.
        var page = await resident.GetAsync($"/ballot?code={Uri.EscapeDataString(code)}");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_locked_out_token_request_answers_429_with_Retry_After()
    {
        using var client = App.Anonymous();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = await client.PostAsJsonAsync("/api/v1/tokens", new { email = "orgdept@example.org", password = "not-the-password" });
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), last.Headers.RetryAfter?.Delta);
    }
}
