using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Meetings;

[Trait("Clock", "DateSensitive")]
public class MeetingApiTests(PortalApp app) : PortalTest(app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), Shanghai).DateTime);

    internal static object MeetingBody(DateTimeOffset at, string title = "2026年第四季度联席会议", string kind = "jointMeeting") => new
    {
        kind,
        title,
        scheduledAt = at,
        place = "东湖街道党群服务中心三楼会议室",
        convener = "王建华",
        agenda = new[] { "研究老旧小区停车难问题", "部署冬季治安巡逻" },
        sittingIn = new[] { "东湖派出所" },
    };

    private async Task<(string Id, List<string> Units)> ScheduleAsync(HttpClient staff, DateTimeOffset at, string kind = "jointMeeting")
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var response = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings", MeetingBody(at, kind: kind));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var meeting = await response.Content.ReadFromJsonAsync<JsonElement>();
        var units = meeting.GetProperty("attendance").EnumerateArray().Select(a => a.GetProperty("unitId").GetString()!).ToList();
        return (meeting.GetProperty("id").GetString()!, units);
    }

    /// <summary>A meeting that already took place, recorded afterwards (no invitations).</summary>
    internal static async Task<(string Id, List<string> Units)> RecordPastAsync(PortalApp app, HttpClient staff, DateTimeOffset at, string title = "2026年第四季度联席会议")
    {
        var donghu = await app.StreetIdAsync(DemoSeeder.DonghuStreet);
        var response = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings/past", MeetingBody(at, title));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var meeting = await response.Content.ReadFromJsonAsync<JsonElement>();
        var units = meeting.GetProperty("attendance").EnumerateArray().Select(a => a.GetProperty("unitId").GetString()!).ToList();
        return (meeting.GetProperty("id").GetString()!, units);
    }

    /// <summary>A held meeting with the first <paramref name="present"/> invited units present and the rest absent.</summary>
    private async Task<(string Id, List<string> Units, JsonElement Meeting)> HeldMeetingAsync(HttpClient staff, int present)
    {
        var (id, units) = await RecordPastAsync(App, staff, App.Clock.GetUtcNow().AddHours(-2));
        await SetAttendanceAsync(staff, id, units, present);
        var held = await staff.PostAsJsonAsync($"/api/v1/meetings/{id}/hold", new { minutes = "会议研究了停车难问题。" });
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        return (id, units, await held.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task<string> RefusalAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Meetings_are_scheduled_ahead_recorded_afterwards_and_held_once_started_with_every_units_attendance()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var now = App.Clock.GetUtcNow();

        // Scheduling a time already past is refused and points to recording; recording a time ahead is refused too.
        var past = await RefusalAsync(await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings", MeetingBody(now.AddHours(-1), "已过时间的会议")), "scheduledAt");
        Assert.Contains("会议时间已过", past, StringComparison.Ordinal);
        Assert.Contains("补录已召开会议", past, StringComparison.Ordinal);
        var ahead = await RefusalAsync(await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings/past", MeetingBody(now.AddDays(1), "尚未召开的会议")), "scheduledAt");
        Assert.Contains("补录的会议须已经开始", ahead, StringComparison.Ordinal);
        Assert.False(await App.QueryAsync(db => db.Meetings.AnyAsync(m => m.Title == "已过时间的会议" || m.Title == "尚未召开的会议")));

        // Only the street's staff record a past meeting.
        using var leader = await App.ApiAsAsync("leader1@example.org");
        using var otherStaff = await App.ApiAsAsync("staff.xicheng@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings/past", MeetingBody(now.AddHours(-1)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings/past", MeetingBody(now.AddHours(-1)))).StatusCode);

        // A meeting still ahead cannot be held, attendance or not.
        var (future, futureUnits) = await ScheduleAsync(staff, now.AddHours(3));
        await SetAttendanceAsync(staff, future, futureUnits, futureUnits.Count);
        var early = await RefusalAsync(await staff.PostAsJsonAsync($"/api/v1/meetings/{future}/hold", new { minutes = "提前写好的纪要" }), "scheduledAt");
        Assert.Contains("会议尚未开始", early, StringComparison.Ordinal);

        // Recorded afterwards: every active unit is on the sheet, nobody was asked to answer, nothing shows as upcoming.
        var (id, units) = await RecordPastAsync(App, staff, now.AddDays(-3).AddHours(-1), "补录的联席会议");
        var recorded = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}");
        Assert.Equal("planned", recorded.GetProperty("status").GetString());
        Assert.All(recorded.GetProperty("attendance").EnumerateArray(), a => Assert.Equal("none", a.GetProperty("reply").GetString()));
        Assert.Equal(recorded.GetProperty("quorum").GetProperty("activeUnits").GetInt32(), units.Count);

        // Held only once every unit's attendance is recorded; the refusal names the units still missing.
        var missingAll = await RefusalAsync(await staff.PostAsJsonAsync($"/api/v1/meetings/{id}/hold", new { minutes = "会议纪要" }), "attendance");
        Assert.Contains($"还有{units.Count}家受邀单位未登记出席情况", missingAll, StringComparison.Ordinal);
        var body = units.Skip(1).Select(u => new { unitId = u, status = "present" }).ToList();
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/meetings/{id}/attendance", body)).StatusCode);
        var lastName = await App.QueryAsync(db => db.MemberUnits.Where(u => u.Id == Guid.Parse(units[0])).Select(u => u.Name).SingleAsync());
        var missingOne = await RefusalAsync(await staff.PostAsJsonAsync($"/api/v1/meetings/{id}/hold", new { minutes = "会议纪要" }), "attendance");
        Assert.Contains($"还有1家受邀单位未登记出席情况（{lastName}）", missingOne, StringComparison.Ordinal);
        Assert.Equal(MeetingStatus.Planned, await App.QueryAsync(db => db.Meetings.Where(m => m.Id == Guid.Parse(id)).Select(m => m.Status).SingleAsync()));

        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/meetings/{id}/attendance", new[] { new { unitId = units[0], status = "excused" } })).StatusCode);
        var held = await staff.PostAsJsonAsync($"/api/v1/meetings/{id}/hold", new { minutes = "会议纪要" });
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal("held", (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        // Held, a unit's attendance cannot be cleared again.
        var cleared = await RefusalAsync(await staff.PutAsJsonAsync($"/api/v1/meetings/{id}/attendance", new[] { new { unitId = units[0], status = (string?)null } }), "attendance");
        Assert.Contains(lastName, cleared, StringComparison.Ordinal);
        Assert.Equal(AttendanceStatus.Excused, await App.QueryAsync(db => db.MeetingAttendances.Where(a => a.MeetingId == Guid.Parse(id) && a.UnitId == Guid.Parse(units[0])).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task Attendance_cannot_change_so_that_an_adopted_resolution_loses_its_quorum_or_majority()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var (id, units, meeting) = await HeldMeetingAsync(staff, present: int.MaxValue);
        var active = meeting.GetProperty("quorum").GetProperty("activeUnits").GetInt32();
        var present = meeting.GetProperty("quorum").GetProperty("presentOrDelegated").GetInt32();
        var created = await staff.PostAsJsonAsync($"/api/v1/meetings/{id}/resolutions", ResolutionBody(units, votesFor: present / 2 + 1, against: present - (present / 2 + 1)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;

        // Down to half: no quorum any more — refused, naming the resolution; nothing changes.
        var belowQuorum = await RefusalAsync(await staff.PutAsJsonAsync($"/api/v1/meetings/{id}/attendance",
            units.Select((u, i) => new { unitId = u, status = i < active / 2 ? "present" : "absent" }).ToList()), "attendance");
        Assert.Contains("出席情况未更改", belowQuorum, StringComparison.Ordinal);
        Assert.Contains(number, belowQuorum, StringComparison.Ordinal);
        Assert.Contains($"出席（含委托）为{active / 2}家", belowQuorum, StringComparison.Ordinal);
        Assert.Equal(present, await App.QueryAsync(db => db.MeetingAttendances.CountAsync(a => a.MeetingId == Guid.Parse(id) && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Delegated))));

        // Still a quorum, but fewer present than the votes cast (all of them voted): refused as well.
        var fewer = present - 1;
        var tooFew = await RefusalAsync(await staff.PutAsJsonAsync($"/api/v1/meetings/{id}/attendance",
            new[] { new { unitId = units[^1], status = "absent" } }), "attendance");
        Assert.Contains($"出席（含委托）为{fewer}家，决议{number}", tooFew, StringComparison.Ordinal);

        // A change that keeps quorum and majority goes through: one unit present by delegate instead.
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/meetings/{id}/attendance", new[] { new { unitId = units[0], status = "delegated" } })).StatusCode);
        Assert.Equal(AttendanceStatus.Delegated, await App.QueryAsync(db => db.MeetingAttendances.Where(a => a.MeetingId == Guid.Parse(id) && a.UnitId == Guid.Parse(units[0])).Select(a => a.Status).SingleAsync()));
    }

    private static async Task<JsonElement> SetAttendanceAsync(HttpClient staff, string id, List<string> units, int present)
    {
        var body = units.Select((u, i) => new { unitId = u, status = i < present ? (i % 3 == 0 ? "delegated" : "present") : "absent" }).ToList();
        var response = await staff.PutAsJsonAsync($"/api/v1/meetings/{id}/attendance", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private object ResolutionBody(List<string> units, int votesFor, int against = 0, string? number = null, int deadlineInDays = 60) => new
    {
        number,
        title = "东湖小区停车难综合整治",
        content = "由牵头单位会同配合单位开展夜间错峰停车。",
        votesFor,
        votesAgainst = against,
        votesAbstain = 0,
        leadUnitId = units[0],
        cooperatingUnitIds = new[] { units[1] },
        deadline = Today.AddDays(deadlineInDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task<(string Procuratorate, string Power)> LeaderUnitsAsync() =>
        (await App.QueryAsync(db => db.MemberUnits.Where(u => u.Name == "东湖区人民检察院").Select(u => u.Id.ToString()).SingleAsync()),
         await App.QueryAsync(db => db.MemberUnits.Where(u => u.Name == "国网东湖供电公司").Select(u => u.Id.ToString()).SingleAsync()));

    [Fact]
    public async Task Scheduling_invites_every_unit_active_on_the_date_and_scope_holds_on_every_meeting_route()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var (id, units) = await ScheduleAsync(staff, App.Clock.GetUtcNow().AddDays(10));
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var activeUnits = await App.QueryAsync(db => db.MemberUnits.CountAsync(u => u.StreetId == donghu && u.WithdrawnOn == null));
        Assert.Equal(activeUnits, units.Count);

        using var otherStaff = await App.ApiAsAsync("staff.xicheng@example.org");
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        using var otherLeader = await App.ApiAsAsync("leader3@example.org");
        using var leader = await App.ApiAsAsync("leader1@example.org");

        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLeader.GetAsync($"/api/v1/meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/streets/{donghu}/meetings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/meetings/{id}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings", MeetingBody(App.Clock.GetUtcNow()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.PutAsJsonAsync($"/api/v1/meetings/{id}/attendance", Array.Empty<object>())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.PostAsJsonAsync($"/api/v1/meetings/{id}/hold", new { minutes = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.PostAsJsonAsync($"/api/v1/meetings/{id}/resolutions", ResolutionBody(units, 20))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await orgDept.GetAsync($"/api/v1/meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await orgDept.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings", MeetingBody(App.Clock.GetUtcNow()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await orgDept.PutAsJsonAsync($"/api/v1/meetings/{id}/attendance", Array.Empty<object>())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await orgDept.PostAsJsonAsync($"/api/v1/meetings/{id}/hold", new { minutes = "x" })).StatusCode);

        // The invited unit's leader reads the meeting, but only their own attendance row, and cannot manage it.
        var seen = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}");
        Assert.Single(seen.GetProperty("attendance").EnumerateArray());
        Assert.False(seen.GetProperty("canManage").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync($"/api/v1/meetings/{id}/hold", new { minutes = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PutAsJsonAsync($"/api/v1/meetings/{id}/attendance", Array.Empty<object>())).StatusCode);
        var list = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/meetings");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), m => m.GetProperty("id").GetString() == id);
        Assert.Equal(0, await App.QueryAsync(db => db.Meetings.CountAsync(m => m.Minutes == "x")));
    }

    [Fact]
    public async Task Unit_leaders_answer_invitations_with_a_reason_or_a_delegate()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var leader = await App.ApiAsAsync("leader1@example.org");
        var (id, _) = await ScheduleAsync(staff, App.Clock.GetUtcNow().AddDays(5));

        var noReason = await leader.PostAsJsonAsync($"/api/v1/meetings/{id}/reply", new { reply = "leave" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await leader.PostAsJsonAsync($"/api/v1/meetings/{id}/reply", new { reply = "delegate", note = "副检察长 李明" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/v1/meetings/{id}/reply", new { reply = "attend" })).StatusCode);

        var seen = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}");
        var row = seen.GetProperty("attendance").EnumerateArray().Single(a => a.GetProperty("unitName").GetString() == "东湖区人民检察院");
        Assert.Equal("delegate", row.GetProperty("reply").GetString());
        Assert.Equal("副检察长 李明", row.GetProperty("replyNote").GetString());
    }

    [Fact]
    public async Task A_planned_meeting_is_changed_by_its_staff_only_and_moving_it_asks_the_units_again()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var leader = await App.ApiAsAsync("leader1@example.org");
        // Any instant, to the tick: sending the same time back is not a move, whatever precision the client uses.
        var at = App.Clock.GetUtcNow().AddDays(5).AddTicks(7);
        var (id, units) = await ScheduleAsync(staff, at);
        Assert.Equal(HttpStatusCode.NoContent, (await leader.PostAsJsonAsync($"/api/v1/meetings/{id}/reply", new { reply = "attend" })).StatusCode);
        var before = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}");
        var version = before.GetProperty("version").GetUInt32();

        // Another place and agenda at the same time: the answers stand.
        var changed = await staff.PutAsJsonAsync($"/api/v1/meetings/{id}", new
        {
            kind = "jointMeeting", title = "2026年第四季度联席会议（调整）", scheduledAt = at, place = "东湖街道办事处一楼报告厅",
            agenda = new[] { "研究老旧小区停车难问题" }, version,
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var meeting = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("东湖街道办事处一楼报告厅", meeting.GetProperty("place").GetString());
        Assert.Single(meeting.GetProperty("agenda").EnumerateArray());
        Assert.Contains(meeting.GetProperty("attendance").EnumerateArray(), a => a.GetProperty("reply").GetString() == "attend");

        // A stale version, an empty title, someone else: refused, nothing changes.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutAsJsonAsync($"/api/v1/meetings/{id}", new { kind = "jointMeeting", title = "旧版本", scheduledAt = at, place = "某处", version })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PutAsJsonAsync($"/api/v1/meetings/{id}", new { kind = "jointMeeting", title = " ", scheduledAt = at, place = "某处" })).StatusCode);
        using var otherStaff = await App.ApiAsAsync("staff.xicheng@example.org");
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.PutAsJsonAsync($"/api/v1/meetings/{id}", MeetingBody(at, "改错了"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await orgDept.PutAsJsonAsync($"/api/v1/meetings/{id}", MeetingBody(at, "改错了"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PutAsJsonAsync($"/api/v1/meetings/{id}", MeetingBody(at, "改错了"))).StatusCode);
        Assert.Equal("2026年第四季度联席会议（调整）", await App.QueryAsync(db => db.Meetings.Where(m => m.Id == Guid.Parse(id)).Select(m => m.Title).SingleAsync()));

        // A unit joining in three weeks is not invited now; moved to a month from now, it is, and everyone answers again.
        var newcomer = Guid.Parse(units[^1]);
        await App.QueryAsync(async db =>
        {
            var unit = await db.MemberUnits.SingleAsync(u => u.Id == newcomer);
            unit.JoinedOn = Today.AddDays(21);
            return await db.SaveChangesAsync();
        });
        var later = at.AddDays(25);
        var moved = await staff.PutAsJsonAsync($"/api/v1/meetings/{id}", MeetingBody(later));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        meeting = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(MeetingInputRules.StoredInstant(later), meeting.GetProperty("scheduledAt").GetDateTimeOffset().ToUniversalTime());
        Assert.All(meeting.GetProperty("attendance").EnumerateArray(), a => Assert.Equal("none", a.GetProperty("reply").GetString()));
        Assert.Contains(meeting.GetProperty("attendance").EnumerateArray(), a => a.GetProperty("unitId").GetString() == units[^1]);

        // Back to five days from now: the newcomer is not invited any more.
        meeting = await (await staff.PutAsJsonAsync($"/api/v1/meetings/{id}", MeetingBody(at))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain(meeting.GetProperty("attendance").EnumerateArray(), a => a.GetProperty("unitId").GetString() == units[^1]);
        Assert.Equal(units.Count - 1, meeting.GetProperty("attendance").GetArrayLength());

        // Cancelled, it cannot change any more.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/meetings/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutAsJsonAsync($"/api/v1/meetings/{id}", MeetingBody(later))).StatusCode);
        Assert.Equal(MeetingInputRules.StoredInstant(at), await App.QueryAsync(db => db.Meetings.Where(m => m.Id == Guid.Parse(id)).Select(m => m.ScheduledAt).SingleAsync()));
    }

    [Fact]
    public async Task Exactly_half_present_is_not_a_quorum_and_one_more_is()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var (id, units, meeting) = await HeldMeetingAsync(staff, present: 0);
        var active = meeting.GetProperty("quorum").GetProperty("activeUnits").GetInt32();
        var half = active / 2;

        meeting = await SetAttendanceAsync(staff, id, units, half * 2 == active ? half : half);
        Assert.False(meeting.GetProperty("quorum").GetProperty("reached").GetBoolean());
        var refused = await staff.PostAsJsonAsync($"/api/v1/meetings/{id}/resolutions", ResolutionBody(units, half));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("quorum")[0].GetString()!;
        Assert.Contains($"出席（含委托）{half}家", message, StringComparison.Ordinal);
        Assert.Contains($"在册成员单位{active}家的50%", message, StringComparison.Ordinal);
        Assert.Contains($"至少需{active / 2 + 1}家", message, StringComparison.Ordinal);

        meeting = await SetAttendanceAsync(staff, id, units, active / 2 + 1);
        Assert.True(meeting.GetProperty("quorum").GetProperty("reached").GetBoolean());
        var present = active / 2 + 1;

        // Votes for exactly half of those present do not adopt it; one more does.
        if (present % 2 == 0)
        {
            var tie = await staff.PostAsJsonAsync($"/api/v1/meetings/{id}/resolutions", ResolutionBody(units, present / 2, against: present / 2));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, tie.StatusCode);
            Assert.Contains("未超过出席（含委托）", (await tie.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        else
        {
            var short1 = await staff.PostAsJsonAsync($"/api/v1/meetings/{id}/resolutions", ResolutionBody(units, present / 2));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, short1.StatusCode);
        }

        var created = await staff.PostAsJsonAsync($"/api/v1/meetings/{id}/resolutions", ResolutionBody(units, present / 2 + 1));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, await App.QueryAsync(db => db.Resolutions.CountAsync(r => r.MeetingId == Guid.Parse(id))));
    }

    [Fact]
    public async Task A_resolution_needs_a_held_meeting()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var (id, units) = await ScheduleAsync(staff, App.Clock.GetUtcNow().AddDays(3));
        var response = await staff.PostAsJsonAsync($"/api/v1/meetings/{id}/resolutions", ResolutionBody(units, units.Count));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Two_concurrent_saves_get_two_consecutive_numbers_and_a_taken_number_is_refused()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var staff2 = await App.ApiAsAsync("staff.donghu@example.org");
        var (id, units, meeting) = await HeldMeetingAsync(staff, present: int.MaxValue);
        var suggested = meeting.GetProperty("suggestedNumber").GetString()!;
        var present = meeting.GetProperty("quorum").GetProperty("presentOrDelegated").GetInt32();

        var responses = await Task.WhenAll(
            staff.PostAsJsonAsync($"/api/v1/meetings/{id}/resolutions", ResolutionBody(units, present)),
            staff2.PostAsJsonAsync($"/api/v1/meetings/{id}/resolutions", ResolutionBody(units, present)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = new List<string>();
        foreach (var r in responses)
        {
            numbers.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!);
        }

        Assert.Equal(2, numbers.Distinct().Count());
        Assert.Contains(suggested, numbers);

        // Both people typed the same suggested number: one gets it, the other is told the next free one.
        var next = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}")).GetProperty("suggestedNumber").GetString()!;
        var same = await Task.WhenAll(
            staff.PostAsJsonAsync($"/api/v1/meetings/{id}/resolutions", ResolutionBody(units, present, number: next)),
            staff2.PostAsJsonAsync($"/api/v1/meetings/{id}/resolutions", ResolutionBody(units, present, number: next)));
        Assert.Single(same, r => r.StatusCode == HttpStatusCode.Created);
        var loser = Assert.Single(same, r => r.StatusCode == HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"决议编号{next}已被使用", await loser.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3, await App.QueryAsync(db => db.Resolutions.CountAsync(r => r.MeetingId == Guid.Parse(id))));
    }

    [Fact]
    public async Task Overdue_is_derived_when_the_clock_passes_the_deadline_and_deadlines_within_a_week_are_flagged()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var (id, units, meeting) = await HeldMeetingAsync(staff, present: int.MaxValue);
        var present = meeting.GetProperty("quorum").GetProperty("presentOrDelegated").GetInt32();
        var created = await (await staff.PostAsJsonAsync($"/api/v1/meetings/{id}/resolutions", ResolutionBody(units, present, deadlineInDays: 3)))
            .Content.ReadFromJsonAsync<JsonElement>();
        var resolutionId = created.GetProperty("id").GetString()!;
        Assert.Equal("notStarted", created.GetProperty("status").GetString());
        Assert.True(created.GetProperty("dueSoon").GetBoolean());
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);

        App.Clock.Advance(TimeSpan.FromDays(4));
        using var staffLater = await App.ApiAsAsync("staff.donghu@example.org"); // tokens expire: sign in again after the move

        var now = await staffLater.GetFromJsonAsync<JsonElement>($"/api/v1/resolutions/{resolutionId}");
        Assert.Equal("overdue", now.GetProperty("resolution").GetProperty("status").GetString());
        var overdue = await staffLater.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/resolutions?status=overdue&pageSize=500");
        Assert.Contains(overdue.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetString() == resolutionId);
        Assert.All(overdue.GetProperty("items").EnumerateArray(), r => Assert.True(r.GetProperty("overdue").GetBoolean()));
        var all = await staffLater.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/resolutions?pageSize=500");
        Assert.True(all.GetProperty("items")[0].GetProperty("overdue").GetBoolean());

        // Nothing stale is stored: completing it (late) ends the overdue state.
        var done = await staffLater.PostAsJsonAsync($"/api/v1/resolutions/{resolutionId}/complete", new { completedOn = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("completed", (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resolution").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staffLater.GetAsync($"/api/v1/streets/{donghu}/resolutions?status=late")).StatusCode);
    }

    [Fact]
    public async Task Only_responsible_units_leaders_post_progress_and_only_the_lead_completes()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var (id, units, meeting) = await HeldMeetingAsync(staff, present: int.MaxValue);
        var present = meeting.GetProperty("quorum").GetProperty("presentOrDelegated").GetInt32();
        var (procuratorate, power) = await LeaderUnitsAsync();
        var others = units.Where(u => u != procuratorate && u != power).ToList();

        async Task<string> CreateAsync(string lead, string cooperating)
        {
            var response = await staff.PostAsJsonAsync($"/api/v1/meetings/{id}/resolutions", new
            {
                title = "背街小巷环境整治",
                content = "",
                votesFor = present,
                votesAgainst = 0,
                votesAbstain = 0,
                leadUnitId = lead,
                cooperatingUnitIds = new[] { cooperating },
                deadline = Today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        var mine = await CreateAsync(procuratorate, power);
        var notMine = await CreateAsync(others[0], others[1]);
        using var lead = await App.ApiAsAsync("leader1@example.org");
        using var cooperating = await App.ApiAsAsync("leader2@example.org");
        using var otherStreetLeader = await App.ApiAsAsync("leader3@example.org");
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        using var otherStaff = await App.ApiAsAsync("staff.xicheng@example.org");
        var progress = new { percent = 40, text = "已完成东湖小区夜间停车摸底。" };

        var posted = await lead.PostAsJsonAsync($"/api/v1/resolutions/{mine}/progress", progress);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var progressId = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("updates")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await cooperating.PostAsJsonAsync($"/api/v1/resolutions/{mine}/progress", progress with { percent = 60 })).StatusCode);

        // Attachments: the update's own unit attaches a PDF; disguised files, other units and other streets are refused.
        static MultipartFormDataContent File(byte[] bytes, string name) => new() { { new ByteArrayContent(bytes), "file", name } };
        var attached = await lead.PostAsync($"/api/v1/resolution-progress/{progressId}/attachments", File("%PDF-1.4\n%%EOF"u8.ToArray(), "摸底表.pdf"));
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var attachmentId = (await attached.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await lead.PostAsync($"/api/v1/resolution-progress/{progressId}/attachments", File("MZ not a pdf"u8.ToArray(), "x.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cooperating.PostAsync($"/api/v1/resolution-progress/{progressId}/attachments", File("%PDF-1.4"u8.ToArray(), "y.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.PostAsync($"/api/v1/resolution-progress/{progressId}/attachments", File("%PDF-1.4"u8.ToArray(), "z.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/resolution-attachments/{attachmentId}")).StatusCode);
        Assert.Equal("application/pdf", (await orgDept.GetAsync($"/api/v1/resolution-attachments/{attachmentId}")).Content.Headers.ContentType?.MediaType);
        var withAttachment = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/resolutions/{mine}");
        Assert.Contains(withAttachment.GetProperty("updates").EnumerateArray(), u => u.GetProperty("attachments").EnumerateArray().Any(a => a.GetProperty("fileName").GetString() == "摸底表.pdf"));
        Assert.Equal(1, await App.QueryAsync(db => db.ResolutionAttachments.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await lead.PostAsJsonAsync($"/api/v1/resolutions/{notMine}/progress", progress)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/api/v1/resolutions/{notMine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreetLeader.PostAsJsonAsync($"/api/v1/resolutions/{mine}/progress", progress)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.PostAsJsonAsync($"/api/v1/resolutions/{mine}/progress", progress)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await orgDept.PostAsJsonAsync($"/api/v1/resolutions/{mine}/progress", progress)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await lead.PostAsJsonAsync($"/api/v1/resolutions/{mine}/progress", new { percent = 140, text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/v1/resolutions/{notMine}/progress", progress)).StatusCode);

        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var leaderList = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/resolutions?pageSize=500");
        Assert.All(leaderList.GetProperty("items").EnumerateArray(), r =>
            Assert.True(r.GetProperty("leadUnitId").GetString() == procuratorate
                || r.GetProperty("cooperatingUnitIds").EnumerateArray().Any(c => c.GetString() == procuratorate)));

        var today = new { completedOn = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Equal(HttpStatusCode.Forbidden, (await cooperating.PostAsJsonAsync($"/api/v1/resolutions/{mine}/complete", today)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await orgDept.PostAsJsonAsync($"/api/v1/resolutions/{mine}/complete", today)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsJsonAsync($"/api/v1/resolutions/{mine}/complete", today)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await cooperating.PostAsJsonAsync($"/api/v1/resolutions/{mine}/progress", progress)).StatusCode);

        var detail = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/resolutions/{mine}");
        Assert.Equal(2, detail.GetProperty("updates").GetArrayLength());
        Assert.Equal(100, detail.GetProperty("resolution").GetProperty("percent").GetInt32());
    }

    [Fact]
    public async Task The_quarter_reminder_shows_from_fifteen_days_before_the_end_until_a_joint_meeting_is_held()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);

        // Move to the 10th day before the next quarter's end: the seeded data holds nothing there yet.
        var quarter = Quarter.Of(Today);
        var next = Quarter.Of(quarter.End.AddDays(1));
        var target = next.End.AddDays(-10);
        App.Clock.Advance(TimeSpan.FromDays(target.DayNumber - Today.DayNumber));
        Assert.Equal(target, Today);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");

        var quarters = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/meetings/quarters?year={next.Year}");
        var row = quarters.EnumerateArray().Single(q => q.GetProperty("quarter").GetProperty("number").GetInt32() == next.Number);
        Assert.Equal("reminderDue", row.GetProperty("state").GetString());

        var (id, units) = await RecordPastAsync(App, staff, App.Clock.GetUtcNow().AddHours(-3));
        await SetAttendanceAsync(staff, id, units, units.Count);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/meetings/{id}/hold", new { minutes = "季度联席会议纪要" })).StatusCode);
        quarters = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/meetings/quarters?year={next.Year}");
        row = quarters.EnumerateArray().Single(q => q.GetProperty("quarter").GetProperty("number").GetInt32() == next.Number);
        Assert.Equal("met", row.GetProperty("state").GetString());
        Assert.Equal(1, row.GetProperty("heldJointMeetings").GetInt32());
    }

    [Fact]
    public async Task The_calendar_file_parses_as_icalendar()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        // Two weeks ahead of the app's clock (a meeting can only be scheduled in the future), at 09:30 in Shanghai.
        var day = App.Clock.GetUtcNow().UtcDateTime.Date.AddDays(14);
        var at = new DateTimeOffset(day.Year, day.Month, day.Day, 1, 30, 0, TimeSpan.Zero);
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var created = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/meetings",
            MeetingBody(at, "关于停车难、棚户区改造的专题会议；请准时参加，并带齐材料（含2026年度工作计划、项目清单、资金安排）", "special"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var response = await staff.GetAsync($"/api/v1/meetings/{id}/calendar.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();

        var physical = raw.Split("\r\n");
        Assert.Equal("", physical[^1]);
        Assert.All(physical, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, l));
        var lines = raw.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        var props = lines.Select(l => l.Split(':', 2)).Where(p => p[0] is not ("BEGIN" or "END")).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        Assert.Equal(["VCALENDAR", "VEVENT"], lines.Where(l => l.StartsWith("BEGIN:", StringComparison.Ordinal)).Select(l => l[6..]));
        Assert.Equal("2.0", props["VERSION"]);
        Assert.Equal($"{day:yyyyMMdd}T013000Z", props["DTSTART"]);
        Assert.Equal($"{day:yyyyMMdd}T033000Z", props["DTEND"]);
        Assert.StartsWith(id + "@", props["UID"], StringComparison.Ordinal);
        var summary = props["SUMMARY"].Replace("\\,", ",", StringComparison.Ordinal).Replace("\\;", ";", StringComparison.Ordinal);
        Assert.Equal("关于停车难、棚户区改造的专题会议；请准时参加，并带齐材料（含2026年度工作计划、项目清单、资金安排）（专题会议）", summary);
        Assert.Contains("1. 研究老旧小区停车难问题\\n2. 部署冬季治安巡逻", props["DESCRIPTION"], StringComparison.Ordinal);
    }
}
