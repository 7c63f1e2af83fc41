using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunityPartyBuilding.IntegrationTests.Features.Needs.NeedData;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Needs;

/// <summary>
/// 资源匹配、精准派单、回访、办理情况通报 over HTTP: matches best first with reasons, dispatch and the unit's answer through the
/// claim, expiry back to staff, return visits and the monthly notice; bad input refused with a message and nothing changed.
/// </summary>
public class NeedDispatchTests(PortalApp app) : NeedsTest(app)
{
    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> DispatchAsync(HttpClient staff, Guid needId, Guid? unitId, DateOnly? deadline) =>
        staff.PostAsJsonAsync($"/api/v1/needs/{needId}/dispatch", new { unitId, deadline = deadline is { } d ? Day(d) : null });

    private async Task<Guid> PendingDispatchAsync(Guid needId) =>
        await App.QueryAsync(db => db.NeedDispatches.Where(d => d.NeedId == needId && d.Status == NeedDispatchStatus.Pending).Select(d => d.Id).SingleAsync());

    private async Task PassAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NeedPass>().RunAsync();
        await scope.ServiceProvider.GetRequiredService<ReminderPass>().CreateAsync(App.Clock.Today, exclusive: false);
    }

    [Fact]
    public async Task Matches_are_the_streets_fitting_resources_best_first_with_their_reasons_for_staff_only()
    {
        var (donghu, community) = await DonghuAsync();
        var other = await App.CommunityIdAsync(donghu, "滨江社区");
        var unitId = await App.UnitIdAsync(Leader1Unit);
        using var staff = await StaffAsync();
        using var leader = await LeaderAsync();
        var today = App.Clock.Today;

        async Task<Guid> OfferAsync(string kind, string title, Guid[] communities, DateOnly? availableUntil = null, decimal? capacity = null)
        {
            var response = await leader.PostAsJsonAsync($"/api/v1/units/{unitId}/resources",
                new { kind, title, capacity, communityIds = communities, availableUntil = availableUntil is { } d ? Day(d) : null });
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await response.JsonAsync()).GetProperty("id").GetGuid();
        }

        var hall = await OfferAsync("venue", "检察院多功能厅", [community], capacity: 120);
        var volunteers = await OfferAsync("volunteers", "青年志愿服务队", [], availableUntil: today.AddDays(60));
        var funds = await OfferAsync("funds", "帮扶资金", [community], capacity: 5000);
        var ended = await OfferAsync("venue", "旧活动室（已到期）", [community], availableUntil: today.AddDays(-1));
        var elsewhere = await OfferAsync("venue", "滨江分院会议室", [other]);

        var (needId, _) = await EnterAsync(staff, community, "社区重阳节文艺演出缺少场地", wantedBy: today.AddDays(20), category: "cultureSports");
        var matches = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/needs/{needId}/matches");
        var rows = matches.EnumerateArray().ToList();
        var ids = rows.Select(m => m.GetProperty("resource").GetProperty("id").GetGuid()).ToList();
        Assert.Contains(hall, ids);
        Assert.Contains(volunteers, ids);
        Assert.DoesNotContain(funds, ids);
        Assert.DoesNotContain(ended, ids);
        Assert.DoesNotContain(elsewhere, ids);
        Assert.True(ids.IndexOf(hall) < ids.IndexOf(volunteers), "the venue for this community comes before the street's volunteers");
        var scores = rows.Select(m => m.GetProperty("score").GetInt32()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);

        var hallRow = rows[ids.IndexOf(hall)];
        Assert.Equal(Leader1Unit, hallRow.GetProperty("resource").GetProperty("unitName").GetString());
        var reasons = hallRow.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains("场地最适合文化体育类需求", reasons);
        Assert.Contains("服务本社区", reasons);
        Assert.Contains(reasons, r => r.StartsWith("可用至", StringComparison.Ordinal) || r == "长期可用");
        var volunteerReasons = rows[ids.IndexOf(volunteers)].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains("服务全街道", volunteerReasons);
        Assert.Contains(volunteerReasons, r => r.StartsWith("可用至", StringComparison.Ordinal) && r.EndsWith("赶得上办理期限", StringComparison.Ordinal));

        // Community staff of the need's community see them too; of another community not even the need; leaders and the department are refused.
        using var communityStaff = await CommunityStaffAsync();
        Assert.Equal(HttpStatusCode.OK, (await communityStaff.GetAsync($"/api/v1/needs/{needId}/matches")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/v1/needs/{needId}/matches")).StatusCode);
        using var department = await App.ApiAsAsync("orgdept@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await department.GetAsync($"/api/v1/needs/{needId}/matches")).StatusCode);
        using var otherStreet = await App.ApiAsAsync("staff.xicheng@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync($"/api/v1/needs/{needId}/matches")).StatusCode);
    }

    [Fact]
    public async Task A_dispatched_need_is_held_for_its_unit_which_accepts_it_through_the_claim()
    {
        var (unitId, otherUnit) = await UnitsAsync();
        using var staff = await StaffAsync();
        using var leader = await LeaderAsync();
        using var other = await OtherLeaderAsync();
        var (needId, _) = await EnterAsync(staff, await DonghuCommunityAsync());
        var deadline = App.Clock.Today.AddDays(3);

        var dispatched = await DispatchAsync(staff, needId, unitId, deadline);
        Assert.True(dispatched.StatusCode == HttpStatusCode.OK, await dispatched.Content.ReadAsStringAsync());
        var detail = await dispatched.JsonAsync();
        Assert.True(detail.GetProperty("dispatchPending").GetBoolean());
        Assert.False(detail.GetProperty("can").GetProperty("dispatch").GetBoolean());
        var dispatch = Assert.Single(detail.GetProperty("dispatches").EnumerateArray());
        Assert.Equal(("pending", Leader1Unit, Day(deadline)), (dispatch.GetProperty("status").GetString(), dispatch.GetProperty("unitName").GetString(), dispatch.GetProperty("deadline").GetString()));
        var dispatchId = dispatch.GetProperty("id").GetGuid();

        // Meanwhile another unit may not claim it, and is told why; it is not in that unit's list to claim.
        var refused = await ClaimAsync(other, needId);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains($"该需求已派给{Leader1Unit}，正在等待其答复", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var otherList = await other.GetFromJsonAsync<JsonElement>($"/api/v1/units/{otherUnit}/needs");
        Assert.DoesNotContain(otherList.GetProperty("nearby").EnumerateArray(), n => n.GetProperty("id").GetGuid() == needId);
        Assert.False((await GetAsync(other, needId)).GetProperty("can").GetProperty("claim").GetBoolean());

        // The unit sees it among its dispatches, with the accept it may give on the need's page; it was told by a reminder.
        var ownList = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/units/{unitId}/needs");
        Assert.Single(ownList.GetProperty("dispatched").EnumerateArray(), d => d.GetProperty("id").GetGuid() == dispatchId);
        Assert.Equal(dispatchId, (await GetAsync(leader, needId)).GetProperty("can").GetProperty("answerDispatchId").GetGuid());
        await PassAsync();
        var leaderId = await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.Id).SingleAsync());
        Assert.True(await App.QueryAsync(db => db.Notifications.AnyAsync(n => n.RecipientUserId == leaderId && n.Kind == NotificationKind.NeedDispatched)));

        // Accepting claims the need for the unit, by the claim's own rules (claim-by date), and answers the dispatch.
        var accepted = await leader.PostAsync($"/api/v1/need-dispatches/{dispatchId}/accept", null);
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var need = (await accepted.JsonAsync()).GetProperty("need");
        Assert.Equal(("claimed", Leader1Unit), (need.GetProperty("status").GetString(), need.GetProperty("claimerName").GetString()));
        Assert.Equal(Day(NeedRules.ClaimDue(App.Clock.Today, null)), need.GetProperty("claimBy").GetString());
        var stored = await App.QueryAsync(db => db.NeedDispatches.SingleAsync(d => d.Id == dispatchId));
        Assert.Equal((NeedDispatchStatus.Accepted, "leader1@example.org"), (stored.Status, stored.AnsweredBy));
        Assert.Null(await App.QueryAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.DispatchedUnitId).SingleAsync()));

        // Twice is refused, and so is declining what was accepted.
        var again = await leader.PostAsync($"/api/v1/need-dispatches/{dispatchId}/accept", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("本单位已接过该派单", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsJsonAsync($"/api/v1/need-dispatches/{dispatchId}/decline", new { reason = "人手不足" })).StatusCode);
    }

    [Fact]
    public async Task A_declined_or_unanswered_dispatch_returns_the_need_to_staff_who_are_reminded()
    {
        var (unitId, otherUnit) = await UnitsAsync();
        using var staff = await StaffAsync();
        using var leader = await LeaderAsync();
        using var other = await OtherLeaderAsync();
        var today = App.Clock.Today;
        var (needId, _) = await EnterAsync(staff, await DonghuCommunityAsync());
        var staffId = await App.QueryAsync(db => db.Users.Where(u => u.Email == "staff.donghu@example.org").Select(u => u.Id).SingleAsync());

        // Declining needs a reason; without one nothing changes.
        Assert.Equal(HttpStatusCode.OK, (await DispatchAsync(staff, needId, unitId, today.AddDays(2))).StatusCode);
        var first = await PendingDispatchAsync(needId);
        var noReason = await leader.PostAsJsonAsync($"/api/v1/need-dispatches/{first}/decline", new { reason = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(NeedDispatchStatus.Pending, await App.QueryAsync(db => db.NeedDispatches.Where(d => d.Id == first).Select(d => d.Status).SingleAsync()));

        var declined = await leader.PostAsJsonAsync($"/api/v1/need-dispatches/{first}/decline", new { reason = "本周单位集中办案，人手不足" });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var detail = await declined.JsonAsync();
        Assert.Equal("published", detail.GetProperty("need").GetProperty("status").GetString());
        Assert.False(detail.GetProperty("dispatchPending").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsync($"/api/v1/need-dispatches/{first}/accept", null)).StatusCode);
        await PassAsync();
        var declinedNote = await App.QueryAsync(db => db.Notifications.SingleAsync(n => n.RecipientUserId == staffId && n.Kind == NotificationKind.NeedDispatchDeclined
            && n.ItemKey == "need-dispatch-returned:" + first));
        Assert.Equal(["帮忙修理楼道声控灯", Leader1Unit, "本周单位集中办案，人手不足"], declinedNote.Arguments);
        Assert.Equal(1, (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/needs/{needId}")).GetProperty("dispatches").GetArrayLength());

        // Dispatched again, unanswered by its deadline: it expires the day after, back to staff, and accepting is too late.
        Assert.Equal(HttpStatusCode.OK, (await DispatchAsync(staff, needId, otherUnit, today)).StatusCode);
        var second = await PendingDispatchAsync(needId);
        App.SetToday(today.AddDays(1));
        await PassAsync();
        Assert.Equal(NeedDispatchStatus.Expired, await App.QueryAsync(db => db.NeedDispatches.Where(d => d.Id == second).Select(d => d.Status).SingleAsync()));
        Assert.True(await App.QueryAsync(db => db.Notifications.AnyAsync(n => n.RecipientUserId == staffId && n.Kind == NotificationKind.NeedDispatchExpired)));
        // A day later: sign in again (sessions follow the clock).
        using var otherLater = await OtherLeaderAsync();
        using var leaderLater = await LeaderAsync();
        var late = await otherLater.PostAsync($"/api/v1/need-dispatches/{second}/accept", null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("已超过答复期限", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The need is free again: any unit may claim it.
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(leaderLater, needId)).StatusCode);
    }

    [Fact]
    public async Task Bad_dispatches_and_answers_are_refused_with_a_message_and_nothing_changes()
    {
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        var community = await DonghuCommunityAsync();
        var unitId = await App.UnitIdAsync(Leader1Unit);
        var foreignUnit = await App.QueryAsync(db => db.MemberUnits.Where(u => u.StreetId == xicheng).Select(u => u.Id).FirstAsync());
        using var staff = await StaffAsync();
        using var leader = await LeaderAsync();
        using var other = await OtherLeaderAsync();
        var today = App.Clock.Today;
        var (needId, _) = await EnterAsync(staff, community);
        var (claimedId, _) = await EnterAsync(staff, community, "代购生活用品");
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(other, claimedId)).StatusCode);
        var before = await App.QueryAsync(db => db.NeedDispatches.CountAsync());

        var cases = new (string Name, Guid Need, Guid? Unit, DateOnly? Deadline, HttpStatusCode Status, string Text)[]
        {
            ("not published", claimedId, unitId, today.AddDays(3), HttpStatusCode.Conflict, "只有已发布的需求可以派单"),
            ("another street's unit", needId, foreignUnit, today.AddDays(3), HttpStatusCode.UnprocessableEntity, "只能派给本街道的成员单位"),
            ("deadline past", needId, unitId, today.AddDays(-1), HttpStatusCode.UnprocessableEntity, "答复期限不能早于今天"),
            ("deadline too far", needId, unitId, today.AddDays(NeedDispatchRules.MaxDeadlineDays + 1), HttpStatusCode.UnprocessableEntity, "30天内"),
            ("no unit", needId, null, today.AddDays(3), HttpStatusCode.UnprocessableEntity, "unitId"),
            ("no deadline", needId, unitId, null, HttpStatusCode.UnprocessableEntity, "deadline"),
        };
        foreach (var (name, need, unit, deadline, status, text) in cases)
        {
            var response = await DispatchAsync(staff, need, unit, deadline);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{name}: {(int)response.StatusCode} {body}");
            Assert.True(body.Contains(text, StringComparison.Ordinal), $"{name}: {body}");
        }

        // Only staff of the need's street and community dispatch.
        Assert.Equal(HttpStatusCode.Forbidden, (await DispatchAsync(leader, needId, unitId, today.AddDays(3))).StatusCode);
        using (var department = await App.ApiAsAsync("orgdept@example.org"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await DispatchAsync(department, needId, unitId, today.AddDays(3))).StatusCode);
        }

        using (var otherStreet = await App.ApiAsAsync("staff.xicheng@example.org"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await DispatchAsync(otherStreet, needId, unitId, today.AddDays(3))).StatusCode);
        }

        Assert.Equal(before, await App.QueryAsync(db => db.NeedDispatches.CountAsync()));

        // One pending dispatch at a time.
        Assert.Equal(HttpStatusCode.OK, (await DispatchAsync(staff, needId, unitId, today.AddDays(3))).StatusCode);
        var twice = await DispatchAsync(staff, needId, await App.UnitIdAsync(Leader2Unit), today.AddDays(3));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("正在等待答复", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var dispatchId = await PendingDispatchAsync(needId);

        // Someone else's dispatch: another unit's leader does not find it, staff may not answer for the unit.
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/need-dispatches/{dispatchId}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/need-dispatches/{dispatchId}/decline", new { reason = "不是我们的" })).StatusCode);
        var staffAccept = await staff.PostAsync($"/api/v1/need-dispatches/{dispatchId}/accept", null);
        Assert.Equal(HttpStatusCode.Forbidden, staffAccept.StatusCode);
        Assert.Contains("只有被派单位的负责人", await staffAccept.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await App.QueryAsync(db => db.NeedDispatches.SingleAsync(d => d.Id == dispatchId));
        Assert.Equal((NeedDispatchStatus.Pending, (string?)null), (stored.Status, stored.AnsweredBy));
        Assert.Equal(NeedStatus.Published, await App.QueryAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.Status).SingleAsync()));

        // Withdrawing the need cancels the dispatch: accepting it afterwards is refused.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/needs/{needId}/withdraw", new { reason = "居民已自行解决" })).StatusCode);
        Assert.Equal(NeedDispatchStatus.Cancelled, await App.QueryAsync(db => db.NeedDispatches.Where(d => d.Id == dispatchId).Select(d => d.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsync($"/api/v1/need-dispatches/{dispatchId}/accept", null)).StatusCode);
    }

    [Fact]
    public async Task A_dispatch_and_a_claim_of_the_same_need_at_once_never_both_hold()
    {
        var community = await DonghuCommunityAsync();
        var unitId = await App.UnitIdAsync(Leader1Unit);
        using var staff = await StaffAsync();
        using var other = await OtherLeaderAsync();

        for (var round = 0; round < 4; round++)
        {
            var (needId, _) = await EnterAsync(staff, community, $"陪同老人复诊 {round}");
            using var start = new SemaphoreSlim(0, 2);
            async Task<HttpStatusCode> Race(Func<Task<HttpResponseMessage>> send)
            {
                await start.WaitAsync();
                return (await send()).StatusCode;
            }

            var dispatch = Race(() => DispatchAsync(staff, needId, unitId, App.Clock.Today.AddDays(3)));
            var claim = Race(() => ClaimAsync(other, needId));
            start.Release(2);
            var results = await Task.WhenAll(dispatch, claim);
            Assert.Contains(HttpStatusCode.OK, results);

            var need = await App.QueryAsync(db => db.Needs.SingleAsync(n => n.Id == needId));
            var pending = await App.QueryAsync(db => db.NeedDispatches.CountAsync(d => d.NeedId == needId && d.Status == NeedDispatchStatus.Pending));
            Assert.False(need.Status == NeedStatus.Claimed && pending > 0, $"round {round}: claimed and dispatched at once ({string.Join(", ", results)})");
            Assert.Equal(need.DispatchedUnitId is null ? 0 : 1, pending);
        }
    }

    [Fact]
    public async Task Staff_record_a_return_visit_on_a_done_need()
    {
        using var staff = await StaffAsync();
        using var leader = await LeaderAsync();
        var today = App.Clock.Today;
        var (needId, _) = await EnterAsync(staff, await DonghuCommunityAsync());
        object Visit(DateOnly? on, string? way = "phone", bool? satisfied = true) => new { visitedOn = on is { } d ? Day(d) : null, way, note = "居民表示灯已修好，很满意。", satisfied };

        var early = await staff.PostAsJsonAsync($"/api/v1/needs/{needId}/return-visit", Visit(today));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("需求办结后才能登记回访", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(leader, needId)).StatusCode);
        await AddPhotoAsync(leader, needId);
        Assert.Equal(HttpStatusCode.OK, (await DoneAsync(leader, needId)).StatusCode);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsJsonAsync($"/api/v1/needs/{needId}/return-visit", Visit(today.AddDays(1)))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsJsonAsync($"/api/v1/needs/{needId}/return-visit", Visit(today, satisfied: null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync($"/api/v1/needs/{needId}/return-visit", Visit(today))).StatusCode);
        Assert.Null(await App.QueryAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.ReturnVisitOn).SingleAsync()));

        var recorded = await staff.PostAsJsonAsync($"/api/v1/needs/{needId}/return-visit", Visit(today, "visit"));
        Assert.True(recorded.StatusCode == HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());
        var visit = (await recorded.JsonAsync()).GetProperty("returnVisit");
        Assert.Equal((Day(today), "visit", true), (visit.GetProperty("visitedOn").GetString(), visit.GetProperty("way").GetString(), visit.GetProperty("satisfied").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, (await GetAsync(leader, needId)).GetProperty("returnVisit").ValueKind);
    }

    [Fact]
    public async Task The_monthly_notice_counts_each_units_dispatches_done_needs_and_ratings_without_personal_data()
    {
        var (donghu, community) = await DonghuAsync();
        var (unitId, otherUnit) = await UnitsAsync();
        using var staff = await StaffAsync();
        using var leader = await LeaderAsync();
        using var other = await OtherLeaderAsync();
        var today = App.Clock.Today;
        var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        async Task<JsonElement> RowAsync(Guid unit)
        {
            var notice = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/need-notices/{month}");
            return notice.GetProperty("units").EnumerateArray().FirstOrDefault(r => r.GetProperty("unitId").GetGuid() == unit);
        }

        static int Count(JsonElement row, string name) => row.ValueKind == JsonValueKind.Undefined ? 0 : row.GetProperty(name).GetInt32();
        var before = await RowAsync(unitId);
        var otherBefore = await RowAsync(otherUnit);

        // Unit 1 accepts one dispatch and does it; unit 2 declines one.
        var (accepted, code) = await EnterAsync(staff, community, "帮独居老人换煤气罐");
        Assert.Equal(HttpStatusCode.OK, (await DispatchAsync(staff, accepted, unitId, today.AddDays(2))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsync($"/api/v1/need-dispatches/{await PendingDispatchAsync(accepted)}/accept", null)).StatusCode);
        await AddPhotoAsync(leader, accepted);
        Assert.Equal(HttpStatusCode.OK, (await DoneAsync(leader, accepted)).StatusCode);
        using (var resident = App.Anonymous())
        {
            Assert.Equal(HttpStatusCode.OK, (await resident.PostAsJsonAsync($"/api/v1/public/needs/{code}/rating", new { rating = "basicallySatisfied" })).StatusCode);
        }

        var (declined, _) = await EnterAsync(staff, community, "楼道堆物清理");
        Assert.Equal(HttpStatusCode.OK, (await DispatchAsync(staff, declined, otherUnit, today.AddDays(2))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync($"/api/v1/need-dispatches/{await PendingDispatchAsync(declined)}/decline", new { reason = "不属本单位专业" })).StatusCode);

        var after = await RowAsync(unitId);
        Assert.Equal(Leader1Unit, after.GetProperty("unitName").GetString());
        foreach (var (name, delta) in new[] { ("dispatched", 1), ("accepted", 1), ("declined", 0), ("done", 1), ("doneOnTime", 1), ("ratings", 1), ("basicallySatisfied", 1) })
        {
            Assert.True(Count(after, name) - Count(before, name) == delta, $"{name}: {Count(before, name)} → {Count(after, name)}");
        }

        var otherAfter = await RowAsync(otherUnit);
        Assert.Equal(1, Count(otherAfter, "declined") - Count(otherBefore, "declined"));

        // No one's personal data, in the JSON or the xlsx.
        var json = await staff.GetStringAsync($"/api/v1/streets/{donghu}/need-notices/{month}");
        Assert.DoesNotContain(ResidentName, json, StringComparison.Ordinal);
        Assert.DoesNotContain(ResidentPhone, json, StringComparison.Ordinal);
        var xlsx = await staff.GetAsync($"/api/v1/streets/{donghu}/need-notices/{month}/export");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var rows = MiniExcelLibs.MiniExcel.Query(await xlsx.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(rows, r => (string)r["成员单位"] == Leader1Unit);
        Assert.Equal("合计", rows[^1]["成员单位"]);

        // Readers of the street only; a bad month is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/v1/streets/{donghu}/need-notices/{month}")).StatusCode);
        using (var otherStreet = await App.ApiAsAsync("staff.xicheng@example.org"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync($"/api/v1/streets/{donghu}/need-notices/{month}")).StatusCode);
        }

        using (var department = await App.ApiAsAsync("orgdept@example.org"))
        {
            Assert.Equal(HttpStatusCode.OK, (await department.GetAsync($"/api/v1/streets/{donghu}/need-notices/{month}")).StatusCode);
        }

        var future = await staff.GetAsync($"/api/v1/streets/{donghu}/need-notices/{today.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture)}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.GetAsync($"/api/v1/streets/{donghu}/need-notices/2026-13")).StatusCode);
    }
}
