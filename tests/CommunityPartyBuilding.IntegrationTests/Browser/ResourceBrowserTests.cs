using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>资源清单 as people use it: a unit leader registers a resource on a phone; staff find it in the street's list.</summary>
public class ResourceBrowserTests(PortalApp app) : PortalTest(app)
{
    private const string Title = "周末读书角志愿者";

    /// <summary>Where screenshots for docs/images go when PORTAL_SCREENSHOTS names a folder (none in CI).</summary>
    private static async Task ShootAsync(IPage page, string name, string? element = null)
    {
        if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is { Length: > 0 } folder)
        {
            if (element is null)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
            }
            else
            {
                // The element at the top of the phone's screen, under the app bar, without passing messages.
                await page.EvaluateAsync("""
                    sel => {
                        document.querySelectorAll('.mud-snackbar').forEach(e => e.remove());
                        const el = document.querySelector(sel);
                        const bar = document.querySelector('.mud-appbar')?.offsetHeight ?? 64;
                        window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - bar - 8);
                    }
                    """, element);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name) });
            }
        }
    }

    [Fact]
    public async Task A_unit_leader_taps_in_a_resource_on_a_phone_and_staff_find_it_in_the_street_list()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var unitId = await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.UnitId!.Value).SingleAsync());
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var phone = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
            phone.SetDefaultNavigationTimeout(90_000);
            phone.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(phone, App.BaseAddress, "leader1@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(phone, new Uri(App.BaseAddress, $"/units/{unitId}"));
            await phone.Locator("#unit-resources").ScrollIntoViewIfNeededAsync();
            await BrowserSession.ClickUntilAsync(phone, "#resource-new", "#resource-title");

            // Saving without a kind and a title is refused in the form and stores nothing.
            var before = await App.QueryAsync(db => db.UnitResources.CountAsync());
            await phone.TapAsync("#resource-save");
            await phone.Locator("text=请填写资源名称").First.WaitForAsync();
            Assert.Equal(before, await App.QueryAsync(db => db.UnitResources.CountAsync()));

            await ShootAsync(phone, "phone-resource-form-refused.png", "#unit-resources");
            await BrowserSession.ClickUntilAsync(phone, "#resource-kind", ".mud-popover-open .mud-list-item");
            await phone.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "志愿者" }).First.TapAsync();
            // The choice re-renders the form (its error goes): wait for that before typing, or a render arriving after the
            // typing would show the fields as they were.
            await phone.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
            await phone.Locator("text=请选择资源类型").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
            await phone.FillAsync("#resource-title", Title);
            await phone.FillAsync("#resource-capacity", "8");
            await phone.FillAsync("#resource-availability", "每周六上午");
            await phone.TapAsync("#resource-save");

            var row = phone.Locator("#unit-resources .resource-table tr", new PageLocatorOptions { HasText = Title });
            await row.WaitForAsync();
            Assert.Contains("8 人", await row.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("全街道", await row.InnerTextAsync(), StringComparison.Ordinal);
            var saved = await App.QueryAsync(db => db.UnitResources.SingleAsync(r => r.Title == Title));
            Assert.Equal((unitId, ResourceKind.Volunteers, 8m, CapacityMeasure.People), (saved.UnitId, saved.Kind, saved.Capacity!.Value, saved.Measure!.Value));
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the unit page scrolls sideways at 390 px");
            await ShootAsync(phone, "phone-unit-resources.png", "#unit-resources");

            // Staff: the street's list, searched for the unit and narrowed to volunteers.
            var desktop = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            desktop.SetDefaultNavigationTimeout(90_000);
            desktop.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(desktop, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(desktop, new Uri(App.BaseAddress, $"/streets/{donghu}/resources"));
            await desktop.Locator(".resource-list tbody tr").First.WaitForAsync();
            await ShootAsync(desktop, "resources.png");
            await desktop.FillAsync("#resource-search", "读书角");
            var found = desktop.Locator(".resource-list tbody tr", new PageLocatorOptions { HasText = Title });
            await found.WaitForAsync();
            Assert.Contains("东湖区人民检察院", await found.InnerTextAsync(), StringComparison.Ordinal);
            await desktop.WaitForFunctionAsync("() => document.querySelectorAll('.resource-list tbody tr').length === 1");
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
