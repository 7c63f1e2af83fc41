using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Browser;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static CommunityPartyBuilding.IntegrationTests.Features.Members.ServiceTestMembers;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>
/// On a 390 px phone: a member claims a post, checks in with the post's code, and the community confirms the record at the
/// desk (1440 px), where it also registers a member from the filled-in import template on /members.
/// </summary>
public class PostBrowserTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task A_member_claims_a_post_and_checks_in_with_its_code_on_a_phone_and_the_community_confirms_the_record()
    {
        // Early afternoon of today, so that the service from 08:00 to 09:30 lies in the past whenever the suite runs.
        App.SetToday(App.Clock.Today, 14);
        var member = await CreateAsync(App, "phone.member@example.org", name: "手机党员");
        using var staffApi = await App.ApiAsAsync("community.donghu@example.org");
        var postId = await CreatePostAsync(staffApi, member.CommunityId, Post("楼道环境巡查（手机测试）", 2));
        var code = (await staffApi.GetFromJsonAsync<JsonElement>($"/api/v1/posts/{postId}/check-in-code")).GetProperty("code").GetString()!;
        var folder = Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS");
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var phone = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
            phone.SetDefaultNavigationTimeout(90_000);
            phone.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(phone, App.BaseAddress, member.Email, PortalApp.Password);

            // My posts: claim the new post.
            await BrowserSession.GotoInteractiveAsync(phone, new Uri(App.BaseAddress, "/m/posts"));
            var card = phone.Locator($"#post-{postId}");
            await card.WaitForAsync();
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "my posts scroll sideways at 390 px");
            await BrowserSession.ClickUntilAsync(phone, $"#post-{postId} .post-claim", $"#post-{postId} .post-release");
            Assert.Equal((2, 1), await PlacesAsync(App, postId));
            if (folder is { Length: > 0 })
            {
                await phone.EvaluateAsync("() => window.scrollTo(0, 0)");
                await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "phone-member-posts.png") });
            }

            // Scanning the poster opens the check-in form, prefilled for today.
            await BrowserSession.GotoInteractiveAsync(phone, new Uri(App.BaseAddress, $"/m/check-in/{code}"));
            await phone.Locator("#check-in-target").WaitForAsync();
            Assert.Contains("楼道环境巡查", await phone.InnerTextAsync("#check-in-target"), StringComparison.Ordinal);
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the check-in form scrolls sideways at 390 px");
            await phone.FillAsync("#service-start", "08:00");
            await phone.Locator("#service-start").BlurAsync();
            await phone.FillAsync("#service-end", "09:30");
            await phone.Locator("#service-end").BlurAsync();
            await phone.FillAsync("#service-note", "巡查楼道，清理堆物两处。");
            if (folder is { Length: > 0 })
            {
                await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "phone-member-check-in.png"), FullPage = true });
            }

            await BrowserSession.ClickUntilAsync(phone, "#service-submit", ".service-record");
            var record = await App.QueryAsync(db => db.ServiceRecords.SingleAsync(r => r.RegistrationId == member.RegistrationId));
            Assert.Equal((CheckInWay.QrCode, 1.5m, ServiceRecordStatus.Submitted), (record.CheckIn, record.Hours, record.Status));

            // The community's staff confirm it at the desk.
            var desk = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            desk.SetDefaultNavigationTimeout(90_000);
            desk.SetDefaultTimeout(60_000);
            await BrowserSession.SignInAsync(desk, App.BaseAddress, "community.donghu@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(desk, new Uri(App.BaseAddress, $"/communities/{member.CommunityId}/service-records"));
            var row = desk.Locator(".record-queue tbody tr", new PageLocatorOptions { HasText = "手机党员" });
            await row.First.WaitForAsync();
            if (folder is { Length: > 0 })
            {
                await desk.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "desktop-service-record-queue.png") });
            }

            await row.First.Locator(".record-confirm").ClickAsync();
            await row.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
            Assert.Equal(ServiceRecordStatus.Confirmed, await App.QueryAsync(db => db.ServiceRecords.Where(r => r.Id == record.Id).Select(r => r.Status).SingleAsync()));

            await BrowserSession.GotoInteractiveAsync(desk, new Uri(App.BaseAddress, $"/communities/{member.CommunityId}/posts"));
            await desk.Locator(".post-list tbody tr", new PageLocatorOptions { HasText = "楼道环境巡查" }).First.WaitForAsync();
            if (folder is { Length: > 0 })
            {
                await desk.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "desktop-community-posts.png") });
            }

            // 批量登记 at the desk: the template, its sample row replaced by one member, uploaded on /members.
            var streetId = await App.QueryAsync(db => db.Communities.Where(c => c.Id == member.CommunityId).Select(c => c.StreetId).SingleAsync());
            var template = await staffApi.GetByteArrayAsync($"/api/v1/streets/{streetId}/member-registrations/import-template");
            var filled = FillTemplate(template, new Dictionary<string, object?>
            {
                [MemberSheet.Name] = "模板党员",
                [MemberSheet.Phone] = "13922220001",
                [MemberSheet.Email] = "template.member@import.example.org",
                [MemberSheet.Employer] = "杭州某某软件有限公司",
                [MemberSheet.PartyOrganisation] = "某某软件党支部",
                [MemberSheet.Community] = "",
                [MemberSheet.Building] = "5栋1单元301",
            });
            await BrowserSession.GotoInteractiveAsync(desk, new Uri(App.BaseAddress, "/members"));
            await desk.Locator("#members-export").WaitForAsync();
            await BrowserSession.ClickUntilAsync(desk, "#members-import-toggle", "#member-import");
            await desk.SetInputFilesAsync("#member-import input[type=file]", new FilePayload { Name = "在职党员.xlsx", MimeType = SheetUploadContentType, Buffer = filled });
            await desk.Locator("#member-import-success").WaitForAsync();
            Assert.Contains("1", await desk.InnerTextAsync("#member-import-success"), StringComparison.Ordinal);
            Assert.True(await desk.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "/members scrolls sideways at 1440 px");
            if (folder is { Length: > 0 })
            {
                await desk.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "desktop-member-import.png"), FullPage = true });
            }

            var imported = await App.QueryAsync(db => db.MemberRegistrations.SingleAsync(r => r.Email == "template.member@import.example.org"));
            Assert.Equal((member.CommunityId, RegistrationSource.Import, RegistrationStatus.Registered), (imported.CommunityId, imported.Source, imported.Status));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private const string SheetUploadContentType = Web.Infrastructure.SheetUpload.XlsxContentType;

    /// <summary>The template as a person fills it: its sample row replaced, the reference sheet kept.</summary>
    private static byte[] FillTemplate(byte[] template, Dictionary<string, object?> row)
    {
        using var read = new MemoryStream(template);
        var reference = MiniExcelLibs.MiniExcel.Query(read, useHeaderRow: true, sheetName: "社区和成员单位").Cast<IDictionary<string, object?>>().ToList();
        read.Position = 0;
        var headers = MiniExcelLibs.MiniExcel.Query(read, useHeaderRow: true, sheetName: MemberSheet.SheetName).Cast<IDictionary<string, object?>>().Single().Keys;
        Assert.Equal(MemberSheet.ImportColumns, headers);
        using var write = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(write, new Dictionary<string, object>
        {
            [MemberSheet.SheetName] = new[] { (IDictionary<string, object?>)headers.ToDictionary(h => h, h => row[h]) },
            ["社区和成员单位"] = reference,
        });
        return write.ToArray();
    }
}
