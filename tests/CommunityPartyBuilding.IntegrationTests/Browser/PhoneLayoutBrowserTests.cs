using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>Issue 15, item 3: every page a unit leader or a resident opens reads at 390 px without sideways scrolling.</summary>
public class PhoneLayoutBrowserTests(PortalApp app) : PortalTest(app)
{
    /// <summary>
    /// Elements wider than their box: the page itself, and any table or scroll container (a table may scroll inside
    /// its card while the page does not, which hides the columns on the right just the same).
    /// </summary>
    private const string OverflowScript = """
        () => {
            const found = [];
            const doc = document.documentElement;
            if (doc.scrollWidth > window.innerWidth + 1) found.push(`page ${doc.scrollWidth}px`);
            for (const el of document.querySelectorAll('table, .mud-table-container, .mud-paper, .mud-card, main')) {
                if (el.offsetParent === null) continue;
                if (el.scrollWidth > el.clientWidth + 1) {
                    found.push(`${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join('.')} ${el.scrollWidth}px in ${el.clientWidth}px`);
                }
            }
            return found;
        }
        """;

    [Fact]
    public async Task A_unit_leaders_pages_have_no_sideways_overflow_at_390_pixels()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var ids = await App.QueryAsync(async db =>
        {
            var unitId = await db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.UnitId!.Value).SingleAsync();
            return new
            {
                Unit = unitId,
                Meeting = await db.MeetingAttendances.Where(a => a.UnitId == unitId).Select(a => a.MeetingId).FirstAsync(),
                Resolution = await db.Resolutions.Where(r => r.LeadUnitId == unitId).Select(r => r.Id).FirstOrDefaultAsync(),
                Activity = await db.Activities.Where(a => a.UnitId == unitId).Select(a => a.Id).FirstAsync(),
                Agreement = await db.Agreements.Where(a => a.UnitId == unitId).Select(a => a.Id).FirstAsync(),
            };
        });

        var pages = new List<string>
        {
            "/",
            $"/units/{ids.Unit}",
            $"/streets/{donghu}/committee",
            $"/streets/{donghu}/activities",
            $"/streets/{donghu}/meetings",
            $"/streets/{donghu}/resolutions",
            $"/meetings/{ids.Meeting}",
            $"/activities/{ids.Activity}",
            $"/agreements/{ids.Agreement}",
            $"/units/{ids.Unit}/activities/new",
            "/notifications",
        };
        if (ids.Resolution != Guid.Empty)
        {
            pages.Add($"/resolutions/{ids.Resolution}");
        }

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
            var problems = new List<string>();
            foreach (var path in pages)
            {
                await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, path));
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await page.WaitForTimeoutAsync(300);
                var found = await page.EvaluateAsync<string[]>(OverflowScript);
                problems.AddRange(found.Select(f => $"{path}: {f}"));
            }

            // The 年度考核 table shows its grade and feedback sheet without scrolling.
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/units/{ids.Unit}"));
            if (await page.Locator(".unit-evaluation-row").CountAsync() > 0)
            {
                Assert.True(await page.Locator(".unit-evaluation-row .feedback-pdf").First.IsVisibleAsync());
                var box = await page.Locator(".unit-evaluation-row .feedback-pdf").First.BoundingBoxAsync();
                Assert.True(box!.X + box.Width <= 390, $"The feedback sheet link ends at {box.X + box.Width}px.");
            }

            // The committee roster writes each name on one line (not 王/建/华).
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/streets/{donghu}/committee"));
            var name = page.Locator(".members-table td.person-name").First;
            var nameBox = await name.BoundingBoxAsync();
            var lineHeight = await name.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).lineHeight) || 24");
            Assert.True(nameBox!.Height < lineHeight * 2 + 8, $"A member's name takes {nameBox.Height}px in height.");

            Assert.True(problems.Count == 0, "Overflow at 390 px:\n" + string.Join("\n", problems));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task The_public_notice_reads_on_a_phone_without_javascript_and_without_sideways_overflow()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            // A resident's phone with JavaScript off: the page is static and complete.
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                IsMobile = true,
                HasTouch = true,
                JavaScriptEnabled = false,
            });
            var page = await context.NewPageAsync();
            page.SetDefaultNavigationTimeout(90_000);
            await page.GotoAsync(new Uri(App.BaseAddress, $"/public/streets/{donghu}").ToString());
            Assert.Equal("东湖街道 · 共建公示", (await page.InnerTextAsync("#notice-title")).Trim());
            Assert.True(await page.Locator("#notice-resolutions ~ article, section:has(#notice-resolutions) article").CountAsync() > 0);
            Assert.True(await page.Locator("section:has(#notice-agreements) .notice-commitments li").CountAsync() > 0);
            Assert.True(await page.Locator("section:has(#notice-grades) .notice-grade").CountAsync() > 0);

            // The jump links work by tapping (plain anchors).
            await page.TapAsync("nav.notice-jump a[href$='#notice-grades']");
            Assert.EndsWith($"/public/streets/{donghu}#notice-grades", page.Url, StringComparison.Ordinal);

            var found = await page.EvaluateAsync<string[]>(OverflowScript);
            Assert.True(found.Length == 0, "Overflow at 390 px:\n" + string.Join("\n", found));
            if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is { Length: > 0 } folder)
            {
                await page.EvaluateAsync("() => window.scrollTo(0, 0)");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "phone-public-notice.png") });
            }
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
