using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyBuilding.IntegrationTests.Features.Members.ServiceTestMembers;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>设岗定责 over HTTP: staff define posts, members claim and release them, the last place races safely, the poster prints.</summary>
public class PostTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task Staff_define_a_post_members_of_the_community_claim_and_release_it_and_a_full_post_refuses_clearly()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var binjiang = await App.CommunityIdAsync(donghu, "滨江社区");
        using var staff = await App.ApiAsAsync("community.donghu@example.org");
        using var streetStaff = await App.ApiAsAsync("staff.donghu@example.org");
        var a = await CreateAsync(App, "post.a@example.org");
        var b = await CreateAsync(App, "post.b@example.org");
        var far = await CreateAsync(App, "post.far@example.org", "滨江社区");
        using var memberA = await App.ApiAsAsync(a.Email);
        using var memberB = await App.ApiAsAsync(b.Email);
        using var farMember = await App.ApiAsAsync(far.Email);

        // Bad input, and staff of another community.
        var bad = await staff.PostAsJsonAsync($"/api/v1/communities/{community}/posts", new { kind = "environmentWatch", title = "", places = 0 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/v1/communities/{binjiang}/posts", Post())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberA.PostAsJsonAsync($"/api/v1/communities/{community}/posts", Post())).StatusCode);

        var postId = await CreatePostAsync(staff, community, Post(places: 1));
        var other = await CreatePostAsync(streetStaff, community, Post("助老助残结对", 5, "elderlyDisabledCare"));

        // Members of the community see it; a member of another community does not.
        var seen = await memberA.GetFromJsonAsync<JsonElement>($"/api/v1/communities/{community}/posts");
        Assert.Contains(seen.GetProperty("posts").EnumerateArray(), p => p.GetProperty("id").GetGuid() == postId);
        Assert.True(seen.GetProperty("canClaim").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await farMember.GetAsync($"/api/v1/communities/{community}/posts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ClaimAsync(farMember, postId)).StatusCode);

        // A claims the only place; B is told it is full; A claiming again is refused.
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(memberA, postId)).StatusCode);
        var full = await ClaimAsync(memberB, postId);
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Contains("名额已满", await full.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var twice = await ClaimAsync(memberA, postId);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("已认领", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((1, 1), await PlacesAsync(App, postId));

        // A full post no longer shows to B; it still shows to A, who holds it.
        var forB = await memberB.GetFromJsonAsync<JsonElement>($"/api/v1/communities/{community}/posts");
        Assert.DoesNotContain(forB.GetProperty("posts").EnumerateArray(), p => p.GetProperty("id").GetGuid() == postId);
        var mine = await memberA.GetFromJsonAsync<JsonElement>("/api/v1/me/posts");
        Assert.Equal([postId], mine.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));

        // Places cannot drop below the places taken; a stale version is a conflict.
        var below = await staff.PutAsJsonAsync($"/api/v1/posts/{postId}", new { kind = "environmentWatch", title = "周末楼道环境监督", places = 0 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, below.StatusCode);
        var version = await App.QueryAsync(db => db.Posts.Where(p => p.Id == postId).Select(p => p.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PutAsJsonAsync($"/api/v1/posts/{postId}", new { kind = "environmentWatch", title = "周末楼道环境监督", places = 2, version })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutAsJsonAsync($"/api/v1/posts/{postId}", new { kind = "environmentWatch", title = "改名", places = 2, version })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(memberB, postId)).StatusCode);
        Assert.Equal((2, 2), await PlacesAsync(App, postId));

        // Release frees the place; releasing again is refused.
        Assert.Equal(HttpStatusCode.OK, (await memberB.PostAsync($"/api/v1/posts/{postId}/release", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await memberB.PostAsync($"/api/v1/posts/{postId}/release", null)).StatusCode);
        Assert.Equal((2, 1), await PlacesAsync(App, postId));

        // Withdrawn: the holders are released, no new claims.
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/api/v1/posts/{postId}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ClaimAsync(memberB, postId)).StatusCode);
        Assert.Equal((2, 0), await PlacesAsync(App, postId));
        Assert.Empty((await memberA.GetFromJsonAsync<JsonElement>("/api/v1/me/posts")).EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(memberB, other)).StatusCode);
    }

    [Fact]
    public async Task Two_members_claiming_the_last_place_at_once_get_exactly_one_place()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        using var staff = await App.ApiAsAsync("community.donghu@example.org");
        for (var round = 0; round < 5; round++)
        {
            var postId = await CreatePostAsync(staff, community, Post($"治安巡逻第{round}组", 2, "safetyPatrol"));
            var first = await CreateAsync(App, $"race.first{round}@example.org");
            using var firstClient = await App.ApiAsAsync(first.Email);
            Assert.Equal(HttpStatusCode.OK, (await ClaimAsync(firstClient, postId)).StatusCode);
            var a = await CreateAsync(App, $"race.a{round}@example.org");
            var b = await CreateAsync(App, $"race.b{round}@example.org");
            using var clientA = await App.ApiAsAsync(a.Email);
            using var clientB = await App.ApiAsAsync(b.Email);

            var answers = await Task.WhenAll(ClaimAsync(clientA, postId), ClaimAsync(clientB, postId));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(r => r.StatusCode).Order());
            Assert.Equal((2, 2), await PlacesAsync(App, postId));
            Assert.Equal(2, await App.QueryAsync(db => db.PostClaims.CountAsync(c => c.PostId == postId && c.ReleasedAt == null)));

            // The same member twice at once: one claim, one place.
            var other = await CreatePostAsync(staff, community, Post($"文明劝导第{round}组", 5, "civilityGuidance"));
            var twice = await Task.WhenAll(ClaimAsync(clientA, other), ClaimAsync(clientA, other));
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], twice.Select(r => r.StatusCode).Order());
            Assert.Equal((5, 1), await PlacesAsync(App, other));
        }
    }

    [Fact]
    public async Task A_posts_poster_is_an_a4_pdf_and_a_new_poster_replaces_the_old_code()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        using var staff = await App.ApiAsAsync("community.donghu@example.org");
        var postId = await CreatePostAsync(staff, community, Post());

        var pdf = await staff.GetAsync($"/api/v1/posts/{postId}/poster.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        if (Environment.GetEnvironmentVariable("PORTAL_POSTER_OUT") is { Length: > 0 } path)
        {
            await File.WriteAllBytesAsync(path, bytes);
        }

        var code = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/posts/{postId}/check-in-code");
        Assert.EndsWith("/m/check-in/" + code.GetProperty("code").GetString(), code.GetProperty("url").GetString(), StringComparison.Ordinal);
        var again = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/posts/{postId}/check-in-code");
        Assert.Equal(code.GetProperty("code").GetString(), again.GetProperty("code").GetString());

        var renewed = await (await staff.PostAsync($"/api/v1/posts/{postId}/check-in-code", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(code.GetProperty("code").GetString(), renewed.GetProperty("code").GetString());
        var old = code.GetProperty("code").GetString();
        Assert.NotNull(await App.QueryAsync(db => db.CheckInCodes.Where(c => c.Code == old).Select(c => c.ReplacedAt).SingleAsync()));

        // Other people: a unit leader does not find it, staff of another street neither, the department may not print it.
        using var leader = await App.ApiAsAsync("leader1@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/v1/posts/{postId}/poster.pdf")).StatusCode);
        using var otherStreet = await App.ApiAsAsync("staff.xicheng@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync($"/api/v1/posts/{postId}/poster.pdf")).StatusCode);
    }
}
