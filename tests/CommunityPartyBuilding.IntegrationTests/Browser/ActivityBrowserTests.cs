using System.Net;
using System.Net.Http.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkiaSharp;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

public class ActivityBrowserTests(PortalApp app) : PortalTest(app)
{
    private const string Procuratorate = "东湖区人民检察院";
    private const string AgreementTitle = "检察院法治宣传共建协议";

    [Fact]
    public async Task Staff_return_an_activity_only_with_a_reason_and_the_reason_shows()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var activityId = await App.QueryAsync(db => db.Activities
            .Where(a => a.StreetId == donghu && a.Status == ActivityStatus.Submitted).OrderBy(a => a.Title).Select(a => a.Id).FirstAsync());
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            page.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(page, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/activities/{activityId}"));
            await page.WaitForSelectorAsync("#activity-return");

            // No reason: the field says what is missing, nothing changes.
            await page.ClickAsync("#activity-return");
            await page.Locator(".mud-input-control:has(#activity-reason) .mud-input-helper-text.mud-input-error", new PageLocatorOptions { HasText = "请填写退回原因" }).WaitForAsync();
            Assert.Equal(ActivityStatus.Submitted, await App.QueryAsync(db => db.Activities.Where(a => a.Id == activityId).Select(a => a.Status).SingleAsync()));

            // With a reason: returned, and the page shows why.
            await page.FillAsync("#activity-reason", "照片与活动内容不符，请补充现场照片。");
            await page.PressAsync("#activity-reason", "Tab");
            await page.ClickAsync("#activity-return");
            await page.Locator("#activity-return-reason", new PageLocatorOptions { HasText = "照片与活动内容不符" }).WaitForAsync();
            var saved = await App.QueryAsync(db => db.Activities.SingleAsync(a => a.Id == activityId));
            Assert.Equal((ActivityStatus.Returned, "照片与活动内容不符，请补充现场照片。"), (saved.Status, saved.ReturnReason));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task A_unit_leader_logs_an_activity_with_a_photo_on_a_phone_staff_verify_it_and_the_commitment_progress_rises()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var unitId = await App.QueryAsync(db => db.MemberUnits.Where(u => u.Name == Procuratorate).Select(u => u.Id).SingleAsync());
        var agreementId = await CreateActiveAgreementAsync(donghu, unitId);

        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            // The unit leader, on a phone.
            var phone = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
            await BrowserSession.SignInAsync(phone, App.BaseAddress, "leader1@example.org", PortalApp.Password);
            await phone.GotoAsync(new Uri(App.BaseAddress, "/").ToString());
            // The first page of a run can be slow while the app warms up.
            await phone.WaitForSelectorAsync("#home-log-activity", new PageWaitForSelectorOptions { Timeout = 90_000 });
            await BrowserSession.ClickUntilAsync(phone, "#home-log-activity", "#activity-save");
            Assert.EndsWith($"/units/{unitId}/activities/new", phone.Url, StringComparison.Ordinal);

            // One column: the form is no wider than the screen.
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

            await BrowserSession.ClickUntilAsync(phone, "#activity-commitment", ".mud-popover-open .mud-list-item");
            await phone.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = AgreementTitle }).First.ClickAsync();
            await phone.FillAsync("#activity-title", "“法治进社区”普法讲座");
            await phone.FillAsync("#activity-place", "东湖社区党群服务中心");
            await phone.FillAsync("#activity-participants", "35");
            await phone.FillAsync("#activity-party-members", "12");
            await phone.FillAsync("#activity-beneficiaries", "30");
            await phone.FillAsync("#activity-description", "检察官为居民讲解防范电信诈骗知识。");
            await phone.ClickAsync("#activity-save");
            await phone.WaitForURLAsync(url => url.Contains("/edit?saved=true", StringComparison.Ordinal));
            await phone.WaitForSelectorAsync("#activity-photos");

            var activity = await App.QueryAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Title == "“法治进社区”普法讲座"));
            Assert.Equal(ActivityStatus.Submitted, activity.Status);
            Assert.NotNull(activity.CommitmentId);
            Assert.Equal(35, activity.Participants);

            await phone.SetInputFilesAsync("#activity-photos input[type=file]", new FilePayload { Name = "讲座现场.png", MimeType = "image/png", Buffer = Png(320, 240) });
            var thumbnail = phone.Locator("#activity-photos .photo-tile img");
            await thumbnail.First.WaitForAsync();
            await phone.WaitForFunctionAsync("() => { const i = document.querySelector('#activity-photos .photo-tile img'); return i && i.complete && i.naturalWidth > 0; }");
            Assert.Equal(1, await App.QueryAsync(db => db.ActivityPhotos.CountAsync(p => p.ActivityId == activity.Id)));

            // Staff see the commitment at 0 of 4, verify the activity, and see it at 1 of 4.
            var desk = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            await BrowserSession.SignInAsync(desk, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);
            await desk.GotoAsync(new Uri(App.BaseAddress, $"/agreements/{agreementId}").ToString());
            var numbers = desk.Locator(".commitment-numbers").First;
            await numbers.WaitForAsync();
            Assert.Contains("0 / 目标 4", await numbers.InnerTextAsync(), StringComparison.Ordinal);

            await desk.GotoAsync(new Uri(App.BaseAddress, $"/activities/{activity.Id}").ToString());
            await desk.Locator("#activity-photos, .photo-tile img").First.WaitForAsync();
            await BrowserSession.ClickUntilAsync(desk, "#activity-verify", "#activity-status:has-text('已核实')");
            Assert.Equal(ActivityStatus.Verified, await App.QueryAsync(db => db.Activities.Where(a => a.Id == activity.Id).Select(a => a.Status).SingleAsync()));

            await desk.GotoAsync(new Uri(App.BaseAddress, $"/agreements/{agreementId}").ToString());
            numbers = desk.Locator(".commitment-numbers").First;
            await numbers.WaitForAsync();
            var text = await numbers.InnerTextAsync();
            Assert.Contains("1 / 目标 4", text, StringComparison.Ordinal);
            Assert.Contains("25%", text, StringComparison.Ordinal);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private async Task<Guid> CreateActiveAgreementAsync(Guid streetId, Guid unitId)
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var today = App.Services.GetRequiredService<BusinessCalendar>().Today;
        var response = await staff.PostAsJsonAsync($"/api/v1/streets/{streetId}/agreements", new
        {
            unitId,
            title = AgreementTitle,
            signedOn = today.AddDays(-20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            validFrom = today.AddDays(-20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            validTo = today.AddDays(345).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            status = "active",
            commitments = new[]
            {
                new { category = "publicSafety", contributionType = "personnel", description = "每季度开展一次普法宣传", measure = "activities", target = 4 },
            },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<CreatedAgreement>();
        return body!.Id;
    }

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xC6, 0x28, 0x28));
            using var paint = new SKPaint { Color = SKColors.Gold };
            canvas.DrawCircle(width / 2f, height / 2f, height / 3f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private sealed record CreatedAgreement(Guid Id);
}
