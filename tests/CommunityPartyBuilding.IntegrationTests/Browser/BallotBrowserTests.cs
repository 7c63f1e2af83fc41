using CommunityPartyBuilding.IntegrationTests.Features.Evaluations;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

public class BallotBrowserTests(PortalApp app) : PortalTest(app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task A_resident_votes_on_a_390_pixel_phone_with_JavaScript_off_and_the_code_cannot_vote_again()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var year = TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), Shanghai).Year;
        var campaignId = await EvaluationApiTests.CampaignIdAsync(App, staff, year);
        var code = (await EvaluationApiTests.IssueAsync(staff, campaignId, 1))[0];
        var ballotsBefore = await App.QueryAsync(db => db.Ballots.CountAsync(b => b.CampaignId == Guid.Parse(campaignId)));

        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                JavaScriptEnabled = false,
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                IsMobile = true,
                HasTouch = true,
                Locale = "zh-CN",
            });
            var page = await context.NewPageAsync();

            // A mistyped code: a clear message, the form again.
            await page.GotoAsync(new Uri(App.BaseAddress, "/ballot").ToString());
            await page.FillAsync("#code", "ABCD-EFGH");
            await page.ClickAsync("#ballot-open");
            Assert.Contains("评议码不正确", await page.InnerTextAsync("#ballot-error"), StringComparison.Ordinal);

            // The code as printed on the card, typed in lower case.
            await page.FillAsync("#code", code.ToLowerInvariant());
            await page.ClickAsync("#ballot-open");
            await page.WaitForSelectorAsync("#ballot-form");
            Assert.Contains("群众评议", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

            // Submitting without rating anyone is refused and nothing is stored.
            await page.ClickAsync("#ballot-submit");
            Assert.Contains("请至少评价一个单位", await page.InnerTextAsync("#ballot-error"), StringComparison.Ordinal);

            var units = page.Locator("fieldset.ballot-unit");
            Assert.True(await units.CountAsync() >= 20);
            await units.Nth(0).Locator("input[value=Satisfied]").CheckAsync();
            await units.Nth(1).Locator("input[value=BasicallySatisfied]").CheckAsync();
            await units.Nth(2).Locator("input[value=Dissatisfied]").CheckAsync();
            await units.Nth(2).Locator("summary").ClickAsync();
            await units.Nth(2).Locator("textarea").FillAsync("承诺的场地开放没有落实。");
            await page.ClickAsync("#ballot-submit");
            await page.WaitForSelectorAsync("#ballot-done");
            Assert.Contains("评议已提交", await page.InnerTextAsync("#ballot-done"), StringComparison.Ordinal);

            // The same code again: used.
            await page.GotoAsync(new Uri(App.BaseAddress, $"/ballot?code={code}").ToString());
            Assert.Contains("已经使用过", await page.InnerTextAsync("#ballot-error"), StringComparison.Ordinal);
            await context.CloseAsync();
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }

        var campaign = Guid.Parse(campaignId);
        Assert.Equal(ballotsBefore + 1, await App.QueryAsync(db => db.Ballots.CountAsync(b => b.CampaignId == campaign)));
        var stored = await App.QueryAsync(db => db.Ballots.Where(b => b.CampaignId == campaign).OrderByDescending(b => b.CastAt)
            .SelectMany(b => b.Ratings).Where(r => r.Comment == "承诺的场地开放没有落实。").CountAsync());
        Assert.Equal(1, stored);
    }
}
