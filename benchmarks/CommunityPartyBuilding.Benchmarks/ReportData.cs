using System.Globalization;
using CommunityPartyBuilding.Web.Features.Dashboard;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Reports;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// The documents of issue #7's benchmark, built from reproducible synthetic data rather than a database (the render is
/// what is measured; gathering the figures is the dashboard benchmark's SQL): the annual report of a street of 300
/// units with 3,000 verified activities, scored by the real <see cref="AssessmentScoring"/>, and the district summary
/// of an organisation department with 50 streets.
/// </summary>
public static class ReportData
{
    public const int Units = 300;
    public const int Activities = 3_000;
    public const int Resolutions = 48;
    public const int Streets = 50;

    private static readonly DateTimeOffset CreatedAt = new(2026, 1, 20, 2, 0, 0, TimeSpan.Zero);

    private static readonly string[] ResolutionTopics =
    [
        "老旧小区加装电梯协调", "背街小巷环境整治", "社区食堂助餐服务", "青少年暑期托管", "退役军人就业帮扶", "独居老人结对关爱",
        "垃圾分类督导", "停车难问题化解", "文明实践站点共建", "法律服务进社区", "应急救护培训", "夜间经济街区管理",
    ];

    private static readonly string[] Streets50 =
    [
        "东湖", "湖滨", "新华", "桃源", "文化", "创新", "学院", "健康", "商贸", "清泉", "电力", "滨江", "四营", "科创", "凤凰", "梅花碑",
        "紫阳", "小营", "望江", "闸弄口", "彭埠", "笕桥", "九堡", "丁桥", "四季青", "采荷", "凯旋", "白杨", "下沙", "米市巷", "潮鸣",
        "长庆", "武林", "天水", "朝晖", "石桥", "半山", "康桥", "拱宸桥", "和睦", "大关", "上塘", "北山", "西溪", "灵隐", "翠苑", "文新",
        "古荡", "转塘", "留下",
    ];

