using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>Issue 15's minor items that a browser can check: culture switch, long words, the credit-code check, the menu.</summary>
public class MinorUsabilityBrowserTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task Culture_switch_keeps_the_page_and_long_words_wrap()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var longTitle = new string('议', 100) + new string('X', 100);
        var meetingId = await App.QueryAsync(async db =>
        {
            var meeting = await db.Meetings.Where(m => m.StreetId == donghu).OrderBy(m => m.ScheduledAt).FirstAsync();
            meeting.Title = longTitle;
            await db.SaveChangesAsync();
            return meeting.Id;
        });

        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            page.SetDefaultNavigationTimeout(90_000);
            page.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(page, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);

            // Item 12: a 200-character title without spaces wraps; the page stays 1440 px wide.
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/meetings/{meetingId}"));
            await page.WaitForSelectorAsync($"text={longTitle[..20]}");
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 1440);

            // Item 11: after moving on inside the circuit, the culture switch returns to the page now shown.
            await BrowserSession.GotoInteractiveAsync(page, App.BaseAddress);
            await page.ClickAsync($"a[href='/streets/{donghu}/units']");
            await page.WaitForURLAsync(url => url.EndsWith($"/streets/{donghu}/units", StringComparison.Ordinal));
            await page.WaitForFunctionAsync($"() => document.querySelector('a.culture-switch').getAttribute('href').includes(encodeURIComponent('/streets/{donghu}/units'))");
            await page.ClickAsync("a.culture-switch");
            await page.WaitForURLAsync(url => url.EndsWith($"/streets/{donghu}/units", StringComparison.Ordinal));
            Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
            await page.ClickAsync("a.culture-switch");
            await page.WaitForURLAsync(url => url.EndsWith($"/streets/{donghu}/units", StringComparison.Ordinal));
            Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task On_logging_an_activity_only_that_menu_item_is_highlighted()
    {
        var unitId = await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.UnitId!.Value).SingleAsync());
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            page.SetDefaultNavigationTimeout(90_000);
            page.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(page, App.BaseAddress, "leader1@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/units/{unitId}/activities/new"));
            var active = page.Locator(".mud-nav-link.active");
            await active.First.WaitForAsync();
            Assert.Equal(1, await active.CountAsync());
            Assert.Contains("登记共建活动", await active.InnerTextAsync(), StringComparison.Ordinal);

            // 参与人数 starts empty (not a 0 that only fails), and the title shows its limit.
            Assert.Equal("", await page.InputValueAsync("#activity-participants"));
            Assert.True(await page.Locator("text=/0 \\/ 100/").First.IsVisibleAsync());
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task The_credit_code_check_speaks_up_for_every_wrong_code_and_goes_quiet_for_a_right_one()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        const string Body = "91330102MA2B3C4D5";
        var good = Body + CreditCode.CheckCharacter(Body);
        var wrongs = "0123456789ABCDEFGHJKLMNPQRTUWXY".Where(c => c != good[17]).Take(2).Select(c => Body + c).ToArray();
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            page.SetDefaultNavigationTimeout(90_000);
            page.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(page, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/streets/{donghu}/units/new"));
            await page.WaitForSelectorAsync("#unit-credit-code");
            var error = page.Locator(".mud-input-control:has(#unit-credit-code) .mud-input-error");

            // Item 13: the first wrong code, a second one, the same one again after a right one: each is told.
            foreach (var code in new[] { wrongs[0], wrongs[1], good, wrongs[0] })
            {
                await page.FillAsync("#unit-credit-code", code);
                await page.PressAsync("#unit-credit-code", "Tab");
                if (code == good)
                {
                    // The field, its label and its helper text all carry mud-input-error while wrong:
                    // wait until none of them does (First + Detached = no element matches at all).
                    await error.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
                    Assert.Equal(0, await error.CountAsync());
                }
                else
                {
                    await page.Locator($"text=第18位是“{code[17]}”，按前17位计算应为“{good[17]}”").First.WaitForAsync();
                }
            }
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
