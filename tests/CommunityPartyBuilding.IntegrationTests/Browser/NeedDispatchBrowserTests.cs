using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Needs;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>精准派单 as people use it: staff dispatch a need to a matched unit, its leader accepts on a phone, staff read the month's notice.</summary>
public class NeedDispatchBrowserTests(PortalApp app) : PortalTest(app)
{
    /// <summary>Where screenshots for docs/images go when PORTAL_SCREENSHOTS names a folder (none in CI).</summary>
    private static async Task ShootAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.EvaluateAsync("() => document.querySelectorAll('.mud-snackbar').forEach(e => e.remove())");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
        }
    }

    [Fact]
    public async Task Staff_dispatch_a_need_to_a_matched_unit_whose_leader_accepts_it_on_a_phone()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var unitId = await App.UnitIdAsync(UnitData.Leader1Unit);
        using (var leaderApi = await App.ApiAsAsync("leader1@example.org"))
        {
            var offered = await leaderApi.PostAsJsonAsync($"/api/v1/units/{unitId}/resources",
                new { kind = "venue", title = "检察院多功能厅", capacity = 120, availability = "周末全天", communityIds = new[] { community } });
            Assert.Equal(HttpStatusCode.Created, offered.StatusCode);
        }

        Guid needId;
        using (var staffApi = await App.ApiAsAsync("staff.donghu@example.org"))
        {
            var entered = await staffApi.PostAsJsonAsync($"/api/v1/communities/{community}/needs",
                NeedData.Body(community, "重阳节文艺演出需要排练场地", category: "cultureSports", wantedBy: App.Clock.Today.AddDays(20)));
            Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
            needId = (await entered.JsonAsync()).GetProperty("needId").GetGuid();
        }

        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var desktop = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            desktop.SetDefaultNavigationTimeout(90_000);
            desktop.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(desktop, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(desktop, new Uri(App.BaseAddress, $"/needs/{needId}"));
            var row = desktop.Locator("#need-matches tr", new PageLocatorOptions { HasText = "检察院多功能厅" });
            await row.WaitForAsync();
            Assert.Contains("场地最适合文化体育类需求", await row.InnerTextAsync(), StringComparison.Ordinal);
            await ShootAsync(desktop, "need-matches.png");
            await row.Locator("button").ClickAsync();
            await desktop.Locator("#need-dispatch-pending").WaitForAsync();
            Assert.Equal(unitId, await App.QueryAsync(db => db.NeedDispatches.Where(d => d.NeedId == needId).Select(d => d.UnitId).SingleAsync()));

            var phone = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
            phone.SetDefaultNavigationTimeout(90_000);
            phone.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(phone, App.BaseAddress, "leader1@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(phone, new Uri(App.BaseAddress, $"/units/{unitId}/needs"));
            var card = phone.Locator("#unit-needs-dispatched .need-card", new PageLocatorOptions { HasText = "重阳节文艺演出需要排练场地" });
            await card.WaitForAsync();
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the unit's needs scroll sideways at 390 px");
            await ShootAsync(phone, "phone-unit-dispatch.png");
            await card.Locator("button", new LocatorLocatorOptions { HasText = "接单" }).TapAsync();
            await phone.Locator("#unit-needs-claimed .need-card", new PageLocatorOptions { HasText = "重阳节文艺演出需要排练场地" }).WaitForAsync();
            Assert.Equal(NeedStatus.Claimed, await App.QueryAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.Status).SingleAsync()));

            var month = App.Clock.Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            await BrowserSession.GotoInteractiveAsync(desktop, new Uri(App.BaseAddress, $"/streets/{donghu}/needs/notice?month={month}"));
            var line = desktop.Locator("#notice-table tr", new PageLocatorOptions { HasText = UnitData.Leader1Unit });
            await line.WaitForAsync();
            await ShootAsync(desktop, "need-notice.png");
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
