using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

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

    [Fact]
    public async Task Staff_upload_a_unit_sheet_too_large_then_with_a_bad_row_then_good_and_the_page_answers_each()
    {
        const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var before = await App.UnitCountAsync(donghu);
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, AcceptDownloads = true });
            await BrowserSession.SignInAsync(page, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/streets/{donghu}/units/import"));

            // Over the size limit: refused in the page before anything is read.
            var tooLarge = new byte[(int)UnitSheet.MaxFileBytes + 1];
            await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "太大.xlsx", MimeType = XlsxType, Buffer = tooLarge });
            await page.Locator("#import-file-error").WaitForAsync();
            Assert.Contains("文件超过5MB", await page.InnerTextAsync("#import-file-error"), StringComparison.Ordinal);

            // A bad row: nothing stored, the row listed, and the list offered as a sheet.
            var bad = Xlsx(Row("浏览器导入好单位", Code("91330102MA2000021")), Row("浏览器导入坏单位", Code("91330102MA2000022")).With((UnitSheet.Phone, "12345")));
            await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "成员单位.xlsx", MimeType = XlsxType, Buffer = bad });
            await page.Locator("#import-errors").WaitForAsync();
            Assert.Equal(0, await page.Locator("#import-file-error").CountAsync());
            var errorRow = page.Locator("table tbody tr", new PageLocatorOptions { HasText = UnitSheet.Phone });
            Assert.Equal("3", (await errorRow.First.Locator("td").First.InnerTextAsync()).Trim());
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("button", new PageLocatorOptions { HasText = "下载错误清单" }).ClickAsync());
            Assert.Equal("导入错误报告.xlsx", download.SuggestedFilename);
            var reportPath = await download.PathAsync();
            var report = ReadXlsx(await File.ReadAllBytesAsync(reportPath));
            Assert.Equal((3d, UnitSheet.Phone), (Convert.ToDouble(report.Single()["行号"], System.Globalization.CultureInfo.InvariantCulture), (string?)report.Single()["列"]));
            Assert.Equal(before, await App.UnitCountAsync(donghu));

            // Fixed: both rows stored, the count shown, and the error list gone.
            var good = Xlsx(Row("浏览器导入好单位", Code("91330102MA2000021")), Row("浏览器导入坏单位", Code("91330102MA2000022")));
            await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "成员单位.xlsx", MimeType = XlsxType, Buffer = good });
            await page.Locator("#import-success").WaitForAsync();
            Assert.Contains("2", await page.InnerTextAsync("#import-success"), StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("#import-errors").CountAsync());
            Assert.Equal(before + 2, await App.UnitCountAsync(donghu));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
