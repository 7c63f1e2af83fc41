using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Data.Seeding;

/// <summary>
/// Demo needs and small wishes of 东湖: every community has one in each state (awaiting review, published, claimed,
/// done, rated, rejected, withdrawn). Done and rated ones were claimed by a unit and carry a photo and the unit's
/// verified activity (rule 7), as the portal itself would have made them. Relative to today; the tracking codes are
/// random and not kept (the demo has no resident to give them to). So that the reminders, the dashboard's to-do list and
/// the dispatch pages have something to show, the first community's published need waits for 东湖区人民检察院's answer to
/// a dispatch, the second's was declined yesterday by 国网东湖供电公司, the first's claimed need (claimed by 东湖区人民检察院)
/// lapses in two days, and its done need had a return visit.
/// </summary>
internal static class DemoNeeds
{
    private static readonly (NeedKind Kind, ServiceCategory Category, string Title, string Description)[] Samples =
    [
        (NeedKind.Wish, ServiceCategory.ConvenienceService, "希望有人帮忙修理家里漏水的水龙头", "独居老人，腿脚不便，水龙头漏水一周了。"),
        (NeedKind.Wish, ServiceCategory.SkillTraining, "想学用智能手机挂号和视频通话", "子女在外地，想学会视频通话和网上挂号。"),
        (NeedKind.CommunityNeed, ServiceCategory.Environment, "小区楼道堆积杂物需要清理", "3号楼楼道长期堆放杂物，存在消防隐患。"),
        (NeedKind.Wish, ServiceCategory.PovertyRelief, "孩子需要一台旧电脑上网课", "家庭困难，孩子读初二，需要一台能上网课的电脑。"),
        (NeedKind.CommunityNeed, ServiceCategory.PublicSafety, "小区南门夜间照明不足", "南门路灯坏了两盏，晚上出行不安全。"),
        (NeedKind.CommunityNeed, ServiceCategory.CultureSports, "社区合唱队需要排练场地", "每周三下午排练，需要能容纳30人的场地。"),
        (NeedKind.Wish, ServiceCategory.Employment, "希望得到就业指导和招聘信息", "刚失业，想找附近的工作。"),
    ];

    /// <summary>The units of the demo's leader accounts (leader1, leader2), so that their reminders show the extras.</summary>
    private const string Leader1Unit = "东湖区人民检察院";

    private const string Leader2Unit = "国网东湖供电公司";

    private static readonly string[] Surnames = ["张", "王", "李", "赵", "陈", "刘", "杨"];