    /// <summary>
    /// A finalised campaign of 300 units: attendance over 12 held meetings, 1–4 commitments each, 3,000 verified
    /// activities spread unevenly over units and months, 48 resolutions with their tasks, 20–60 ratings per unit
    /// (a few under 10), a handful of adjustments with reasons.
    /// </summary>
    public static AnnualReportData AnnualReport(int units = Units, int activities = Activities, int seed = 7)
    {
        var random = new Random(seed);
        var generated = UnitGenerator.Generate(units, [Guid.NewGuid()], new HashSet<string>(), seed);
        var activityCounts = Spread(random, activities, units, skew: 2.0);
        var inputs = generated.Select((u, i) =>
        {
            var invited = 12;
            var ratings = i % 37 == 5 ? random.Next(3, 10) : random.Next(20, 61);
            var satisfied = (int)(ratings * (0.55 + random.NextDouble() * 0.4));
            var basically = random.Next(0, ratings - satisfied + 1);
            return new AssessmentInput
            {
                UnitId = u.Id,
                MeetingsInvited = invited,
                MeetingsAttended = random.Next(7, invited + 1),
                CommitmentFulfilments = [.. Enumerable.Range(0, random.Next(1, 5)).Select(_ => Math.Round(0.4m + 0.6m * (decimal)random.NextDouble(), 4))],
                VerifiedActivities = activityCounts[i],
                ResolutionTasks = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(10) switch { < 7 => TaskOutcome.OnTime, < 9 => TaskOutcome.Late, _ => TaskOutcome.NotDone })],
                Satisfied = satisfied,
                BasicallySatisfied = basically,
                Dissatisfied = ratings - satisfied - basically,
                Adjustment = i % 41 == 3 ? (i % 2 == 0 ? 2m : -3m) : 0m,
            };
        }).ToList();

        var results = AssessmentScoring.Compute(inputs, IndicatorWeights.Default, GradeThresholds.Default, annualActivityTarget: 8);
        var rows = generated.Zip(inputs, results).Select(x =>
        {
            var (unit, input, result) = x;
            return AssessmentRow.FromScore(unit.Id, unit.Name, unit.Category, input, result,
                result.Adjustment > 0 ? "牵头完成社区应急演练，获区级通报表扬" : result.Adjustment < 0 ? "两次无故缺席联席会议且未委托" : null);
        }).OrderBy(r => r.Rank).ToList();

        var year = 2025;
        var resolutions = Enumerable.Range(1, Resolutions).Select(n =>
        {
            var deadline = new DateOnly(year, 1 + (n * 5 % 12), 1).AddDays(random.Next(0, 28));
            var status = (ResolutionStatus)random.Next(3);
            DateOnly? completed = status == ResolutionStatus.Completed ? deadline.AddDays(random.Next(-30, 20)) : null;
            return new AnnualResolution($"东湖共建〔{year}〕{n}号", ResolutionTopics[n % ResolutionTopics.Length] + (n > 12 ? $"（第{(n - 1) / 12 + 1}批）" : ""),
                generated[random.Next(units)].Name, deadline, status, completed, status != ResolutionStatus.Completed && deadline < new DateOnly(year, 12, 31));
        }).ToList();

        return new AnnualReportData
        {
            StreetName = "东湖街道",
            CommitteeName = "东湖街道大党工委",
            Year = year,
            Status = EvaluationStatus.Published,
            Weights = IndicatorWeights.Default,
            Rows = rows,
            ActiveAgreements = units * 9 / 10,
            MeanFulfilment = rows.Where(r => r.MeanFulfilment is not null).Select(r => r.MeanFulfilment!.Value).DefaultIfEmpty().Average(),
            VerifiedActivities = activities,
            VolunteerHours = activities * 6.5m,
            Funds = activities * 1_250m,
            Beneficiaries = activities * 38,
            JointMeetingsPerQuarter = [3, 3, 3, 3],
            MeetingsHeld = 16,
            Resolutions = resolutions,
            OnlineBallots = 2_400,
            PaperBallots = 380,
            ActivitiesPerMonth = Spread(random, activities, 12, skew: 0.5),
            IssuedOn = new DateOnly(2026, 1, 20),
        };
    }

    /// <summary>An organisation department with 50 streets of 40–320 units, most finalised, a few still open.</summary>
    public static DepartmentOverview DistrictSummary(int streets = Streets, int seed = 11)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, streets).Select(i =>
        {
            var units = random.Next(40, 321);
            var finalised = i % 9 != 4;
            var settled = random.Next(10, 60);
            var onTime = random.Next(settled / 2, settled + 1);
            var grades = finalised ? Split(random, units) : null;
            return new StreetOverviewRow(
                Guid.NewGuid(), Streets50[i % Streets50.Length] + "街道" + (i >= Streets50.Length ? (i / Streets50.Length + 1).ToString(CultureInfo.InvariantCulture) : ""),
                units, units * random.Next(6, 14), units * random.Next(30, 90) / 2m,
                JointMeetingQuartersMet: random.Next(2, 5), JointMeetingQuartersDue: 4,
                ResolutionsSettled: settled, ResolutionsOnTime: onTime, ResolutionsOnTimeRate: Math.Round((decimal)onTime / settled, 4),
                CampaignId: Guid.NewGuid(), EvaluationStatus: finalised ? EvaluationStatus.Published : EvaluationStatus.Open,
                MeanScore: finalised ? Math.Round(60m + (decimal)random.NextDouble() * 30m, 1) : null,
                Grades: grades is null ? null : new GradeCounts(grades[0], grades[1], grades[2], grades[3]));
        }).ToList();
        return new DepartmentOverview(Guid.NewGuid(), "杭州市上城区委组织部", 2025, new DateOnly(2026, 1, 20), rows);
    }

    public static CommunityPartyBuilding.Documents.Document ComposeAnnualReport(AnnualReportData data) =>
        WithVerification(AnnualReportDocument.Compose(data, CreatedAt));

    public static CommunityPartyBuilding.Documents.Document ComposeDistrictSummary(DepartmentOverview overview) =>
        WithVerification(DistrictSummaryDocument.Compose(overview, overview.Today, CreatedAt));

    /// <summary>As <c>ReportIssuer</c> issues them: the verification code and its QR code in every footer.</summary>
    private static CommunityPartyBuilding.Documents.Document WithVerification(CommunityPartyBuilding.Documents.Document document) =>
        document with { Verification = new CommunityPartyBuilding.Documents.VerificationMark("M4EQYE65", "https://dj.example.gov.cn/verify/M4EQYE65") };

    /// <summary><paramref name="total"/> split over <paramref name="parts"/>, unevenly (higher skew, more uneven), summing exactly.</summary>
    private static int[] Spread(Random random, int total, int parts, double skew)
    {
        var weights = Enumerable.Range(0, parts).Select(_ => Math.Pow(random.NextDouble() + 0.05, skew)).ToArray();
        var sum = weights.Sum();
        var counts = weights.Select(w => (int)Math.Floor(total * w / sum)).ToArray();
        for (var left = total - counts.Sum(); left > 0; left--)
        {
            counts[random.Next(parts)]++;
        }

        return counts;
    }

    private static int[] Split(Random random, int units)
    {
        var excellent = units * random.Next(10, 30) / 100;
        var good = units * random.Next(30, 50) / 100;
        var poor = units * random.Next(0, 8) / 100;
        return [excellent, good, units - excellent - good - poor, poor];
    }
}
