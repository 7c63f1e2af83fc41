using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Evaluations;

[Trait("Clock", "DateSensitive")]
public class EvaluationApiTests(PortalApp app) : PortalTest(app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private int ThisYear => TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), Shanghai).Year;

    internal static async Task<string> CampaignIdAsync(PortalApp app, HttpClient client, int year)
    {
        var donghu = await app.StreetIdAsync(DemoSeeder.DonghuStreet);
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/evaluations");
        return list.EnumerateArray().Single(c => c.GetProperty("year").GetInt32() == year).GetProperty("id").GetString()!;
    }

    internal static async Task<List<string>> IssueAsync(HttpClient staff, string campaignId, int count)
    {
        var response = await staff.PostAsJsonAsync($"/api/v1/evaluations/{campaignId}/codes", new { count });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
    }

    internal static async Task<List<string>> BallotUnitsAsync(PortalApp app, string campaignId) =>
        await app.QueryAsync(db => db.CampaignUnits.Where(u => u.CampaignId == Guid.Parse(campaignId)).OrderBy(u => u.SortOrder).Select(u => u.UnitId.ToString()).ToListAsync());

    internal static object BallotBody(string code, IEnumerable<string> units, string rating = "satisfied", string? comment = null) => new
    {
        code,
        ratings = units.Select(u => new { unitId = u, rating, comment }).ToArray(),
    };

    private async Task<int> StoredBallotsAsync(string campaignId) =>
        await App.QueryAsync(db => db.Ballots.CountAsync(b => b.CampaignId == Guid.Parse(campaignId)));

    [Fact]
    public async Task Last_years_demo_campaign_is_published_with_about_300_ballots_and_totals_that_add_up()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var id = await CampaignIdAsync(App, staff, ThisYear - 1);
        var campaign = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{id}");
        Assert.Equal("published", campaign.GetProperty("status").GetString());
        var ballots = campaign.GetProperty("turnout").GetProperty("ballots").GetInt32();
        Assert.InRange(ballots, 280, 320);

        var rows = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{id}/results");
        Assert.Equal(23, rows.GetArrayLength());
        var previousRank = 0;
        foreach (var row in rows.EnumerateArray())
        {
            var indicators = row.GetProperty("indicators");
            var points = new[] { "meetingParticipation", "agreementFulfilment", "activity", "resolutionImplementation", "residentEvaluation" }
                .Sum(k => indicators.GetProperty(k).ValueKind == JsonValueKind.Null ? 0m : indicators.GetProperty(k).GetDecimal());
            Assert.Equal(row.GetProperty("total").GetDecimal() - row.GetProperty("adjustment").GetDecimal(), points);
            Assert.True(row.GetProperty("rank").GetInt32() >= previousRank);
            previousRank = row.GetProperty("rank").GetInt32();
            Assert.Contains(row.GetProperty("grade").GetString(), new[] { "excellent", "good", "fair", "poor" });
        }

        // The demo has a unit few residents know (样本不足) and two adjustments.
        Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("insufficientSample").GetBoolean());
        Assert.Equal(2, rows.EnumerateArray().Count(r => r.GetProperty("adjustment").GetDecimal() != 0));
    }

    [Fact]
    public async Task Only_published_rows_reach_a_unit_leader_and_only_their_own()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var leader = await App.ApiAsAsync("leader1@example.org");
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        using var otherStaff = await App.ApiAsAsync("staff.xicheng@example.org");
        var published = await CampaignIdAsync(App, staff, ThisYear - 1);
        var open = await CampaignIdAsync(App, staff, ThisYear);
        var procuratorate = await App.QueryAsync(db => db.MemberUnits.Where(u => u.Name == "东湖区人民检察院").Select(u => u.Id.ToString()).SingleAsync());

        var own = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{published}/results");
        Assert.Equal(procuratorate, own.EnumerateArray().Single().GetProperty("unitId").GetString());
        Assert.Equal(23, (await orgDept.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{published}/results")).GetArrayLength());

        // The open campaign: sealed for staff, not there for the leader, not visible to another street.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.GetAsync($"/api/v1/evaluations/{open}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/evaluations/{open}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await orgDept.GetAsync($"/api/v1/evaluations/{open}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/evaluations/{published}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/evaluations/{open}")).StatusCode);

        // Nobody but the street's staff changes anything.
        Assert.Equal(HttpStatusCode.Forbidden, (await orgDept.PostAsync($"/api/v1/evaluations/{open}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync($"/api/v1/evaluations/{open}/codes", new { count = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.PostAsync($"/api/v1/evaluations/{open}/close", null)).StatusCode);

        // A unit's history: the leader sees the published year.
        var history = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/units/{procuratorate}/evaluations");
        Assert.Equal(ThisYear - 1, history.EnumerateArray().Single().GetProperty("year").GetInt32());
    }

    [Fact]
    public async Task Steps_follow_the_lifecycle_and_settings_are_validated()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var opens = App.Clock.GetUtcNow().AddDays(1);
        var url = $"/api/v1/streets/{donghu}/evaluations";

        var badWeights = await staff.PostAsJsonAsync(url, new
        {
            year = ThisYear + 1, ballotOpensAt = opens, ballotClosesAt = opens.AddDays(10),
            weights = new { meetingParticipation = 20, agreementFulfilment = 30, activity = 10, resolutionImplementation = 20, residentEvaluation = 30 },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badWeights.StatusCode);
        Assert.Contains("110", await badWeights.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var badThresholds = await staff.PostAsJsonAsync(url, new
        {
            year = ThisYear + 1, ballotOpensAt = opens, ballotClosesAt = opens.AddDays(10), thresholds = new { excellent = 75, good = 90, fair = 60 },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badThresholds.StatusCode);
        var backwards = await staff.PostAsJsonAsync(url, new { year = ThisYear + 1, ballotOpensAt = opens, ballotClosesAt = opens.AddDays(-1) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsJsonAsync(url, new { year = ThisYear, ballotOpensAt = opens, ballotClosesAt = opens.AddDays(3) })).StatusCode);

        var created = await staff.PostAsJsonAsync(url, new { year = ThisYear + 1, ballotOpensAt = opens, ballotClosesAt = opens.AddDays(10) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaign = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = campaign.GetProperty("id").GetString();
        Assert.Equal("draft", campaign.GetProperty("status").GetString());
        Assert.Equal(30, campaign.GetProperty("weights").GetProperty("agreementFulfilment").GetInt32());

        // Out of order: 409 naming the step.
        foreach (var step in new[] { "close", "finalise", "publish" })
        {
            var refused = await staff.PostAsync($"/api/v1/evaluations/{id}/{step}", null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("草稿", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/evaluations/{id}/open", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/evaluations/{id}/open", null)).StatusCode);
        var locked = await staff.PutAsJsonAsync($"/api/v1/evaluations/{id}", new { year = ThisYear + 1, ballotOpensAt = opens, ballotClosesAt = opens.AddDays(20) });
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/evaluations/{id}/finalise", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/evaluations/{id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/v1/evaluations/{id}/codes", new { count = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/evaluations/{id}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/evaluations/{id}/finalise", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/evaluations/{id}/finalise", null)).StatusCode);
        var published = await staff.PostAsync($"/api/v1/evaluations/{id}/publish", null);
        Assert.Equal("published", (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_code_votes_once_and_every_refusal_stores_nothing()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var resident = App.Anonymous();
        var id = await CampaignIdAsync(App, staff, ThisYear);
        var codes = await IssueAsync(staff, id, 3);
        Assert.All(codes, c => Assert.Matches("^[A-HJKMNP-TW-Z2-9]{4}-[A-HJKMNP-TW-Z2-9]{4}$", c));
        var units = await BallotUnitsAsync(App, id);
        var before = await StoredBallotsAsync(id);

        // Refusals: unknown, no rating, a unit from another street, a comment too long, a duplicate unit.
        Assert.Equal(HttpStatusCode.NotFound, (await resident.PostAsJsonAsync("/api/v1/ballots", BallotBody("ABCD-EFGH", units.Take(2)))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await resident.PostAsJsonAsync("/api/v1/ballots", BallotBody(codes[0], []))).StatusCode);
        var xichengUnit = await App.QueryAsync(db => db.MemberUnits.Where(u => u.Name == "西城燃气有限公司").Select(u => u.Id.ToString()).SingleAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await resident.PostAsJsonAsync("/api/v1/ballots", BallotBody(codes[0], [units[0], xichengUnit]))).StatusCode);
        var tooLong = await resident.PostAsJsonAsync("/api/v1/ballots", BallotBody(codes[0], units.Take(1), comment: new string('好', 201)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Contains("200", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await resident.PostAsJsonAsync("/api/v1/ballots", BallotBody(codes[0], [units[0], units[0]]))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await resident.PostAsJsonAsync("/api/v1/ballots", BallotBody(codes[0], units.Take(1), rating: "superb"))).StatusCode);
        Assert.Equal(before, await StoredBallotsAsync(id));

        // The code still works after the refusals (typed in lower case with spaces), once.
        var ok = await resident.PostAsJsonAsync("/api/v1/ballots", BallotBody(" " + codes[0].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), units.Take(5), comment: "志愿服务很好"));
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var again = await resident.PostAsJsonAsync("/api/v1/ballots", BallotBody(codes[0], units.Take(5)));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已经使用", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await StoredBallotsAsync(id));
        var ratings = await App.QueryAsync(db => db.BallotRatings.CountAsync(r => r.CampaignId == Guid.Parse(id) && r.Comment == "志愿服务很好"));
        Assert.Equal(5, ratings);

        // The window closes: the next code is refused with 422 and nothing is stored.
        App.Clock.Advance(TimeSpan.FromDays(400));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await resident.PostAsJsonAsync("/api/v1/ballots", BallotBody(codes[1], units.Take(2)))).StatusCode);
        Assert.Equal(before + 1, await StoredBallotsAsync(id));
    }

    [Fact]
    public async Task Two_hundred_concurrent_submissions_with_a_hundred_codes_used_twice_store_exactly_a_hundred_ballots()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var id = await CampaignIdAsync(App, staff, ThisYear);
        var codes = await IssueAsync(staff, id, 100);
        var units = await BallotUnitsAsync(App, id);
        var before = await StoredBallotsAsync(id);
        var beforeRatings = await App.QueryAsync(db => db.BallotRatings.CountAsync(r => r.CampaignId == Guid.Parse(id)));

        using var gate = new SemaphoreSlim(0);
        var clients = Enumerable.Range(0, 8).Select(_ => App.Anonymous()).ToList();
        var tasks = codes.Concat(codes).Select(async (code, i) =>
        {
            await gate.WaitAsync();
            var response = await clients[i % clients.Count].PostAsJsonAsync("/api/v1/ballots", BallotBody(code, units.Skip(i % 5).Take(3)));
            return response.StatusCode;
        }).ToList();
        gate.Release(tasks.Count);
        var statuses = await Task.WhenAll(tasks);
        clients.ForEach(c => c.Dispose());

        Assert.Equal(100, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(100, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(before + 100, await StoredBallotsAsync(id));
        Assert.Equal(beforeRatings + 300, await App.QueryAsync(db => db.BallotRatings.CountAsync(r => r.CampaignId == Guid.Parse(id))));
        var detail = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{id}");
        Assert.Equal(detail.GetProperty("turnout").GetProperty("codesUsed").GetInt32(), await App.QueryAsync(db => db.BallotCodeRedemptions.CountAsync(r => r.CampaignId == Guid.Parse(id))));
    }

    [Fact]
    public async Task Attempts_with_one_code_are_rate_limited()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var resident = App.Anonymous();
        var id = await CampaignIdAsync(App, staff, ThisYear);
        var code = (await IssueAsync(staff, id, 1))[0];
        var units = await BallotUnitsAsync(App, id);
        Assert.Equal(HttpStatusCode.Created, (await resident.PostAsJsonAsync("/api/v1/ballots", BallotBody(code, units.Take(1)))).StatusCode);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await resident.PostAsJsonAsync("/api/v1/ballots", BallotBody(code, units.Take(1)))).StatusCode);
        }

        Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Paper_ballots_count_the_same_and_a_sheet_cannot_be_entered_twice()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var id = await CampaignIdAsync(App, staff, ThisYear);
        var units = await BallotUnitsAsync(App, id);
        var body = new { serial = "Z-001", ratings = units.Take(4).Select(u => new { unitId = u, rating = "basicallySatisfied" }) };
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/v1/evaluations/{id}/paper-ballots", body)).StatusCode);
        var twice = await staff.PostAsJsonAsync($"/api/v1/evaluations/{id}/paper-ballots", body);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("Z-001", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var leader = await App.ApiAsAsync("leader1@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync($"/api/v1/evaluations/{id}/paper-ballots", body with { serial = "Z-002" })).StatusCode);

        var detail = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{id}");
        Assert.Equal(1, detail.GetProperty("turnout").GetProperty("paperBallots").GetInt32());
    }

    [Fact]
    public async Task Adjustments_need_a_closed_campaign_and_a_reason_and_finalised_figures_never_move()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var resident = App.Anonymous();
        var id = await CampaignIdAsync(App, staff, ThisYear);
        var units = await BallotUnitsAsync(App, id);
        var code = (await IssueAsync(staff, id, 1))[0];
        Assert.Equal(HttpStatusCode.Created, (await resident.PostAsJsonAsync("/api/v1/ballots", BallotBody(code, units, "dissatisfied"))).StatusCode);

        var adjustment = new { unitId = units[2], delta = 1.5m, reason = "牵头完成加装电梯协调" };
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/v1/evaluations/{id}/adjustments", adjustment)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/evaluations/{id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsJsonAsync($"/api/v1/evaluations/{id}/adjustments", adjustment with { reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsJsonAsync($"/api/v1/evaluations/{id}/adjustments", adjustment with { delta = 25m })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsJsonAsync($"/api/v1/evaluations/{id}/adjustments", adjustment with { delta = 1.25m })).StatusCode);

        var before = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{id}/results")).EnumerateArray().Single(r => r.GetProperty("unitId").GetString() == units[2]);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsJsonAsync($"/api/v1/evaluations/{id}/adjustments", adjustment)).StatusCode);
        var after = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{id}/results")).EnumerateArray().Single(r => r.GetProperty("unitId").GetString() == units[2]);
        Assert.Equal(before.GetProperty("total").GetDecimal() + 1.5m, after.GetProperty("total").GetDecimal());
        Assert.Equal(1.5m, after.GetProperty("adjustment").GetDecimal());
        Assert.True(await App.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(AssessmentAdjustment))));

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/evaluations/{id}/finalise", null)).StatusCode);
        var finalised = await staff.GetStringAsync($"/api/v1/evaluations/{id}/results");

        // Later changes to what feeds the score: a paper ballot (refused), an adjustment (refused), more verified activities,
        // a meeting's attendance, a resolution completed.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/v1/evaluations/{id}/paper-ballots", new { ratings = new[] { new { unitId = units[0], rating = "satisfied" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/v1/evaluations/{id}/adjustments", adjustment with { delta = 3m })).StatusCode);
        await App.QueryAsync(async db =>
        {
            await db.Activities.Where(a => a.StreetId == db.EvaluationCampaigns.Single(c => c.Id == Guid.Parse(id)).StreetId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, Web.Features.Activities.ActivityStatus.Verified));
            await db.MeetingAttendances.ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, Web.Features.Meetings.AttendanceStatus.Absent));
            await db.BallotRatings.Where(r => r.CampaignId == Guid.Parse(id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.Rating, Rating.Satisfied));
            return 0;
        });
        Assert.Equal(finalised, await staff.GetStringAsync($"/api/v1/evaluations/{id}/results"));
    }

    [Fact]
    public async Task The_activity_target_is_frozen_when_the_campaign_opens_and_totals_stay_within_zero_to_one_hundred()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);

        // A new draft shows the committee's current target; opening it freezes that value into the campaign.
        var year = ThisYear + 1;
        var created = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/evaluations", new
        {
            year, ballotOpensAt = App.Clock.GetUtcNow().AddDays(-1), ballotClosesAt = App.Clock.GetUtcNow().AddDays(10),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draftId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(4, (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{draftId}")).GetProperty("annualActivityTarget").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/evaluations/{draftId}/open", null)).StatusCode);
        Assert.Equal(4, await App.QueryAsync(db => db.EvaluationCampaigns.Where(c => c.Id == Guid.Parse(draftId)).Select(c => c.AnnualActivityTarget).SingleAsync()));

        // This year's campaign, closed: raising the committee's target afterwards does not move a single figure.
        var id = await CampaignIdAsync(App, staff, ThisYear);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/evaluations/{id}/close", null)).StatusCode);
        var before = await staff.GetStringAsync($"/api/v1/evaluations/{id}/results");
        Assert.Equal(1, await App.QueryAsync(db => db.StreetCommittees.Where(c => c.StreetId == donghu)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AnnualActivityTarget, 40))));
        Assert.Equal(before, await staff.GetStringAsync($"/api/v1/evaluations/{id}/results"));
        Assert.Equal(4, (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{id}")).GetProperty("annualActivityTarget").GetInt32());

        // +20 on the best unit and −20 on the weakest: each total is kept within 0–100 and marked when it had to be.
        var rows = JsonDocument.Parse(before).RootElement.EnumerateArray().ToList();
        var best = rows.MaxBy(r => r.GetProperty("total").GetDecimal());
        var weakest = rows.MinBy(r => r.GetProperty("total").GetDecimal());
        foreach (var (row, delta) in new[] { (best, 20m), (weakest, -20m) })
        {
            var unitId = row.GetProperty("unitId").GetString()!;
            Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsJsonAsync($"/api/v1/evaluations/{id}/adjustments", new { unitId, delta, reason = "年度专项工作加减分" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/evaluations/{id}/finalise", null)).StatusCode);
        var stored = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{id}/results")).EnumerateArray().ToList();
        foreach (var (row, delta) in new[] { (best, 20m), (weakest, -20m) })
        {
            var after = stored.Single(r => r.GetProperty("unitId").GetString() == row.GetProperty("unitId").GetString());
            var raw = row.GetProperty("total").GetDecimal() + delta;
            Assert.Equal(Math.Clamp(raw, 0m, 100m), after.GetProperty("total").GetDecimal());
            Assert.Equal(raw is < 0m or > 100m, after.GetProperty("totalClamped").GetBoolean());
        }

        // The demo gives at least one of the two a total that has to be clamped (a best unit above 80 in a year under way,
        // a weakest below 20 in the first days of a year, when the pinned-clock run seeds little of it).
        Assert.True(best.GetProperty("total").GetDecimal() + 20m > 100m || weakest.GetProperty("total").GetDecimal() - 20m < 0m,
            "the demo should give a best unit above 80 or a weakest below 20, so that an adjustment is clamped");
        Assert.Contains(stored, r => r.GetProperty("totalClamped").GetBoolean());
        Assert.All(stored, r => Assert.InRange(r.GetProperty("total").GetDecimal(), 0m, 100m));
    }
}
