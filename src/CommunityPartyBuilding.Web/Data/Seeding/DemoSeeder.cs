using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Committees;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Units;
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
            // A demo database from before the evaluations existed gets them now, once.
            var existing = await db.Streets.Where(s => s.Name == DonghuStreet).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
            if (existing is { } street && !await db.EvaluationCampaigns.AnyAsync(c => c.StreetId == street, ct))
            {
                await using var evaluationScope = scopeFactory.CreateAsyncScope();
                await DemoEvaluations.SeedAsync(db, evaluationScope.ServiceProvider.GetRequiredService<AssessmentCalculator>(), street, clock.GetUtcNow(),
                    TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), ct);
                logger.DemoEvaluationsAdded();
                return;
            }

            logger.DemoDataAlreadyPresent();
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

        DemoUnits.Reset();
        var donghuUnits = await SeedUnitsAsync(db, donghu.Id, DemoUnits.Donghu, ct);
        var xichengUnits = await SeedUnitsAsync(db, xicheng.Id, DemoUnits.Xicheng, ct);

        // One unit left the committee last year: its record and history stay, marked withdrawn.
        var withdrawn = donghuUnits["东湖区公共资源交易中心"];
        withdrawn.Status = UnitStatus.Withdrawn;
        withdrawn.WithdrawnOn = new DateOnly(2025, 12, 31);
        withdrawn.WithdrawalReason = "机构改革，职能并入区政务服务中心";

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var termStart = new DateOnly(2024, 1, 1);
        var termEnd = new DateOnly(2028, 12, 31);
        db.CommitteeMembers.AddRange(
            new CommitteeMember { StreetId = donghu.Id, PersonName = "王建华", Position = CommitteePosition.Secretary, TermStart = termStart, TermEnd = termEnd },
            new CommitteeMember { StreetId = donghu.Id, PersonName = "刘洋", Position = CommitteePosition.DeputySecretary, TermStart = termStart, TermEnd = termEnd },
            new CommitteeMember { StreetId = donghu.Id, PersonName = "周志刚", UnitId = donghuUnits["东湖区人民检察院"].Id, Position = CommitteePosition.PartTimeMember, TermStart = termStart, TermEnd = termEnd },
            new CommitteeMember { StreetId = donghu.Id, PersonName = "宋建国", UnitId = donghuUnits["国网东湖供电公司"].Id, Position = CommitteePosition.PartTimeMember, TermStart = termStart, TermEnd = termEnd },
            new CommitteeMember { StreetId = donghu.Id, PersonName = "孙院长", UnitId = donghuUnits["东湖区人民医院"].Id, Position = CommitteePosition.PartTimeMember, TermStart = termStart, TermEnd = termEnd },
            new CommitteeMember { StreetId = donghu.Id, PersonName = "丁校长", UnitId = donghuUnits["东湖中学"].Id, Position = CommitteePosition.PartTimeMember, TermStart = new DateOnly(2022, 1, 1), TermEnd = today.AddDays(40) },
            new CommitteeMember { StreetId = donghu.Id, PersonName = "邓磊", UnitId = donghuUnits["杭城智联科技有限公司"].Id, Position = CommitteePosition.PartTimeMember, TermStart = termStart, TermEnd = termEnd },
            new CommitteeMember { StreetId = donghu.Id, PersonName = "袁芳", UnitId = donghuUnits["东湖区志愿者协会"].Id, Position = CommitteePosition.Member, TermStart = termStart, TermEnd = termEnd },
            new CommitteeMember { StreetId = xicheng.Id, PersonName = "李秀梅", Position = CommitteePosition.Secretary, TermStart = termStart, TermEnd = termEnd },
            new CommitteeMember { StreetId = xicheng.Id, PersonName = "方强", UnitId = xichengUnits["西城燃气有限公司"].Id, Position = CommitteePosition.PartTimeMember, TermStart = termStart, TermEnd = termEnd });
        await db.SaveChangesAsync(ct);

        DemoHistory.Seed(db, donghu.Id, donghuUnits, today, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await DemoMeetings.SeedAsync(db, donghu.Id, DonghuStreet, donghuUnits, clock.GetUtcNow(), ct);
        var donghuCommunities = await db.Communities.Where(c => c.StreetId == donghu.Id).ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        DemoNeeds.Seed(db, donghu.Id, donghuCommunities, donghuUnits.Values.ToList(), today, clock.GetUtcNow());
        await DemoProjects.SeedAsync(db, donghu.Id, donghuCommunities, donghuUnits.Values.ToList(), today, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        DemoMembers.Seed(db, donghu.Id, donghuCommunities, donghuUnits, today, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);

        await using var scope = scopeFactory.CreateAsyncScope();
        await DemoEvaluations.SeedAsync(db, scope.ServiceProvider.GetRequiredService<AssessmentCalculator>(), donghu.Id, clock.GetUtcNow(),
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), ct);
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await CreateAsync(userManager, "admin@example.org", "平台管理员", PortalRole.SystemAdministrator, null, null);
        await CreateAsync(userManager, "orgdept@example.org", "示范市委组织部 张敏", PortalRole.OrganisationDepartment, department.Id, null);
        await CreateAsync(userManager, "staff.donghu@example.org", "东湖街道 刘洋", PortalRole.StreetStaff, null, donghu.Id);
        await CreateAsync(userManager, "staff.xicheng@example.org", "西城街道 陈静", PortalRole.StreetStaff, null, xicheng.Id);
        await CreateAsync(userManager, "leader1@example.org", "周志刚", PortalRole.UnitLeader, null, donghu.Id, donghuUnits["东湖区人民检察院"].Id, "机关党委书记");
        await CreateAsync(userManager, "leader2@example.org", "宋建国", PortalRole.UnitLeader, null, donghu.Id, donghuUnits["国网东湖供电公司"].Id, "党委联络员");
        await CreateAsync(userManager, "leader3@example.org", "方强", PortalRole.UnitLeader, null, xicheng.Id, xichengUnits["西城燃气有限公司"].Id, "党委书记");
        var donghuCommunity = await db.Communities.Where(c => c.StreetId == donghu.Id && c.Name == "东湖社区").Select(c => c.Id).SingleAsync(ct);
        await CreateAsync(userManager, "community.donghu@example.org", "东湖社区 王芳", PortalRole.CommunityStaff, null, donghu.Id, community: donghuCommunity);
        logger.DemoDataSeeded();
    }

    /// <summary>Writes this year's unused demo ballot codes to the console, so that a person can try the ballot page.</summary>
    public async Task PrintDemoCodesAsync(string baseUrl, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var year = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Year;
        var codes = await DemoEvaluations.UnusedDemoCodesAsync(db, year, ct);
        if (codes.Count == 0)
        {
            logger.NoDemoBallotCodesLeft(year);
            return;
        }

        if (logger.IsEnabled(LogLevel.Warning))
        {
            var lines = string.Join(Environment.NewLine, codes.Select(c => $"  {c}   {baseUrl.TrimEnd('/')}/ballot?code={c}"));
            logger.DemoBallotCodes(DonghuStreet, year, Environment.NewLine, lines);
        }
    }

    private static async Task<Dictionary<string, MemberUnit>> SeedUnitsAsync(PortalDbContext db, Guid streetId, IEnumerable<DemoUnits.Unit> units, CancellationToken ct)
    {
        var communities = await db.Communities.Where(c => c.StreetId == streetId).ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        var created = new Dictionary<string, MemberUnit>();
        foreach (var u in units)
        {
            var unit = new MemberUnit
            {
                StreetId = streetId,
                Name = u.Name,
                CreditCode = DemoUnits.Code(u.CodePrefix),
                Category = u.Category,
                PartyOrganisationName = u.PartyName,
                PartyOrganisationType = u.PartyType,
                PartyMemberCount = u.Members,
                Address = u.Address,
                CommunityId = communities.TryGetValue(u.Community, out var c) ? c : null,
                ContactPerson = u.Contact,
                ContactPhone = u.Phone,
                JoinedOn = u.Joined,
            };
            db.MemberUnits.Add(unit);
            created[u.Name] = unit;
            db.UnitResources.AddRange(DemoUnits.ResourcesOf(u, unit));
        }

        await db.SaveChangesAsync(ct);
        return created;
    }

    private async Task CreateAsync(UserManager<ApplicationUser> userManager, string email, string name, PortalRole role, Guid? department, Guid? street, Guid? unit = null, string? jobTitle = null, Guid? community = null)
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
            UnitId = unit,
            CommunityId = community,
            JobTitle = jobTitle,
            MustChangePassword = false,
            CreatedAt = clock.GetUtcNow(),
        };
        IdentityResults.ThrowIfFailed(await userManager.CreateAsync(user, DemoPassword));
    }
}
