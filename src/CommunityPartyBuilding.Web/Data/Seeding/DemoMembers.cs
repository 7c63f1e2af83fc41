using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Members;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.AspNetCore.Identity;

namespace CommunityPartyBuilding.Web.Data.Seeding;

/// <summary>
/// Demo in-service members of 东湖: 60 registrations across its communities, most of them employed by its member units
/// (member1@example.org by 东湖区人民检察院, whose leader is leader1), in every state: registered, waiting for the
/// community, waiting for the employer, returned, moved away. Each community has posts with a check-in poster; registered
/// members hold a post and have about a quarter of service records (confirmed, a few returned, the last week's waiting).
/// </summary>
internal static class DemoMembers
{
    public const int Count = 60;

    private static readonly string[] Surnames = ["张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴", "徐", "孙"];

    private static readonly string[] GivenNames = ["海涛", "丽娟", "建军", "晓梅", "志强", "雪芳", "国华", "静怡", "文博", "春燕", "伟", "敏"];

    private static readonly (PostKind Kind, string Title, string Duties, string Place, string Schedule, int Places)[] PostSamples =
    [
        (PostKind.PolicyOutreach, "政策宣传员", "向居民宣传医保、养老等惠民政策，解答疑问。", "社区党群服务中心", "每月第一个周六 9:00–11:00", 6),
        (PostKind.EnvironmentWatch, "环境监督员", "巡查楼道、绿地卫生和垃圾分类，发现问题及时上报。", "小区各楼栋", "每周六 8:30–10:30", 8),
        (PostKind.SafetyPatrol, "平安巡逻员", "与网格员结对夜间巡逻，关注消防通道和电动车充电。", "小区南门集合", "每周三 19:00–21:00", 10),
        (PostKind.ElderlyDisabledCare, "助老服务员", "结对探访独居老人，代办代购，陪同就医。", "结对老人家中", "每两周一次，时间自定", 6),
        (PostKind.CultureTutoring, "四点半课堂辅导员", "为双职工家庭孩子辅导作业，组织阅读。", "社区四点半课堂", "工作日 16:30–18:00", 5),
        (PostKind.CivilityGuidance, "文明劝导员", "在路口劝导不文明行为，维护交通秩序。", "东湖路与新华街交叉口", "每周一 7:30–8:30", 6),
    ];

    private static readonly Lazy<string> PasswordHash = new(() => new PasswordHasher<ApplicationUser>().HashPassword(null!, DemoSeeder.DemoPassword));

