using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Dashboard;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Features.Notifications;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.IntegrationTests.Features.Notifications;

/// <summary>Reminders: once per person, item and day, whatever runs at the same time; the bell and marking read.</summary>
[Trait("Clock", "DateSensitive")]
public class NotificationTests(PortalApp app) : PortalTest(app)
{
    private const string StaffEmail = "staff.ceshi@example.org";
    private const string LeaderU1Email = "leader.u1@example.org";
    private const string LeaderU3Email = "leader.u3@example.org";

    /// <summary>
    /// On 2026-06-20 for 测试街道, with one staff member (S) and the leaders of U1 and U3:
    /// overdue R3 (lead U1, co-operating U3) → S, U1, U3 and R7 (lead U1) → S, U1; due within 7 days R4 (U3) → S, U3;
    /// 3 activities awaiting verification → S; A2 (U3) ends 2026-07-10 → S, U3; Q2 has no joint meeting → S;
    /// CM1's term ends 2026-08-01 → S. Twelve in all: seven for S, two for U1, three for U3.
    /// </summary>
    private static readonly Dictionary<string, int> Expected = new() { [StaffEmail] = 7, [LeaderU1Email] = 2, [LeaderU3Email] = 3 };

    [Fact]
    public async Task Two_passes_at_once_create_each_reminder_once_per_person_item_and_day()
    {
        var fixture = await SetUpAsync();
        var today = DashboardFixture.Today;

        // Two instances at once, each relying on the unique index alone (no advisory lock).
        var runs = await Task.WhenAll(PassAsync(p => p.CreateAsync(today, exclusive: false)), PassAsync(p => p.CreateAsync(today, exclusive: false)));
        Assert.All(runs, r => Assert.True(r.Ran));
        await AssertNoDuplicatesAsync();
        var counts = await CountsAsync(fixture.StreetId, today);
        Assert.Equal(Expected, counts);
        Assert.Equal(await App.QueryAsync(db => db.Notifications.CountAsync()), runs.Sum(r => r.Created));

        // Again the same day, twice at once through the service's entry point (with the lock): nothing new.
        var again = await Task.WhenAll(PassAsync(p => p.RunAsync()), PassAsync(p => p.RunAsync()));
        Assert.Equal(0, again.Sum(r => r.Created));
        Assert.Contains(again, r => r.Ran);
        Assert.Equal(Expected, await CountsAsync(fixture.StreetId, today));

        // The next day, each item is reminded again, once.
        App.Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await Task.WhenAll(PassAsync(p => p.RunAsync()), PassAsync(p => p.CreateAsync(today.AddDays(1), exclusive: false)));
        Assert.True(nextDay.Sum(r => r.Created) > 0);
        await AssertNoDuplicatesAsync();
        Assert.Equal(Expected, await CountsAsync(fixture.StreetId, today.AddDays(1)));
        Assert.Equal(Expected, await CountsAsync(fixture.StreetId, today));
    }

    [Fact]
    public async Task Reminders_name_their_item_link_to_it_and_reach_only_the_people_concerned()
    {
        var fixture = await SetUpAsync();
        await PassAsync(p => p.RunAsync());

        var items = await App.QueryAsync(db => db.Notifications.Where(n => n.StreetId == fixture.StreetId)
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => new { u.Email, n.Kind, n.ItemKey, n.LinkUrl, n.Arguments })
            .ToListAsync());
        var r3 = fixture.Resolutions["R3"];
        Assert.Equal([LeaderU1Email, LeaderU3Email, StaffEmail], items.Where(i => i.ItemKey == $"resolution-overdue:{r3}").Select(i => i.Email).Order(StringComparer.Ordinal));
        Assert.All(items.Where(i => i.ItemKey == $"resolution-overdue:{r3}"), i => Assert.Equal($"/resolutions/{r3}", i.LinkUrl));
        Assert.Equal(["测试〔2026〕3号", "测试决议R3", "2026-05-31"], items.First(i => i.ItemKey == $"resolution-overdue:{r3}").Arguments);
        Assert.Equal([LeaderU3Email, StaffEmail], items.Where(i => i.ItemKey == $"agreement-ending:{fixture.Agreements["A2"]}").Select(i => i.Email).Order(StringComparer.Ordinal));
        var pending = Assert.Single(items, i => i.Kind == NotificationKind.ActivitiesAwaitingVerification);
        Assert.Equal((StaffEmail, $"/streets/{fixture.StreetId}/activities?status=Submitted"), (pending.Email, pending.LinkUrl));
        Assert.Equal(["3"], pending.Arguments);
        var quarter = Assert.Single(items, i => i.Kind == NotificationKind.QuarterWithoutJointMeeting);
        Assert.Equal($"quarter-meeting:{fixture.StreetId}:2026Q2", quarter.ItemKey);
        Assert.Equal($"term-ending:{fixture.Members["CM1"]}", Assert.Single(items, i => i.Kind == NotificationKind.CommitteeTermEnding).ItemKey);

