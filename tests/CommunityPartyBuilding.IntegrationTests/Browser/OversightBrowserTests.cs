using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Dashboard;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Notifications;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

public class OversightBrowserTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task The_organisation_department_sorts_its_streets_by_mean_score_drills_into_one_and_downloads_its_report()
    {
        // 测试街道's 2025 campaign is finalised with a mean of 75.8; give 东湖 one with 87.0; 西城 has none.
        var fixture = await DashboardFixture.CreateAsync(App);
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        await App.QueryAsync(async db =>
        {
            // The demo's own campaign of that year (if the demo's last year is 2025) makes way for this one.
            var existing = await db.EvaluationCampaigns.Where(c => c.StreetId == donghu && c.Year == 2025).Select(c => c.Id).ToListAsync();
            await db.UnitAssessments.Where(a => existing.Contains(a.CampaignId)).ExecuteDeleteAsync();
            await db.EvaluationCampaigns.Where(c => existing.Contains(c.Id)).ExecuteDeleteAsync();
            var campaign = new EvaluationCampaign
            {
                StreetId = donghu, Year = 2025, Status = EvaluationStatus.Published, CreatedAt = App.Clock.GetUtcNow(),
                BallotOpensAt = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), BallotClosesAt = new DateTimeOffset(2025, 12, 20, 0, 0, 0, TimeSpan.Zero),
            };
            db.EvaluationCampaigns.Add(campaign);
            var units = await db.MemberUnits.Where(u => u.StreetId == donghu).OrderBy(u => u.JoinedOn).Take(2).ToListAsync();
            db.UnitAssessments.AddRange(units.Select((u, i) => new UnitAssessment
            {
                CampaignId = campaign.Id, StreetId = donghu, UnitId = u.Id, UnitName = u.Name, Category = u.Category, Total = i == 0 ? 88m : 86m, Grade = Grade.Good,
            }));
            return await db.SaveChangesAsync();
        });

        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            await BrowserSession.SignInAsync(page, App.BaseAddress, "orgdept@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, "/oversight?year=2025"));
            await page.WaitForSelectorAsync("#oversight-table .street-link");
            Assert.Equal(["东湖街道", "测试街道", "西城街道"], (await StreetOrderAsync(page)).Order(StringComparer.Ordinal));

            // Sort by mean score: ascending (no score first), then descending.
            await page.ClickAsync("#sort-mean-score");
            await page.WaitForFunctionAsync("() => document.querySelector('#oversight-table .street-link').innerText === '西城街道'");
            Assert.Equal(["西城街道", "测试街道", "东湖街道"], await StreetOrderAsync(page));
            await page.ClickAsync("#sort-mean-score");
            await page.WaitForFunctionAsync("() => document.querySelector('#oversight-table .street-link').innerText === '东湖街道'");
            Assert.Equal(["东湖街道", "测试街道", "西城街道"], await StreetOrderAsync(page));
            Assert.Equal(["87.0", "75.8", "—"], (await page.Locator("#oversight-table td.mean-score").AllInnerTextsAsync()).Select(t => t.Trim()));

            // The report link of 测试街道 points at the PDF route of its campaign.
            var row = page.Locator("#oversight-table tbody tr", new PageLocatorOptions { HasText = DashboardFixture.StreetName });
            // The grade counts say which grade each number is (优秀 1 良好 1 一般 0 较差 1), not a bare "1/1/0/1".
            var grades = System.Text.RegularExpressions.Regex.Replace(await row.Locator("td.grade-counts").InnerTextAsync(), @"\s+", " ").Trim();
            Assert.Equal("优秀 1 良好 1 一般 0 较差 1", grades);
            var reportHref = await row.Locator("a.report-link").GetAttributeAsync("href");
            Assert.Equal($"/api/v1/evaluations/{fixture.Campaign2025}/report.pdf", reportHref);

            // Drill into the street: its dashboard for that year, read-only.
            await row.Locator("a.street-link").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains($"/streets/{fixture.StreetId}/dashboard?year=2025", StringComparison.Ordinal));
            await page.WaitForSelectorAsync("#dashboard-street");
            Assert.Equal(DashboardFixture.StreetName, (await page.InnerTextAsync("#dashboard-street")).Trim());
            Assert.True(await page.IsVisibleAsync("#dashboard-readonly"));
            Assert.Contains("4", await page.InnerTextAsync("#figure-units .figure-value"), StringComparison.Ordinal);
            Assert.Contains("75.8", await page.InnerTextAsync("#figure-evaluation"), StringComparison.Ordinal);

            // The street's other pages offer no way to change anything.
            foreach (var (path, createButton) in new[] { ("units", "#unit-new"), ("agreements", "#agreement-new"), ("meetings", "#meeting-new") })
            {
                await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/streets/{fixture.StreetId}/{path}"));
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                Assert.Equal(0, await page.Locator(createButton).CountAsync());
            }

            // Download 东湖's published report with the browser's session: an issued PDF. (测试街道's campaign is finalised
            // but not published, so its report is not the department's yet: 409, never a server error.)
            var donghuCampaign = await App.QueryAsync(db => db.EvaluationCampaigns.Where(c => c.StreetId == donghu && c.Year == 2025).Select(c => c.Id).SingleAsync());
            var report = await page.APIRequest.GetAsync(new Uri(App.BaseAddress, $"/api/v1/evaluations/{donghuCampaign}/report.pdf").ToString());
            Assert.Equal(200, report.Status);
            Assert.StartsWith("application/pdf", report.Headers["content-type"], StringComparison.Ordinal);
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await report.BodyAsync())[..4]));
            Assert.Equal(409, (await page.APIRequest.GetAsync(new Uri(App.BaseAddress, reportHref!).ToString())).Status);

            // The ZIP of all reports holds the reports the department may have.
            var zip = await page.APIRequest.GetAsync(new Uri(App.BaseAddress, $"/api/v1/organisation-departments/{fixture.DepartmentId}/reports.zip?year=2025").ToString());
            Assert.Equal(200, zip.Status);
            using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(await zip.BodyAsync()));
            Assert.Single(archive.Entries);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task A_unit_leader_opens_the_bell_follows_a_reminder_and_it_is_marked_read()
    {
        var fixture = await DashboardFixture.CreateAsync(App);
        using (var admin = await App.ApiAsAsync("admin@example.org"))
        {
            var created = await admin.PostAsJsonAsync("/api/v1/users", new
            {
                email = "leader.bell@example.org", displayName = "测试负责人", role = "unitLeader", streetId = fixture.StreetId,
                unitId = fixture.Units["U1"], password = PortalApp.Password, mustChangePassword = false,
            });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderPass>().RunAsync();
        }

        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
            await BrowserSession.SignInAsync(page, App.BaseAddress, "leader.bell@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, "/"));
            Assert.Equal("2", (await page.InnerTextAsync("#notification-badge .mud-badge")).Trim());

            await BrowserSession.ClickUntilAsync(page, "#notification-bell button", ".notification-item");
            var r3 = page.Locator(".notification-item", new PageLocatorOptions { HasText = "测试决议R3" });
            Assert.Contains("已超过完成期限（2026年5月31日）", await r3.InnerTextAsync(), StringComparison.Ordinal);
            await r3.ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith($"/resolutions/{fixture.Resolutions["R3"]}", StringComparison.Ordinal));
            await page.WaitForFunctionAsync("() => document.querySelector('#notification-badge .mud-badge')?.innerText.trim() === '1'");
            Assert.Equal(1, await App.QueryAsync(db => db.Notifications.CountAsync(n => n.ReadAt == null && db.Users.Any(u => u.Id == n.RecipientUserId && u.Email == "leader.bell@example.org"))));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private static async Task<List<string>> StreetOrderAsync(IPage page) =>
        (await page.Locator("#oversight-table .street-link").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
}