    public static void Seed(PortalDbContext db, Guid streetId, IReadOnlyDictionary<string, Guid> communities, IReadOnlyDictionary<string, MemberUnit> units,
        DateOnly today, DateTimeOffset now)
    {
        var communityIds = communities.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();
        var home = communities["东湖社区"];
        var employers = units.Values.Where(u => u.Status == UnitStatus.Active).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        var procuratorate = units["东湖区人民检察院"];

        // Posts: four per community, the kinds rotating; each with a check-in code valid for a year.
        var posts = new Dictionary<Guid, List<Post>>();
        for (var c = 0; c < communityIds.Count; c++)
        {
            var list = new List<Post>();
            for (var p = 0; p < 4; p++)
            {
                var sample = PostSamples[(c + p) % PostSamples.Length];
                var post = new Post
                {
                    StreetId = streetId,
                    CommunityId = communityIds[c],
                    Kind = sample.Kind,
                    Title = sample.Title,
                    Duties = sample.Duties,
                    Place = sample.Place,
                    Schedule = sample.Schedule,
                    Places = sample.Places,
                    CreatedAt = now.AddDays(-200),
                };
                list.Add(post);
                db.Posts.Add(post);
                db.CheckInCodes.Add(new CheckInCode
                {
                    StreetId = streetId,
                    PostId = post.Id,
                    Code = MemberRules.NewCheckInCode(),
                    ValidFrom = today.AddDays(-200),
                    ValidUntil = today.AddDays(165),
                    CreatedAt = now.AddDays(-200),
                    CreatedBy = "staff.donghu@example.org",
                });
            }

            posts[communityIds[c]] = list;
        }

        for (var i = 1; i <= Count; i++)
        {
            var status = StatusOf(i);
            var communityId = i == 1 ? home : communityIds[i % communityIds.Count];
            var outside = i % 8 == 0;
            var employer = i == 1 ? procuratorate : outside ? null : employers[(i * 5) % employers.Count];
            var name = Surnames[i % Surnames.Length] + GivenNames[(i * 7) % GivenNames.Length];
            var email = $"member{i}@example.org";
            var submitted = now.AddDays(-(i % 5 == 0 ? 3 : 120 + i));
            var user = new ApplicationUser
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = PasswordHash.Value,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                DisplayName = name,
                Role = PortalRole.PartyMember,
                StreetId = streetId,
                CommunityId = communityId,
                MustChangePassword = false,
                CreatedAt = submitted,
            };
            var registration = new MemberRegistration
            {
                StreetId = streetId,
                CommunityId = communityId,
                UserId = user.Id,
                Name = name,
                Phone = $"137{i:D4}{(i * 7919) % 10000:D4}",
                Email = email,
                EmployerUnitId = employer?.Id,
                EmployerName = employer?.Name ?? (i % 16 == 0 ? "东湖区税务局" : "浙江东湖律师事务所"),
                EmployerPartyOrganisation = employer is null ? "党支部" : employer.PartyOrganisationName,
                Building = $"{1 + i % 12}栋{1 + i % 3}单元{100 + i % 6 * 100 + i % 4}室",
                SubmittedAt = submitted,
                Source = i % 10 == 3 ? RegistrationSource.Import : RegistrationSource.Public,
                Status = status,
            };
            user.MemberRegistrationId = registration.Id;
            var confirmed = submitted.AddDays(2);
            switch (status)
            {
                case RegistrationStatus.Registered or RegistrationStatus.MovedAway:
                    registration.CommunityConfirmedAt = confirmed;
                    registration.CommunityConfirmedBy = "community.donghu@example.org";
                    if (employer is not null)
                    {
                        registration.EmploymentConfirmedAt = confirmed;
                        registration.EmploymentConfirmedBy = employer == procuratorate ? "leader1@example.org" : employer.ContactPerson;
                    }

                    registration.RegisteredOn = DateOnly.FromDateTime(confirmed.UtcDateTime);
                    if (status == RegistrationStatus.MovedAway)
                    {
                        registration.MovedAwayOn = today.AddDays(-20);
                    }

                    break;
                case RegistrationStatus.Returned:
                    registration.ReturnedAt = confirmed;
                    registration.ReturnedBy = "community.donghu@example.org";
                    registration.ReturnReason = "居住地址与社区登记不符，请核对楼栋后重新报到。";
                    break;
                default:
                    // Half of those waiting have the community's yes and wait for their unit (leader1's unit among them).
                    if (employer is not null && i % 2 == 0)
                    {
                        registration.CommunityConfirmedAt = confirmed;
                        registration.CommunityConfirmedBy = "community.donghu@example.org";
                    }

                    break;
            }

            db.Users.Add(user);
            db.MemberRegistrations.Add(registration);
            if (status is RegistrationStatus.Registered or RegistrationStatus.MovedAway)
            {
                SeedService(db, streetId, registration, posts[communityId], i, today, now);
            }
        }
    }

    /// <summary>Most are registered; every tenth-ish waits, a few were returned or moved away. member1 is registered.</summary>
    private static RegistrationStatus StatusOf(int i) => i switch
    {
        1 => RegistrationStatus.Registered,
        _ when i % 20 == 7 => RegistrationStatus.Returned,
        _ when i % 20 == 13 => RegistrationStatus.MovedAway,
        _ when i % 10 == 4 || i == 2 || i == 6 => RegistrationStatus.Pending,
        _ => RegistrationStatus.Registered,
    };

    /// <summary>A post held (while registered) and a record every week or so of the last quarter, two or three hours each.</summary>
    private static void SeedService(PortalDbContext db, Guid streetId, MemberRegistration registration, List<Post> posts, int i, DateOnly today, DateTimeOffset now)
    {
        // The last post of each community is left with free places; the others fill up in turn.
        var post = posts[i % (posts.Count - 1)];
        var holds = registration.Status == RegistrationStatus.Registered && post.Taken < post.Places;
        if (holds)
        {
            post.Taken++;
            db.PostClaims.Add(new PostClaim { StreetId = streetId, PostId = post.Id, RegistrationId = registration.Id, ClaimedAt = now.AddDays(-100) });
        }

        var last = registration.MovedAwayOn ?? today;
        for (var day = today.AddDays(-90 + i % 6); day < last; day = day.AddDays(7 + i % 4))
        {
            var start = new TimeOnly(8 + i % 10, 0);
            var end = start.AddHours(2 + i % 2);
            var age = today.DayNumber - day.DayNumber;
            var status = age <= 7 ? ServiceRecordStatus.Submitted
                : (i + age) % 17 == 0 ? ServiceRecordStatus.Returned
                : ServiceRecordStatus.Confirmed;
            var at = new DateTimeOffset(day.ToDateTime(end), TimeSpan.FromHours(8)).ToUniversalTime();
            db.ServiceRecords.Add(new ServiceRecord
            {
                StreetId = streetId,
                CommunityId = registration.CommunityId,
                RegistrationId = registration.Id,
                PostId = post.Id,
                Date = day,
                Start = start,
                End = end,
                Hours = MemberRules.Hours(start, end),
                Note = post.Title + "：" + post.Duties[..Math.Min(12, post.Duties.Length)],
                CheckIn = (i + age) % 3 == 0 ? CheckInWay.None : CheckInWay.QrCode,
                Status = status,
                SubmittedAt = at,
                SubmittedBy = registration.Email,
                ReviewedAt = status == ServiceRecordStatus.Submitted ? null : at.AddDays(2),
                ReviewedBy = status == ServiceRecordStatus.Submitted ? null : "community.donghu@example.org",
                ReturnReason = status == ServiceRecordStatus.Returned ? "当天该岗位未安排服务，请核对日期。" : null,
            });
        }
    }
}
