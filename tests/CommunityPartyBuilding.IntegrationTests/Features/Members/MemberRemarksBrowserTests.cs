using CommunityPartyBuilding.IntegrationTests.Browser;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>
/// The community's quarterly remark and the year's commendation, from the members list: written, read back and edited;
/// empty input refused on the form with nothing stored; the 喜报 linked on the list and on the unit's page for its leader;
/// the commendation withdrawn (撤销) with a reason from the same form.
/// </summary>
public class MemberRemarksBrowserTests(PortalApp app) : PortalTest(app)
{
    private const string Name = "评语测试党员";

    [Fact]
    public async Task Community_staff_write_and_edit_a_remark_and_name_a_member_outstanding_and_the_leader_downloads_the_commendation()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var unit = await App.UnitIdAsync(UnitData.Leader1Unit);
        var today = UnitData.Today(App);
        var member = await App.RegisterMemberAsync(donghu, community, unit, Name, "19900000051", new DateOnly(today.Year - 1, 3, 1));
        var folder = Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS");
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var desk = await BrowserSession.NewPageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            await BrowserSession.SignInAsync(desk, App.BaseAddress, "community.donghu@example.org", PortalApp.Password);
            var row = await OpenRowAsync(desk);

            // An empty remark: the field says so, nothing is stored.
            await BrowserSession.ClickUntilAsync(desk, ".member-registrations tr:has-text('" + Name + "') .member-remark", "#member-remark-text");
            await desk.ClickAsync("#member-remark-save");
            await desk.Locator(".member-note-form .mud-input-error").First.WaitForAsync();
            Assert.Equal(0, await App.QueryAsync(db => db.MemberRemarks.CountAsync(r => r.RegistrationId == member)));

            await desk.FillAsync("#member-remark-text", "本季度每周参加楼道环境监督");
            await desk.ClickAsync("#member-remark-save");
            await BrowserSession.WaitUntilStoredAsync(() => App.QueryAsync(db => db.MemberRemarks.AnyAsync(r => r.RegistrationId == member && r.Text == "本季度每周参加楼道环境监督")));

            // Opened again, the form shows the remark; edited, it replaces it.
            await row.Locator(".member-remark").ClickAsync();
            Assert.Equal("本季度每周参加楼道环境监督", await desk.InputValueAsync("#member-remark-text"));
            await desk.FillAsync("#member-remark-text", "本季度每周参加楼道环境监督，带动邻居参与");
            await desk.Locator("#member-remark-text").BlurAsync();
            await ShotAsync(desk, folder, "desktop-member-remark.png");
            await desk.ClickAsync("#member-remark-save");
            await BrowserSession.WaitUntilStoredAsync(() => App.QueryAsync(db => db.MemberRemarks.AnyAsync(r => r.RegistrationId == member && r.Text.EndsWith("带动邻居参与"))));
            Assert.Equal(1, await App.QueryAsync(db => db.MemberRemarks.CountAsync(r => r.RegistrationId == member)));

            // Naming outstanding: a citation is required; once named, the 喜报 is linked on the row.
            await desk.Locator("#member-remark-save").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
            await row.Locator(".member-commend").ClickAsync();
            await desk.ClickAsync("#member-commend-save");
            await desk.Locator(".member-note-form .mud-input-error").First.WaitForAsync();
            Assert.Equal(0, await App.QueryAsync(db => db.MemberCommendations.CountAsync(c => c.RegistrationId == member)));
            await desk.FillAsync("#member-commend-citation", "全年坚持楼道环境监督，带动居民维护整洁环境。");
            await desk.Locator("#member-commend-citation").BlurAsync();
            await ShotAsync(desk, folder, "desktop-member-commend.png");
            await desk.ClickAsync("#member-commend-save");
            await row.Locator(".member-commendation-link").WaitForAsync();
            Assert.Equal(today.Year, await App.QueryAsync(db => db.MemberCommendations.Where(c => c.RegistrationId == member).Select(c => c.Year).SingleAsync()));
            var href = await row.Locator(".member-commendation-link").GetAttributeAsync("href");
            Assert.Equal($"/api/v1/member-registrations/{member}/commendation.pdf?year={today.Year}", href);

