using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Units;

/// <summary>
/// Every unit route against every kind of caller who must not use it. Writes are sent with valid bodies, so that a
/// missing check would really change something; after each refusal the database is compared with its snapshot.
/// </summary>
/// <remarks>The unit detail page (/units/{id}) does not exist yet, so only the API is covered here.</remarks>
public class UnitScopeTests(PortalApp app) : PortalTest(app)
{
    private sealed record Call(string Name, HttpMethod Method, string Path, Func<HttpContent>? Body = null)
    {
        public async Task<HttpResponseMessage> SendAsync(HttpClient client)
        {
            using var request = new HttpRequestMessage(Method, Path) { Content = Body?.Invoke() };
            return await client.SendAsync(request);
        }

        public override string ToString() => Name;
    }

    private sealed record Targets(
        Guid Donghu,
        Guid Xicheng,
        Guid Leader1Unit,
        Guid Leader2Unit,
        Guid WithdrawnUnit,
        Guid XichengUnit,
        Guid DonghuMember,
        Guid XichengMember,
        string Leader1Code,
        string Leader2Code,
        string XichengCode);

    private async Task<Targets> TargetsAsync() => new(
        await App.StreetIdAsync(DemoSeeder.DonghuStreet),
        await App.StreetIdAsync(DemoSeeder.XichengStreet),
        await App.UnitIdAsync(Leader1Unit),
        await App.UnitIdAsync(Leader2Unit),
        await App.UnitIdAsync(WithdrawnUnit),
        await App.UnitIdAsync(Leader3Unit),
        await App.CommitteeMemberIdAsync("宋建国"),
        await App.CommitteeMemberIdAsync("方强"),
        await App.CreditCodeOfAsync(Leader1Unit),
        await App.CreditCodeOfAsync(Leader2Unit),
        await App.CreditCodeOfAsync(Leader3Unit));

    private static Func<HttpContent> Json(object body) => () => JsonContent.Create(body);

    private static Call List(Guid street, string label) => new($"GET {label}/units", HttpMethod.Get, $"/api/v1/streets/{street}/units");

    private static Call Export(Guid street, string label) => new($"GET {label}/units/export", HttpMethod.Get, $"/api/v1/streets/{street}/units/export");

    private static Call Get(Guid unit, string label) => new($"GET units/{label}", HttpMethod.Get, $"/api/v1/units/{unit}");

    private static Call Members(Guid street, string label) => new($"GET {label}/committee-members", HttpMethod.Get, $"/api/v1/streets/{street}/committee-members");

    private static Call Create(Guid street, string label) =>
        new($"POST {label}/units", HttpMethod.Post, $"/api/v1/streets/{street}/units", Json(Body("越权新建单位", Code("91330102MA2999991"))));

    private static Call Put(Guid unit, string name, string code, string label) =>
        new($"PUT units/{label}", HttpMethod.Put, $"/api/v1/units/{unit}", Json(Body(name, code, "stateOwnedEnterprise").With("contactPerson", "越权修改")));

    private static Call Withdraw(Guid unit, string label) =>
        new($"POST units/{label}/withdraw", HttpMethod.Post, $"/api/v1/units/{unit}/withdraw", Json(new { withdrawnOn = "2025-06-30", reason = "越权退出" }));

    private static Call Reinstate(Guid unit, string label) => new($"POST units/{label}/reinstate", HttpMethod.Post, $"/api/v1/units/{unit}/reinstate");

    private static Call Import(Guid street, string label) =>
        new($"POST {label}/units/import", HttpMethod.Post, $"/api/v1/streets/{street}/units/import", () => Upload(Xlsx(Row("越权导入单位", Code("91330102MA2999992"), community: ""))));

    private static Call AddMember(Guid street, string label) =>
        new($"POST {label}/committee-members", HttpMethod.Post, $"/api/v1/streets/{street}/committee-members",
            Json(new { personName = "越权委员", position = "member", termStart = "2025-01-01", termEnd = "2027-12-31" }));

    private static Call ChangeMember(Guid street, Guid member, string label) =>
        new($"PUT {label}/committee-members/x", HttpMethod.Put, $"/api/v1/streets/{street}/committee-members/{member}",
            Json(new { personName = "越权改名", position = "member", termStart = "2024-01-01", termEnd = "2028-12-31" }));

    private static Call RemoveMember(Guid street, Guid member, string label) =>
        new($"DELETE {label}/committee-members/x", HttpMethod.Delete, $"/api/v1/streets/{street}/committee-members/{member}");

