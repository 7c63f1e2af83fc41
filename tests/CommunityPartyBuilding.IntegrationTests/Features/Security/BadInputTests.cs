using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Meetings;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Security;

/// <summary>Issue 14, items 10 and 11: control characters are refused, .ics text is escaped, bad input is a 400/422, never a 500.</summary>
public class BadInputTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task A_page_number_that_would_overflow_is_a_validation_problem()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var response = await staff.GetAsync($"/api/v1/streets/{donghu}/units?page=2147483647&pageSize=500");
        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/streets/{donghu}/units?page=1000000")).StatusCode);
    }

    [Fact]
    public async Task NUL_in_a_query_string_or_a_body_is_refused_before_the_database()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        await AssertProblemAsync(await staff.GetAsync($"/api/v1/streets/{donghu}/units?search=a%00b"), HttpStatusCode.BadRequest);

        var at = App.Clock.GetUtcNow().AddDays(10);
        var body = MeetingApiTests.MeetingBody(at, "联席会议\0");
        await AssertProblemAsync(await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings", body), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, await App.QueryAsync(db => db.Meetings.CountAsync(m => m.Title.StartsWith("联席会议"))));
    }

    [Fact]
    public async Task Year_zero_for_quarter_compliance_is_a_validation_problem()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        await AssertProblemAsync(await staff.GetAsync($"/api/v1/streets/{donghu}/meetings/quarters?year=0"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/streets/{donghu}/meetings/quarters?year=2026")).StatusCode);
    }

    [Theory]
    [InlineData("/Account/Login?ReturnUrl=http%3A%2F%2Fevil.example%2F")]
    [InlineData("/Account/Login?ReturnUrl=%2F%2Fevil.example%2F")]
    [InlineData("/culture?culture=en&returnUrl=/%09/x")]
    [InlineData("/culture?culture=en&returnUrl=https://evil.example/")]
    public async Task A_return_address_that_is_not_a_local_path_is_a_bad_request(string url)
    {
        using var client = App.Anonymous();
        await AssertProblemAsync(await client.GetAsync(url), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Signing_in_with_an_absolute_return_address_is_a_bad_request_not_a_500()
    {
        using var client = App.Anonymous();
        var page = await client.GetStringAsync("/Account/Login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = "staff.donghu@example.org",
            ["Input.Password"] = PortalApp.Password,
        });
        var response = await client.PostAsync("/Account/Login?ReturnUrl=http%3A%2F%2Fevil.example%2Fx", form);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var local = await client.GetAsync("/culture?culture=en&returnUrl=/units?x=1");
        Assert.Equal(HttpStatusCode.Redirect, local.StatusCode);
        Assert.Equal("/units?x=1", local.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_carriage_return_in_a_meeting_title_is_refused()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var body = MeetingApiTests.MeetingBody(App.Clock.GetUtcNow().AddDays(10), "联席会议\rATTENDEE:mailto:evil@example.org\rBEGIN:VALARM");
        var response = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings", body);
        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
    }

    [Fact]
    public async Task A_stored_title_with_a_bare_carriage_return_cannot_inject_calendar_lines()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var created = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings", MeetingApiTests.MeetingBody(App.Clock.GetUtcNow().AddDays(10)));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // A record written before the rule existed (or by hand): the calendar file must still escape it.
        await App.QueryAsync(db => db.Meetings.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(
            m => m.Title, "联席会议\rATTENDEE:mailto:evil@example.org\rBEGIN:VALARM\nX;Y,Z\\")));
        var ics = await staff.GetStringAsync($"/api/v1/meetings/{id}/calendar.ics");
        var lines = ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
        Assert.DoesNotContain(lines, l => l.StartsWith("ATTENDEE", StringComparison.Ordinal) || l.StartsWith("BEGIN:VALARM", StringComparison.Ordinal));
        Assert.DoesNotContain('\r', ics.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SUMMARY:联席会议\\nATTENDEE:mailto:evil@example.org\\nBEGIN:VALARM\\nX\\;Y\\,Z\\\\", StringComparison.Ordinal));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        _ = await response.Content.ReadAsStringAsync();
    }
}
