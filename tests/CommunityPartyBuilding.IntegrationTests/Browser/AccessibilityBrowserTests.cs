using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>
/// WCAG 2.1 AA (GB/T 37668-2019) as axe-core checks it: every page of every role at 1440 px and 390 px, no serious
/// or critical violation. One test per role, one browser context per width; a failure lists every page's findings.
/// </summary>
public class AccessibilityBrowserTests(PortalApp app, ITestOutputHelper output) : PortalTest(app)
{
    /// <summary>The audit's own runner finds what axe finds: a page with known faults fails with them.</summary>
    [Fact]
    public async Task The_audit_reports_a_pages_known_violations()
    {
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            await page.SetContentAsync(
                "<html><head><title>t</title></head><body><main><h1>t</h1><img src=\"data:,\"><button></button>"
                + "<p style=\"color:#bbb;background:#fff\">浅色的字</p></main></body></html>");
            var found = (await AxeAudit.RunAxeAsync(page)).Violations.ToDictionary(v => v.Id);
            Assert.Equal("critical", found["image-alt"].Impact);
            Assert.Equal("critical", found["button-name"].Impact);
            Assert.Equal("serious", found["color-contrast"].Impact);
            Assert.Equal("serious", found["html-has-lang"].Impact);
            Assert.Contains("<img", found["image-alt"].Nodes.Single().Html, StringComparison.Ordinal);
            Assert.Equal("[\"img\"]", found["image-alt"].Nodes.Single().Target);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task Public_pages_pass_axe_at_desk_and_phone_widths()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);

