using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>
/// Needs where people start: the street dashboard's figures and to-do entries (which open the filtered list), and the
/// unit leader's home card; at 1440 and 390 px, nothing wider than the phone. Screenshots with PORTAL_SCREENSHOTS.
/// </summary>
public class NeedHomesBrowserTests(PortalApp app) : PortalTest(app)
{
    private static async Task<IPage> PageAsync(IBrowser browser, int width)
    {
        var page = await browser.NewPageAsync(width < 600
            ? new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 844 }, IsMobile = true, HasTouch = true }
            : new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        page.SetDefaultNavigationTimeout(90_000);
        page.SetDefaultTimeout(60_000);
        return page;
    }

    /// <summary>The whole page at 1440 px; on a phone the screen with <paramref name="focus"/> at its top, as a person scrolls to it.</summary>
    /// <summary>Signs in and waits for the interactive circuit: the prerendered home is drawn again once it connects.</summary>
    private async Task SignInAsync(IPage page, string email)
    {
        await BrowserSession.SignInAsync(page, App.BaseAddress, email, PortalApp.Password);
        await page.WaitForSelectorAsync("#portal-interactive", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
    }

    private static async Task ShotAsync(IPage page, string name, string focus)
    {
        if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            var phone = page.ViewportSize is { Width: < 600 };
            if (phone)
            {
                await page.EvalOnSelectorAsync(focus, "e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - (document.querySelector('.mud-appbar')?.getBoundingClientRect().height ?? 64) - 12)");
            }

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = !phone });
        }
    }

    private static async Task AssertFitsAsync(IPage page, string what) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{what} scrolls sideways at 390 px");

    [Fact]
    public async Task The_dashboard_shows_the_years_needs_and_its_to_do_opens_the_claims_about_to_lapse_and_the_unit_home_lists_its_claims()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var leaderUnit = await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.UnitId!.Value).SingleAsync());
        // One claim of leader1's unit is due in two days: on the to-do list, and marked on the unit's home.
        var lapsing = await App.QueryAsync(async db =>
        {
            var need = await db.Needs.Where(n => n.StreetId == donghu && n.Status == NeedStatus.Claimed).OrderBy(n => n.Title).FirstAsync();
            need.ClaimerUnitId = leaderUnit;
            need.ClaimBy = App.Clock.Today.AddDays(2);
            await db.SaveChangesAsync();
            return need;
        });

        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            foreach (var width in new[] { 1440, 390 })
            {
                var staff = await PageAsync(browser, width);
                await SignInAsync(staff, "staff.donghu@example.org");
                await staff.Locator("#figure-needs").WaitForAsync();
                await staff.Locator("#todo-needs-lapsing").WaitForAsync();
                Assert.Contains("满意率", await staff.InnerTextAsync("#figure-needs"), StringComparison.Ordinal);
                Assert.Equal(await App.QueryAsync(db => db.Communities.CountAsync(c => c.StreetId == donghu)),
                    await staff.Locator("[id^='todo-needs-review-']").CountAsync());
                if (width < 600)
                {
                    await AssertFitsAsync(staff, "the dashboard");
                }

                await ShotAsync(staff, width < 600 ? "phone-dashboard.png" : "dashboard.png", "#figure-needs");
                await staff.CloseAsync();
            }

            // The to-do entry opens the needs list filtered to the claims about to lapse.
            var desk = await PageAsync(browser, 1440);
            await SignInAsync(desk, "staff.donghu@example.org");
            await desk.Locator("#todo-needs-lapsing").ClickAsync();
            await desk.WaitForURLAsync(url => url.Contains("/needs?status=Claimed&lapsing=true", StringComparison.Ordinal));
            await desk.Locator("#need-lapsing-filter").WaitForAsync();
            await desk.Locator(".need-list tbody tr", new PageLocatorOptions { HasText = lapsing.Title }).First.WaitForAsync();
            // Only claims about to lapse: this test's and the demo's (东湖社区's claim due in 2 days).
            var lapsingCount = await App.QueryAsync(db => db.Needs.CountAsync(n => n.StreetId == donghu && n.Status == NeedStatus.Claimed && n.ProjectId == null
                && n.ClaimBy >= App.Clock.Today && n.ClaimBy <= App.Clock.Today.AddDays(NeedRules.LapseReminderDays)));
            Assert.Equal(lapsingCount, await desk.Locator(".need-list tbody tr").CountAsync());
            Assert.Contains("lapsingSoon=true", await desk.GetAttributeAsync("#need-export", "href"), StringComparison.Ordinal);

            // The unit leader's home: the claim with its date, and needs to claim.
            foreach (var width in new[] { 1440, 390 })
            {
                var leader = await PageAsync(browser, width);
                await SignInAsync(leader, "leader1@example.org");
                await leader.Locator("#home-needs").WaitForAsync();
                var card = await leader.InnerTextAsync("#home-needs");
                Assert.Contains(lapsing.Title, await leader.InnerTextAsync("#home-needs-claimed"), StringComparison.Ordinal);
                Assert.Contains("前办结", card, StringComparison.Ordinal);
                Assert.Equal(3, await leader.Locator("#home-needs-open li").CountAsync());
                if (width < 600)
                {
                    await AssertFitsAsync(leader, "the unit leader's home");
                }

                await ShotAsync(leader, width < 600 ? "phone-unit-home.png" : "unit-home.png", "#home-needs");
                await leader.CloseAsync();
            }
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
