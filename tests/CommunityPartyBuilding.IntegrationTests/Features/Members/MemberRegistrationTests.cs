using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>报到 over HTTP: register, community and employer confirm, sign in; bad input and races refused, nothing stored.</summary>
public class MemberRegistrationTests(PortalApp app) : PortalTest(app)
{
    private const string NewPassword = "Hong-Se-2026-baodao";

    public static object Body(Guid communityId, Guid? unitId, string email, string phone = "13912345678", string name = "王红梅", string password = NewPassword,
        string? employerName = null) => new
    {
        name,
        phone,
        email,
        password,
        employerUnitId = unitId,
        employerName,
        employerPartyOrganisation = "机关第一党支部",
        communityId,
        building = "3栋2单元501",
    };

    [Fact]
    public async Task A_member_registers_the_community_and_the_unit_confirm_and_only_then_the_member_signs_in()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var unit = await App.UnitIdAsync(Units.UnitData.Leader1Unit);
        using var anonymous = App.Anonymous();

        var response = await anonymous.PostAsJsonAsync($"/api/v1/public/streets/{donghu}/member-registrations", Body(community, unit, "hongmei@example.org"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registrationId").GetGuid();

        // Pending: the password is right, but the account does not work yet, and says why.
        var early = await anonymous.PostAsJsonAsync("/api/v1/tokens", new { email = "hongmei@example.org", password = NewPassword });
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Contains("尚未确认", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The community confirms; the unit's leader sees the employee masked and confirms the employment.
        using var community1 = await App.ApiAsAsync("community.donghu@example.org");
        using var leader1 = await App.ApiAsAsync("leader1@example.org");
        using var leader2 = await App.ApiAsAsync("leader2@example.org");
        var confirmed = await community1.PostAsJsonAsync($"/api/v1/member-registrations/{id}/confirm", new { });
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        var afterCommunity = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("pending", false, true), (afterCommunity.GetProperty("status").GetString(), afterCommunity.GetProperty("awaitsCommunity").GetBoolean(),
            afterCommunity.GetProperty("awaitsEmployer").GetBoolean()));
        Assert.Equal(HttpStatusCode.Conflict, (await community1.PostAsJsonAsync($"/api/v1/member-registrations/{id}/confirm", new { })).StatusCode);

        var list = await leader1.GetFromJsonAsync<JsonElement>($"/api/v1/communities/{community}/member-registrations?awaiting=true");
        var row = list.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal("王**", row.GetProperty("name").GetString());
        Assert.DoesNotContain("13912345678", list.ToString(), StringComparison.Ordinal);

        // Another unit's leader may not confirm it, nor see it.
        Assert.Equal(HttpStatusCode.NotFound, (await leader2.PostAsJsonAsync($"/api/v1/member-registrations/{id}/confirm", new { })).StatusCode);
        var byLeader = await leader1.PostAsJsonAsync($"/api/v1/member-registrations/{id}/confirm", new { });
        Assert.True(byLeader.StatusCode == HttpStatusCode.OK, await byLeader.Content.ReadAsStringAsync());
        Assert.Equal("registered", (await byLeader.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        // Now the member signs in and reads their own registration whole.
        using var member = await App.ApiAsAsync("hongmei@example.org", NewPassword);
        var own = await member.GetFromJsonAsync<JsonElement>($"/api/v1/member-registrations/{id}");
        Assert.Equal(("王红梅", "13912345678"), (own.GetProperty("name").GetString(), own.GetProperty("phone").GetString()));

        // The community staff read the phone whole: that read is audited.
        var staffRead = await community1.GetFromJsonAsync<JsonElement>($"/api/v1/member-registrations/{id}");
        Assert.Equal("13912345678", staffRead.GetProperty("phone").GetString());
        Assert.True(await App.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == id.ToString() && a.Action == Web.Features.Audit.AuditAction.PersonalDataRead)));

        // A member never reads another member's registration.
        var other = await App.QueryAsync(db => db.MemberRegistrations.Where(r => r.Email == "member1@example.org").Select(r => r.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/v1/member-registrations/{other}")).StatusCode);

        // Moving away frees the posts; the member still signs in to read their history.
        var moved = await community1.PostAsJsonAsync($"/api/v1/member-registrations/{id}/move-away", new { });
        Assert.Equal("movedAway", (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        using var stillIn = await App.ApiAsAsync("hongmei@example.org", NewPassword);
    }

    [Fact]
    public async Task Bad_registrations_are_refused_with_a_clear_message_and_store_nothing()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var xicheng = await App.StreetIdAsync("西城街道");
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var otherStreetsCommunity = await App.CommunityIdAsync(xicheng, "西城社区");
        var otherStreetsUnit = await App.UnitIdAsync(Units.UnitData.Leader3Unit);
        var takenPhone = await App.QueryAsync(db => db.MemberRegistrations.Where(r => r.Email == "member1@example.org").Select(r => r.Phone).SingleAsync());
        using var anonymous = App.Anonymous();
        var before = await App.QueryAsync(db => db.MemberRegistrations.CountAsync());

        async Task RefusedAsync(object body, HttpStatusCode status, string message)
        {
            var response = await anonymous.PostAsJsonAsync($"/api/v1/public/streets/{donghu}/member-registrations", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, text);
            Assert.Contains(message, text, StringComparison.Ordinal);
        }

        await RefusedAsync(Body(otherStreetsCommunity, null, "a@example.org", employerName: "某公司"), HttpStatusCode.UnprocessableEntity, "所选社区不属于本街道");
        await RefusedAsync(Body(community, otherStreetsUnit, "b@example.org"), HttpStatusCode.UnprocessableEntity, "请选择本街道的在册成员单位");
        await RefusedAsync(Body(community, null, "c@example.org", phone: "0571-87012345", employerName: "某公司"), HttpStatusCode.UnprocessableEntity, "11位手机号");
        await RefusedAsync(Body(community, null, "d@example.org", password: "12345678", employerName: "某公司"), HttpStatusCode.UnprocessableEntity, "\"password\"");
        await RefusedAsync(Body(community, null, "e@example.org", phone: takenPhone, employerName: "某公司"), HttpStatusCode.Conflict, "已在本街道报到");
        await RefusedAsync(Body(community, null, "member1@example.org", phone: "13911112222", employerName: "某公司"), HttpStatusCode.Conflict, "已被其他账户使用");
        await RefusedAsync(Body(community, null, "f@example.org", name: new string('王', 2000), employerName: "某公司"), HttpStatusCode.UnprocessableEntity, "50");
        await RefusedAsync(Body(community, null, "g@example.org"), HttpStatusCode.UnprocessableEntity, "\"employerName\"");
        Assert.Equal(before, await App.QueryAsync(db => db.MemberRegistrations.CountAsync()));
        Assert.False(await App.QueryAsync(db => db.Users.AnyAsync(u => u.Email!.EndsWith("@example.org") && u.Email.Length == 13)));

        // The same person twice at once: one registration, the other told.
        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => anonymous.PostAsJsonAsync(
            $"/api/v1/public/streets/{donghu}/member-registrations", Body(community, null, $"twice{i}@example.org", phone: "13800990099", employerName: "某公司"))));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        Assert.Equal(1, await App.QueryAsync(db => db.MemberRegistrations.CountAsync(r => r.Phone == "13800990099")));
        Assert.Equal(1, await App.QueryAsync(db => db.Users.CountAsync(u => u.Email!.StartsWith("twice"))));
    }

    [Fact]
    public async Task A_returned_registration_is_corrected_and_sent_again_with_the_same_email()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        using var anonymous = App.Anonymous();
        var created = await anonymous.PostAsJsonAsync($"/api/v1/public/streets/{donghu}/member-registrations", Body(community, null, "again@example.org", employerName: "某律师事务所"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registrationId").GetGuid();
        using var staff = await App.ApiAsAsync("community.donghu@example.org");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsJsonAsync($"/api/v1/member-registrations/{id}/return", new { reason = "" })).StatusCode);
        var returned = await staff.PostAsJsonAsync($"/api/v1/member-registrations/{id}/return", new { reason = "楼栋号有误" });
        Assert.Equal("returned", (await returned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PostAsJsonAsync("/api/v1/tokens", new { email = "again@example.org", password = NewPassword })).StatusCode);

        var again = await anonymous.PostAsJsonAsync($"/api/v1/public/streets/{donghu}/member-registrations", Body(community, null, "again@example.org", employerName: "某律师事务所"));
        Assert.True(again.StatusCode == HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registrationId").GetGuid());
        var confirmed = await staff.PostAsJsonAsync($"/api/v1/member-registrations/{id}/confirm", new { });
        Assert.Equal("registered", (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        using var member = await App.ApiAsAsync("again@example.org", NewPassword);
    }
}