    /// <summary>Sends each write, checks its status, and checks that the database is exactly as it was.</summary>
    private async Task AssertRefusedAsync(HttpClient client, params (Call Call, HttpStatusCode Expected)[] writes)
    {
        var before = await App.SnapshotAsync();
        var actual = new List<string>();
        foreach (var (call, _) in writes)
        {
            var response = await call.SendAsync(client);
            actual.Add($"{call.Name} → {(int)response.StatusCode}");
            Assert.True(before == await App.SnapshotAsync(), $"{call.Name} changed the database");
        }

        Assert.Equal(writes.Select(w => $"{w.Call.Name} → {(int)w.Expected}").ToArray(), actual.ToArray());
    }

    [Fact]
    public async Task A_unit_leader_reads_their_own_unit_and_nothing_else()
    {
        var t = await TargetsAsync();
        using var leader = await App.ApiAsAsync("leader1@example.org");

        var own = await leader.GetAsync($"/api/v1/units/{t.Leader1Unit}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var unit = await own.JsonAsync();
        Assert.Equal(Leader1Unit, unit.GetProperty("name").GetString());
        Assert.Equal(t.Leader1Code, unit.GetProperty("creditCode").GetString());

        foreach (var (other, name) in new[] { (t.Leader2Unit, Leader2Unit), (t.WithdrawnUnit, WithdrawnUnit), (t.XichengUnit, Leader3Unit) })
        {
            var response = await leader.GetAsync($"/api/v1/units/{other}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(name, body, StringComparison.Ordinal);
            Assert.Contains("未找到该成员单位，或它不在您的权限范围内。", body, StringComparison.Ordinal);
        }

        using var leader3 = await App.ApiAsAsync("leader3@example.org");
        Assert.Equal(HttpStatusCode.OK, (await leader3.GetAsync($"/api/v1/units/{t.XichengUnit}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader3.GetAsync($"/api/v1/units/{t.Leader1Unit}")).StatusCode);
    }

    [Fact]
    public async Task A_unit_leader_may_not_list_or_export_the_streets_units()
    {
        var t = await TargetsAsync();
        using var leader = await App.ApiAsAsync("leader1@example.org");

        foreach (var (call, expected) in new[]
        {
            (List(t.Donghu, "东湖"), HttpStatusCode.Forbidden),
            (List(t.Donghu, "东湖") with { Path = $"/api/v1/streets/{t.Donghu}/units?search=" + Uri.EscapeDataString("供电") }, HttpStatusCode.Forbidden),
            (Export(t.Donghu, "东湖"), HttpStatusCode.Forbidden),
            (List(t.Xicheng, "西城"), HttpStatusCode.NotFound),
            (Export(t.Xicheng, "西城"), HttpStatusCode.NotFound),
            (Members(t.Xicheng, "西城"), HttpStatusCode.NotFound),
        })
        {
            var response = await call.SendAsync(leader);
            Assert.True(expected == response.StatusCode, $"{call.Name}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Leader2Unit, body, StringComparison.Ordinal);
            Assert.DoesNotContain("creditCode", body, StringComparison.Ordinal);
        }

        // The committee they sit on is theirs to see: its composition (names, positions, units) but no unit records.
        var composition = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{t.Donghu}/committee-members");
        Assert.Equal(8, composition.GetProperty("members").GetArrayLength());
    }

    [Fact]
    public async Task A_unit_leader_is_refused_every_write_and_nothing_changes()
    {
        var t = await TargetsAsync();
        using var leader = await App.ApiAsAsync("leader1@example.org");

        await AssertRefusedAsync(
            leader,
            (Create(t.Donghu, "东湖"), HttpStatusCode.Forbidden),
            (Put(t.Leader1Unit, Leader1Unit, t.Leader1Code, "own"), HttpStatusCode.Forbidden),
            (Put(t.Leader2Unit, Leader2Unit, t.Leader2Code, "leader2"), HttpStatusCode.NotFound),
            (Withdraw(t.Leader1Unit, "own"), HttpStatusCode.Forbidden),
            (Withdraw(t.Leader2Unit, "leader2"), HttpStatusCode.NotFound),
            (Reinstate(t.Leader1Unit, "own"), HttpStatusCode.Forbidden),
            (Reinstate(t.WithdrawnUnit, "withdrawn"), HttpStatusCode.NotFound),
            (Import(t.Donghu, "东湖"), HttpStatusCode.Forbidden),
            (Import(t.Xicheng, "西城"), HttpStatusCode.NotFound),
            (AddMember(t.Donghu, "东湖"), HttpStatusCode.Forbidden),
            (ChangeMember(t.Donghu, t.DonghuMember, "东湖"), HttpStatusCode.Forbidden),
            (RemoveMember(t.Donghu, t.DonghuMember, "东湖"), HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task Staff_of_another_street_get_404_on_every_route_of_that_street_and_change_nothing()
    {
        var t = await TargetsAsync();
        using var xichengStaff = await App.ApiAsAsync("staff.xicheng@example.org");

        foreach (var call in new[] { List(t.Donghu, "东湖"), Export(t.Donghu, "东湖"), Get(t.Leader1Unit, "leader1"), Get(t.WithdrawnUnit, "withdrawn"), Members(t.Donghu, "东湖") })
        {
            var response = await call.SendAsync(xichengStaff);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{call.Name}: {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Leader1Unit, body, StringComparison.Ordinal);
            Assert.DoesNotContain("周志刚", body, StringComparison.Ordinal);
        }

        await AssertRefusedAsync(
            xichengStaff,
            (Create(t.Donghu, "东湖"), HttpStatusCode.NotFound),
            (Put(t.Leader1Unit, Leader1Unit, t.Leader1Code, "leader1"), HttpStatusCode.NotFound),
            (Withdraw(t.Leader1Unit, "leader1"), HttpStatusCode.NotFound),
            (Reinstate(t.WithdrawnUnit, "withdrawn"), HttpStatusCode.NotFound),
            (Import(t.Donghu, "东湖"), HttpStatusCode.NotFound),
            (AddMember(t.Donghu, "东湖"), HttpStatusCode.NotFound),
            (ChangeMember(t.Donghu, t.DonghuMember, "东湖"), HttpStatusCode.NotFound),
            (RemoveMember(t.Donghu, t.DonghuMember, "东湖"), HttpStatusCode.NotFound),
            // A 东湖 member addressed through 西城's own route is not found either.
            (ChangeMember(t.Xicheng, t.DonghuMember, "西城 with a 东湖 member"), HttpStatusCode.NotFound),
            (RemoveMember(t.Xicheng, t.DonghuMember, "西城 with a 东湖 member"), HttpStatusCode.NotFound));

        // Their own street works as usual.
        var own = await xichengStaff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{t.Xicheng}/units");
        Assert.Equal(12, own.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_organisation_department_reads_both_streets()
    {
        var t = await TargetsAsync();
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");

        Assert.Equal(23, (await orgDept.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{t.Donghu}/units")).GetProperty("total").GetInt32());
        Assert.Equal(12, (await orgDept.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{t.Xicheng}/units")).GetProperty("total").GetInt32());
        Assert.Equal(Leader2Unit, (await orgDept.GetFromJsonAsync<JsonElement>($"/api/v1/units/{t.Leader2Unit}")).GetProperty("name").GetString());
        Assert.Equal(WithdrawnUnit, (await orgDept.GetFromJsonAsync<JsonElement>($"/api/v1/units/{t.WithdrawnUnit}")).GetProperty("name").GetString());
        Assert.Equal(Leader3Unit, (await orgDept.GetFromJsonAsync<JsonElement>($"/api/v1/units/{t.XichengUnit}")).GetProperty("name").GetString());
        Assert.Equal(8, (await orgDept.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{t.Donghu}/committee-members")).GetProperty("members").GetArrayLength());
        Assert.Equal(2, (await orgDept.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{t.Xicheng}/committee-members")).GetProperty("members").GetArrayLength());

        var donghuExport = await orgDept.GetAsync($"/api/v1/streets/{t.Donghu}/units/export");
        Assert.Equal(HttpStatusCode.OK, donghuExport.StatusCode);
        Assert.Equal(23, ReadXlsx(await donghuExport.Content.ReadAsByteArrayAsync()).Count);
        var xichengExport = await orgDept.GetAsync($"/api/v1/streets/{t.Xicheng}/units/export");
        Assert.Equal(12, ReadXlsx(await xichengExport.Content.ReadAsByteArrayAsync()).Count);
        Assert.Equal(HttpStatusCode.OK, (await orgDept.GetAsync("/api/v1/units/import-template")).StatusCode);
    }

    [Fact]
    public async Task The_organisation_department_is_refused_every_write_in_both_streets()
    {
        var t = await TargetsAsync();
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");

        await AssertRefusedAsync(
            orgDept,
            (Create(t.Donghu, "东湖"), HttpStatusCode.Forbidden),
            (Create(t.Xicheng, "西城"), HttpStatusCode.Forbidden),
            (Put(t.Leader1Unit, Leader1Unit, t.Leader1Code, "leader1"), HttpStatusCode.Forbidden),
            (Put(t.XichengUnit, Leader3Unit, t.XichengCode, "leader3"), HttpStatusCode.Forbidden),
            (Withdraw(t.Leader2Unit, "leader2"), HttpStatusCode.Forbidden),
            (Withdraw(t.XichengUnit, "leader3"), HttpStatusCode.Forbidden),
            (Reinstate(t.WithdrawnUnit, "withdrawn"), HttpStatusCode.Forbidden),
            (Import(t.Donghu, "东湖"), HttpStatusCode.Forbidden),
            (Import(t.Xicheng, "西城"), HttpStatusCode.Forbidden),
            (AddMember(t.Donghu, "东湖"), HttpStatusCode.Forbidden),
            (AddMember(t.Xicheng, "西城"), HttpStatusCode.Forbidden),
            (ChangeMember(t.Donghu, t.DonghuMember, "东湖"), HttpStatusCode.Forbidden),
            (ChangeMember(t.Xicheng, t.XichengMember, "西城"), HttpStatusCode.Forbidden),
            (RemoveMember(t.Donghu, t.DonghuMember, "东湖"), HttpStatusCode.Forbidden),
            (RemoveMember(t.Xicheng, t.XichengMember, "西城"), HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task The_refusal_of_a_read_only_caller_explains_itself_in_Chinese()
    {
        var t = await TargetsAsync();
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");

        var response = await Put(t.Leader1Unit, Leader1Unit, t.Leader1Code, "leader1").SendAsync(orgDept);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("无权操作", problem.GetProperty("title").GetString());
        Assert.Equal("您只能查看，不能修改这些数据。", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Anonymous_callers_get_401_on_every_unit_route()
    {
        var t = await TargetsAsync();
        using var anonymous = App.Anonymous();

        await AssertRefusedAsync(
            anonymous,
            (List(t.Donghu, "东湖"), HttpStatusCode.Unauthorized),
            (Export(t.Donghu, "东湖"), HttpStatusCode.Unauthorized),
            (Get(t.Leader1Unit, "leader1"), HttpStatusCode.Unauthorized),
            (new Call("GET units/import-template", HttpMethod.Get, "/api/v1/units/import-template"), HttpStatusCode.Unauthorized),
            (Members(t.Donghu, "东湖"), HttpStatusCode.Unauthorized),
            (Create(t.Donghu, "东湖"), HttpStatusCode.Unauthorized),
            (Put(t.Leader1Unit, Leader1Unit, t.Leader1Code, "leader1"), HttpStatusCode.Unauthorized),
            (Withdraw(t.Leader1Unit, "leader1"), HttpStatusCode.Unauthorized),
            (Reinstate(t.WithdrawnUnit, "withdrawn"), HttpStatusCode.Unauthorized),
            (Import(t.Donghu, "东湖"), HttpStatusCode.Unauthorized),
            (AddMember(t.Donghu, "东湖"), HttpStatusCode.Unauthorized),
            (ChangeMember(t.Donghu, t.DonghuMember, "东湖"), HttpStatusCode.Unauthorized),
            (RemoveMember(t.Donghu, t.DonghuMember, "东湖"), HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task The_same_writes_succeed_for_the_streets_own_staff()
    {
        // The refusals above are not an accident of the request bodies: street staff get the same calls through.
        var t = await TargetsAsync();
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");

        var results = new List<string>();
        foreach (var call in new[]
        {
            Create(t.Donghu, "东湖"),
            Put(t.Leader2Unit, Leader2Unit, t.Leader2Code, "leader2"),
            Withdraw(t.Leader2Unit, "leader2"),
            Reinstate(t.WithdrawnUnit, "withdrawn"),
            Import(t.Donghu, "东湖"),
            AddMember(t.Donghu, "东湖"),
            ChangeMember(t.Donghu, t.DonghuMember, "东湖"),
            RemoveMember(t.Donghu, t.DonghuMember, "东湖"),
        })
        {
            var response = await call.SendAsync(staff);
            results.Add($"{call.Name} → {(int)response.StatusCode}");
        }

        Assert.Equal(
            [
                "POST 东湖/units → 201",
                "PUT units/leader2 → 200",
                "POST units/leader2/withdraw → 200",
                "POST units/withdrawn/reinstate → 200",
                "POST 东湖/units/import → 200",
                "POST 东湖/committee-members → 201",
                "PUT 东湖/committee-members/x → 204",
                "DELETE 东湖/committee-members/x → 204",
            ],
            results.ToArray());
        Assert.Equal(26, await App.UnitCountAsync(t.Donghu));
    }
}