            // On a phone the list and the remark form fit the width.
            var phone = await BrowserSession.NewPageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
            await BrowserSession.SignInAsync(phone, App.BaseAddress, "community.donghu@example.org", PortalApp.Password);
            await OpenRowAsync(phone);
            await BrowserSession.ClickUntilAsync(phone, ".member-registrations tr:has-text('" + Name + "') .member-remark", "#member-remark-text");
            // Scrolled by script: the row may be re-rendered meanwhile, and a located element would be detached.
            await phone.EvaluateAsync("() => document.querySelector('#member-remark-text')?.scrollIntoView({ block: 'center' })");
            await BrowserSession.AssertNoSidewaysScrollAsync(phone, "the remark form");
            await ShotAsync(phone, folder, "phone-member-remark.png");

            // The commendation's form with its 撤销 (withdraw) reason fits the width too.
            await BrowserSession.ClickUntilAsync(phone, ".member-registrations tr:has-text('" + Name + "') .member-commend", "#member-commend-withdraw");
            await BrowserSession.ClickUntilAsync(phone, "#member-commend-withdraw", "#member-withdraw-reason");
            await phone.EvaluateAsync("() => document.querySelector('#member-withdraw-reason')?.scrollIntoView({ block: 'center' })");
            await BrowserSession.AssertNoSidewaysScrollAsync(phone, "the commendation's withdraw form");
            await ShotAsync(phone, folder, "phone-member-withdraw.png");

            // The unit's leader finds the 喜报 on the unit's page.
            var leader = await BrowserSession.NewPageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
            await BrowserSession.SignInAsync(leader, App.BaseAddress, "leader1@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(leader, new Uri(App.BaseAddress, $"/units/{unit}"));
            var link = leader.Locator($"#unit-member-figures a[href*='{member}/commendation.pdf']");
            await link.WaitForAsync();
            await BrowserSession.AssertNoSidewaysScrollAsync(leader, "the unit's page");
            Assert.True(await leader.Locator("#member-feedback-links .member-feedback-link").CountAsync() > 0);

            // Withdrawn (撤销) from the same form: a reason is required, nothing changes without one; then the row shows
            // the year's 喜报 withdrawn, without its link.
            await BrowserSession.ClickUntilAsync(desk, ".member-registrations tr:has-text('" + Name + "') .member-commend", "#member-commend-withdraw");
            await BrowserSession.ClickUntilAsync(desk, "#member-commend-withdraw", "#member-withdraw-reason");
            await desk.ClickAsync("#member-withdraw-confirm");
            await desk.Locator(".member-note-form .mud-input-error").First.WaitForAsync();
            Assert.Null(await App.QueryAsync(db => db.MemberCommendations.Where(c => c.RegistrationId == member).Select(c => c.WithdrawnAt).SingleAsync()));
            await desk.FillAsync("#member-withdraw-reason", "经核实服务时长有误");
            await desk.ClickAsync("#member-withdraw-confirm");
            await BrowserSession.WaitUntilStoredAsync(() => App.QueryAsync(db => db.MemberCommendations.AnyAsync(c => c.RegistrationId == member && c.WithdrawReason == "经核实服务时长有误" && c.WithdrawnAt != null)));
            await row.Locator(".member-commendation-withdrawn").WaitForAsync();
            Assert.Equal(0, await row.Locator(".member-commendation-link").CountAsync());
            await ShotAsync(desk, folder, "desktop-member-withdrawn.png");
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private async Task<ILocator> OpenRowAsync(IPage page)
    {
        await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, "/members"));
        await page.FillAsync("#members-search", Name);
        var row = page.Locator(".member-registrations tr", new PageLocatorOptions { HasText = Name }).First;
        await row.WaitForAsync();
        return row;
    }

    private static async Task ShotAsync(IPage page, string? folder, string name)
    {
        if (folder is { Length: > 0 })
        {
            // For the docs only: without the snackbars, once the fields' label animation has finished. The snackbars are
            // hidden by a style sheet of the test's own, removed after the shot: removing their elements (Blazor's DOM)
            // broke the page's later renders.
            await page.EvaluateAsync("() => { const s = document.createElement('style'); s.id = 'shot-no-snackbar'; s.textContent = '.mud-snackbar { visibility: hidden !important; }'; document.head.appendChild(s); }");
            await page.WaitForTimeoutAsync(500);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name) });
            await page.EvaluateAsync("() => document.getElementById('shot-no-snackbar')?.remove()");
        }
    }
}
