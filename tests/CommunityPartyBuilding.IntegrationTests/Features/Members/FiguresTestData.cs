using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.IntegrationTests.Features.Members;

/// <summary>
/// In-service members for the figures, feedback and commendation tests, written straight to the database (registration
/// and confirmation have their own tests): an account with role PartyMember, its registration, a post, confirmed records.
/// </summary>
public static class FiguresTestData
{
    /// <summary>A registration in effect from <paramref name="registeredOn"/> (moved away when <paramref name="movedAwayOn"/> is given); the account signs in with <see cref="PortalApp.Password"/>.</summary>
    public static async Task<Guid> RegisterMemberAsync(this PortalApp app, Guid streetId, Guid communityId, Guid? unitId, string name, string phone,
        DateOnly registeredOn, DateOnly? movedAwayOn = null, string? email = null, RegistrationStatus? status = null)
    {
        email ??= $"m{phone}@example.org";
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
            StreetId = streetId,
            CommunityId = communityId,
            MemberRegistrationId = registrationId,
            MustChangePassword = false,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(user, PortalApp.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));

        var registration = new MemberRegistration
        {
            Id = registrationId,
            StreetId = streetId,
            CommunityId = communityId,
            UserId = user.Id,
            Name = name,
            Phone = phone,
            Email = email,
            EmployerUnitId = unitId,
            EmployerName = unitId is null ? "区外单位" : await app.QueryAsync(db => db.MemberUnits.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync()),
            EmployerPartyOrganisation = "机关党支部",
            Building = "3栋2单元",
            Status = status ?? (movedAwayOn is null ? RegistrationStatus.Registered : RegistrationStatus.MovedAway),
            SubmittedAt = DateTimeOffset.UtcNow,
            CommunityConfirmedAt = DateTimeOffset.UtcNow,
            EmploymentConfirmedAt = unitId is null ? null : DateTimeOffset.UtcNow,
            RegisteredOn = status is RegistrationStatus.Pending or RegistrationStatus.Returned ? null : registeredOn,
            MovedAwayOn = movedAwayOn,
        };
        await app.QueryAsync(async db =>
        {
            db.MemberRegistrations.Add(registration);
            await db.SaveChangesAsync();
            return 0;
        });
        return registration.Id;
    }

    /// <summary>A post of the community (records need one subject).</summary>
    public static Task<Guid> PostAsync(this PortalApp app, Guid streetId, Guid communityId, string title = "楼道环境监督岗", PostKind kind = PostKind.EnvironmentWatch) =>
        app.QueryAsync(async db =>
        {
            var post = new Post { StreetId = streetId, CommunityId = communityId, Kind = kind, Title = title, Places = 10, CreatedAt = DateTimeOffset.UtcNow };
            db.Posts.Add(post);
            await db.SaveChangesAsync();
            return post.Id;
        });

    /// <summary>A record of <paramref name="hours"/> hours from 08:00 on <paramref name="date"/> (confirmed unless said otherwise).</summary>
    public static Task<Guid> ServiceAsync(this PortalApp app, Guid registrationId, Guid postId, DateOnly date, decimal hours,
        ServiceRecordStatus status = ServiceRecordStatus.Confirmed, int startHour = 8) =>
        app.QueryAsync(async db =>
        {
            var registration = await db.MemberRegistrations.AsNoTracking().SingleAsync(r => r.Id == registrationId);
            var start = new TimeOnly(startHour, 0);
            var record = new ServiceRecord
            {
                StreetId = registration.StreetId,
                CommunityId = registration.CommunityId,
                RegistrationId = registrationId,
                PostId = postId,
                Date = date,
                Start = start,
                End = start.Add(TimeSpan.FromHours((double)hours)),
                Hours = hours,
                Note = "楼道清理",
                CheckIn = CheckInWay.QrCode,
                Status = status,
                SubmittedAt = DateTimeOffset.UtcNow,
                SubmittedBy = registration.Email,
                ReviewedAt = status == ServiceRecordStatus.Submitted ? null : DateTimeOffset.UtcNow,
                ReviewedBy = status == ServiceRecordStatus.Submitted ? null : "community.donghu@example.org",
            };
            db.ServiceRecords.Add(record);
            await db.SaveChangesAsync();
            return record.Id;
        });
}
