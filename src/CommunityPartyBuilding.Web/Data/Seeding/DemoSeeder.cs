using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Committees;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Data.Seeding;

/// <summary>
/// Demo data for the README's run command only (never in production): one organisation department, two streets
/// with their committees and communities, and one account per role. Idempotent: it seeds only an empty database.
/// </summary>
public sealed class DemoSeeder(
    IDbContextFactory<PortalDbContext> dbFactory,
    IServiceScopeFactory scopeFactory,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public const string DemoPassword = "Demo#2026pass";
    public const string OrganisationDepartmentName = "示范市委组织部";
    public const string DonghuStreet = "东湖街道";
    public const string XichengStreet = "西城街道";

    private const string DonghuRules = """
        一、议事范围：辖区共驻共建重大事项、区域化党建年度计划、成员单位资源共享和服务项目、群众反映强烈的热点难点问题。
        二、议事程序：会前征集议题，书记确定会议议程；会上充分讨论，实行少数服从多数；会后形成决议，明确牵头单位、配合单位和完成时限。
        三、议事纪律：成员单位党组织负责人应按时参会，因故不能参加须请假或委托他人；决议事项由街道党工委督促检查、定期通报。
        """;

    public async Task SeedAsync(CancellationToken ct)
    {
        AuditActor.Current = new AuditActor.Actor(null, "demo-seed");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.OrganisationDepartments.AnyAsync(ct))
        {
            logger.LogInformation("Demo data already present; nothing seeded.");
            return;
        }

        var department = new OrganisationDepartment { Name = OrganisationDepartmentName, Region = "示范市" };
        var donghu = new Street { Name = DonghuStreet, OrganisationDepartmentId = department.Id };
        var xicheng = new Street { Name = XichengStreet, OrganisationDepartmentId = department.Id };
        db.OrganisationDepartments.Add(department);
        db.Streets.AddRange(donghu, xicheng);
        db.StreetCommittees.Add(new StreetCommittee
        {
            StreetId = donghu.Id,
            Name = "东湖街道大党工委",
            Secretary = "王建华",
            EstablishedOn = new DateOnly(2019, 6, 28),
            DeliberationRules = DonghuRules.Trim(),
            QuorumFraction = 0.5m,
            MinimumJointMeetingsPerQuarter = 1,
            AnnualActivityTarget = 4,
        });
        db.StreetCommittees.Add(new StreetCommittee
        {
            StreetId = xicheng.Id,
            Name = "西城街道大党工委",
            Secretary = "李秀梅",
            EstablishedOn = new DateOnly(2020, 3, 16),
            DeliberationRules = "实行成员单位轮值制度，每季度召开一次联席会议，重大事项集体研究决定。",
            QuorumFraction = 0.5m,
            MinimumJointMeetingsPerQuarter = 1,
            AnnualActivityTarget = 6,
        });
        foreach (var name in new[] { "东湖社区", "桃源社区", "滨江社区", "新华社区", "四营社区" })
        {
            db.Communities.Add(new Community { StreetId = donghu.Id, Name = name });
        }

        foreach (var name in new[] { "西城社区", "长青社区", "和平社区" })
        {
            db.Communities.Add(new Community { StreetId = xicheng.Id, Name = name });
        }

        await db.SaveChangesAsync(ct);

        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await CreateAsync(userManager, "admin@example.org", "平台管理员", PortalRole.SystemAdministrator, null, null);
        await CreateAsync(userManager, "orgdept@example.org", "示范市委组织部 张敏", PortalRole.OrganisationDepartment, department.Id, null);
        await CreateAsync(userManager, "staff.donghu@example.org", "东湖街道 刘洋", PortalRole.StreetStaff, null, donghu.Id);
        await CreateAsync(userManager, "staff.xicheng@example.org", "西城街道 陈静", PortalRole.StreetStaff, null, xicheng.Id);
        logger.LogInformation("Demo data seeded.");
    }

    private async Task CreateAsync(UserManager<ApplicationUser> userManager, string email, string name, PortalRole role, Guid? department, Guid? street)
    {
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            Role = role,
            OrganisationDepartmentId = department,
            StreetId = street,
            MustChangePassword = false,
            CreatedAt = clock.GetUtcNow(),
        };
        IdentityResults.ThrowIfFailed(await userManager.CreateAsync(user, DemoPassword));
    }
}