        // A need done and waiting for the resident's rating: the tracking page with its timeline and rating form.
        using var resident = App.Anonymous();
        var community = await App.QueryAsync(db => db.Communities.Where(c => c.StreetId == donghu).Select(c => c.Id).FirstAsync());
        var (need, code) = await Features.Needs.PublicNeedTestData.SubmitAsync(resident, donghu, community, "帮忙修理轮椅", "赵桂兰", "13800138001");
        await Features.Needs.PublicNeedTestData.DoneAsync(App, need);
        await AuditAsync(null,
        [
            new($"/public/streets/{donghu}", Interactive: false, Ready: "#notice-title"),
            new($"/public/streets/{donghu}/needs/new", Interactive: false, Ready: "#need-title"),
            new($"/public/streets/{Guid.Empty}/needs/new", Interactive: false, Ready: "#need-street-not-found"),
            new("/public/needs", Interactive: false, Ready: "#need-code-form"),
            new($"/public/needs/{code}", Interactive: false, Ready: "#need-rate-form"),
            new("/public/needs/ABCDE-FGHJK", Interactive: false, Ready: "#need-track-error"),
            new($"/public/streets/{Guid.Empty}", Interactive: false, Ready: "#notice-not-found"),
            new("/Account/Login", Interactive: false, Ready: "#login-submit"),
            new($"/public/streets/{donghu}/members/register", Interactive: false, Ready: "#register-submit"),
            new("/ballot", Interactive: false),
            new("/ballot?code=ABCD-EFGH", Interactive: false, Ready: "#ballot-error"),
            new("/verify", Interactive: false),
            new("/verify/ABCDEFGH", Interactive: false),
            new("/not-found", Interactive: false),
        ]);
    }

    [Fact]
    public async Task Administrator_pages_pass_axe_at_desk_and_phone_widths()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        await AuditAsync("admin@example.org",
        [
            new("/"),
            new("/admin/organisation-departments"),
            new("/streets"),
            new($"/streets/{donghu}/committee"),
            new("/admin/users"),
            new("/audit"),
            new("/notifications"),
            new("/Account/ChangePassword", Interactive: false),
            new("/Account/Manage/TwoFactor", Interactive: false),
        ]);
    }

    [Fact]
    public async Task Organisation_department_pages_pass_axe_at_desk_and_phone_widths()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var department = await App.QueryAsync(db => db.OrganisationDepartments.Select(d => d.Id).SingleAsync());
        await AuditAsync("orgdept@example.org",
        [
            new("/"),
            new("/oversight"),
            new($"/organisation-departments/{department}/oversight"),
            new("/streets"),
            new($"/streets/{donghu}/dashboard"),
            new($"/streets/{donghu}/committee"),
            new("/audit"),
            new("/notifications"),
        ]);
    }

    [Fact]
    public async Task Street_staff_pages_pass_axe_at_desk_and_phone_widths()
    {
        var ids = await StreetIdsAsync();
        var s = ids.Street;
        var project = await ProjectAwaitingAcceptanceAsync(s);
        await AuditAsync("staff.donghu@example.org",
        [
            new("/"),
            new($"/streets/{s}/dashboard"),
            new($"/streets/{s}/committee"),
            new($"/streets/{s}/units"),
            new($"/streets/{s}/units/new"),
            new($"/streets/{s}/units/import"),
            new($"/streets/{s}/resources"),
            new($"/units/{ids.Unit}"),
            new($"/units/{ids.Unit}/edit"),
            new($"/streets/{s}/agreements"),
            new($"/streets/{s}/agreements/new"),
            new($"/agreements/{ids.Agreement}"),
            new($"/agreements/{ids.Agreement}/edit"),
            new($"/streets/{s}/activities"),
            new($"/activities/{ids.Activity}"),
            new($"/streets/{s}/meetings"),
            new($"/meetings/{ids.Meeting}"),
            new($"/streets/{s}/resolutions"),
            new($"/resolutions/{ids.Resolution}"),
            new($"/streets/{s}/evaluations"),
            new($"/evaluations/{ids.Campaign}"),
            new($"/evaluations/{ids.Campaign}/paper"),
            new($"/streets/{s}/needs"),
            new($"/streets/{s}/projects", Ready: ".project-list tbody tr"),
            new($"/streets/{s}/projects/new", Ready: "#project-save"),
            new($"/projects/{project}", Ready: "#project-accept-form"),
            new("/admin/users"),
            new("/audit"),
            new("/notifications"),
        ]);
    }

    [Fact]
    public async Task Unit_leader_pages_pass_axe_at_desk_and_phone_widths()
    {
        var ids = await StreetIdsAsync();
        var unit = await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.UnitId!.Value).SingleAsync());
        var activity = await App.QueryAsync(db => db.Activities.Where(a => a.UnitId == unit).OrderBy(a => a.Id).Select(a => (Guid?)a.Id).FirstOrDefaultAsync());
        Assert.NotNull(activity);
        var project = await ProjectAwaitingAcceptanceAsync(ids.Street);
        await AuditAsync("leader1@example.org",
        [
            new("/"),
            new($"/units/{unit}/activities/new"),
            new($"/streets/{ids.Street}/activities"),
            new($"/activities/{activity}"),
            new($"/units/{unit}"),
            new($"/streets/{ids.Street}/committee"),
            new($"/streets/{ids.Street}/meetings"),
            new($"/meetings/{ids.Meeting}"),
            new($"/streets/{ids.Street}/resolutions"),
            new($"/resolutions/{ids.Resolution}"),
            new($"/units/{unit}/needs"),
            new($"/units/{unit}/projects", Ready: "#unit-projects"),
            new($"/projects/{project}", Ready: "#project-units-table"),
            new("/notifications"),
        ]);
    }

    [Fact]
    public async Task Community_staff_pages_pass_axe_at_desk_and_phone_widths()
    {
        var ids = await StreetIdsAsync();
        var unit = await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org").Select(u => u.UnitId!.Value).SingleAsync());
        var community = await App.QueryAsync(db => db.Users.Where(u => u.Email == "community.donghu@example.org").Select(u => u.CommunityId!.Value).SingleAsync());
        await AuditAsync("community.donghu@example.org",
        [
            new("/", Ready: "#community-home"),
            new("/members", Ready: ".member-registrations tbody tr .member-remark"),
            new("/posts"),
            new($"/communities/{community}/posts"),
            new("/service-records"),
            new($"/communities/{community}/service-records"),
            new($"/streets/{ids.Street}/resources"),
            new($"/streets/{ids.Street}/units"),
            new($"/units/{unit}"),
            new($"/streets/{ids.Street}/committee"),
            new("/notifications"),
        ]);
    }

    [Fact]
    public async Task Member_pages_pass_axe_at_desk_and_phone_widths()
    {
        // member1's community: a post to check in at (its code) and a wish member1 claimed (its page, where they finish it).
        var member = await App.QueryAsync(db => db.MemberRegistrations.Where(r => r.Email == "member1@example.org").Select(r => new { r.Id, r.CommunityId }).SingleAsync());
        var post = await App.QueryAsync(db => db.Posts.Where(p => p.CommunityId == member.CommunityId).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        using var staff = await App.ApiAsAsync("community.donghu@example.org");
        var code = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/posts/{post}/check-in-code")).GetProperty("code").GetString();
        var entered = await staff.PostAsJsonAsync($"/api/v1/communities/{member.CommunityId}/needs",
            Features.Needs.NeedData.Body(member.CommunityId, "帮楼下李奶奶取报纸（无障碍检查）", wantedBy: App.Clock.Today.AddDays(7)));
        var need = (await entered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("needId").GetGuid();
        using var self = await App.ApiAsAsync("member1@example.org");
        var claimed = await self.PostAsJsonAsync($"/api/v1/needs/{need}/claim", new { });
        Assert.True(claimed.IsSuccessStatusCode, await claimed.Content.ReadAsStringAsync());
        await AuditAsync("member1@example.org",
        [
            new("/", Ready: "#member-home"),
            new("/m/posts"),
            new("/m/service"),
            new($"/m/check-in/{code}", Ready: "#check-in-target"),
            new($"/needs/{need}", Ready: "#need-complete"),
            new("/notifications"),
            new("/Account/ChangePassword", Interactive: false),
        ]);
    }

    private async Task AuditAsync(string? email, IReadOnlyList<AuditedPage> pages)
    {
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var audit = new AxeAudit(browser, App.BaseAddress);
            await audit.VisitAsync(email, PortalApp.Password, pages);
            audit.AssertClean(output.WriteLine);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private async Task<StreetIds> StreetIdsAsync()
    {
        var street = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        return await App.QueryAsync(async db => new StreetIds(
            street,
            await db.MemberUnits.Where(u => u.StreetId == street).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(),
            await db.Agreements.Where(a => a.StreetId == street).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(),
            await db.Activities.Where(a => a.StreetId == street).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(),
            await db.Meetings.Where(m => m.StreetId == street).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(),
            await db.Resolutions.Where(r => r.StreetId == street).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync(),
            await db.EvaluationCampaigns.Where(c => c.StreetId == street).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()));
    }

    /// <summary>A project of leader1's and leader2's units, reported done: the acceptance form for staff, the photos and summary for the units.</summary>
    private async Task<Guid> ProjectAwaitingAcceptanceAsync(Guid street)
    {
        var community = await App.QueryAsync(db => db.Communities.Where(c => c.StreetId == street && c.Name == "东湖社区").Select(c => c.Id).SingleAsync());
        var units = await App.QueryAsync(db => db.Users.Where(u => u.Email == "leader1@example.org" || u.Email == "leader2@example.org").OrderBy(u => u.Email).Select(u => u.UnitId!.Value).ToListAsync());
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        return await Features.Projects.ProjectData.DoneAsync(staff, community,
            Features.Projects.ProjectData.Body(units[0], [units[1]], start: App.Clock.Today, end: App.Clock.Today.AddDays(30)));
    }

    private sealed record StreetIds(Guid Street, Guid Unit, Guid Agreement, Guid Activity, Guid Meeting, Guid Resolution, Guid Campaign);
}
