using CommunityPartyBuilding.IntegrationTests.Features.Evaluations;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Features.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>
/// WCAG 2.1.1 (keyboard) and 2.4.7 (focus visible): the main tasks done with Tab, typing, arrow keys and Enter only, no
/// mouse; every element that receives focus on the way must show it.
/// </summary>
public class KeyboardBrowserTests(PortalApp app) : PortalTest(app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task A_unit_leader_signs_in_and_logs_an_activity_and_a_resident_casts_a_ballot_with_the_keyboard_alone()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var year = TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), Shanghai).Year;
        var campaignId = Guid.Parse(await EvaluationApiTests.CampaignIdAsync(App, staff, year));
        var code = (await EvaluationApiTests.IssueAsync(staff, campaignId.ToString(), 1))[0];
        var ballotsBefore = await App.QueryAsync(db => db.Ballots.CountAsync(b => b.CampaignId == campaignId));

        var (playwright, browser) = await BrowserSession.LaunchAsync();
        var unfocused = new List<string>();
        try
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "zh-CN" });
            var page = await context.NewPageAsync();

            // Sign in: Tab to the e-mail field, type, Tab to the password, type, Enter.
            await page.GotoAsync(new Uri(App.BaseAddress, "/Account/Login").ToString());
            await TabToAsync(page, "#email", unfocused);
            await page.Keyboard.TypeAsync("leader1@example.org");
            await TabToAsync(page, "#password", unfocused);
            await page.Keyboard.TypeAsync(PortalApp.Password);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));

            // The unit leader's home: Tab to 登记活动 and press Enter.
            await page.WaitForSelectorAsync("#portal-interactive", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 90_000 });
            await page.WaitForSelectorAsync("#home-log-activity", new PageWaitForSelectorOptions { Timeout = 30_000 });
            await TabToAsync(page, "#home-log-activity", unfocused);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForSelectorAsync("#activity-save", new PageWaitForSelectorOptions { Timeout = 30_000 });

            // The form, field by field in focus order.
            await TabToAsync(page, "#activity-title", unfocused);
            await page.Keyboard.TypeAsync("键盘登记的志愿服务");
            await TabToAsync(page, "#activity-place", unfocused);
            await page.Keyboard.TypeAsync("东湖社区");
            await TabToAsync(page, "#activity-participants", unfocused);
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync("18");
            await TabToAsync(page, "#activity-save", unfocused);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(url => url.Contains("/edit?saved=true", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 30_000 });
            var activity = await App.QueryAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Title == "键盘登记的志愿服务"));
            Assert.Equal(ActivityStatus.Submitted, activity.Status);
            Assert.Equal(18, activity.Participants);
            Assert.Equal("东湖社区", activity.Place);
            await context.CloseAsync();

            // A resident on a phone: the code, one rating with an arrow key, submit with Enter.
            var phone = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, Locale = "zh-CN" });
            var ballot = await phone.NewPageAsync();
            await ballot.GotoAsync(new Uri(App.BaseAddress, "/ballot").ToString());
            await TabToAsync(ballot, "#code", unfocused);
            await ballot.Keyboard.TypeAsync(code);
            await ballot.Keyboard.PressAsync("Enter");
            await ballot.WaitForSelectorAsync("#ballot-form");
            await TabToAsync(ballot, "fieldset.ballot-unit input[type=radio]", unfocused);
            // Tab lands on the group's checked radio (未评价, the last); the arrow key moves on to the first, 满意, and checks it.
            await ballot.Keyboard.PressAsync("ArrowRight");
            Assert.Equal("Satisfied", await ballot.EvaluateAsync<string>("() => document.activeElement.checked ? document.activeElement.value : ''"));
            await TabToAsync(ballot, "#ballot-submit", unfocused, limit: 400);
            await ballot.Keyboard.PressAsync("Enter");
            await ballot.WaitForSelectorAsync("#ballot-done");
            await phone.CloseAsync();
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }

        Assert.Equal(ballotsBefore + 1, await App.QueryAsync(db => db.Ballots.CountAsync(b => b.CampaignId == campaignId)));
        Assert.True(unfocused.Count == 0, "Focus was not visible on:\n  " + string.Join("\n  ", unfocused.Distinct()));
    }

    /// <summary>Presses Tab until the focused element is (or is inside) <paramref name="selector"/>; records any stop without a visible focus indicator.</summary>
    private static async Task TabToAsync(IPage page, string selector, List<string> unfocused, int limit = 80)
    {
        for (var i = 0; i < limit; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var state = await page.EvaluateAsync<string[]>(
                """
                (selector) => {
                    const e = document.activeElement;
                    if (!e || e === document.body) return ['', ''];
                    const s = getComputedStyle(e);
                    const r = e.getBoundingClientRect();
                    const visible = r.width > 0 && r.height > 0
                        && ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none'));
                    const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.getAttribute('aria-label') ? '[' + e.getAttribute('aria-label') + ']' : '')
                        + ' “' + (e.innerText || e.value || '').trim().slice(0, 30) + '”';
                    return [e.matches(selector) || e.closest(selector) ? 'here' : '', visible ? '' : name];
                }
                """, selector);
            if (state[1].Length > 0)
            {
                unfocused.Add($"{new Uri(page.Url).AbsolutePath}: {state[1]}");
            }

            if (state[0] == "here")
            {
                return;
            }
        }

        Assert.Fail($"{limit} presses of Tab on {page.Url} never reached {selector}.");
    }
}
