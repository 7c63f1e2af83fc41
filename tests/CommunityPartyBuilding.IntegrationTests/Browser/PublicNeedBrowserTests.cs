using System.Text.RegularExpressions;
using CommunityPartyBuilding.IntegrationTests.Features.Needs;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>
/// A resident on a phone with JavaScript off: from the public notice to the need form, the tracking code and its QR
/// code, the tracking page, and the rating once the need is done; nothing scrolls sideways at 390 px.
/// </summary>
public partial class PublicNeedBrowserTests(PortalApp app) : PortalTest(app)
{
    private const string OverflowScript = """
        () => {
            const found = [];
            const doc = document.documentElement;
            if (doc.scrollWidth > window.innerWidth + 1) found.push(`page ${doc.scrollWidth}px`);
            for (const el of document.querySelectorAll('main, form, fieldset, .need-steps, .need-code-box, .notice-item')) {
                if (el.offsetParent === null) continue;
                if (el.scrollWidth > el.clientWidth + 1) {
                    found.push(`${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join('.')} ${el.scrollWidth}px in ${el.clientWidth}px`);
                }
            }
            return found;
        }
        """;

    [Fact]
    public async Task A_resident_submits_a_wish_on_a_phone_without_javascript_keeps_the_code_and_rates_the_service()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                IsMobile = true,
                HasTouch = true,
                JavaScriptEnabled = false,
                Locale = "zh-CN",
            });
            var page = await context.NewPageAsync();
            page.SetDefaultNavigationTimeout(90_000);
            var problems = new List<string>();
            async Task CheckAsync(string name)
            {
                problems.AddRange((await page.EvaluateAsync<string[]>(OverflowScript)).Select(f => $"{name}: {f}"));
                if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is { Length: > 0 } folder)
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"public-need-{name}-phone.png") });
                }
            }

            // From the notice, the prominent link.
            await page.GotoAsync(new Uri(App.BaseAddress, $"/public/streets/{donghu}").ToString());
            await page.TapAsync("#notice-submit-need");
            await page.WaitForSelectorAsync("#need-title");
            Assert.EndsWith($"/public/streets/{donghu}/needs/new", page.Url, StringComparison.Ordinal);

            // The form, filled as a resident does; the answer comes from the question on the page.
            await page.CheckAsync("input[name=kind][value=Wish]");
            await page.SelectOptionAsync("#need-community", new SelectOptionValue { Label = "东湖社区" });
            await page.SelectOptionAsync("#need-category", new SelectOptionValue { Label = "便民服务" });
            await page.FillAsync("#need-title-input", "想请人帮忙把旧衣柜搬下楼");
            await page.FillAsync("#need-description", "住5楼，没有电梯，周六上午家里有人。");
            await page.FillAsync("#need-contact-name", "何秀兰");
            await page.FillAsync("#need-contact-phone", "139 0571 2233");
            var question = Question().Match(await page.InnerTextAsync("label[for=need-answer]"));
            Assert.True(question.Success);
            await page.FillAsync("#need-answer", (int.Parse(question.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                + int.Parse(question.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var honeypot = await page.Locator(".need-hp").BoundingBoxAsync();
            Assert.True(honeypot is null || honeypot.X + honeypot.Width <= 0, "the field for bots is off-screen");
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await CheckAsync("submit");

            await page.TapAsync("#need-submit");
            await page.WaitForSelectorAsync("#need-code");
            var code = (await page.InnerTextAsync("#need-code")).Trim();
            Assert.Matches("^[2-9A-Z]{5}-[2-9A-Z]{5}$", code);
            var qr = await page.Locator(".need-qr-image svg").BoundingBoxAsync();
            Assert.True(qr is { Width: >= 150 } && qr.X >= 0 && qr.X + qr.Width <= 390, $"QR code at {qr?.X} width {qr?.Width}");
            await CheckAsync("submitted");

            // The tracking page, awaiting review.
            await page.TapAsync("#need-track-link");
            await page.WaitForSelectorAsync("#need-steps");
            Assert.Contains("待审核", await page.InnerTextAsync("#need-status"), StringComparison.Ordinal);

            // Published, claimed, done: the resident rates it once.
            var need = await App.QueryAsync(db => db.Needs.Where(n => n.Title == "想请人帮忙把旧衣柜搬下楼").Select(n => n.Id).SingleAsync());
            await PublicNeedTestData.DoneAsync(App, need);
            await page.ReloadAsync();
            Assert.Contains("东湖区人民检察院", await page.InnerTextAsync("#need-claimer"), StringComparison.Ordinal);
            await CheckAsync("track");
            await page.CheckAsync("input[name=rating][value=Satisfied]");
            await page.FillAsync("#need-comment", "党员志愿者很热心，谢谢！");
            await page.TapAsync("#need-rate-submit");
            await page.WaitForSelectorAsync("#need-rated-thanks");
            Assert.Contains("满意", await page.InnerTextAsync("#need-rating"), StringComparison.Ordinal);
            await CheckAsync("rated");

            // The notice lists it, rated, without the resident's name or phone.
            await page.GotoAsync(new Uri(App.BaseAddress, $"/public/streets/{donghu}#notice-needs").ToString());
            var notice = await page.InnerTextAsync("section:has(#notice-needs)");
            Assert.Contains("想请人帮忙把旧衣柜搬下楼", notice, StringComparison.Ordinal);
            Assert.DoesNotContain("何秀兰", await page.ContentAsync(), StringComparison.Ordinal);
            await CheckAsync("notice");

            Assert.True(problems.Count == 0, "Overflow at 390 px:\n" + string.Join("\n", problems));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    [GeneratedRegex(@"(\d) 加 (\d) 等于几")]
    private static partial Regex Question();
}