    public static void Seed(PortalDbContext db, Guid streetId, IReadOnlyDictionary<string, Guid> communities, IReadOnlyList<MemberUnit> units,
        DateOnly today, DateTimeOffset now)
    {
        var active = units.Where(u => u.Status == UnitStatus.Active).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        var c = 0;
        foreach (var (name, communityId) in communities.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var statuses = Enum.GetValues<NeedStatus>();
            for (var s = 0; s < statuses.Length; s++)
            {
                var sample = Samples[(c + s) % Samples.Length];
                var status = statuses[s];
                var daysAgo = 3 + ((c * 7 + s * 5) % 25);
                var submitted = now.AddDays(-daysAgo - 10);
                var unit = active[(c * 3 + s) % active.Count];
                var leader1 = active.FirstOrDefault(u => u.Name == Leader1Unit) ?? active[0];
                var leader2 = active.FirstOrDefault(u => u.Name == Leader2Unit) ?? active[^1];
                if (c == 0 && status == NeedStatus.Claimed)
                {
                    unit = leader1;
                }
                var need = new Need
                {
                    StreetId = streetId,
                    CommunityId = communityId,
                    Kind = sample.Kind,
                    Category = sample.Category,
                    Title = sample.Title,
                    Description = sample.Description,
                    Source = s % 2 == 0 ? NeedSource.Resident : NeedSource.Staff,
                    ContactName = Surnames[(c + s) % Surnames.Length] + (s % 2 == 0 ? "秀英" : "建国"),
                    ContactPhone = $"139{c:D2}{s:D2}{(c * 1000 + s * 37) % 10000:D4}",
                    WantedBy = status is NeedStatus.Submitted or NeedStatus.Published ? today.AddDays(10 + s) : null,
                    Status = status,
                    TrackingCodeHash = NeedRules.HashTrackingCode(NeedRules.NewTrackingCode()),
                    SubmittedAt = submitted,
                    SubmittedBy = s % 2 == 0 ? null : "community.donghu@example.org",
                };
                if (status != NeedStatus.Submitted)
                {
                    need.PublishedAt = status == NeedStatus.Rejected ? null : submitted.AddDays(1);
                    need.ReviewedBy = "staff.donghu@example.org";
                }

                if (status == NeedStatus.Rejected)
                {
                    need.RejectReason = "属于物业维修责任范围，已转交物业公司处理。";
                }

                if (status == NeedStatus.Withdrawn)
                {
                    need.RejectReason = "居民家属已自行解决。";
                }

                if (status is NeedStatus.Claimed or NeedStatus.Done or NeedStatus.Rated)
                {
                    var claimedOn = today.AddDays(-daysAgo - 8);
                    need.ClaimerUnitId = unit.Id;
                    need.ClaimedAt = submitted.AddDays(2);
                    need.ClaimedBy = "demo";
                    need.ClaimBy = status == NeedStatus.Claimed ? today.AddDays(c == 0 ? 2 : 4 + c) : NeedRules.ClaimDue(claimedOn, null);
                }

                if (status is NeedStatus.Done or NeedStatus.Rated)
                {
                    var doneAt = now.AddDays(-daysAgo);
                    need.CompletedAt = doneAt;
                    need.CompletionNote = "已上门办理，居民表示满意。";
                    var activity = new CoBuildingActivity
                    {
                        StreetId = streetId,
                        UnitId = unit.Id,
                        NeedId = need.Id,
                        Title = NeedCredit.ActivityTitle(need),
                        Category = need.Category,
                        HeldOn = today.AddDays(-daysAgo),
                        Place = name,
                        Participants = 2,
                        PartyMemberParticipants = 2,
                        VolunteerHours = 3,
                        Beneficiaries = 1,
                        Description = need.CompletionNote,
                        Status = ActivityStatus.Verified,
                        SubmittedAt = doneAt,
                        SubmittedBy = "demo",
                        ReviewedAt = doneAt,
                        ReviewedBy = NeedCredit.Reviewer,
                    };
                    db.Activities.Add(activity);
                    need.ActivityId = activity.Id;
                    var png = DemoHistory.DrawPhoto(need.Title, c + s);
                    var image = Images.CheckAndThumbnail(png)!;
                    db.NeedPhotos.Add(new NeedPhoto
                    {
                        NeedId = need.Id,
                        StreetId = streetId,
                        FileName = "办理照片.png",
                        ContentType = "image/png",
                        Width = image.Width,
                        Height = image.Height,
                        Content = png,
                        Thumbnail = image.Thumbnail,
                        UploadedAt = doneAt,
                    });
                }

                if (c == 0 && status == NeedStatus.Done)
                {
                    need.ReturnVisitOn = today.AddDays(-daysAgo + 1);
                    need.ReturnVisitWay = ReturnVisitWay.Phone;
                    need.ReturnVisitNote = "电话回访，居民对办理结果表示满意。";
                    need.ReturnVisitSatisfied = true;
                    need.ReturnVisitBy = "community.donghu@example.org";
                }

                if (c == 0 && status == NeedStatus.Published)
                {
                    var dispatch = new NeedDispatch
                    {
                        StreetId = streetId,
                        NeedId = need.Id,
                        UnitId = leader1.Id,
                        DispatchedAt = now.AddDays(-1),
                        DispatchedBy = "staff.donghu@example.org",
                        Deadline = today.AddDays(2),
                    };
                    db.NeedDispatches.Add(dispatch);
                    need.DispatchedUnitId = dispatch.UnitId;
                }

                if (c == 1 && status == NeedStatus.Published)
                {
                    db.NeedDispatches.Add(new NeedDispatch
                    {
                        StreetId = streetId,
                        NeedId = need.Id,
                        UnitId = leader2.Id,
                        DispatchedAt = now.AddDays(-3),
                        DispatchedBy = "staff.donghu@example.org",
                        Deadline = today.AddDays(1),
                        Status = NeedDispatchStatus.Declined,
                        DeclineReason = "本周单位集中开展电网检修，人手不足，建议派给志愿者协会。",
                        AnsweredAt = now.AddDays(-1),
                        AnsweredBy = "leader2@example.org",
                    });
                }

                if (status == NeedStatus.Rated)
                {
                    need.Rating = c % 3 == 2 ? Rating.BasicallySatisfied : Rating.Satisfied;
                    need.RatingComment = "感谢共建单位的帮助！";
                    need.RatedAt = need.CompletedAt!.Value.AddDays(1);
                }

                db.Needs.Add(need);
            }

            c++;
        }
    }
}
