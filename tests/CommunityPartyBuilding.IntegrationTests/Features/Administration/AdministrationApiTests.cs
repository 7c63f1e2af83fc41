using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Administration;

public class AdministrationApiTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task Creating_a_street_creates_its_committee_with_default_settings()
    {
        using var admin = await App.ApiAsAsync("admin@example.org");
        var department = await App.QueryAsync(db => db.OrganisationDepartments.Select(d => d.Id).SingleAsync());

        var created = await admin.PostAsJsonAsync("/api/v1/streets", new { name = "南湖街道", organisationDepartmentId = department });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var street = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = street.GetProperty("id").GetGuid();

        var committee = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{id}/committee");
        Assert.Equal("南湖街道大党工委", committee.GetProperty("name").GetString());
        Assert.Equal(0.5m, committee.GetProperty("quorumFraction").GetDecimal());
        Assert.Equal(1, committee.GetProperty("minimumJointMeetingsPerQuarter").GetInt32());
        Assert.Equal(4, committee.GetProperty("annualActivityTarget").GetInt32());

        var duplicate = await admin.PostAsJsonAsync("/api/v1/streets", new { name = "南湖街道", organisationDepartmentId = department });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
    }

    [Fact]
    public async Task Only_the_administrator_creates_streets_and_departments()
    {
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var department = await App.QueryAsync(db => db.OrganisationDepartments.Select(d => d.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/v1/streets", new { name = "X街道", organisationDepartmentId = department })).StatusCode);
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await orgDept.PostAsJsonAsync("/api/v1/organisation-departments", new { name = "某区委组织部", region = "某区" })).StatusCode);
    }

    [Fact]
    public async Task Staff_add_communities_to_their_own_street_only()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/communities", new { name = "湖光社区" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync($"/api/v1/streets/{xicheng}/communities", new { name = "湖光社区" })).StatusCode);
        var empty = await staff.PostAsJsonAsync($"/api/v1/streets/{donghu}/communities", new { name = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
    }

    [Fact]
    public async Task A_new_account_must_change_its_password_before_it_gets_a_token()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var admin = await App.ApiAsAsync("admin@example.org");
        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "new.staff@example.org",
            displayName = "新同事",
            role = "streetStaff",
            streetId = donghu,
            password = "Initial#Pass2026",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var client = App.Anonymous();
        var token = await client.PostAsJsonAsync("/api/v1/tokens", new { email = "new.staff@example.org", password = "Initial#Pass2026" });
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);

        // The sign-in page sends the person to the change-password page before anything else.
        var signIn = await PortalApp.PostSignInFormAsync(client, "new.staff@example.org", "Initial#Pass2026");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Account/ChangePassword", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Accounts_are_validated_and_street_staff_create_only_leader_accounts()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var admin = await App.ApiAsAsync("admin@example.org");
        var shortPassword = await admin.PostAsJsonAsync("/api/v1/users", new { email = "a@example.org", displayName = "甲", role = "streetStaff", streetId = donghu, password = "short" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, shortPassword.StatusCode);
        Assert.Contains("至少需要12个字符", await shortPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noScope = await admin.PostAsJsonAsync("/api/v1/users", new { email = "b@example.org", displayName = "乙", role = "organisationDepartment" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noScope.StatusCode);

        var duplicate = await admin.PostAsJsonAsync("/api/v1/users", new { email = "staff.donghu@example.org", displayName = "重复", role = "streetStaff", streetId = donghu, password = "Another#Pass2026" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);

        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var staffCreatesStaff = await staff.PostAsJsonAsync("/api/v1/users", new { email = "c@example.org", displayName = "丙", role = "streetStaff", streetId = donghu });
        Assert.Equal(HttpStatusCode.Forbidden, staffCreatesStaff.StatusCode);
        Assert.False(await App.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "c@example.org" || u.Email == "a@example.org" || u.Email == "b@example.org")));
    }

    [Fact]
    public async Task Health_and_openapi_answer()
    {
        using var client = App.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("Healthy", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/v1/tokens", out _));
        // The error answers are declared once for the whole API: reads can be refused, writes also conflict or fail validation.
        var hold = openApi.GetProperty("paths").GetProperty("/api/v1/meetings/{meetingId}/hold").GetProperty("post").GetProperty("responses");
        Assert.All(new[] { "200", "401", "403", "404", "409", "422" }, code => Assert.True(hold.TryGetProperty(code, out _), code));
        var meeting = openApi.GetProperty("paths").GetProperty("/api/v1/meetings/{meetingId}").GetProperty("get").GetProperty("responses");
        Assert.True(meeting.TryGetProperty("404", out _));
        Assert.False(meeting.TryGetProperty("422", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/no-such-route")).StatusCode);
    }
}
