using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

public class CommitteeBrowserTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task Street_staff_change_the_secretary_and_find_the_change_in_the_audit_log()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            await BrowserSession.SignInAsync(page, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);
            Assert.Contains("您好", await page.InnerTextAsync("h1"), StringComparison.Ordinal);

            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/streets/{donghu}/committee"));
            await BrowserSession.ClickUntilAsync(page, "#committee-edit", "#committee-save");
            await page.FillAsync("#committee-secretary", "周新民");
            await page.ClickAsync("#committee-save");

            await page.WaitForSelectorAsync("#committee-secretary-value:has-text('周新民')");
            await page.WaitForSelectorAsync("text=已保存");

            await page.GotoAsync(new Uri(App.BaseAddress, "/audit").ToString());
            var audit = page.Locator(".audit-changes", new PageLocatorOptions { HasText = "周新民" });
            await audit.First.WaitForAsync();
            var row = await audit.First.InnerTextAsync();
            Assert.Contains("王建华", row, StringComparison.Ordinal);
            Assert.Contains("书记", row, StringComparison.Ordinal);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
