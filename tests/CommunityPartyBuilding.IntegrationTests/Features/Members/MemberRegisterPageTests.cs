using System.Net;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Members;
using CommunityPartyBuilding.Web.Features.Needs;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>The static registration page (no JavaScript): a refusal keeps what was typed but never the password; the right answer registers.</summary>
public partial class MemberRegisterPageTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task The_static_page_registers_a_member_and_a_refusal_keeps_the_fields_but_not_the_password()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "桃源社区");
        var unit = await App.UnitIdAsync(UnitData.Leader2Unit);
        using var person = App.Anonymous();

        // The notice links to the page; the page lists the street's communities and units.
        var notice = WebUtility.HtmlDecode(await person.GetStringAsync($"/public/streets/{donghu}"));
        Assert.Contains($"/public/streets/{donghu}/members/register", notice, StringComparison.Ordinal);
        var html = await OpenAsync(person, donghu);
        Assert.Contains("桃源社区", html, StringComparison.Ordinal);
        Assert.Contains(UnitData.Leader2Unit, html, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"new-password\"", html, StringComparison.Ordinal);

        // A landline instead of a mobile: refused on the page, the name kept, the password not echoed.
        var fields = Fields(community, unit, "0571-87012345", Sum(html));
        var refused = await PostAsync(person, donghu, html, fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusedHtml = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("请填写11位手机号", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"李建设\"", refusedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, refusedHtml, StringComparison.Ordinal);
        Assert.False(await App.QueryAsync(db => db.MemberRegistrations.AnyAsync(r => r.Email == "jianshe@example.org")));

        // Corrected, with the fresh question: registered, waiting for the community and the unit.
        var done = await PostAsync(person, donghu, refusedHtml, Fields(community, unit, "139 0000 1234", Sum(refusedHtml)));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("等待社区和您所在单位确认", WebUtility.HtmlDecode(await done.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var stored = await App.QueryAsync(db => db.MemberRegistrations.SingleAsync(r => r.Email == "jianshe@example.org"));
        Assert.Equal(("13900001234", RegistrationStatus.Pending, unit, "3栋1单元202"), (stored.Phone, stored.Status, stored.EmployerUnitId!.Value, stored.Building));

        // The confirmation pages: community staff of 东湖社区 do not see a 桃源 registration; the street's staff and the unit's leader do.
        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/members?awaiting=true")).StatusCode);
        using var leader = await App.BrowserAsAsync("leader2@example.org");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/members")).StatusCode);
        using var member = await App.BrowserAsAsync("member1@example.org");
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync("/members")).StatusCode);

        // The member's home: the registration, this year's confirmed hours and the latest records.
        var home = WebUtility.HtmlDecode(await member.GetStringAsync("/"));
        Assert.Contains("id=\"member-home\"", home, StringComparison.Ordinal);
        Assert.Contains("已报到", home, StringComparison.Ordinal);
        Assert.Contains("id=\"member-home-records\"", home, StringComparison.Ordinal);
    }

    private const string Password = "Tao-Yuan-baodao-2026";

    private static Dictionary<string, string> Fields(Guid community, Guid unit, string phone, int answer) => new()
    {
        ["name"] = "李建设",
        ["phone"] = phone,
        ["email"] = "jianshe@example.org",
        ["password"] = Password,
        ["employerUnitId"] = unit.ToString(),
        ["employerName"] = "",
        ["employerPartyOrganisation"] = "供电公司第二党支部",
        ["communityId"] = community.ToString(),
        ["building"] = "3栋1单元202",
        ["answer"] = answer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [NeedChallenge.HoneypotField] = "",
    };

    private static async Task<string> OpenAsync(HttpClient client, Guid street)
    {
        var response = await client.GetAsync($"/public/streets/{street}/members/register");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid street, string html, Dictionary<string, string> fields)
    {
        fields["_handler"] = Hidden("_handler").Match(html).Groups[1].Value;
        fields["__RequestVerificationToken"] = Hidden("__RequestVerificationToken").Match(html).Groups[1].Value;
        fields["token"] = Hidden("token").Match(html).Groups[1].Value;
        return client.PostAsync($"/public/streets/{street}/members/register", new FormUrlEncodedContent(fields));
    }

    private static int Sum(string html)
    {
        var question = Question().Match(html);
        Assert.True(question.Success, "no check question on the form");
        return int.Parse(question.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(question.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Regex Hidden(string name) => new($"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");

    [GeneratedRegex(@"(\d) 加 (\d) 等于几")]
    private static partial Regex Question();
}
