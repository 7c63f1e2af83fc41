using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.PublicNotice;

/// <summary>共建公示 (rule 11): anonymous, the street's resolutions, commitments and published grades, and no personal data (rule 10).</summary>
public class PublicNoticeTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task Anyone_reads_the_streets_resolutions_commitments_and_published_grades_without_an_account()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var today = App.Clock.Today;
        using var resident = App.Anonymous();

        var response = await resident.GetAsync($"/api/v1/public/streets/{donghu}/notice");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(DemoSeeder.DonghuStreet, notice.GetProperty("streetName").GetString());

        // Resolutions: this year's and every open one, overdue first; each with its state and its last progress.
        var expected = await App.QueryAsync(db => db.Resolutions
            .Where(r => r.StreetId == donghu && (r.Year == today.Year || r.Status != ResolutionStatus.Completed)).Select(r => r.Number).ToListAsync());
        var resolutions = notice.GetProperty("resolutions").EnumerateArray().ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), resolutions.Select(r => r.GetProperty("number").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal("overdue", resolutions[0].GetProperty("status").GetString());
        Assert.Contains(resolutions, r => r.GetProperty("lastProgress").ValueKind == JsonValueKind.Object
            && r.GetProperty("lastProgress").GetProperty("text").GetString()!.Length > 0);

        // Agreements in force with every commitment's fulfilment, the same figures the agreement page shows.
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var active = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/agreements?status=active&pageSize=500")).GetProperty("items").EnumerateArray().ToList();
        var agreements = notice.GetProperty("agreements").EnumerateArray().ToList();
        Assert.Equal(active.Count, agreements.Count);
        var first = active[0];
        var shown = Assert.Single(agreements, a => a.GetProperty("title").GetString() == first.GetProperty("title").GetString()
            && a.GetProperty("unitName").GetString() == first.GetProperty("unitName").GetString());
        Assert.Equal(
            first.GetProperty("commitments").EnumerateArray().Select(c => c.GetProperty("fulfilment").GetDecimal()),
            shown.GetProperty("commitments").EnumerateArray().Select(c => c.GetProperty("fulfilment").GetDecimal()));

        // Grades of the last published campaign, every assessed unit once.
        var published = await App.QueryAsync(db => db.EvaluationCampaigns.Where(c => c.StreetId == donghu && c.Status == EvaluationStatus.Published)
            .OrderByDescending(c => c.Year).Select(c => new { c.Year, Units = db.UnitAssessments.Count(a => a.CampaignId == c.Id) }).FirstAsync());
        var grades = notice.GetProperty("grades");
        Assert.Equal(published.Year, grades.GetProperty("year").GetInt32());
        Assert.Equal(published.Units, grades.GetProperty("units").GetArrayLength());
        Assert.All(grades.GetProperty("units").EnumerateArray(), g => Assert.False(g.TryGetProperty("total", out _)));
    }

    [Fact]
    public async Task No_name_or_phone_number_of_a_person_appears_on_the_page_or_in_the_api()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var resident = App.Anonymous();

        // Needs of residents, with their contacts (rule 10), in every state the notice shows: published, claimed, done, rated.
        var community = await App.QueryAsync(db => db.Communities.Where(c => c.StreetId == donghu).Select(c => c.Id).FirstAsync());
        var needs = new (string Title, string Name, string Phone)[]
        {
            ("楼道扶手松动", "黄月英", "139 1234 5601"),
            ("想学用智能手机", "诸葛亮明", "+86 13912345602"),
            ("小区路灯不亮", "司马懿仲", "(0571) 8701 2603"),
            ("孩子课后无人照看", "欧阳修文", "021-64035604"),
        };
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var leader = await App.ApiAsAsync("leader1@example.org");
        for (var i = 0; i < needs.Length; i++)
        {
            var submitted = await resident.PostAsJsonAsync($"/api/v1/public/streets/{donghu}/needs", new
            {
                communityId = community, kind = "wish", category = "convenienceService", title = needs[i].Title, contactName = needs[i].Name, contactPhone = needs[i].Phone,
            });
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            var body = await submitted.Content.ReadFromJsonAsync<JsonElement>();
            var id = body.GetProperty("needId").GetGuid();
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/needs/{id}/publish", null)).StatusCode);
            if (i >= 1)
            {
                Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/v1/needs/{id}/claim", new { })).StatusCode);
            }

            if (i >= 2)
            {
                using var photo = Agreements.AgreementTestData.File(Agreements.AgreementTestData.Png(), "done.png");
                Assert.Equal(HttpStatusCode.Created, (await leader.PostAsync($"/api/v1/needs/{id}/photos", photo)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/v1/needs/{id}/done", new { note = "已办结" })).StatusCode);
            }

            if (i >= 3)
            {
                var code = body.GetProperty("trackingCode").GetString()!;
                Assert.Equal(HttpStatusCode.OK, (await resident.PostAsJsonAsync($"/api/v1/public/needs/{code}/rating", new { rating = "satisfied" })).StatusCode);
            }
        }

        var json = await resident.GetStringAsync($"/api/v1/public/streets/{donghu}/notice");
        var page = WebUtility.HtmlDecode(await resident.GetStringAsync($"/public/streets/{donghu}"));

        var people = await App.QueryAsync(async db =>
        {
            var contacts = (await db.MemberUnits.Where(u => u.StreetId == donghu).Select(u => new { u.ContactPerson, u.ContactPhone }).ToListAsync())
                .SelectMany(u => new[] { u.ContactPerson, u.ContactPhone });
            var members = await db.CommitteeMembers.Where(m => m.StreetId == donghu).Select(m => m.PersonName).ToListAsync();
            var accounts = (await db.Users.Where(u => u.StreetId == donghu).Select(u => new { u.DisplayName, u.Email }).ToListAsync())
                .SelectMany(u => new[] { u.DisplayName, u.Email ?? "" });
            var posters = await db.ResolutionProgress.Where(p => p.StreetId == donghu).Select(p => p.PostedBy).Distinct().ToListAsync();

            // A need's contact as stored (13912345601, 0571-87012603), and a phone's bare digits and its number without the area code.
            var needContacts = (await db.Needs.Where(n => n.StreetId == donghu).Select(n => new { n.ContactName, n.ContactPhone }).ToListAsync())
                .SelectMany(n => new[] { n.ContactName, n.ContactPhone, n.ContactPhone.Replace("-", "", StringComparison.Ordinal), n.ContactPhone.Split('-')[^1] });
            return contacts.Concat(members).Concat(accounts).Concat(posters).Concat(needContacts).Where(s => !string.IsNullOrWhiteSpace(s) && s.Length >= 2).Distinct().ToList();
        });
        Assert.NotEmpty(people);
        Assert.Contains("司马懿仲", people);
        Assert.Contains("057187012603", people);
        Assert.Contains("64035604", people);

        // The needs are on the notice (so the check below looks at them), every one of the four.
        Assert.All(needs, n => Assert.Contains(n.Title, page, StringComparison.Ordinal));
        Assert.All(needs, n => Assert.Contains(n.Title, json, StringComparison.Ordinal));
        var leaked = people.Where(p => json.Contains(p, StringComparison.Ordinal) || page.Contains(p, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, "personal data on the public notice: " + string.Join(", ", leaked));
    }

    [Fact]
    public async Task The_page_works_without_an_account_or_a_circuit_and_an_unknown_street_is_told_so()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var resident = App.Anonymous();

        var page = await resident.GetAsync($"/public/streets/{donghu}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("东湖街道 · 共建公示", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("id=\"notice-resolutions\"", html, StringComparison.Ordinal);
        Assert.Contains("已逾期", html, StringComparison.Ordinal);

        var unknown = await resident.GetAsync($"/public/streets/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("没有找到这个街道的共建公示", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/api/v1/public/streets/{Guid.NewGuid()}/notice")).StatusCode);
    }
}
