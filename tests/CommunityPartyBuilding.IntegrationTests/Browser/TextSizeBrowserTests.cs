using CommunityPartyBuilding.IntegrationTests.Features.Evaluations;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>
/// Older residents and members (适老化): the larger-text setting is kept per person (on the account) and per browser
/// (cookie, for the public pages), and the phone pages still fit at 200 % text (WCAG 1.4.4, 1.4.10).
/// </summary>
public class TextSizeBrowserTests(PortalApp app) : PortalTest(app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Text that leaves the screen, makes the page scroll sideways, or is clipped by a box that hides overflow.</summary>
    private const string FindCutOffText =
        """
        () => {
            const vw = document.documentElement.clientWidth;
            const problems = [];
            if (document.documentElement.scrollWidth > vw + 1) problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + 'px in ' + vw + 'px');
            const bar = document.querySelector('.mud-appbar');
            const heading = document.querySelector('h1');
            if (bar && heading && window.scrollY === 0 && heading.getBoundingClientRect().height > 0
                && heading.getBoundingClientRect().top < bar.getBoundingClientRect().bottom - 1) problems.push('the heading is under the app bar');
            const hidden = '.mud-drawer:not(.mud-drawer--open), .mud-popover:not(.mud-popover-open), [hidden], [aria-hidden=true], .mud-overlay';
            const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).slice(0, 2).join('.') : '');
            for (const e of document.querySelectorAll('body *')) {
                if (!Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
                if (e.closest(hidden)) continue;
                const s = getComputedStyle(e);
                if (s.display === 'none' || s.visibility === 'hidden') continue;
                const r = e.getBoundingClientRect();
                if (r.width === 0 || r.height === 0) continue;
                const text = ' “' + e.textContent.trim().slice(0, 24) + '”';
                if (r.right > vw + 1 || r.left < -1) { problems.push('off screen: ' + name(e) + text); continue; }
                for (let a = e; a && a !== document.body; a = a.parentElement) {
                    const sa = getComputedStyle(a);
                    const clips = ['hidden', 'clip'].includes(sa.overflowX) || ['hidden', 'clip'].includes(sa.overflowY);
                    // Vertically, glyphs may overhang a tight line box by a few pixels; a hidden line is far more.
                    if (clips && (a.scrollWidth > a.clientWidth + 1 || a.scrollHeight > a.clientHeight * 1.3 + 2)) {
                        problems.push('cut off by ' + name(a) + ': ' + name(e) + text);
                        break;
                    }
                }
            }
            return [...new Set(problems)];
        }
        """;

    [Fact]
    public async Task The_larger_text_setting_is_kept_per_person_and_per_browser_and_phone_pages_fit_at_200_percent_text()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var year = TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), Shanghai).Year;
        var campaignId = await EvaluationApiTests.CampaignIdAsync(App, staff, year);
        var code = (await EvaluationApiTests.IssueAsync(staff, campaignId, 1))[0];
        var unit = await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.UnitId!.Value).SingleAsync());
        var phoneOptions = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = "zh-CN" };

        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            // Anonymous: the switch on the sign-in page sets a cookie, and the public ballot page follows it.
            var anonymous = await browser.NewContextAsync(phoneOptions);
            var page = await anonymous.NewPageAsync();
            await page.GotoAsync(new Uri(App.BaseAddress, "/Account/Login").ToString());
            Assert.False(await IsLargeAsync(page));
            Assert.Equal("false", await page.GetAttributeAsync("#text-size-switch", "aria-pressed"));
            await page.ClickAsync("#text-size-switch");
            await page.WaitForURLAsync(url => url.EndsWith("/Account/Login", StringComparison.Ordinal));
            Assert.True(await IsLargeAsync(page));
            Assert.Equal("true", await page.GetAttributeAsync("#text-size-switch", "aria-pressed"));
            await page.GotoAsync(new Uri(App.BaseAddress, "/ballot").ToString());
            Assert.True(await IsLargeAsync(page));
            await anonymous.CloseAsync();

            // Signed in: the setting is stored on the account and follows the person to a fresh browser.
            var first = await browser.NewContextAsync(phoneOptions);
            page = await first.NewPageAsync();
            await BrowserSession.SignInAsync(page, App.BaseAddress, "leader1@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, "/"));
            Assert.False(await IsLargeAsync(page));
            await page.ClickAsync("#text-size-switch");
            await page.WaitForFunctionAsync($"() => document.documentElement.classList.contains('{TextSize.LargeClass}')");
            Assert.True(await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.LargeText).SingleAsync()));
            await first.CloseAsync();

            var second = await browser.NewContextAsync(phoneOptions);
            page = await second.NewPageAsync();
            await BrowserSession.SignInAsync(page, App.BaseAddress, "leader1@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, "/"));
            Assert.True(await IsLargeAsync(page));

            // 200 % text (the root font size doubled, as the phone's text-size setting does) on the phone pages.
            var problems = new List<string>();
            foreach (var path in new[] { "/", $"/units/{unit}/activities/new", "/notifications" })
            {
                await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, path));
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                problems.AddRange(await CutOffAt200PercentAsync(page, path));
            }

            await second.CloseAsync();

            var resident = await browser.NewContextAsync(phoneOptions);
            page = await resident.NewPageAsync();
            foreach (var path in new[] { "/Account/Login", "/ballot", $"/ballot?code={code}", "/verify" })
            {
                await page.GotoAsync(new Uri(App.BaseAddress, path).ToString());
                problems.AddRange(await CutOffAt200PercentAsync(page, path));
            }

            await resident.CloseAsync();
            Assert.True(problems.Count == 0, "At 200 % text on a 390 px phone:\n  " + string.Join("\n  ", problems));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private static Task<bool> IsLargeAsync(IPage page) =>
        page.EvaluateAsync<bool>($"() => document.documentElement.classList.contains('{TextSize.LargeClass}')");

    private static async Task<IEnumerable<string>> CutOffAt200PercentAsync(IPage page, string path)
    {
        await page.AddStyleTagAsync(new PageAddStyleTagOptions { Content = "html { font-size: 200% !important; }" });
        await page.WaitForTimeoutAsync(300);
        var found = await page.EvaluateAsync<string[]>(FindCutOffText);
        return found.Select(p => $"{path}: {p}");
    }
}
