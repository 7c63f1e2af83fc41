using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.IntegrationTests.Browser;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>
/// Issue 17's whole loop, clicked and tapped: on a phone a member registers; the community confirms at the desk; the
/// unit's leader confirms the employment on a phone; the member signs in, claims a post, checks in with the post's code
/// and logs the service; the community confirms the record; the unit's page shows the member's hours.
/// </summary>
public partial class MemberLoopBrowserTests(PortalApp app) : PortalTest(app)
{
    private const string Email = "loop.member@example.org";
    private const string Password = "Loop-baodao-2026!";
    private const string PartyOrganisation = "检察院第三党支部（全流程）";

    [Fact]
    public async Task A_member_registers_is_confirmed_by_community_and_unit_claims_a_post_checks_in_and_the_unit_sees_the_hours()
    {
        // Early afternoon of today, so that the service from 08:00 to 09:30 lies in the past whenever the suite runs.
        App.SetToday(App.Clock.Today, 14);
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var unit = await App.UnitIdAsync(UnitData.Leader1Unit);
        var folder = Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS");
        var phoneOptions = new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true };
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            // 1. Registration on a phone, from the public page (no account, no JavaScript needed).
            var phone = await BrowserSession.NewPageAsync(browser, phoneOptions);
            await phone.GotoAsync(new Uri(App.BaseAddress, $"/public/streets/{donghu}/members/register").ToString());
            await BrowserSession.AssertNoSidewaysScrollAsync(phone, "the registration page");
            await phone.FillAsync("#register-name", "全流程党员");
            await phone.FillAsync("#register-phone", "13912345678");
            await phone.SelectOptionAsync("#register-community", community.ToString());
            await phone.FillAsync("#register-building", "7栋2单元301");
            await phone.SelectOptionAsync("#register-unit", unit.ToString());
            await phone.FillAsync("#register-party", PartyOrganisation);
            await phone.FillAsync("#register-email", Email);
            await phone.FillAsync("#register-password", Password);
            var question = Question().Match(await phone.InnerTextAsync("label[for=register-answer]"));
            Assert.True(question.Success, "no check question on the registration form");
            await phone.FillAsync("#register-answer", (int.Parse(question.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                + int.Parse(question.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await phone.TapAsync("#register-submit");
            await phone.Locator("#register-done").WaitForAsync();
            await ShotAsync(phone, folder, "phone-member-registered.png");
            var registration = await App.QueryAsync(db => db.MemberRegistrations.SingleAsync(r => r.Email == Email));
            Assert.Equal(RegistrationStatus.Pending, registration.Status);

            // Signing in before the confirmations is refused with the reason.
            await phone.GotoAsync(new Uri(App.BaseAddress, "/Account/Login").ToString());
            await phone.FillAsync("#email", Email);
            await phone.FillAsync("#password", Password);
            await phone.TapAsync("#login-submit");
            await phone.Locator("[role=alert]").First.WaitForAsync();
            Assert.Contains("/Account/Login", phone.Url, StringComparison.Ordinal);

            // 2. The community's staff confirm it at the desk.
            var desk = await BrowserSession.NewPageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            await BrowserSession.SignInAsync(desk, App.BaseAddress, "community.donghu@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(desk, new Uri(App.BaseAddress, "/members?awaiting=true"));
            var deskRow = desk.Locator("tr", new PageLocatorOptions { HasText = PartyOrganisation });
            await deskRow.First.WaitForAsync();
            Assert.Contains("全流程党员", await deskRow.First.InnerTextAsync(), StringComparison.Ordinal);
            await ShotAsync(desk, folder, "desktop-member-registrations.png");
            await deskRow.First.Locator(".member-confirm").ClickAsync();
            await BrowserSession.WaitUntilStoredAsync(() => App.QueryAsync(db => db.MemberRegistrations.AnyAsync(r => r.Id == registration.Id && r.CommunityConfirmedAt != null)));

            // 3. The unit's leader confirms the employment on a phone, seeing the name masked.
            var leader = await BrowserSession.NewPageAsync(browser, phoneOptions);
            await BrowserSession.SignInAsync(leader, App.BaseAddress, "leader1@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(leader, new Uri(App.BaseAddress, "/members?awaiting=true"));
            var leaderRow = leader.Locator("tr", new PageLocatorOptions { HasText = PartyOrganisation });
            await leaderRow.First.WaitForAsync();
            Assert.DoesNotContain("全流程党员", await leaderRow.First.InnerTextAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain("13912345678", await leaderRow.First.InnerTextAsync(), StringComparison.Ordinal);
            await BrowserSession.AssertNoSidewaysScrollAsync(leader, "the leader's member list");
            await ShotAsync(leader, folder, "phone-leader-members.png");
            await leaderRow.First.Locator(".member-confirm").TapAsync();
            await BrowserSession.WaitUntilStoredAsync(() => App.QueryAsync(db => db.MemberRegistrations.AnyAsync(r => r.Id == registration.Id && r.Status == RegistrationStatus.Registered)));

            // 4. The member signs in, sees the home page and claims a post of the community.
            using var staffApi = await App.ApiAsAsync("community.donghu@example.org");
            var postId = await ServiceTestMembers.CreatePostAsync(staffApi, community, ServiceTestMembers.Post("小区环境监督岗（全流程）", 3));
            var code = (await staffApi.GetFromJsonAsync<JsonElement>($"/api/v1/posts/{postId}/check-in-code")).GetProperty("code").GetString()!;

            await BrowserSession.SignInAsync(phone, App.BaseAddress, Email, Password);
            await phone.Locator("#member-home").WaitForAsync();
            await BrowserSession.AssertNoSidewaysScrollAsync(phone, "the member's home");
            await ShotAsync(phone, folder, "phone-member-home.png");
            await BrowserSession.GotoInteractiveAsync(phone, new Uri(App.BaseAddress, "/m/posts"));
            await phone.Locator($"#post-{postId}").WaitForAsync();
            await BrowserSession.ClickUntilAsync(phone, $"#post-{postId} .post-claim", $"#post-{postId} .post-release");
            Assert.True(await App.QueryAsync(db => db.PostClaims.AnyAsync(c => c.PostId == postId && c.RegistrationId == registration.Id && c.ReleasedAt == null)));

            // 5. On site the member scans the poster's code: the form knows the post; the service is logged.
            await BrowserSession.GotoInteractiveAsync(phone, new Uri(App.BaseAddress, $"/m/check-in/{code}"));
            await phone.Locator("#check-in-target").WaitForAsync();
            Assert.Contains("小区环境监督岗", await phone.InnerTextAsync("#check-in-target"), StringComparison.Ordinal);
            await phone.FillAsync("#service-start", "08:00");
            await phone.Locator("#service-start").BlurAsync();
            await phone.FillAsync("#service-end", "09:30");
            await phone.Locator("#service-end").BlurAsync();
            await phone.FillAsync("#service-note", "巡查小区环境，劝导乱停车三起。");
            await BrowserSession.ClickUntilAsync(phone, "#service-submit", ".service-record");
            var record = await App.QueryAsync(db => db.ServiceRecords.SingleAsync(r => r.RegistrationId == registration.Id));
            Assert.Equal((CheckInWay.QrCode, 1.5m, ServiceRecordStatus.Submitted), (record.CheckIn, record.Hours, record.Status));

            // 6. The community confirms the record in its queue.
            await BrowserSession.GotoInteractiveAsync(desk, new Uri(App.BaseAddress, $"/communities/{community}/service-records"));
            var recordRow = desk.Locator(".record-queue tbody tr", new PageLocatorOptions { HasText = "全流程党员" });
            await recordRow.First.WaitForAsync();
            await ShotAsync(desk, folder, "desktop-service-records.png");
            await recordRow.First.Locator(".record-confirm").ClickAsync();
            await recordRow.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });

            // 7. The unit's page, on the leader's phone, shows the member (masked) with the confirmed hours.
            await BrowserSession.GotoInteractiveAsync(leader, new Uri(App.BaseAddress, $"/units/{unit}"));
            var panel = leader.Locator("#unit-member-figures");
            await panel.ScrollIntoViewIfNeededAsync();
            var memberRow = panel.Locator(".member-row", new LocatorLocatorOptions { HasText = "1.5" });
            await memberRow.First.WaitForAsync();
            Assert.DoesNotContain("全流程党员", await panel.InnerTextAsync(), StringComparison.Ordinal);
            await BrowserSession.AssertNoSidewaysScrollAsync(leader, "the unit's page");
            await ShotAsync(leader, folder, "phone-leader-unit-member-hours.png", fullPage: true);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private static async Task ShotAsync(IPage page, string? folder, string name, bool fullPage = false)
    {
        if (folder is { Length: > 0 })
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = fullPage });
        }
    }

    [GeneratedRegex(@"(\d+)\s*加\s*(\d+)")]
    private static partial Regex Question();
}
