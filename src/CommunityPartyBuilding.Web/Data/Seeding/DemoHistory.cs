using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using SkiaSharp;

namespace CommunityPartyBuilding.Web.Data.Seeding;

/// <summary>
/// Demo agreements and a ledger of about 150 activities for 东湖 across this year and last, in every status.
/// Deterministic (fixed random seed) and relative to today, so the demo looks current whenever it runs.
/// </summary>
internal static class DemoHistory
{
    private static readonly (ServiceCategory Category, ContributionType Contribution, CommitmentMeasure Measure, decimal Target, string Description)[] CommitmentKinds =
    [
        (ServiceCategory.ConvenienceService, ContributionType.Personnel, CommitmentMeasure.Activities, 6, "每季度至少开展一次进社区便民服务"),
        (ServiceCategory.PovertyRelief, ContributionType.Funds, CommitmentMeasure.Funds, 20000, "资助辖区困难家庭和困难学生"),
        (ServiceCategory.Environment, ContributionType.Personnel, CommitmentMeasure.VolunteerHours, 200, "组织党员志愿者参与环境整治"),
        (ServiceCategory.SkillTraining, ContributionType.Personnel, CommitmentMeasure.Beneficiaries, 120, "为失业人员和老年人开展技能培训"),
        (ServiceCategory.VenueSharing, ContributionType.Venue, CommitmentMeasure.Activities, 8, "向居民开放会议室和活动场地"),
        (ServiceCategory.PublicSafety, ContributionType.Personnel, CommitmentMeasure.VolunteerHours, 150, "参与平安巡逻和应急演练"),
        (ServiceCategory.CultureSports, ContributionType.Materials, CommitmentMeasure.Beneficiaries, 300, "捐赠文体器材，联办文体活动"),
        (ServiceCategory.Employment, ContributionType.Venue, CommitmentMeasure.Beneficiaries, 80, "举办就业援助专场招聘会"),
    ];

    private static readonly (string Title, ServiceCategory Category, string Place)[] ActivityKinds =
    [
        ("党员志愿者清理楼道堆积物", ServiceCategory.Environment, "四营新村"),
        ("“红色物业”垃圾分类宣传", ServiceCategory.Environment, "东湖社区广场"),
        ("便民理发和家电维修进社区", ServiceCategory.ConvenienceService, "东湖社区服务中心"),
        ("义诊和健康知识讲座", ServiceCategory.ConvenienceService, "桃源社区活动室"),
        ("慰问困难党员和低保家庭", ServiceCategory.PovertyRelief, "滨江社区"),
        ("困难学生助学金发放", ServiceCategory.PovertyRelief, "东湖中学"),
        ("老年人智能手机使用培训", ServiceCategory.SkillTraining, "新华社区党群服务站"),
        ("家政服务技能培训班", ServiceCategory.SkillTraining, "东湖区图书馆"),
        ("夜间平安巡逻", ServiceCategory.PublicSafety, "东湖街道各小区"),
        ("消防应急演练", ServiceCategory.PublicSafety, "四营社区"),
        ("社区邻里节文艺汇演", ServiceCategory.CultureSports, "东湖社区广场"),
        ("全民健身日趣味运动会", ServiceCategory.CultureSports, "东湖中学操场"),
        ("就业援助专场招聘会", ServiceCategory.Employment, "东湖商贸城"),
        ("周末开放会议室供居民议事", ServiceCategory.VenueSharing, "东湖区人民检察院"),
        ("防范电信诈骗宣传", ServiceCategory.PublicSafety, "中国工商银行东湖支行"),
    ];

    private static readonly string[] ReturnReasons =
    [
        "请补充活动照片和参与人员名单。",
        "志愿服务时长与参与人数不符，请核对后重新提交。",
        "活动日期与签到表不一致，请更正。",
    ];

