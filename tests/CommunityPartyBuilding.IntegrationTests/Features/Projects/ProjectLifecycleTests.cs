using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Needs;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyBuilding.IntegrationTests.Features.Projects.ProjectData;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Projects;

/// <summary>Projects over HTTP: a project across two units from plan to acceptance (rule 7, counted once), scope and bad input.</summary>
public class ProjectLifecycleTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task A_project_across_two_units_is_accepted_once_and_each_units_ledger_and_commitment_get_one_verified_activity()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var lead = await App.UnitIdAsync(Leader1Unit);
        var partner = await App.UnitIdAsync(Leader2Unit);
        var today = App.Clock.Today;
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var leader1 = await App.ApiAsAsync("leader1@example.org");
        using var leader2 = await App.ApiAsAsync("leader2@example.org");
        using var leader3 = await App.ApiAsAsync("leader3@example.org");

        // The lead unit's commitment in force today: the project takes its category, so its activity fulfils it.
        var commitment = await App.QueryAsync(db => db.Commitments
            .Join(db.Agreements, c => c.AgreementId, a => a.Id, (c, a) => new { c.Id, c.Category, c.SortOrder, a.UnitId, a.Status, a.ValidFrom, a.ValidTo })
            .Where(x => x.UnitId == lead && x.Status == AgreementStatus.Active && x.ValidFrom <= today && x.ValidTo >= today)
            .OrderBy(x => x.ValidFrom).ThenBy(x => x.SortOrder).FirstAsync());
        var category = JsonNamingPolicy.CamelCase.ConvertName(commitment.Category.ToString());
        var (needId, _) = await Needs.NeedData.EnterAsync(staff, community, "3号楼楼道杂物清理");
        var before = await CountsAsync(lead, partner, commitment.Id);

        var projectId = await CreateAsync(staff, community, Body(lead, [partner], [needId], today, today.AddDays(30), title: "两家单位共建的楼道改造", category: category));

        // The need is taken on by the lead unit while the project runs: nobody else can claim it, and it does not lapse.
        var need = await Needs.NeedData.GetAsync(staff, needId);
        Assert.Equal(("claimed", lead, projectId), (need.GetProperty("need").GetProperty("status").GetString(), need.GetProperty("need").GetProperty("claimerUnitId").GetGuid(),
            need.GetProperty("need").GetProperty("projectId").GetGuid()));
        Assert.Equal(HttpStatusCode.Conflict, (await Needs.NeedData.ClaimAsync(leader2, needId)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Needs.NeedData.DoneAsync(leader1, needId)).StatusCode);

        // Both units see it; a unit outside it does not.
        Assert.Contains((await leader2.GetFromJsonAsync<JsonElement>($"/api/v1/units/{partner}/projects")).EnumerateArray(), p => p.GetProperty("id").GetGuid() == projectId);
        Assert.Equal(HttpStatusCode.NotFound, (await leader3.GetAsync($"/api/v1/projects/{projectId}")).StatusCode);

        // Planned → under way (staff) → done (the lead unit, with a photo and a summary).
        Assert.Equal(HttpStatusCode.Forbidden, (await leader1.PostAsync($"/api/v1/projects/{projectId}/start", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await leader1.PostAsJsonAsync($"/api/v1/projects/{projectId}/done", new { summary = "完成" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/projects/{projectId}/start", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/projects/{projectId}/start", null)).StatusCode);
        var noPhoto = await leader1.PostAsJsonAsync($"/api/v1/projects/{projectId}/done", new { summary = "楼道清理完毕" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noPhoto.StatusCode);
        Assert.Contains("照片", await noPhoto.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AddPhotoAsync(leader2, projectId);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader2.PostAsJsonAsync($"/api/v1/projects/{projectId}/done", new { summary = "楼道清理完毕" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await leader1.PostAsJsonAsync($"/api/v1/projects/{projectId}/done", new { summary = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader1.PostAsJsonAsync($"/api/v1/projects/{projectId}/done", new { summary = "楼道清理完毕，扶手安装到位。" })).StatusCode);

        // Acceptance: staff only, a contribution for every unit and none for a unit outside the project.
        Assert.Equal(HttpStatusCode.Forbidden, (await leader1.PostAsJsonAsync($"/api/v1/projects/{projectId}/accept", Contributions((lead, 10, 0, 30), (partner, 6, 5000, 30)))).StatusCode);
        var missing = await staff.PostAsJsonAsync($"/api/v1/projects/{projectId}/accept", Contributions((lead, 10, 0, 30)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        var outsider = await App.UnitIdAsync(Leader3Unit);
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await staff.PostAsJsonAsync($"/api/v1/projects/{projectId}/accept", Contributions((lead, 10, 0, 30), (partner, 6, 5000, 30), (outsider, 1, 0, 0)))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await staff.PostAsJsonAsync($"/api/v1/projects/{projectId}/accept", Contributions((lead, -1, 0, 30), (partner, 6, 5000, 30)))).StatusCode);
        Assert.Equal(before, await CountsAsync(lead, partner, commitment.Id));

        var accepted = await staff.PostAsJsonAsync($"/api/v1/projects/{projectId}/accept", Contributions((lead, 10, 0, 30), (partner, 6, 5000, 30)));
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var detail = await accepted.JsonAsync();
        Assert.Equal("accepted", detail.GetProperty("project").GetProperty("status").GetString());
        Assert.All(detail.GetProperty("units").EnumerateArray(), u => Assert.Equal(JsonValueKind.String, u.GetProperty("activityId").ValueKind));

        // Rule 7: one verified activity per unit, linked both ways, the lead unit's to its commitment; the need is done.
        var activities = await App.QueryAsync(db => db.Activities.Where(a => a.ProjectId == projectId).ToListAsync());
        Assert.Equal(new[] { lead, partner }.Order(), activities.Select(a => a.UnitId).Order());
        Assert.All(activities, a => Assert.Equal(ActivityStatus.Verified, a.Status));
        Assert.Equal(commitment.Id, activities.Single(a => a.UnitId == lead).CommitmentId);
        Assert.Equal((5000m, 30), activities.Where(a => a.UnitId == partner).Select(a => (a.Funds, a.Beneficiaries)).Single());
        var after = await CountsAsync(lead, partner, commitment.Id);
        Assert.Equal((before.Lead + 1, before.Partner + 1, before.Commitment + 1), after);
        Assert.Equal(NeedStatus.Done, await App.QueryAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.Status).SingleAsync()));

        // Accepting again, editing afterwards or adding photos never counts twice.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/v1/projects/{projectId}/accept", Contributions((lead, 10, 0, 30), (partner, 6, 5000, 30)))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutAsJsonAsync($"/api/v1/projects/{projectId}", Body(lead, [partner], [], today, today.AddDays(30)))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/projects/{projectId}/photos", Agreements.AgreementTestData.File(Agreements.AgreementTestData.Png(), "late.png"))).StatusCode);
        Assert.Equal(after, await CountsAsync(lead, partner, commitment.Id));

        // The public notice lists the project with its units, and nothing of the contributions.
        using var anonymous = App.Anonymous();
        var notice = await anonymous.GetStringAsync($"/api/v1/public/streets/{donghu}/notice");
        var listed = JsonSerializer.Deserialize<JsonElement>(notice).GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("title").GetString() == "两家单位共建的楼道改造");
        Assert.Equal(Leader1Unit, listed.GetProperty("leadUnitName").GetString());
        Assert.Equal([Leader2Unit], listed.GetProperty("otherUnitNames").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact]
    public async Task Two_staff_accepting_at_once_credit_each_unit_exactly_once()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var lead = await App.UnitIdAsync(Leader1Unit);
        var partner = await App.UnitIdAsync(Leader2Unit);
        var today = App.Clock.Today;
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var community1 = await App.ApiAsAsync("community.donghu@example.org");
        for (var round = 0; round < 3; round++)
        {
            var projectId = await DoneAsync(staff, community, Body(lead, [partner], [], today, today.AddDays(10), title: $"同时验收的项目{round}"));
            var body = Contributions((lead, 2, 0, 10), (partner, 2, 0, 10));
            var answers = await Task.WhenAll(staff.PostAsJsonAsync($"/api/v1/projects/{projectId}/accept", body), community1.PostAsJsonAsync($"/api/v1/projects/{projectId}/accept", body));
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
            Assert.Equal(2, await App.QueryAsync(db => db.Activities.CountAsync(a => a.ProjectId == projectId)));
        }
    }

    [Fact]
    public async Task Bad_projects_are_refused_with_a_clear_message_and_change_nothing()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var binjiang = await App.CommunityIdAsync(donghu, "滨江社区");
        var lead = await App.UnitIdAsync(Leader1Unit);
        var xicheng = await App.UnitIdAsync(Leader3Unit);
        var today = App.Clock.Today;
        using var staff = await App.ApiAsAsync("staff.donghu@example.org");
        using var resident = App.Anonymous();
        var (otherCommunityNeed, _) = await Needs.NeedData.EnterAsync(staff, binjiang, "滨江社区的需求");
        var submitted = await resident.PostAsJsonAsync($"/api/v1/public/streets/{donghu}/needs", Needs.NeedData.Body(community, "尚未审核的需求"));
        var unreviewed = (await submitted.JsonAsync()).GetProperty("needId").GetGuid();
        var before = await App.QueryAsync(db => db.Projects.CountAsync());

        async Task RefusedAsync(object body, string field, HttpStatusCode status = HttpStatusCode.UnprocessableEntity)
        {
            var response = await staff.PostAsJsonAsync($"/api/v1/communities/{community}/projects", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{field}: {(int)response.StatusCode} {text}");
            var errors = JsonSerializer.Deserialize<JsonElement>(text).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages) && messages[0].GetString()!.Length > 0, $"{field}: {text}");
        }

        await RefusedAsync(new { title = "", plannedStart = today, plannedEnd = today.AddDays(1) }, "title");
        await RefusedAsync(new { title = "没有牵头单位", plannedStart = today, plannedEnd = today.AddDays(1), category = "environment" }, "leadUnitId");
        await RefusedAsync(Body(lead, start: today, end: today.AddDays(-1)), "plannedEnd");
        await RefusedAsync(Body(lead, start: today, end: today.AddDays(800)), "plannedEnd");
        await RefusedAsync(Body(lead, start: null, end: today), "plannedStart");
        await RefusedAsync(Body(lead, title: new string('长', 101), start: today, end: today), "title");
        await RefusedAsync(Body(lead, start: today, end: today, budget: -5), "budget");
        await RefusedAsync(Body(xicheng, start: today, end: today), "leadUnitId");
        await RefusedAsync(Body(lead, [xicheng], start: today, end: today), "unitIds");
        await RefusedAsync(Body(lead, needIds: [otherCommunityNeed], start: today, end: today), "needIds");
        await RefusedAsync(Body(lead, needIds: [unreviewed], start: today, end: today), "needIds");
        await RefusedAsync(Body(lead, needIds: [Guid.NewGuid()], start: today, end: today), "needIds");
        await RefusedAsync(Body(lead, start: today, end: today, category: null), "category");
        Assert.Equal(before, await App.QueryAsync(db => db.Projects.CountAsync()));
        Assert.Equal(NeedStatus.Published, await App.QueryAsync(db => db.Needs.Where(n => n.Id == otherCommunityNeed).Select(n => n.Status).SingleAsync()));

        // Who may: community staff for their own community only; leaders and the department not at all; another street never sees it.
        using var communityStaff = await App.ApiAsAsync("community.donghu@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await communityStaff.PostAsJsonAsync($"/api/v1/communities/{binjiang}/projects", Body(lead, start: today, end: today))).StatusCode);
        using var leader = await App.ApiAsAsync("leader1@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync($"/api/v1/communities/{community}/projects", Body(lead, start: today, end: today))).StatusCode);
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await orgDept.PostAsJsonAsync($"/api/v1/communities/{community}/projects", Body(lead, start: today, end: today))).StatusCode);
        var mine = await CreateAsync(communityStaff, community, Body(lead, start: today, end: today.AddDays(5), title: "社区工作人员建的项目"));
        using var otherStreet = await App.ApiAsAsync("staff.xicheng@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync($"/api/v1/projects/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.PostAsync($"/api/v1/projects/{mine}/start", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await orgDept.GetAsync($"/api/v1/projects/{mine}")).StatusCode);

        // Editing: a need taken out of the project is published again.
        var (need, _) = await Needs.NeedData.EnterAsync(staff, community, "先放进项目再拿出来");
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/projects/{mine}", Body(lead, needIds: [need], start: today, end: today.AddDays(5)))).StatusCode);
        Assert.Equal(NeedStatus.Claimed, await App.QueryAsync(db => db.Needs.Where(n => n.Id == need).Select(n => n.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/projects/{mine}", Body(lead, needIds: [], start: today, end: today.AddDays(5)))).StatusCode);
        var released = await App.QueryAsync(db => db.Needs.Where(n => n.Id == need).Select(n => new { n.Status, n.ClaimerUnitId, n.ProjectId }).SingleAsync());
        Assert.Equal((NeedStatus.Published, (Guid?)null, (Guid?)null), (released.Status, released.ClaimerUnitId, released.ProjectId));
    }

    private Task<(int Lead, int Partner, int Commitment)> CountsAsync(Guid lead, Guid partner, Guid commitment) => App.QueryAsync(async db => (
        await db.Activities.CountAsync(a => a.UnitId == lead && a.Status == ActivityStatus.Verified),
        await db.Activities.CountAsync(a => a.UnitId == partner && a.Status == ActivityStatus.Verified),
        await db.Activities.CountAsync(a => a.CommitmentId == commitment && a.Status == ActivityStatus.Verified)));
}
