using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Members;
using CommunityPartyBuilding.IntegrationTests.Features.Needs;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Features.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>On a 390 px phone: the member's home lists a wish near them; a tap claims it and it moves to "needs I claimed".</summary>
public class MemberNeedsBrowserTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task A_member_claims_a_wish_from_their_home_on_a_phone_and_it_moves_to_their_claims()
    {
        var member = await ServiceTestMembers.CreateAsync(App, "phone.wish@example.org", name: "手机党员");
        using var staff = await App.ApiAsAsync("community.donghu@example.org");
        var entered = await staff.PostAsJsonAsync($"/api/v1/communities/{member.CommunityId}/needs",
            NeedData.Body(member.CommunityId, "帮楼下张奶奶取降压药（手机测试）", wantedBy: App.Clock.Today.AddDays(7)));
        var needId = (await entered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("needId").GetGuid();
        var folder = Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS");
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var phone = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
            phone.SetDefaultNavigationTimeout(90_000);
            phone.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(phone, App.BaseAddress, member.Email, PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(phone, new Uri(App.BaseAddress, "/"));

            var card = phone.Locator($"#near-need-{needId}");
            await card.WaitForAsync();
            Assert.Contains("帮楼下张奶奶取降压药", await card.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("本社区", await card.InnerTextAsync(), StringComparison.Ordinal);
            var home = await phone.InnerTextAsync("#member-needs-near") + await phone.InnerTextAsync("#member-claimed-needs");
            Assert.DoesNotContain(NeedData.ResidentName, home, StringComparison.Ordinal);
            Assert.DoesNotContain("139", home, StringComparison.Ordinal);
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the member's home scrolls sideways at 390 px");
            if (folder is { Length: > 0 })
            {
                await card.ScrollIntoViewIfNeededAsync();
                await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "phone-member-needs-near.png") });
            }

            await BrowserSession.ClickUntilAsync(phone, $"#near-need-{needId} .need-claim", $"#my-need-{needId}");
            await phone.Locator($"#near-need-{needId}").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
            var mine = phone.Locator($"#my-need-{needId}");
            var due = await App.QueryAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.ClaimBy).SingleAsync());
            Assert.Contains($"{due!.Value.Year}年{due.Value.Month}月{due.Value.Day}日", await mine.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(1, await mine.Locator(".need-done-link").CountAsync());
            Assert.Equal(member.RegistrationId, await App.QueryAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.ClaimerMemberId).SingleAsync()));
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the member's claims scroll sideways at 390 px");
            if (folder is { Length: > 0 })
            {
                await mine.ScrollIntoViewIfNeededAsync();
                await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "phone-member-needs-claimed.png") });
            }

            // Its page, where the member finishes it, fits the phone too.
            await BrowserSession.GotoInteractiveAsync(phone, new Uri(App.BaseAddress, $"/needs/{needId}"));
            await phone.Locator("#need-complete").WaitForAsync();
            Assert.Equal(1, await phone.Locator("#need-release").CountAsync());
            Assert.Equal(0, await phone.Locator("#need-hours").CountAsync());
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the need's page scrolls sideways at 390 px");
            Assert.Equal(NeedStatus.Claimed, await App.QueryAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.Status).SingleAsync()));
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
