using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Agreements;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.IntegrationTests.Features.Dashboard;

/// <summary>The organisation department reads its own streets only, and changes nothing, through any route.</summary>
[Trait("Clock", "DateSensitive")]
public class OversightScopeTests(PortalApp app) : PortalTest(app)
{
    /// <summary>Writes an organisation department may make: its own session and its own notifications.</summary>
    private static readonly string[] OwnDataRoutes = ["/api/v1/tokens", "/api/v1/notifications/read-all", "/api/v1/notifications/{notificationId:guid}/read"];

    /// <summary>Write routes that must be walked (批量登记 and temporary passwords of in-service members among them).</summary>
    private static readonly string[] WalkedForSure =
    [
        "/api/v1/streets/{streetId:guid}/units/import",
        "/api/v1/streets/{streetId:guid}/member-registrations/import",
        "/api/v1/communities/{communityId:guid}/member-registrations/import",
        "/api/v1/member-registrations/{registrationId:guid}/temporary-password",
        "/api/v1/member-registrations/{registrationId:guid}/commendations/{year:int}/withdraw",
    ];

    [Fact]
    public async Task An_organisation_department_sees_only_its_own_streets()
    {
        using var admin = await App.ApiAsAsync("admin@example.org");
        var department = await (await admin.PostAsJsonAsync("/api/v1/organisation-departments", new { name = "另一区委组织部", region = "另一区" })).Content.ReadFromJsonAsync<JsonElement>();
        var otherDepartment = department.GetProperty("id").GetGuid();
        var street = await admin.PostAsJsonAsync("/api/v1/streets", new { name = "另一街道", organisationDepartmentId = otherDepartment });
        Assert.Equal(HttpStatusCode.Created, street.StatusCode);
        var otherStreet = (await street.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var ownDepartment = await App.QueryAsync(db => db.OrganisationDepartments.Where(d => d.Name == DemoSeeder.OrganisationDepartmentName).Select(d => d.Id).SingleAsync());

        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        var own = await DashboardFigureTests.GetOverviewAsync(orgDept, ownDepartment, null);
        Assert.Equal(["东湖街道", "西城街道"], own.Streets.Select(s => s.StreetName).Order(StringComparer.Ordinal));

        foreach (var path in new[]
                 {
                     $"/api/v1/organisation-departments/{otherDepartment}/streets",
                     $"/api/v1/organisation-departments/{otherDepartment}/streets/export",
                     $"/api/v1/organisation-departments/{otherDepartment}/reports.zip",
                     $"/api/v1/streets/{otherStreet}/dashboard",
                     $"/api/v1/streets/{otherStreet}/needs/export",
                 })
        {
            var response = await orgDept.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // The administrator reads any department's table and any street's dashboard.
        Assert.Equal(["另一街道"], (await DashboardFigureTests.GetOverviewAsync(admin, otherDepartment, null)).Streets.Select(s => s.StreetName));
        Assert.Equal("另一街道", (await DashboardFigureTests.GetDashboardAsync(admin, otherStreet, null)).StreetName);

        // The page refuses the other street too, without naming it.
        using var browser = await App.BrowserAsAsync("orgdept@example.org");
        var page = await browser.GetStringAsync($"/streets/{otherStreet}/dashboard");
        Assert.Contains("未找到该街道", page, StringComparison.Ordinal);
        Assert.DoesNotContain("另一街道", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unit_leaders_and_other_streets_staff_are_refused()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var department = await App.QueryAsync(db => db.OrganisationDepartments.Select(d => d.Id).SingleAsync());

        using var leader = await App.ApiAsAsync("leader1@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/v1/streets/{donghu}/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/v1/organisation-departments/{department}/streets")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/v1/streets/{donghu}/needs/export")).StatusCode);

        using var otherStaff = await App.ApiAsAsync("staff.xicheng@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/streets/{donghu}/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/streets/{donghu}/needs/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherStaff.GetAsync($"/api/v1/organisation-departments/{department}/streets")).StatusCode);

        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var own = await DashboardFigureTests.GetDashboardAsync(staff, donghu, null);
        Assert.True(own.CanManage);

        var future = await staff.GetAsync($"/api/v1/streets/{donghu}/dashboard?year={App.Clock.Today.Year + 2}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Contains("year", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public Task Every_write_route_of_the_api_refuses_the_organisation_department_with_403() => EveryWriteRouteRefusesAsync("orgdept@example.org");

    /// <summary>
    /// Community staff (社区工作人员) read their street and manage their own community's needs, projects and posts. The ids
    /// given are of another community of their street (滨江社区), so every write route refuses them: 403, or 404 for a need
    /// of another community, which they may not even read.
    /// </summary>
    [Fact]
    public Task Every_write_route_of_the_api_refuses_community_staff_with_403() => EveryWriteRouteRefusesAsync("community.donghu@example.org",
        route => route.StartsWith("/api/v1/needs/", StringComparison.Ordinal) || route.StartsWith("/api/v1/need-photos/", StringComparison.Ordinal)
            || route.StartsWith("/api/v1/projects/", StringComparison.Ordinal) || route.StartsWith("/api/v1/project-photos/", StringComparison.Ordinal)
            || route.StartsWith("/api/v1/member-registrations/", StringComparison.Ordinal));

    private async Task EveryWriteRouteRefusesAsync(string email, Func<string, bool>? unreadable = null)
    {
        var ids = await IdsAsync();
        using var caller = await App.ApiAsAsync(email);
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null) // public routes (ballots, report verification) are for anyone
            .Select(e => (Route: "/" + e.RoutePattern.RawText!.TrimStart('/'), Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Route.StartsWith("/api/v1/", StringComparison.Ordinal) && !OwnDataRoutes.Contains(e.Route) && !e.Route.Contains("/ballots", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Where(m => m is "POST" or "PUT" or "DELETE" or "PATCH").Select(m => (e.Route, Method: m)))
            .Distinct()
            .ToList();
        Assert.True(endpoints.Count >= 35, $"only {endpoints.Count} write routes found");
        // Routes are discovered, not listed: these must be among them (a sheet upload gets a file body, see Body).
        foreach (var route in WalkedForSure)
        {
            Assert.Contains(route, endpoints.Select(e => e.Route));
        }

        var failures = new List<string>();
        foreach (var (route, method) in endpoints)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)(:[^}]*)?\}", m =>
                ids.TryGetValue(m.Groups[1].Value, out var id) ? id : throw new InvalidOperationException($"No id for {m.Value} in {route}"));
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(route) };
            using var response = await caller.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Forbidden && !(response.StatusCode == HttpStatusCode.NotFound && unreadable?.Invoke(route) == true))
            {
                failures.Add($"{method} {route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static HttpContent Body(string route)
    {
        if (route.EndsWith("/scan", StringComparison.Ordinal) || route.EndsWith("/photos", StringComparison.Ordinal)
            || route.EndsWith("/attachments", StringComparison.Ordinal) || route.EndsWith("/import", StringComparison.Ordinal))
        {
            return AgreementTestData.File(AgreementTestData.Png(), "photo.png");
        }

        return new StringContent(route.EndsWith("/attendance", StringComparison.Ordinal) ? "[]" : "{}", System.Text.Encoding.UTF8, "application/json");
    }

    /// <summary>Real ids of 东湖 for every route parameter: the writes must be refused for what they are, not because nothing was found.</summary>
    private async Task<Dictionary<string, string>> IdsAsync()
    {
        var ids = new Dictionary<string, string>();
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        var unitId = await AgreementTestData.UnitIdAsync(App, "东湖区人民检察院");

        // A photo and a progress update of 东湖, posted by its staff.
        var activityId = await AgreementTestData.LogActivityAsync(staff, unitId, AgreementTestData.Activity(App.Clock.Today));
        var photo = await staff.PostAsync($"/api/v1/activities/{activityId}/photos", AgreementTestData.File(AgreementTestData.Png(), "photo.png"));
        Assert.Equal(HttpStatusCode.Created, photo.StatusCode);
        var photoId = (await photo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var resolutionId = await App.QueryAsync(db => db.Resolutions.Where(r => r.StreetId == donghu && r.Status != Web.Features.Meetings.ResolutionStatus.Completed).Select(r => r.Id).FirstAsync());
        var progress = await staff.PostAsJsonAsync($"/api/v1/resolutions/{resolutionId}/progress", new { percent = 10, text = "推进中" });
        Assert.True(progress.IsSuccessStatusCode, await progress.Content.ReadAsStringAsync());
        // A need of 滨江社区, claimed by a unit, with a photo: every need route has something real to refuse.
        var binjiang = await App.QueryAsync(db => db.Communities.Where(c => c.StreetId == donghu && c.Name == "滨江社区").Select(c => c.Id).SingleAsync());
        var (needId, _) = await Needs.NeedData.EnterAsync(staff, binjiang);
        using (var leader = await App.ApiAsAsync("leader1@example.org"))
        {
            Assert.Equal(HttpStatusCode.OK, (await Needs.NeedData.ClaimAsync(leader, needId)).StatusCode);
            ids["needPhotoId"] = (await Needs.NeedData.AddPhotoAsync(leader, needId)).ToString();
        }

        // A second need of 滨江社区, dispatched to the unit and awaiting its answer: the answer routes have a real dispatch to refuse.
        var (dispatchedNeedId, _) = await Needs.NeedData.EnterAsync(staff, binjiang, "滨江社区健身器材维修");
        var dispatched = await staff.PostAsJsonAsync($"/api/v1/needs/{dispatchedNeedId}/dispatch", new { unitId, deadline = App.Clock.Today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.True(dispatched.IsSuccessStatusCode, await dispatched.Content.ReadAsStringAsync());
        ids["needDispatchId"] = (await App.QueryAsync(db => db.NeedDispatches.Where(d => d.NeedId == dispatchedNeedId).Select(d => d.Id).SingleAsync())).ToString();
        ids["needId"] = needId.ToString();

        // A project of 滨江社区 under way, with a photo.
        var projectId = await Projects.ProjectData.CreateAsync(staff, binjiang, Projects.ProjectData.Body(unitId, start: App.Clock.Today, end: App.Clock.Today.AddDays(20)));
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/projects/{projectId}/start", null)).StatusCode);
        ids["projectPhotoId"] = (await Projects.ProjectData.AddPhotoAsync(staff, projectId)).ToString();
        ids["projectId"] = projectId.ToString();
        ids["communityId"] = binjiang.ToString();
        // A post of 滨江社区 held by a member of 滨江社区, with a submitted record and its photo: the post and record routes have real ids to refuse.
        var postId = await Members.ServiceTestMembers.CreatePostAsync(staff, binjiang, Members.ServiceTestMembers.Post());
        var scopeMember = await Members.ServiceTestMembers.CreateAsync(App, "scope.member@example.org", "滨江社区");
        using (var member = await App.ApiAsAsync(scopeMember.Email))
        {
            Assert.Equal(HttpStatusCode.OK, (await Members.ServiceTestMembers.ClaimAsync(member, postId)).StatusCode);
            var record = await member.PostAsJsonAsync("/api/v1/me/service-records", Members.ServiceTestMembers.Record(App.Clock.Today, "08:00", "10:00", postId));
            Assert.True(record.StatusCode == HttpStatusCode.Created, await record.Content.ReadAsStringAsync());
            ids["serviceRecordId"] = (await record.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().ToString();
        }

        ids["postId"] = postId.ToString();
        // An in-service member of 滨江社区 (commendations, remarks).
        ids["registrationId"] = (await Members.FiguresTestData.RegisterMemberAsync(App, donghu, binjiang, unitId, "孙海", "19900000099", App.Clock.Today.AddYears(-1))).ToString();
        // ... named outstanding this year, so that withdrawing the commendation is refused for who asks, not for a missing one.
        ids["year"] = App.Clock.Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var named = await staff.PostAsJsonAsync($"/api/v1/member-registrations/{ids["registrationId"]}/commendations", new { year = App.Clock.Today.Year, citation = "热心服务" });
        Assert.True(named.StatusCode == HttpStatusCode.Created, await named.Content.ReadAsStringAsync());
        var progressId = await App.QueryAsync(db => db.ResolutionProgress.Where(p => p.ResolutionId == resolutionId).OrderByDescending(p => p.PostedAt).Select(p => p.Id).FirstAsync());

        var found = await App.QueryAsync(async db => new Dictionary<string, string>
        {
            ["streetId"] = donghu.ToString(),
            ["unitId"] = unitId.ToString(),
            ["resourceId"] = (await db.UnitResources.Where(r => r.UnitId == unitId).Select(r => r.Id).FirstAsync()).ToString(),
            ["memberId"] = (await db.CommitteeMembers.Where(m => m.StreetId == donghu).Select(m => m.Id).FirstAsync()).ToString(),
            ["agreementId"] = (await db.Agreements.Where(a => a.StreetId == donghu).Select(a => a.Id).FirstAsync()).ToString(),
            ["activityId"] = activityId.ToString(),
            ["photoId"] = photoId.ToString(),
            ["meetingId"] = (await db.Meetings.Where(m => m.StreetId == donghu).Select(m => m.Id).FirstAsync()).ToString(),
            ["resolutionId"] = resolutionId.ToString(),
            ["progressId"] = progressId.ToString(),
            ["userId"] = await db.Users.Where(u => u.Email == "staff.donghu@example.org").Select(u => u.Id).SingleAsync(),
            ["evaluationId"] = (await db.EvaluationCampaigns.Where(c => c.StreetId == donghu).Select(c => (Guid?)c.Id).FirstOrDefaultAsync() ?? Guid.NewGuid()).ToString(),
        });
        foreach (var (key, value) in ids)
        {
            found[key] = value;
        }

        return found;
    }
}
