using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Features.Evaluations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

public class EvaluationBrowserTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task Staff_issue_codes_see_their_cards_and_enter_a_paper_ballot_with_the_keyboard()
    {
        var year = TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Year;
        var campaign = await App.QueryAsync(db => db.EvaluationCampaigns.SingleAsync(c => c.Year == year));
        var units = await App.QueryAsync(db => db.CampaignUnits.Where(u => u.CampaignId == campaign.Id).OrderBy(u => u.SortOrder).Select(u => u.UnitId).ToListAsync());
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
            await BrowserSession.SignInAsync(page, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/evaluations/{campaign.Id}"));
            Assert.Equal("24", await page.InnerTextAsync("#turnout-total"));

            // Five codes, shown once, each stored only as its hash.
            await page.FillAsync("#code-count", "5");
            await page.ClickAsync("#codes-issue");
            await page.WaitForSelectorAsync(".issued-code");
            var codes = await page.Locator(".issued-code").AllInnerTextsAsync();
            Assert.Equal(5, codes.Count);
            Assert.All(codes, c => Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", c));
            Assert.Contains("只显示这一次", await page.InnerTextAsync("#campaign-codes"), StringComparison.Ordinal);
            var hashes = codes.Select(c => BallotCodes.Hash(BallotCodes.Normalise(c)!)).ToList();
            Assert.Equal(5, await App.QueryAsync(db => db.BallotCodes.CountAsync(b => b.CampaignId == campaign.Id && hashes.Contains(b.CodeHash))));
            await page.WaitForFunctionAsync("() => document.querySelector('#turnout-issued').innerText === '55'");

            // The printable cards: one per code, with the ballot address and a QR code of it with the code.
            await page.ClickAsync(".cards-open");
            await page.WaitForSelectorAsync(".ballot-card");
            Assert.Equal(5, await page.Locator(".ballot-card").CountAsync());
            Assert.Equal(5, await page.Locator(".ballot-card .qr svg").CountAsync());
            var card = await page.InnerTextAsync(".ballot-card >> nth=0");
            Assert.Contains(codes[0], card, StringComparison.Ordinal);
            Assert.Contains($"东湖街道{year}年度群众评议", card, StringComparison.Ordinal);
            Assert.Contains(new Uri(App.BaseAddress, "/ballot").ToString(), card, StringComparison.Ordinal);
            await page.ClickAsync("#cards-back");
            await page.WaitForSelectorAsync("#campaign-turnout");

            // One paper sheet typed in: number, Enter, then a digit per unit (moving on by itself), Ctrl+Enter saves.
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/evaluations/{campaign.Id}/paper"));
            await page.WaitForSelectorAsync("#paper-grid[data-paper-attached]");
            await page.FocusAsync("#paper-serial");
            await page.Keyboard.TypeAsync("P001");
            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.TypeAsync("12x3");
            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.TypeAsync("1");
            Assert.Equal(new[] { "1", "2", "3", "", "1" }, await page.Locator("input[data-rating]").EvaluateAllAsync<string[]>("els => els.slice(0, 5).map(e => e.value)"));
            await page.Keyboard.PressAsync("Control+Enter");
            await page.WaitForFunctionAsync("() => document.querySelector('#paper-counter').innerText.includes('本次已录入 1 张')");

            // The grid is cleared for the next sheet, whose number is suggested.
            Assert.Equal("P002", await page.InputValueAsync("#paper-serial"));
            Assert.Equal("paper-serial", await page.EvaluateAsync<string>("() => document.activeElement.id"));
            Assert.All(await page.Locator("input[data-rating]").EvaluateAllAsync<string[]>("els => els.map(e => e.value)"), v => Assert.Equal("", v));

            var ballot = await App.QueryAsync(db => db.Ballots.Include(b => b.Ratings).SingleAsync(b => b.CampaignId == campaign.Id && b.PaperSerial == "P001"));
            Assert.Equal(BallotChannel.Paper, ballot.Channel);
            var ratings = ballot.Ratings.ToDictionary(r => r.UnitId, r => r.Rating);
            Assert.Equal(4, ratings.Count);
            Assert.Equal(Rating.Satisfied, ratings[units[0]]);
            Assert.Equal(Rating.BasicallySatisfied, ratings[units[1]]);
            Assert.Equal(Rating.Dissatisfied, ratings[units[2]]);
            Assert.False(ratings.ContainsKey(units[3]));
            Assert.Equal(Rating.Satisfied, ratings[units[4]]);

            // The same sheet number again is refused, and what was typed stays.
            await page.Keyboard.PressAsync("Control+a");
            await page.Keyboard.TypeAsync("P001");
            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.TypeAsync("2");
            await page.Keyboard.PressAsync("Control+Enter");
            await page.WaitForSelectorAsync("#paper-error");
            Assert.Contains("P001", await page.InnerTextAsync("#paper-error"), StringComparison.Ordinal);
            Assert.Equal("2", await page.InputValueAsync("#rating-0"));

            // The turnout counts the paper ballot.
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/evaluations/{campaign.Id}"));
            Assert.Equal("1", await page.InnerTextAsync("#turnout-paper"));
            Assert.Equal("25", await page.InnerTextAsync("#turnout-total"));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
