using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>社区工作人员 as people meet the role: street staff create the account; the community's staff start from their home on a phone.</summary>
public class CommunityStaffBrowserTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task Street_staff_create_a_community_staff_account_and_community_staff_find_the_resources_from_their_phone_home()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var desk = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            desk.SetDefaultNavigationTimeout(90_000);
            desk.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(desk, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(desk, new Uri(App.BaseAddress, "/admin/users"));
            await BrowserSession.ClickUntilAsync(desk, "text=新建账户", "#new-user-email");

            await BrowserSession.ClickUntilAsync(desk, ".mud-input-control:has(#new-user-role)", ".mud-popover-open .mud-list-item");
            await desk.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "社区工作人员" }).First.ClickAsync();
            await desk.Locator("#new-user-community").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            await desk.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
            await BrowserSession.ClickUntilAsync(desk, ".mud-input-control:has(#new-user-community)", ".mud-popover-open .mud-list-item");
            await desk.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "桃源社区" }).First.ClickAsync();
            await desk.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
            await desk.FillAsync("#new-user-email", "taoyuan.staff@example.org");
            await desk.FillAsync("#new-user-name", "桃源社区 李娜");
            await desk.ClickAsync("#new-user-save");
            await desk.Locator("#temporary-password").WaitForAsync();

            var created = await App.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "taoyuan.staff@example.org"));
            var taoyuan = await App.QueryAsync(db => db.Communities.Where(c => c.StreetId == donghu && c.Name == "桃源社区").Select(c => c.Id).SingleAsync());
            Assert.Equal((PortalRole.CommunityStaff, donghu, taoyuan, true), (created.Role, created.StreetId!.Value, created.CommunityId!.Value, created.MustChangePassword));

            // The demo community account on a phone: its home names the community and leads to the street's resources.
            var phone = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
            phone.SetDefaultNavigationTimeout(90_000);
            phone.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(phone, App.BaseAddress, "community.donghu@example.org", PortalApp.Password);
            await phone.Locator("#community-home").WaitForAsync();
            Assert.Contains("东湖社区", await phone.InnerTextAsync("#community-home"), StringComparison.Ordinal);
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the community home scrolls sideways at 390 px");
            if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is { Length: > 0 } folder)
            {
                await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "phone-community-home.png") });
            }

            await phone.TapAsync("#community-home a:has-text('资源清单')");
            await phone.WaitForURLAsync(url => url.EndsWith($"/streets/{donghu}/resources", StringComparison.Ordinal));
            await phone.Locator(".resource-list tbody tr").First.WaitForAsync();
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
