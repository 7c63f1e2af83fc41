using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;

namespace CommunityPartyBuilding.IntegrationTests.Features.Needs;

/// <summary>The monthly notice page: its month picker is MudBlazor's (in the UI language), not the browser's native month input.</summary>
public partial class NeedNoticePageTests(PortalApp app) : PortalTest(app)
{
    [GeneratedRegex("<input[^>]*id=\"notice-month\"[^>]*>")]
    private static partial Regex MonthInput();

    [Fact]
    public async Task The_month_picker_is_the_portals_own_and_shows_the_month()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var month = App.Clock.Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var response = await staff.GetAsync($"/streets/{donghu}/needs/notice?month={month}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();

        var input = MonthInput().Match(html);
        Assert.True(input.Success, "the month field is there");
        Assert.DoesNotContain("type=\"month\"", input.Value, StringComparison.Ordinal);
        Assert.Contains($"value=\"{month}\"", input.Value, StringComparison.Ordinal);
    }
}
