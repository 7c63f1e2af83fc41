using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>Debian's Chromium driven by Playwright (its own browser download cannot work on these machines), and the page helpers browser tests share.</summary>
internal static class BrowserSession
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: scripts/test.sh installs Debian's chromium package.");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        });
        return (playwright, browser);
    }

    /// <summary>A page with the long timeouts a loaded 2-core machine needs (the first render of a page compiles it).</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, BrowserNewPageOptions options)
    {
        var page = await browser.NewPageAsync(options);
        page.SetDefaultNavigationTimeout(90_000);
        page.SetDefaultTimeout(60_000);
        return page;
    }

    /// <summary>Phone pages must not scroll sideways (390 px wide).</summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page, string what) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{what} scrolls sideways at 390 px");

    /// <summary>Polls a database condition every 200 ms, for up to 20 s: what a click saves arrives a moment after it.</summary>
    public static async Task WaitUntilStoredAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("the change never reached the database");
    }

    public static async Task SignInAsync(IPage page, Uri baseAddress, string email, string password)
    {
        await page.GotoAsync(new Uri(baseAddress, "/Account/Login").ToString());
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    /// <summary>Navigates and waits until the page's circuit is interactive (typing before that would be lost).</summary>
    public static async Task GotoInteractiveAsync(IPage page, Uri address)
    {
        await page.GotoAsync(address.ToString());
        await page.WaitForSelectorAsync("#portal-interactive", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
    }

    /// <summary>Clicks until the interactive circuit has attached and the click takes effect.</summary>
    public static async Task ClickUntilAsync(IPage page, string selector, string appears, int attempts = 20)
    {
        for (var i = 0; i < attempts; i++)
        {
            await page.ClickAsync(selector);
            try
            {
                await page.WaitForSelectorAsync(appears, new PageWaitForSelectorOptions { Timeout = 1000 });
                return;
            }
            catch (TimeoutException)
            {
                // The circuit was not connected yet; try again.
            }
        }

        Assert.Fail($"Clicking {selector} never showed {appears}.");
    }
}
