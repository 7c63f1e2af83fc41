using System.Net;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;

namespace CommunityPartyBuilding.IntegrationTests.Features.Committees;

public class CommitteePageTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task Staff_see_their_committee_page()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var html = await staff.GetStringAsync($"/streets/{donghu}/committee");
        Assert.Contains("东湖街道大党工委", html, StringComparison.Ordinal);
        Assert.Contains("王建华", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_cannot_open_another_streets_committee_page()
    {
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var html = await staff.GetStringAsync($"/streets/{xicheng}/committee");
        Assert.DoesNotContain("李秀梅", html, StringComparison.Ordinal);
        Assert.DoesNotContain("西城街道大党工委", html, StringComparison.Ordinal);
        Assert.Contains("未找到该街道", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var anonymous = App.Anonymous();
        var response = await anonymous.GetAsync($"/streets/{donghu}/committee");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_are_in_Chinese_by_default_and_English_after_the_switch()
    {
        using var client = App.Anonymous();
        Assert.Contains("登录", await client.GetStringAsync("/Account/Login"), StringComparison.Ordinal);
        var switched = await client.GetAsync("/culture?culture=en&returnUrl=/Account/Login");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("Sign in", await client.GetStringAsync("/Account/Login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_page_shows_the_friendly_not_found_page()
    {
        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        var response = await staff.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
