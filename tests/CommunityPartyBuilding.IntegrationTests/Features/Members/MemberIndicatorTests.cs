using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Evaluations;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>Rule 9's sixth indicator over HTTP: campaign weights, the frozen yearly hours and target rate, the committee's settings, the results.</summary>
public class MemberIndicatorTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task A_campaign_gives_the_sixth_indicator_weight_before_opening_and_freezes_the_committees_targets()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var year = UnitData.Today(App).Year + 1;
        object Body(int memberService, int agreement) => new
        {
            year,
            ballotOpensAt = App.Clock.GetUtcNow().AddDays(-1),
            ballotClosesAt = App.Clock.GetUtcNow().AddDays(10),
            weights = new { meetingParticipation = 20, agreementFulfilment = agreement, activity = 10, resolutionImplementation = 20, residentEvaluation = 20, memberService },
        };

        // The weights, the sixth included, still sum to 100.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/evaluations", Body(10, 30))).StatusCode);
        var created = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/evaluations", Body(10, 20));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var detail = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{id}");
        Assert.Equal(10, detail.GetProperty("weights").GetProperty("memberService").GetInt32());

        // The committee's settings: street staff edit them, with validation; the organisation department may not.
        var committee = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/committee");
        Assert.Equal(12, committee.GetProperty("memberYearlyHours").GetInt32());
        Assert.Equal(0.5m, committee.GetProperty("memberTargetRate").GetDecimal());
        object Profile(int hours, decimal rate) => new
        {
            name = committee.GetProperty("name").GetString(),
            secretary = committee.GetProperty("secretary").GetString(),
            quorumFraction = committee.GetProperty("quorumFraction").GetDecimal(),
            minimumJointMeetingsPerQuarter = committee.GetProperty("minimumJointMeetingsPerQuarter").GetInt32(),
            annualActivityTarget = committee.GetProperty("annualActivityTarget").GetInt32(),
            memberYearlyHours = hours,
            memberTargetRate = rate,
        };
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PutAsJsonAsync($"/api/v1/streets/{donghu}/committee", Profile(0, 0.5m))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PutAsJsonAsync($"/api/v1/streets/{donghu}/committee", Profile(12, 1.5m))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PutAsJsonAsync($"/api/v1/streets/{donghu}/committee", Profile(12, 0m))).StatusCode);
        using var department = await App.ApiAsAsync("orgdept@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await department.PutAsJsonAsync($"/api/v1/streets/{donghu}/committee", Profile(16, 0.6m))).StatusCode);
        var saved = await staff.PutAsJsonAsync($"/api/v1/streets/{donghu}/committee", Profile(16, 0.6m));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(16, (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("memberYearlyHours").GetInt32());

        // Opening freezes the committee's values; a later change of the committee does not reach the campaign.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/evaluations/{id}/open", null)).StatusCode);
        await App.QueryAsync(db => db.StreetCommittees.Where(c => c.StreetId == donghu)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.MemberYearlyHours, 40).SetProperty(c => c.MemberTargetRate, 0.9m)));
        var frozen = await App.QueryAsync(db => db.EvaluationCampaigns.Where(c => c.Id == Guid.Parse(id)).Select(c => new { c.MemberYearlyHours, c.MemberTargetRate }).SingleAsync());
        Assert.Equal(16, frozen.MemberYearlyHours);
        Assert.Equal(0.6m, frozen.MemberTargetRate);

        // An open campaign's weights cannot change any more.
        var put = await staff.PutAsJsonAsync($"/api/v1/evaluations/{id}", Body(0, 30));
        Assert.NotEqual(HttpStatusCode.OK, put.StatusCode);
    }

    [Fact]
    public async Task With_weight_zero_the_results_are_exactly_todays_and_with_weight_ten_they_are_rescaled()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var street = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var year = UnitData.Today(App).Year;
        var id = await EvaluationApiTests.CampaignIdAsync(App, staff, year);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/evaluations/{id}/close", null)).StatusCode);
        var before = await staff.GetStringAsync($"/api/v1/evaluations/{id}/results");

        // Five members of the procuratorate serve 12 hours each in the year (records confirmed); one more serves 6.
        var unit = await App.UnitIdAsync("东湖区人民检察院");
        var community = await App.CommunityIdAsync(street, "东湖社区");
        var post = await App.PostAsync(street, community);
        var demoMeeting = MemberFigures.MembersMeetingHours(
            (await App.QueryAsync(db => MemberFigureQueries.MembersOfUnitsAsync(db, [unit], year, CancellationToken.None)))
                .Select(m => new MemberYear(m.Status, m.RegisteredOn, m.MovedAwayOn, m.Hours)), year, 12);
        for (var i = 0; i < 6; i++)
        {
            var member = await App.RegisterMemberAsync(street, community, unit, $"测试党员{i}", $"199100000{i}", new DateOnly(year - 1, 6, 1));
            await App.ServiceAsync(member, post, new DateOnly(year, 1, 2), 6m);
            if (i < 5)
            {
                await App.ServiceAsync(member, post, new DateOnly(year, 1, 3), 6m);
            }
        }

        // Weight 0 (the default): not a character of the results moves.
        Assert.Equal(before, await staff.GetStringAsync($"/api/v1/evaluations/{id}/results"));

        // Weight 10 (taken from agreement fulfilment), the procuratorate reporting 8 Party members (target .5 × 8 = 4: full
        // marks) and another unit none (left out, its weights rescaled).
        var other = await App.UnitIdAsync("国网东湖供电公司");
        await App.QueryAsync(async db =>
        {
            await db.EvaluationCampaigns.Where(c => c.Id == Guid.Parse(id))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.WeightAgreementFulfilment, 20).SetProperty(c => c.WeightMemberService, 10));
            await db.MemberUnits.Where(u => u.Id == unit).ExecuteUpdateAsync(s => s.SetProperty(u => u.PartyMemberCount, 8));
            return await db.MemberUnits.Where(u => u.Id == other).ExecuteUpdateAsync(s => s.SetProperty(u => u.PartyMemberCount, 0));
        });
        var rows = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{id}/results")).EnumerateArray().ToList();
        var withMembers = rows.Single(r => r.GetProperty("unitId").GetGuid() == unit);
        var without = rows.Single(r => r.GetProperty("unitId").GetGuid() == other);
        Assert.Equal(demoMeeting + 5, withMembers.GetProperty("membersMeetingHours").GetInt32());
        Assert.Equal(8, withMembers.GetProperty("partyMemberCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, without.GetProperty("indicators").GetProperty("memberService").ValueKind);

        // The procuratorate's sixth indicator scores 1: its points are its weight rescaled over the included weights.
        var included = 10 + Included(withMembers);
        Assert.Equal((double)(10m * 100m / included), (double)withMembers.GetProperty("indicators").GetProperty("memberService").GetDecimal(), 0.11);
        foreach (var row in rows)
        {
            var points = row.GetProperty("indicators").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Sum(p => p.Value.GetDecimal());
            if (!row.GetProperty("totalClamped").GetBoolean())
            {
                Assert.Equal(row.GetProperty("total").GetDecimal(), points + row.GetProperty("adjustment").GetDecimal());
            }
        }

        // The unit without Party members: each included indicator's points are weight × score × 100 / included, scores being
        // what they were with weight 0 (its five indicators are unchanged, only rescaled): the ratio of two indicators stays.
        var old = JsonDocument.Parse(before).RootElement.EnumerateArray().Single(r => r.GetProperty("unitId").GetGuid() == other);
        var oldMeeting = old.GetProperty("indicators").GetProperty("meetingParticipation");
        var newMeeting = without.GetProperty("indicators").GetProperty("meetingParticipation");
        Assert.Equal(oldMeeting.ValueKind, newMeeting.ValueKind);
        if (oldMeeting.ValueKind == JsonValueKind.Number)
        {
            // Meeting weight 20 in both; included weights 100 − left-out before, 90 − left-out now: points scale by (100 − x) / (90 − x).
            var leftOut = 90 - Included(old);
            var expected = oldMeeting.GetDecimal() * (100m - leftOut) / (90m - leftOut);
            Assert.Equal((double)expected, (double)newMeeting.GetDecimal(), 0.11);
        }
    }

    /// <summary>The weights (20/20/10/20/20, as after the change) of the five indicators a row did not leave out.</summary>
    private static int Included(JsonElement row)
    {
        var indicators = row.GetProperty("indicators");
        (string Name, int Weight)[] five = [("meetingParticipation", 20), ("agreementFulfilment", 20), ("activity", 10), ("resolutionImplementation", 20), ("residentEvaluation", 20)];
        return five.Where(f => indicators.GetProperty(f.Name).ValueKind == JsonValueKind.Number).Sum(f => f.Weight);
    }
}
