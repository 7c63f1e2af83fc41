using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>Issue 15, item 1: the user menu in the app bar opens by click and by tap, and its 退出登录 signs out.</summary>
public class SignOutBrowserTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task Staff_sign_out_with_the_mouse_at_1440_pixels()
    {
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            page.SetDefaultNavigationTimeout(90_000);
            page.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(page, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(page, App.BaseAddress);

            var menuButton = page.Locator("#user-menu button");
            Assert.Contains("刘洋", await menuButton.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("#user-menu button button, #user-menu button a").CountAsync());

            await BrowserSession.ClickUntilAsync(page, "#user-menu button", "#sign-out");
            await page.ClickAsync("#sign-out");
            await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));

            await page.GotoAsync(App.BaseAddress.ToString());
            await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task A_unit_leader_signs_out_with_a_tap_on_a_390_pixel_phone()
    {
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions
            {
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                IsMobile = true,
                HasTouch = true,
            });
            page.SetDefaultNavigationTimeout(90_000);
            page.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(page, App.BaseAddress, "leader1@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(page, App.BaseAddress);

            var opened = false;
            for (var i = 0; i < 20 && !opened; i++)
            {
                await page.TapAsync("#user-menu button");
                opened = await page.Locator("#sign-out").IsVisibleAsync()
                    || await page.WaitForSelectorAsync("#sign-out", new PageWaitForSelectorOptions { Timeout = 1000 })
                        .ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
            }

            Assert.True(opened, "Tapping the user menu never showed 退出登录.");
            await page.TapAsync("#sign-out");
            await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
