using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>Rule 9 over HTTP: a unit's figures and members (names as rule 10 allows), the street's and the department's figures.</summary>
public class MemberFiguresApiTests(PortalApp app) : PortalTest(app)
{
    private sealed record Setup(Guid Street, Guid Community, Guid Unit, int PartyMembers, Guid Post, int Year);

    private async Task<Setup> SetUpAsync()
    {
        var street = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(street, "东湖社区");
        var unit = await App.UnitIdAsync("东湖区人民检察院");
        var partyMembers = await App.QueryAsync(db => db.MemberUnits.Where(u => u.Id == unit).Select(u => u.PartyMemberCount).SingleAsync());
        var post = await App.PostAsync(street, community);
        return new Setup(street, community, unit, partyMembers, post, UnitData.Today(App).Year);
    }

    [Fact]
    public async Task A_units_figures_count_members_registered_during_the_year_and_their_confirmed_hours()
    {
        var s = await SetUpAsync();
        var y = s.Year;
        var today = UnitData.Today(App);
        var baseline = await App.QueryAsync(db => MemberFigureQueries.MembersOfUnitsAsync(db, [s.Unit], y, CancellationToken.None));

        var a = await App.RegisterMemberAsync(s.Street, s.Community, s.Unit, "赵立新", "19900000001", new DateOnly(y - 1, 5, 1));
        var b = await App.RegisterMemberAsync(s.Street, s.Community, s.Unit, "钱晓梅", "19900000002", new DateOnly(y - 2, 3, 1), movedAwayOn: new DateOnly(y, 1, 10));
        await App.RegisterMemberAsync(s.Street, s.Community, s.Unit, "孙海", "19900000003", new DateOnly(y - 3, 3, 1), movedAwayOn: new DateOnly(y - 1, 12, 31));
        await App.RegisterMemberAsync(s.Street, s.Community, s.Unit, "李娜", "19900000004", today, status: RegistrationStatus.Pending);
        await App.RegisterMemberAsync(s.Street, s.Community, null, "周伟", "19900000005", new DateOnly(y - 1, 5, 1));

        var day = today.AddDays(-1).Year == y ? today.AddDays(-1) : today;
        await App.ServiceAsync(a, s.Post, day, 3.5m);
        await App.ServiceAsync(a, s.Post, day, 2m, ServiceRecordStatus.Submitted, startHour: 14);
        await App.ServiceAsync(a, s.Post, new DateOnly(y - 1, 12, 30), 4m);
        await App.ServiceAsync(b, s.Post, new DateOnly(y, 1, 5), 1.5m);

        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var body = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/units/{s.Unit}/member-figures?year={y}");
        var figures = body.GetProperty("figures");
        var registered = baseline.Count + 2;
        var hours = baseline.Sum(m => m.Hours) + 5m;
        Assert.Equal(registered, figures.GetProperty("registeredMembers").GetInt32());
        Assert.Equal(hours, figures.GetProperty("confirmedHours").GetDecimal());
        Assert.Equal(MemberFigures.Rate(registered, s.PartyMembers), figures.GetProperty("registrationRate").GetDecimal());
        Assert.Equal(Math.Round(hours / registered, 1, MidpointRounding.AwayFromZero), figures.GetProperty("hoursPerMember").GetDecimal());

        // Street staff read names whole, and the read is audited.
        var rows = body.GetProperty("members").EnumerateArray().ToList();
        var zhao = Assert.Single(rows, r => r.GetProperty("registrationId").GetGuid() == a);
        Assert.Equal("赵立新", zhao.GetProperty("name").GetString());
        Assert.Equal(3.5m, zhao.GetProperty("hours").GetDecimal());
        Assert.True(await App.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.EntityId == a.ToString() && e.Action == AuditAction.PersonalDataRead)));

        // The unit's leader sees its members, names masked; another unit's leader does not find the unit.
        using var leader = await App.ApiAsAsync("leader1@example.org");
        var own = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/units/{s.Unit}/member-figures?year={y}");
        var masked = Assert.Single(own.GetProperty("members").EnumerateArray(), r => r.GetProperty("registrationId").GetGuid() == a);
        Assert.Equal("赵**", masked.GetProperty("name").GetString());
        Assert.False(masked.GetProperty("nameWhole").GetBoolean());
        using var other = await App.ApiAsAsync("leader2@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/units/{s.Unit}/member-figures")).StatusCode);

        // The organisation department reads the figures, not the people.
        using var department = await App.ApiAsAsync("orgdept@example.org");
        var oversight = await department.GetFromJsonAsync<JsonElement>($"/api/v1/units/{s.Unit}/member-figures?year={y}");
        Assert.Equal(registered, oversight.GetProperty("figures").GetProperty("registeredMembers").GetInt32());
        Assert.Equal(JsonValueKind.Null, oversight.GetProperty("members").ValueKind);
    }

    [Fact]
    public async Task The_street_and_the_department_see_registrations_and_hours_per_street()
    {
        var s = await SetUpAsync();
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var before = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{s.Street}/member-figures?year={s.Year}");

        var a = await App.RegisterMemberAsync(s.Street, s.Community, s.Unit, "赵立新", "19900000011", new DateOnly(s.Year - 1, 5, 1));
        await App.RegisterMemberAsync(s.Street, s.Community, null, "周伟", "19900000012", new DateOnly(s.Year - 1, 5, 1));
        await App.ServiceAsync(a, s.Post, new DateOnly(s.Year, 1, 2), 6m);

        var after = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{s.Street}/member-figures?year={s.Year}");
        Assert.Equal(before.GetProperty("registeredMembers").GetInt32() + 2, after.GetProperty("registeredMembers").GetInt32());
        Assert.Equal(before.GetProperty("unitMembers").GetInt32() + 1, after.GetProperty("unitMembers").GetInt32());
        Assert.Equal(before.GetProperty("confirmedHours").GetDecimal() + 6m, after.GetProperty("confirmedHours").GetDecimal());

        var departmentId = await App.QueryAsync(db => db.Streets.Where(x => x.Id == s.Street).Select(x => x.OrganisationDepartmentId).SingleAsync());
        using var department = await App.ApiAsAsync("orgdept@example.org");
        var table = await department.GetFromJsonAsync<JsonElement>($"/api/v1/organisation-departments/{departmentId}/member-figures?year={s.Year}");
        var row = Assert.Single(table.EnumerateArray(), r => r.GetProperty("streetId").GetGuid() == s.Street);
        Assert.Equal(after.GetProperty("registeredMembers").GetInt32(), row.GetProperty("registeredMembers").GetInt32());
        Assert.Equal(after.GetProperty("confirmedHours").GetDecimal(), row.GetProperty("confirmedHours").GetDecimal());

        // Unit leaders do not read the street's figures; street staff do not read the department's table.
        using var leader = await App.ApiAsAsync("leader1@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/v1/streets/{s.Street}/member-figures")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/v1/organisation-departments/{departmentId}/member-figures")).StatusCode);
    }

    [Fact]
    public async Task The_units_page_shows_the_panel_with_masked_names_for_its_leader()
    {
        var s = await SetUpAsync();
        var a = await App.RegisterMemberAsync(s.Street, s.Community, s.Unit, "赵立新", "19900000021", new DateOnly(s.Year - 1, 5, 1));
        await App.ServiceAsync(a, s.Post, new DateOnly(s.Year, 1, 2), 6m);
        using var leader = await App.BrowserAsAsync("leader1@example.org");
        var html = await leader.GetStringAsync($"/units/{s.Unit}");
        Assert.Contains("unit-member-figures", html, StringComparison.Ordinal);
        Assert.Contains("赵**", html, StringComparison.Ordinal);
        Assert.DoesNotContain("赵立新", html, StringComparison.Ordinal);
    }
}
