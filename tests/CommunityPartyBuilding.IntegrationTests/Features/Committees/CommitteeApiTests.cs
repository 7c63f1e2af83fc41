using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Committees;

public class CommitteeApiTests(PortalApp app) : PortalTest(app)
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static object Body(string secretary, decimal quorum = 0.5m, uint? version = null) => new
    {
        name = "东湖街道大党工委",
        secretary,
        establishedOn = "2019-06-28",
        deliberationRules = "议事规则",
        quorumFraction = quorum,
        minimumJointMeetingsPerQuarter = 1,
        annualActivityTarget = 4,
        version,
    };

    [Fact]
    public async Task Staff_read_and_edit_their_own_committee_and_the_change_is_audited_in_the_same_save()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");

        var before = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/committee");
        Assert.Equal("王建华", before.GetProperty("secretary").GetString());
        Assert.True(before.GetProperty("canEdit").GetBoolean());

        var response = await staff.PutAsJsonAsync($"/api/v1/streets/{donghu}/committee", Body("赵书记", version: before.GetProperty("version").GetUInt32()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("赵书记", after.GetProperty("secretary").GetString());

        var entry = await App.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.EntityType == "StreetCommittee" && e.Action == AuditAction.Updated));
        Assert.Equal("staff.donghu@example.org", entry.UserName);
        Assert.Equal(donghu, entry.StreetId);
        var changes = JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes, WebJson)!;
        var secretary = Assert.Single(changes, c => c.Property == "Secretary");
        Assert.Equal(("王建华", "赵书记"), (secretary.Old, secretary.New));
    }

    [Fact]
    public async Task Staff_of_another_street_can_neither_read_nor_change_the_committee()
    {
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        using var donghuStaff = await App.ApiAsAsync("staff.donghu@example.org");

        var read = await donghuStaff.GetAsync($"/api/v1/streets/{xicheng}/committee");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);

        var write = await donghuStaff.PutAsJsonAsync($"/api/v1/streets/{xicheng}/committee", Body("篡改"));
        Assert.Contains(write.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });

        var secretary = await App.QueryAsync(db => db.StreetCommittees.Where(c => c.StreetId == xicheng).Select(c => c.Secretary).SingleAsync());
        Assert.Equal("李秀梅", secretary);
        Assert.False(await App.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == "StreetCommittee" && e.Action == AuditAction.Updated)));
    }

    [Fact]
    public async Task The_organisation_department_reads_its_streets_committees_but_cannot_change_them()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");

        var read = await orgDept.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/committee");
        Assert.False(read.GetProperty("canEdit").GetBoolean());
        var write = await orgDept.PutAsJsonAsync($"/api/v1/streets/{donghu}/committee", Body("篡改"));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        var streets = await orgDept.GetFromJsonAsync<JsonElement>("/api/v1/streets");
        Assert.Equal(2, streets.GetArrayLength());
    }

    [Fact]
    public async Task A_second_save_from_a_stale_version_is_refused_and_overwrites_nothing()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var first = await App.ApiAsAsync("staff.donghu@example.org");
        using var second = await App.ApiAsAsync("staff.donghu@example.org");
        var loaded = (await first.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/committee")).GetProperty("version").GetUInt32();

        var ok = await first.PutAsJsonAsync($"/api/v1/streets/{donghu}/committee", Body("第一位", version: loaded));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var stale = await second.PutAsJsonAsync($"/api/v1/streets/{donghu}/committee", Body("第二位", version: loaded));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("此记录已被他人修改，请刷新后重试", problem.GetProperty("detail").GetString());
        var secretary = await App.QueryAsync(db => db.StreetCommittees.Where(c => c.StreetId == donghu).Select(c => c.Secretary).SingleAsync());
        Assert.Equal("第一位", secretary);
    }

    [Fact]
    public async Task An_invalid_quorum_is_refused_with_problem_details_naming_the_field()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");

        var response = await staff.PutAsJsonAsync($"/api/v1/streets/{donghu}/committee", Body("王建华", quorum: 1.5m));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").GetProperty("quorumFraction");
        Assert.Contains("法定人数比例", messages[0].GetString(), StringComparison.Ordinal);
        Assert.False(await App.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == "StreetCommittee" && e.Action == AuditAction.Updated)));
    }

    [Fact]
    public async Task A_quorum_fraction_of_one_is_refused_by_the_rule_and_by_the_database()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");

        var response = await staff.PutAsJsonAsync($"/api/v1/streets/{donghu}/committee", Body("王建华", quorum: 1m));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("须大于0且小于1", problem.GetProperty("errors").GetProperty("quorumFraction")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0.5m, await App.QueryAsync(db => db.StreetCommittees.Where(c => c.StreetId == donghu).Select(c => c.QuorumFraction).SingleAsync()));

        // Whatever path writes it, the check constraint keeps "more than 100 %" out of the table.
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => App.QueryAsync(db =>
            db.StreetCommittees.Where(c => c.StreetId == donghu).ExecuteUpdateAsync(s => s.SetProperty(c => c.QuorumFraction, 1m))));
        Assert.Equal("ck_committee_quorum", error.ConstraintName);
    }

    [Fact]
    public async Task Malformed_json_gets_a_400_problem_not_a_stack_trace()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var content = new StringContent("{\"name\": \"x\", \"quorumFraction\": \"a lot\"}", Encoding.UTF8, "application/json");

        var response = await staff.PutAsync($"/api/v1/streets/{donghu}/committee", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("请求格式不正确", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_problem_details()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var anonymous = App.Anonymous();
        var response = await anonymous.GetAsync($"/api/v1/streets/{donghu}/committee");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
