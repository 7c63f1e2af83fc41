using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>Registered in-service members made directly in the database (the registration flow is tested elsewhere), and post helpers.</summary>
public static class ServiceTestMembers
{
    public sealed record TestMember(Guid RegistrationId, string Email, Guid StreetId, Guid CommunityId);

    /// <summary>A registered member (已报到) of the community, with an account that signs in with the demo password.</summary>
    public static async Task<TestMember> CreateAsync(PortalApp app, string email, string community = "东湖社区", string name = "测试党员")
    {
        var donghu = await app.StreetIdAsync(DemoSeeder.DonghuStreet);
        var communityId = await app.CommunityIdAsync(donghu, community);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var registrationId = Guid.CreateVersion7();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            Role = PortalRole.PartyMember,
            StreetId = donghu,
            CommunityId = communityId,
            MemberRegistrationId = registrationId,
            MustChangePassword = false,
            CreatedAt = app.Clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, PortalApp.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        db.MemberRegistrations.Add(new MemberRegistration
        {
            Id = registrationId,
            StreetId = donghu,
            CommunityId = communityId,
            UserId = user.Id,
            Name = name,
            Phone = phone,
            Email = email,
            EmployerName = "测试单位",
            EmployerPartyOrganisation = "测试单位党支部",
            Building = "1栋1单元",
            Status = RegistrationStatus.Registered,
            SubmittedAt = app.Clock.GetUtcNow(),
            CommunityConfirmedAt = app.Clock.GetUtcNow(),
            CommunityConfirmedBy = "community.donghu@example.org",
            RegisteredOn = UnitData.Today(app),
        });
        await db.SaveChangesAsync();
        return new TestMember(registrationId, email, donghu, communityId);
    }

    public static object Post(string title = "周末楼道环境监督", int places = 3, string kind = "environmentWatch") => new
    {
        kind,
        title,
        duties = "巡查楼道堆物，劝导文明养犬。",
        place = "东湖社区3号楼",
        schedule = "每周六上午 9:00–11:00",
        places,
    };

    public static async Task<Guid> CreatePostAsync(HttpClient staff, Guid communityId, object body)
    {
        var response = await staff.PostAsJsonAsync($"/api/v1/communities/{communityId}/posts", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> ClaimAsync(HttpClient member, Guid postId) => member.PostAsync($"/api/v1/posts/{postId}/claim", null);

    public static Task<(int Places, int Taken)> PlacesAsync(PortalApp app, Guid postId) =>
        app.QueryAsync(db => db.Posts.Where(p => p.Id == postId).Select(p => new ValueTuple<int, int>(p.Places, p.Taken)).SingleAsync());

    public static object Record(DateOnly date, string start, string end, Guid? postId = null, Guid? projectId = null, Guid? needId = null, string? code = null) => new
    {
        postId,
        projectId,
        needId,
        date = UnitData.Iso(date),
        start,
        end,
        note = "巡查楼道，清理堆物。",
        checkInCode = code,
    };
}
