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
            return contacts.Concat(members).Concat(accounts).Concat(posters).Where(s => !string.IsNullOrWhiteSpace(s) && s.Length >= 2).Distinct().ToList();
        });
        Assert.NotEmpty(people);
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
