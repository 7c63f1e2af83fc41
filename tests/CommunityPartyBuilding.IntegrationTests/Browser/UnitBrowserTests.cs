using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

public class UnitBrowserTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task Staff_register_a_unit_fix_a_wrong_credit_code_and_find_the_unit_in_the_grid()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        const string body = "91330102MA2K8L3Q7";
        var good = body + CreditCode.CheckCharacter(body);
        var wrongCheck = good[17] == '0' ? '1' : '0';
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            await BrowserSession.SignInAsync(page, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/streets/{donghu}/units/new"));

            // Values typed before the circuit has attached are lost when the page turns interactive: fill and save
            // again until the refusal shows.
            var message = page.Locator($"text=应为“{good[17]}”");
            for (var attempt = 0; ; attempt++)
            {
                await page.FillAsync("#unit-name", "湖光新材料科技有限公司");
                await page.FillAsync("#unit-credit-code", body + wrongCheck);
                await page.FillAsync("#unit-party-name", "湖光新材料党支部");
                await page.FillAsync("#unit-members", "9");
                await page.FillAsync("#unit-contact", "林工");
                await page.FillAsync("#unit-phone", "13912345678");
                await page.ClickAsync("#unit-save");
                try
                {
                    // The message says which character is wrong and what it should be; nothing is saved.
                    await message.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 3000 });
                    break;
                }
                catch (TimeoutException) when (attempt < 10)
                {
                }
            }

            Assert.False(await App.QueryAsync(db => db.MemberUnits.AnyAsync(u => u.Name == "湖光新材料科技有限公司")));

            await page.FillAsync("#unit-credit-code", good.ToLowerInvariant());
            await page.ClickAsync("#unit-save");
            await page.WaitForURLAsync(url => url.Contains("/units/", StringComparison.Ordinal) && !url.Contains("/new", StringComparison.Ordinal),
                new PageWaitForURLOptions { Timeout = 90_000 });
            Assert.Equal("湖光新材料科技有限公司", await page.InnerTextAsync("#unit-title"));

            var saved = await App.QueryAsync(db => db.MemberUnits.SingleAsync(u => u.Name == "湖光新材料科技有限公司"));
            Assert.Equal(good, saved.CreditCode);

            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/streets/{donghu}/units"));
            await page.FillAsync("#unit-search", "湖光新材料");
            var row = page.Locator("table tbody tr", new PageLocatorOptions { HasText = "湖光新材料科技有限公司" });
            Assert.Contains(good, await row.First.InnerTextAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
