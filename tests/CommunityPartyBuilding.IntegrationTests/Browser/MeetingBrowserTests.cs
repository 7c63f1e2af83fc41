using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Meetings;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

public class MeetingBrowserTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task Staff_record_a_past_meeting_hold_it_only_with_attendance_are_refused_a_resolution_without_quorum_and_the_lead_unit_posts_progress()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var api = await App.ApiAsAsync("staff.donghu@example.org");
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var yesterday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), zone).DateTime).AddDays(-1);

        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
            await BrowserSession.SignInAsync(page, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);

            // 补录已召开会议: yesterday's meeting, no invitations, straight to its page.
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/streets/{donghu}/meetings"));
            await page.ClickAsync("#meeting-record-past");
            await page.WaitForSelectorAsync("#meeting-form-title");
            Assert.Contains("不发送参会邀请", await page.InnerTextAsync("#meeting-form"), StringComparison.Ordinal);
            await page.FillAsync("#meeting-form-title", "浏览器测试联席会议");
            await page.FillAsync("#meeting-form-place", "东湖街道党群服务中心三楼会议室");
            await page.ClickAsync("#meeting-form-save");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/meetings/[0-9a-f-]{36}$"));
            var meetingId = page.Url[^36..];
            var invited = await App.QueryAsync(db => db.MeetingAttendances.CountAsync(a => a.MeetingId == Guid.Parse(meetingId)));
            Assert.True(invited > 0);
            Assert.Equal(yesterday, await App.QueryAsync(db => db.Meetings.Where(m => m.Id == Guid.Parse(meetingId)).Select(m => m.MeetingDate).SingleAsync()));
            Assert.Equal(0, await App.QueryAsync(db => db.MeetingAttendances.CountAsync(a => a.MeetingId == Guid.Parse(meetingId) && a.Reply != InvitationReply.None)));

            // Without attendance it cannot be marked held: the page says why and the button waits.
            await page.WaitForSelectorAsync("#hold-blocked");
            Assert.Contains($"还有{invited}家受邀单位未登记出席情况", await page.InnerTextAsync("#hold-blocked"), StringComparison.Ordinal);
            Assert.True(await page.IsDisabledAsync("#meeting-hold"));
            Assert.Contains($"出席 0/{invited}", await page.InnerTextAsync("#quorum-line"), StringComparison.Ordinal);
            Assert.Contains("未达法定人数", await page.InnerTextAsync("#quorum-line"), StringComparison.Ordinal);

            // Everybody recorded absent (through the API), the page reloaded: now it can be held with its minutes.
            var units = await App.QueryAsync(db => db.MeetingAttendances.Where(a => a.MeetingId == Guid.Parse(meetingId)).Select(a => a.UnitId).ToListAsync());
            Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/meetings/{meetingId}/attendance", units.Select(u => new { unitId = u, status = "absent" }))).StatusCode);
            // Typing into the prerendered page is lost when the circuit attaches, so the test waits for the live page
            // (#portal-interactive) and its loaded form, then types once.
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/meetings/{meetingId}"));
            await page.WaitForSelectorAsync("#meeting-hold");
            Assert.Equal(0, await page.Locator("#hold-blocked").CountAsync());
            await page.FillAsync("#meeting-minutes", "会议研究了老旧小区停车难问题。");
            await page.ClickAsync("#meeting-hold");
            await page.WaitForSelectorAsync("#resolution-save");

            await page.FillAsync("#resolution-title", "东湖小区夜间错峰停车");
            await page.FillAsync("#resolution-for", invited.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.PressAsync("#resolution-for", "Tab");
            await page.ClickAsync("#resolution-lead");
            await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "东湖区人民检察院" }).First.ClickAsync();
            await page.ClickAsync("#resolution-save");

            var refusal = page.Locator("#resolution-refusal");
            await refusal.WaitForAsync();
            var text = await refusal.InnerTextAsync();
            Assert.Contains($"出席（含委托）0家，未超过在册成员单位{invited}家的50%", text, StringComparison.Ordinal);
            Assert.False(await App.QueryAsync(db => db.Resolutions.AnyAsync(r => r.Title == "东湖小区夜间错峰停车")));

            // Fix the attendance: the quorum line updates before saving, then the resolution goes through.
            await page.ClickAsync("#attendance-all");
            await page.WaitForFunctionAsync("() => document.querySelector('#quorum-line').innerText.includes('已达法定人数')");
            await page.ClickAsync("#attendance-save");
            await page.WaitForFunctionAsync("() => document.querySelector('#attendance-save').disabled");
            Assert.Equal(invited, await App.QueryAsync(db => db.MeetingAttendances.CountAsync(a => a.MeetingId == Guid.Parse(meetingId) && a.Status == AttendanceStatus.Present)));

            // The votes typed before the refusal are still in the form (typed again and committed with Tab, so that a
            // keystroke lost on a busy machine cannot pass a smaller number).
            await page.FillAsync("#resolution-for", invited.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.PressAsync("#resolution-for", "Tab");
            await page.ClickAsync("#resolution-save");
            await page.Locator(".resolution-row", new PageLocatorOptions { HasText = "东湖小区夜间错峰停车" }).First.WaitForAsync();
            var resolution = await App.QueryAsync(db => db.Resolutions.SingleAsync(r => r.Title == "东湖小区夜间错峰停车"));
            Assert.Equal(invited, resolution.VotesFor);

            // The lead unit's leader posts progress on it.
            var leaderPage = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
            await BrowserSession.SignInAsync(leaderPage, App.BaseAddress, "leader1@example.org", PortalApp.Password);
            // Typing into the prerendered page is lost when the circuit attaches; a type-click-retry loop could straddle
            // that moment and post 0 % (the percentage typed before it lost, the text typed after it kept). So the test
            // waits for the live page and its form, then types once.
            await BrowserSession.GotoInteractiveAsync(leaderPage, new Uri(App.BaseAddress, $"/resolutions/{resolution.Id}"));
            await leaderPage.WaitForSelectorAsync("#progress-save");
            await leaderPage.FillAsync("#progress-percent", "35");
            await leaderPage.PressAsync("#progress-percent", "Tab");
            await leaderPage.FillAsync("#progress-text", "已完成东湖小区夜间停车摸底。");
            await leaderPage.PressAsync("#progress-text", "Tab");
            await leaderPage.ClickAsync("#progress-save");
            await leaderPage.WaitForSelectorAsync(".progress-update");
            Assert.Contains("已完成东湖小区夜间停车摸底", await leaderPage.InnerTextAsync(".progress-update"), StringComparison.Ordinal);
            var saved = await App.QueryAsync(db => db.Resolutions.SingleAsync(r => r.Id == resolution.Id));
            Assert.Equal((ResolutionStatus.InProgress, 35), (saved.Status, saved.Percent));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task Staff_change_the_place_of_a_planned_meeting_then_cancel_it_after_confirming()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var api = await App.ApiAsAsync("staff.donghu@example.org");
        var created = await api.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings", MeetingApiTests.MeetingBody(App.Clock.GetUtcNow().AddDays(6), "浏览器改期测试会议"));
        var meetingId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
            await BrowserSession.SignInAsync(page, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(page, new Uri(App.BaseAddress, $"/meetings/{meetingId}"));
            await page.ClickAsync("#meeting-edit");
            await page.WaitForSelectorAsync("#meeting-edit-form");
            Assert.Equal("东湖街道党群服务中心三楼会议室", await page.InputValueAsync("#meeting-form-place"));

            // An empty place is refused on the field; a new one is saved and shown.
            await page.FillAsync("#meeting-form-place", "");
            await page.ClickAsync("#meeting-form-save");
            await page.Locator("#meeting-edit-form .mud-input-error").First.WaitForAsync();
            await page.FillAsync("#meeting-form-place", "东湖街道办事处一楼报告厅");
            await page.ClickAsync("#meeting-form-save");
            await page.WaitForSelectorAsync("#meeting-edit-form", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
            Assert.Contains("东湖街道办事处一楼报告厅", await page.InnerTextAsync("body"), StringComparison.Ordinal);
            Assert.Equal("东湖街道办事处一楼报告厅", await App.QueryAsync(db => db.Meetings.Where(m => m.Id == Guid.Parse(meetingId!)).Select(m => m.Place).SingleAsync()));

            // Cancelling asks first; "返回" leaves it planned, confirming cancels it.
            await page.ClickAsync("#meeting-cancel");
            await page.Locator(".mud-dialog .mud-button", new PageLocatorOptions { HasText = "返回" }).ClickAsync();
            Assert.Equal(MeetingStatus.Planned, await App.QueryAsync(db => db.Meetings.Where(m => m.Id == Guid.Parse(meetingId!)).Select(m => m.Status).SingleAsync()));
            await page.ClickAsync("#meeting-cancel");
            await page.Locator(".mud-dialog .mud-button", new PageLocatorOptions { HasText = "取消会议" }).ClickAsync();
            await page.WaitForFunctionAsync("() => document.querySelector('#meeting-status').innerText.includes('已取消')");
            Assert.Equal(0, await page.Locator("#meeting-edit").CountAsync());
            Assert.Equal(MeetingStatus.Cancelled, await App.QueryAsync(db => db.Meetings.Where(m => m.Id == Guid.Parse(meetingId!)).Select(m => m.Status).SingleAsync()));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