        // Nobody of another street or role hears about this street.
        Assert.DoesNotContain(items, i => i.Email is "staff.donghu@example.org" or "orgdept@example.org" or "admin@example.org" or "leader1@example.org");
    }

    [Fact]
    public async Task The_bell_counts_unread_notifications_and_each_person_marks_only_their_own_read()
    {
        var fixture = await SetUpAsync();
        await PassAsync(p => p.RunAsync());
        using var staff = await App.ApiAsAsync(StaffEmail);

        Assert.Equal(7, (await staff.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("unread").GetInt32());
        var list = await staff.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Equal(7, list.GetProperty("total").GetInt32());
        var texts = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()).ToList();
        Assert.Contains("决议测试〔2026〕3号《测试决议R3》已超过完成期限（2026年5月31日），尚未完成。", texts);
        Assert.Contains("有3条共建活动等待核实。", texts);
        Assert.Contains("2026年第2季度将于2026年6月30日结束，已召开联席会议0次，少于每季度1次的要求。", texts);

        var first = list.GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/api/v1/notifications/{first}/read", null)).StatusCode);
        Assert.Equal(6, (await staff.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("unread").GetInt32());
        Assert.Equal(6, (await staff.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unreadOnly=true")).GetProperty("total").GetInt32());

        // Another person's notification cannot be read, marked or even confirmed to exist.
        using var leader = await App.ApiAsAsync(LeaderU1Email);
        var leaderOwn = (await leader.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsync($"/api/v1/notifications/{leaderOwn}/read", null)).StatusCode);
        Assert.Equal(2, (await leader.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("unread").GetInt32());

        var all = await staff.PostAsync("/api/v1/notifications/read-all", null);
        Assert.Equal(6, (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32());
        Assert.Equal(0, (await staff.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("unread").GetInt32());
        Assert.Equal(2, (await leader.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("unread").GetInt32());

        // The bell in the app bar shows the leader's count (the browser test opens it and follows a notification).
        using var browser = await App.BrowserAsAsync(LeaderU1Email);
        Assert.Contains("消息提醒，2条未读", await browser.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/notifications")).StatusCode);
    }

    private async Task<DashboardFixture> SetUpAsync()
    {
        var fixture = await DashboardFixture.CreateAsync(App);
        using var admin = await App.ApiAsAsync("admin@example.org");
        foreach (var (email, role, unit) in new[] { (StaffEmail, "streetStaff", (string?)null), (LeaderU1Email, "unitLeader", "U1"), (LeaderU3Email, "unitLeader", "U3") })
        {
            var response = await admin.PostAsJsonAsync("/api/v1/users", new
            {
                email,
                displayName = email.Split('@')[0],
                role,
                streetId = fixture.StreetId,
                unitId = unit is null ? (Guid?)null : fixture.Units[unit],
                password = PortalApp.Password,
                mustChangePassword = false,
            });
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        return fixture;
    }

    /// <summary>One pass in its own DI scope, as one instance of the hosted service would run it.</summary>
    private async Task<ReminderRun> PassAsync(Func<ReminderPass, Task<ReminderRun>> run)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<ReminderPass>());
    }

    private Task AssertNoDuplicatesAsync() => App.QueryAsync(async db =>
    {
        var duplicates = await db.Notifications.GroupBy(n => new { n.RecipientUserId, n.ItemKey, n.Day }).Where(g => g.Count() > 1).CountAsync();
        Assert.Equal(0, duplicates);
        return 0;
    });

    private Task<Dictionary<string, int>> CountsAsync(Guid streetId, DateOnly day) => App.QueryAsync(db =>
        db.Notifications.Where(n => n.StreetId == streetId && n.Day == day)
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => u.Email!)
            .GroupBy(e => e).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count));
}