    public static void Seed(PortalDbContext db, Guid streetId, IReadOnlyDictionary<string, MemberUnit> units, DateOnly today, DateTimeOffset now)
    {
        var random = new Random(2026);
        var year = today.Year;
        var agreements = new List<CoBuildingAgreement>();
        var kindIndex = 0;
        var active = units.Values.Where(u => u.Status == UnitStatus.Active).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        for (var i = 0; i < active.Count; i++)
        {
            var unit = active[i];
            if (unit.Name is "东湖安居物业管理有限公司" or "东湖区律师协会" or "湖畔餐饮管理有限公司")
            {
                continue; // some units have no agreement yet
            }

            var agreement = new CoBuildingAgreement
            {
                StreetId = streetId,
                UnitId = unit.Id,
                Title = $"东湖街道与{unit.Name}共驻共建协议",
                SignedOn = new DateOnly(year - 1, 1, 8),
                ValidFrom = new DateOnly(year - 1, 1, 1),
                ValidTo = new DateOnly(year + 1, 12, 31),
                Status = AgreementStatus.Active,
            };
            switch (unit.Name)
            {
                case "东湖区人民医院": // ends within 30 days
                    agreement.ValidTo = today.AddDays(20);
                    break;
                case "东湖邮政分公司": // terminated
                    agreement.Status = AgreementStatus.Terminated;
                    agreement.TerminatedOn = new DateOnly(year - 1, 9, 30);
                    agreement.TerminationReason = "单位办公地点迁出本街道，经双方协商终止";
                    break;
                case "东湖区图书馆" or "东湖区市场监督管理局": // drafts awaiting signature
                    agreement.Status = AgreementStatus.Draft;
                    agreement.SignedOn = null;
                    agreement.ValidFrom = new DateOnly(year, 1, 1);
                    agreement.Title += "（草案）";
                    break;
            }

            for (var c = 0; c < 2 + (i % 2); c++)
            {
                var kind = CommitmentKinds[kindIndex++ % CommitmentKinds.Length];
                agreement.Commitments.Add(new Commitment
                {
                    AgreementId = agreement.Id,
                    StreetId = streetId,
                    Category = kind.Category,
                    ContributionType = kind.Contribution,
                    Measure = kind.Measure,
                    Target = kind.Target,
                    Description = kind.Description,
                    SortOrder = c,
                });
            }

            agreements.Add(agreement);
        }

        db.Agreements.AddRange(agreements);

        // One agreement that ran its course (到期), so the demo shows every state; it links no activities.
        if (units.TryGetValue("东湖区律师协会", out var lawyers))
        {
            var expired = new CoBuildingAgreement
            {
                StreetId = streetId,
                UnitId = lawyers.Id,
                Title = $"东湖街道与{lawyers.Name}共驻共建协议（{year - 2}—{year - 1}年）",
                SignedOn = new DateOnly(year - 2, 1, 6),
                ValidFrom = new DateOnly(year - 2, 1, 1),
                ValidTo = new DateOnly(year - 1, 12, 31),
                Status = AgreementStatus.Expired,
            };
            expired.Commitments.Add(new Commitment
            {
                AgreementId = expired.Id,
                StreetId = streetId,
                Category = ServiceCategory.ConvenienceService,
                ContributionType = ContributionType.Personnel,
                Measure = CommitmentMeasure.Activities,
                Target = 6,
                Description = "每两个月开展一次社区法律咨询",
                SortOrder = 0,
            });
            db.Agreements.Add(expired);
        }

        var linkable = agreements.Where(a => a.Status == AgreementStatus.Active).ToList();
        var activities = new List<CoBuildingActivity>();
        var start = new DateOnly(year - 1, 1, 1);
        var days = today.DayNumber - start.DayNumber;
        for (var n = 0; n < 150; n++)
        {
            var agreement = linkable[random.Next(linkable.Count)];
            var kind = ActivityKinds[random.Next(ActivityKinds.Length)];
            var commitment = random.NextDouble() < 0.65 ? agreement.Commitments[random.Next(agreement.Commitments.Count)] : null;
            var participants = random.Next(5, 60);
            var heldOn = DateOnly.FromDayNumber(start.DayNumber + random.Next(days));
            var recent = today.DayNumber - heldOn.DayNumber < 30;
            var roll = random.NextDouble();
            var status = recent && roll < 0.6 ? ActivityStatus.Submitted : roll < 0.9 ? ActivityStatus.Verified : ActivityStatus.Returned;
            var submittedAt = new DateTimeOffset(heldOn.ToDateTime(new TimeOnly(18, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
            activities.Add(new CoBuildingActivity
            {
                StreetId = streetId,
                UnitId = agreement.UnitId,
                CommitmentId = commitment?.Id,
                Title = kind.Title,
                Category = commitment?.Category ?? kind.Category,
                HeldOn = heldOn,
                Place = kind.Place,
                Participants = participants,
                PartyMemberParticipants = random.Next(1, participants + 1),
                VolunteerHours = Math.Round((decimal)(participants * (1 + random.NextDouble() * 3)), 1),
                Funds = random.NextDouble() < 0.3 ? random.Next(5, 60) * 100 : 0,
                Beneficiaries = random.Next(10, 200),
                Description = $"{units.Values.First(u => u.Id == agreement.UnitId).Name}组织党员和职工参加“{kind.Title}”活动。",
                Status = status,
                ReturnReason = status == ActivityStatus.Returned ? ReturnReasons[random.Next(ReturnReasons.Length)] : null,
                SubmittedAt = submittedAt,
                SubmittedBy = "demo-seed",
                ReviewedAt = status == ActivityStatus.Submitted ? null : submittedAt.AddDays(2),
                ReviewedBy = status == ActivityStatus.Submitted ? null : "staff.donghu@example.org",
            });
        }

        db.Activities.AddRange(activities);

        // A few activities carry photos generated here, so the gallery has something to show.
        foreach (var (activity, index) in activities.Where(a => a.Status != ActivityStatus.Returned).Take(4).Select((a, i) => (a, i)))
        {
            var png = DrawPhoto(activity.Title, index);
            var image = Images.CheckAndThumbnail(png)!;
            db.ActivityPhotos.Add(new ActivityPhoto
            {
                ActivityId = activity.Id,
                StreetId = streetId,
                FileName = $"活动照片{index + 1}.png",
                ContentType = "image/png",
                Width = image.Width,
                Height = image.Height,
                Content = png,
                Thumbnail = image.Thumbnail,
                UploadedAt = now,
            });
        }
    }

    internal static byte[] DrawPhoto(string caption, int index)
    {
        var colours = new[] { new SKColor(198, 40, 40), new SKColor(46, 125, 50), new SKColor(21, 101, 192), new SKColor(239, 108, 0) };
        using var surface = SKSurface.Create(new SKImageInfo(800, 600));
        var canvas = surface.Canvas;
        canvas.Clear(colours[index % colours.Length]);
        using var paint = new SKPaint { Color = SKColors.White.WithAlpha(60), IsAntialias = true };
        for (var i = 0; i < 12; i++)
        {
            canvas.DrawCircle(80 + i * 60, 300 + (i % 3) * 40, 50 + i * 3, paint);
        }

        using var typeface = SKFontManager.Default.MatchCharacter('共') ?? SKTypeface.Default;
        using var font = new SKFont(typeface, 40);
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        canvas.DrawText(caption, 40, 560, SKTextAlign.Left, font, text);
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }
}
