using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>
/// POST /tokens answers an in-service member as the sign-in page does: with the right password, why the registration is
/// not in effect (returned, with the reason; or still waiting), each with its own code; with a wrong password, the plain
/// 401 and nothing about the registration. A member who moved away signs in on the page, and so gets a token.
/// </summary>
public class MemberTokenTests(PortalApp app) : PortalTest(app)
{
    private const string NewPassword = "Hong-Se-2026-baodao";

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_returned_member_with_the_right_password_is_told_the_reason_with_its_own_code_and_with_a_wrong_one_nothing()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        using var anonymous = App.Anonymous();
        var created = await anonymous.PostAsJsonAsync($"/api/v1/public/streets/{donghu}/member-registrations",
            MemberRegistrationTests.Body(community, null, "token.returned@example.org", phone: "13912340011", employerName: "某律师事务所"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registrationId").GetGuid();

        // Pending: the right password gets the waiting answer, with its code and no reason.
        var pending = await ProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/tokens", new { email = "token.returned@example.org", password = NewPassword }),
            HttpStatusCode.Forbidden);
        Assert.Equal(AccountApi.MemberNotConfirmedCode, pending.GetProperty("code").GetString());
        Assert.False(pending.TryGetProperty("returnReason", out _));
        Assert.Contains("尚未确认", pending.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var staff = await App.ApiAsAsync("community.donghu@example.org");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/member-registrations/{id}/return", new { reason = "楼栋号有误，请填写到单元和门牌" })).StatusCode);

        // Returned: the right password gets the reason, in words and as a field, under its own code.
        var returned = await ProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/tokens", new { email = "token.returned@example.org", password = NewPassword }),
            HttpStatusCode.Forbidden);
        Assert.Equal(AccountApi.MemberReturnedCode, returned.GetProperty("code").GetString());
        Assert.Equal("楼栋号有误，请填写到单元和门牌", returned.GetProperty("returnReason").GetString());
        Assert.Contains("已被社区退回", returned.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("楼栋号有误，请填写到单元和门牌", returned.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // In English too.
        using var english = App.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await english.GetAsync("/culture?culture=en&returnUrl=/")).StatusCode);
        var inEnglish = await ProblemAsync(await english.PostAsJsonAsync("/api/v1/tokens", new { email = "token.returned@example.org", password = NewPassword }),
            HttpStatusCode.Forbidden);
        Assert.StartsWith("The member registration was returned by the community: 楼栋号有误", inEnglish.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A wrong password: the usual refusal, and not a word about the registration.
        using var guesser = App.Anonymous();
        var wrong = await guesser.PostAsJsonAsync("/api/v1/tokens", new { email = "token.returned@example.org", password = "Wrong-Password-2026" });
        var wrongText = await wrong.Content.ReadAsStringAsync();
        var refusal = await ProblemAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.False(refusal.TryGetProperty("code", out _));
        Assert.False(refusal.TryGetProperty("returnReason", out _));
        Assert.DoesNotContain("楼栋号", wrongText, StringComparison.Ordinal);
        Assert.DoesNotContain("退回", wrongText, StringComparison.Ordinal);

        // The security log says which refusal it was, without the reason.
        var userId = await App.QueryAsync(db => db.MemberRegistrations.Where(r => r.Id == id).Select(r => r.UserId).SingleAsync());
        var events = await App.QueryAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.Security && a.EntityId == userId).Select(a => a.Changes).ToListAsync());
        Assert.Contains(events, e => e.Contains("member registration returned", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Contains("楼栋号", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_who_moved_away_gets_a_token_as_the_sign_in_page_lets_them_in()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var member = await App.RegisterMemberAsync(donghu, community, null, "周晓明", "19900000041", UnitData.Today(App).AddDays(-30), email: "token.moved@example.org");
        using var staff = await App.ApiAsAsync("community.donghu@example.org");
        var moved = await staff.PostAsJsonAsync($"/api/v1/member-registrations/{member}/move-away", new { });
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());

        using var anonymous = App.Anonymous();
        var token = await anonymous.PostAsJsonAsync("/api/v1/tokens", new { email = "token.moved@example.org", password = PortalApp.Password });
        Assert.True(token.StatusCode == HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty((await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()));

        // The sign-in page lets the same member in (a redirect, no refusal).
        using var browser = App.Anonymous();
        var signIn = await PortalApp.PostSignInFormAsync(browser, "token.moved@example.org", PortalApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }
}
