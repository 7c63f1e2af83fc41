using System.Globalization;
using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Projects;
using CommunityPartyBuilding.Web.Features.Units;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>A resolution line of the annual report.</summary>
public sealed record AnnualResolution(string Number, string Title, string LeadUnit, DateOnly Deadline, ResolutionStatus Status, DateOnly? CompletedOn, bool Overdue);

/// <summary>Everything the street's annual assessment report shows; gathered by <see cref="IssueAnnualReport"/>.</summary>
public sealed record AnnualReportData
{
    public required string StreetName { get; init; }

    public required string CommitteeName { get; init; }

    public required int Year { get; init; }

    public required EvaluationStatus Status { get; init; }

    public required IndicatorWeights Weights { get; init; }

    public required IReadOnlyList<AssessmentRow> Rows { get; init; }

    public int ActiveAgreements { get; init; }

    public decimal? MeanFulfilment { get; init; }

    public int VerifiedActivities { get; init; }

    public decimal VolunteerHours { get; init; }

    public decimal Funds { get; init; }

    public int Beneficiaries { get; init; }

    /// <summary>Held joint meetings per quarter (index 0 = first quarter).</summary>
    public required IReadOnlyList<int> JointMeetingsPerQuarter { get; init; }

    public int MeetingsHeld { get; init; }

    public int MinimumJointMeetingsPerQuarter { get; init; } = 1;

    /// <summary>Quarters of the year that had ended when the report was issued (a running quarter is not judged yet).</summary>
    public int QuartersEnded { get; init; } = 4;

    public required IReadOnlyList<AnnualResolution> Resolutions { get; init; }

    public int OnlineBallots { get; init; }

    public int PaperBallots { get; init; }

    /// <summary>Verified activities held in each month of the year (index 0 = January); empty when not gathered.</summary>
    public IReadOnlyList<int> ActivitiesPerMonth { get; init; } = [];

    /// <summary>Serving residents: the needs answered in the year (and the projects, once they exist).</summary>
    public AnnualResidentService ResidentService { get; init; } = AnnualResidentService.Empty;

    /// <summary>In-service members (rule 9): its own section after the others.</summary>
    public Members.AnnualMembers Members { get; init; } = CommunityPartyBuilding.Web.Features.Members.AnnualMembers.Empty;

    public required DateOnly IssuedOn { get; init; }

    public bool Draft => !CampaignRules.Stored(Status);
}

/// <summary>
/// 街道大党工委年度共驻共建考核报告: cover, overview, meetings, resolutions, needs answered, resident evaluation, the ranking
/// with every indicator, charts and the 落款. Plain composition of <see cref="AnnualReportData"/>, in Chinese.
/// </summary>
public static class AnnualReportDocument
{
    public const string RankingCaption = "成员单位考核排名";

    /// <summary>Up to this many units, 图1 has a bar per unit; above, the units per band of five points.</summary>
    public const int MaxUnitsPerBarChart = 40;

    public const string AppendixTitle = "成员单位考核明细表";

    public const string NeedsHeading = "四、群众需求办理";

    /// <summary>The projects' subsection of section 四.</summary>
    public const string ProjectsHeading = "共建项目实施情况";

    public const string AcceptedProjectsCaption = "年度验收的共建项目";

    public const string AppendixHeader = "名次成员单位会议出席协议履行核实活动决议落实群众评价加减分总分等次";

    public static string Title(string committeeName, int year) => $"{committeeName}{year}年度共驻共建考核报告";

    public static Document Compose(AnnualReportData d, DateTimeOffset createdAt)
    {
        var title = Title(d.CommitteeName, d.Year);
        var rows = d.Rows;
        var builder = new DocumentBuilder(new DocumentMetadata(title, d.CommitteeName, "年度共驻共建考核报告", createdAt)
            {
                Keywords = $"{d.CommitteeName};{d.Year}年度;考核报告",
            })
            .Header(d.CommitteeName, $"{d.Year}年度考核报告")
            .Draft(d.Draft)
            .Masthead(d.CommitteeName, leftNote: d.StreetName, rightNote: ChineseDate.Format(d.IssuedOn))
            .Title(title, $"（{StatusName(d.Status)}）")
            .Facts(
                ("街道", d.StreetName),
                ("大党工委", d.CommitteeName),
                ("考核年度", $"{d.Year}年度"),
                ("评议状态", StatusName(d.Status)),
                ("出具日期", ChineseDate.Format(d.IssuedOn)),
                ("参评单位", $"{rows.Count}家"));
        if (d.Draft)
        {
            builder.Note("注：本年度评议尚未定稿，本报告所列得分为当前计算结果，仅供内部审阅。");
        }

        var figure = 0;

        // 一、总体情况
        builder.Heading("一、总体情况");
        var byCategory = rows.GroupBy(r => r.Category).OrderBy(g => g.Key)
            .Select(g => $"{UnitLabels.Categories.GetValueOrDefault(g.Key, "其他")}{g.Count()}家");
        builder.Paragraph($"{d.Year}年度，{d.CommitteeName}共有{rows.Count}家成员单位参加年度考核，其中{string.Join("、", byCategory)}。"
            + $"年度内生效的共驻共建协议{d.ActiveAgreements}份，承诺事项平均履行率{(d.MeanFulfilment is { } f ? UnitFeedbackDocument.Percent(f) : "—")}；"
            + $"经核实的共建活动{d.VerifiedActivities}次，志愿服务{Num(d.VolunteerHours)}小时，投入资金{Num(d.Funds)}元，惠及群众{d.Beneficiaries}人次。");
        builder.Figures(
            new Figure("成员单位", rows.Count.ToString(CultureInfo.InvariantCulture), "家"),
            new Figure("生效协议", d.ActiveAgreements.ToString(CultureInfo.InvariantCulture), "份"),
            new Figure("核实活动", d.VerifiedActivities.ToString(CultureInfo.InvariantCulture), "次"),
            new Figure("志愿服务", Num(d.VolunteerHours), "小时"),
            new Figure("投入资金", Num(d.Funds), "元"),
            new Figure("惠及群众", d.Beneficiaries.ToString(CultureInfo.InvariantCulture), "人次"));

        // 二、会议
        builder.Heading("二、联席会议召开情况");
        var invited = rows.Sum(r => r.MeetingsInvited);
        var attended = rows.Sum(r => r.MeetingsAttended);
        var shortQuarters = d.JointMeetingsPerQuarter.Select((n, i) => (n, i)).Where(x => x.i < d.QuartersEnded && x.n < d.MinimumJointMeetingsPerQuarter).Select(x => QuarterName(x.i)).ToList();
        builder.Paragraph($"全年召开会议{d.MeetingsHeld}次，其中联席会议{d.JointMeetingsPerQuarter.Sum()}次；议事规则要求每季度至少召开联席会议{d.MinimumJointMeetingsPerQuarter}次，"
            + (shortQuarters.Count == 0 ? (d.QuartersEnded < 4 ? "已结束的季度均达到要求。" : "各季度均达到要求。") : $"{string.Join("、", shortQuarters)}未达到要求。")
            + (invited == 0 ? "" : $"成员单位应出席{invited}人次，实际出席（含委托）{attended}人次，出席率{UnitFeedbackDocument.Percent((decimal)attended / invited)}。"));
        builder.Table(t => t
            .Caption("各季度联席会议召开情况")
            .Column("季度", 1.5f, CellAlign.Center)
            .Column("召开次数", 1f, CellAlign.Center)
            .Column("最低要求", 1f, CellAlign.Center)
            .Column("是否达标", 1f, CellAlign.Center)
            .Rows(d.JointMeetingsPerQuarter.Select((n, i) => (n, i)), x =>
            [
                QuarterName(x.i), x.n.ToString(CultureInfo.InvariantCulture), d.MinimumJointMeetingsPerQuarter.ToString(CultureInfo.InvariantCulture),
                x.n >= d.MinimumJointMeetingsPerQuarter ? "达标" : x.i >= d.QuartersEnded ? "季度未结束" : "未达标",
            ]));

        // 三、决议
        builder.Heading("三、决议落实情况");
        var res = d.Resolutions;
        var onTime = res.Count(r => r.Status == ResolutionStatus.Completed && r.CompletedOn <= r.Deadline);
        var late = res.Count(r => r.Status == ResolutionStatus.Completed && r.CompletedOn > r.Deadline);
        var open = res.Count(r => r.Status != ResolutionStatus.Completed);
        var overdue = res.Count(r => r.Overdue);
        builder.Paragraph($"全年通过决议{res.Count}项，按期完成{onTime}项，逾期完成{late}项，尚未完成{open}项，其中已逾期{overdue}项。");
        builder.Table(t => t
            .Caption("年度决议落实情况")
            .Column("决议编号", 1.9f, CellAlign.Center)
            .Column("决议事项", 2.6f)
            .Column("牵头单位", 2.2f)
            .Column("完成时限", 1.6f, CellAlign.Center)
            .Column("落实情况", 1.5f, CellAlign.Center)
            .Rows(res, r => [r.Number, r.Title, r.LeadUnit, ChineseDate.Format(r.Deadline), ResolutionState(r)])
            .Empty("（本年度未通过决议）"));

        // 四、群众需求办理, with the co-building projects as its subsection
        builder.Heading(NeedsHeading);
        NeedsAnswered(builder, d.ResidentService.Needs, ref figure);
        ProjectsOfTheYear(builder, d.ResidentService.Projects, ref figure);

        // 五、群众评议
        builder.Heading("五、群众评议情况");
        var insufficient = rows.Count(r => r.InsufficientSample);
        builder.Paragraph($"本年度居民代表共投票{d.OnlineBallots + d.PaperBallots}张，其中网上评议{d.OnlineBallots}张、纸质评议{d.PaperBallots}张。"
            + (rows.Count == 0 ? "本年度没有参评单位。"
                : insufficient == 0 ? "各单位收到的评价均不少于10票。"
                : $"{insufficient}家单位收到的评价不足10票，标注为“样本不足”，其群众评议得分仅供参考。"));
        builder.Table(t => t
            .Caption("成员单位群众满意度")
            .Column("成员单位", 3.2f)
            .Column("满意", 0.8f, CellAlign.Center)
            .Column("基本满意", 0.9f, CellAlign.Center)
            .Column("不满意", 0.8f, CellAlign.Center)
            .Column("满意度", 1f, CellAlign.Center)
            .Column("备注", 1f, CellAlign.Center)
            .Rows(rows, r =>
            [
                r.UnitName, N(r.Satisfied), N(r.BasicallySatisfied), N(r.Dissatisfied),
                r.RatingsCount == 0 ? "—" : UnitFeedbackDocument.Percent((r.Satisfied + 0.6m * r.BasicallySatisfied) / r.RatingsCount),
                r.InsufficientSample ? "样本不足" : "",
            ]));

        // 六、考核排名
        builder.Heading("六、考核结果排名");
        var w = d.Weights;
        builder.Paragraph($"考核指标及权重：会议参与{w.MeetingParticipation}分、协议履行{w.AgreementFulfilment}分、共建活动{w.Activity}分、决议落实{w.ResolutionImplementation}分、群众评议{w.ResidentEvaluation}分"
            + (w.MemberService > 0 ? $"、在职党员报到服务{w.MemberService}分。" : "。")
            + "无可计量内容的指标不计分，其权重按比例分配至其他指标。");
        var sixth = w.MemberService > 0;
        builder.Table(t =>
        {
            t.Caption(RankingCaption)
                .FontSize(8.5f)
                .Column("名次", 0.62f, CellAlign.Center)
                .Column("成员单位", 2.1f)
                .Column("会议参与", 0.88f, CellAlign.Center)
                .Column("协议履行", 0.88f, CellAlign.Center)
                .Column("共建活动", 0.88f, CellAlign.Center)
                .Column("决议落实", 0.88f, CellAlign.Center)
                .Column("群众评议", 0.88f, CellAlign.Center);
            if (sixth)
            {
                t.Column("党员报到", 0.88f, CellAlign.Center);
            }

            t.Column("加减分", 0.75f, CellAlign.Center)
                .Column("总分", 0.65f, CellAlign.Center)
                .Column("等次", 0.55f, CellAlign.Center)
                .Rows(rows, r =>
                [
                    N(r.Rank), r.UnitName,
                    P(r.Indicators.MeetingParticipation), P(r.Indicators.AgreementFulfilment), P(r.Indicators.Activity),
                    P(r.Indicators.ResolutionImplementation), P(r.Indicators.ResidentEvaluation) + (r.InsufficientSample ? "*" : ""),
                    .. sixth ? [P(r.Indicators.MemberService)] : Array.Empty<string>(),
                    UnitFeedbackDocument.Signed(r.Adjustment), UnitFeedbackDocument.TotalText(r), GradeName(r.Grade),
                ]);
        });
        builder.Note("注：“—”表示该指标不计分；“*”表示群众评议样本不足" + (rows.Any(r => r.TotalClamped) ? UnitFeedbackDocument.ClampedNote : "") + "。");
        var adjusted = rows.Where(r => r.Adjustment != 0m).ToList();
        if (adjusted.Count > 0)
        {
            builder.Paragraph("加减分说明：" + string.Join("；", adjusted.Select(r => $"{r.UnitName}{UnitFeedbackDocument.Signed(r.Adjustment)}分，理由：{(r.AdjustmentReason ?? "—").TrimEnd('。', '；', '.')}")) + "。");
        }

        // 七、图表
        builder.Heading("七、考核结果分布");
        if (rows.Count > 0)
        {
            if (rows.Count <= MaxUnitsPerBarChart)
            {
                var names = rows.Select(r => Short(r.UnitName)).ToArray();
                var totals = rows.Select(r => (double)r.Total).ToArray();
                builder.Chart(plot =>
                {
                    // Horizontal bars, first rank on top, so that every unit's name is readable.
                    var bars = plot.Add.Bars(totals.Select((t, i) => new ScottPlot.Bar { Position = names.Length - 1 - i, Value = t, Size = 0.7 }).ToArray());
                    bars.Horizontal = true;
                    plot.Axes.Left.SetTicks([.. Enumerable.Range(0, names.Length).Select(i => (double)(names.Length - 1 - i))], names);
                    plot.Axes.Left.TickLabelStyle.FontSize = 9;
                    plot.Axes.Bottom.Label.Text = "总分";
                    plot.Axes.SetLimits(0, 105, -0.6, names.Length - 0.4);
                }, height: Math.Max(220f, 15f * names.Length + 60f), caption: $"图{++figure} 成员单位考核总分");
            }
            else
            {
                // Too many units for a bar each: how many units fall in each band of five points.
                var bands = ScoreBands(rows.Select(r => r.Total));
                builder.Chart(plot =>
                {
                    plot.Add.Bars(bands.Select(b => (double)b.Units).ToArray());
                    plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, bands.Count).Select(i => (double)i)], [.. bands.Select(b => b.Label)]);
                    plot.Axes.Bottom.Label.Text = "总分";
                    plot.Axes.Left.Label.Text = "单位数";
                    plot.Axes.SetLimitsY(0, Math.Max(1, bands.Max(b => b.Units)) * 1.15);
                }, height: 230, caption: $"图{++figure} 成员单位考核总分分布（{rows.Count}家，每5分一档，含下限不含上限）");
            }

            var grades = Enum.GetValues<Grade>();
            var counts = grades.Select(g => (double)rows.Count(r => r.Grade == g)).ToArray();
            builder.Chart(plot =>
            {
                plot.Add.Bars(counts);
                plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, grades.Length).Select(i => (double)i)], [.. grades.Select(GradeName)]);
                plot.Axes.Left.Label.Text = "单位数";
                plot.Axes.SetLimitsY(0, Math.Max(1, counts.Max()) + 1);
            }, height: 200, caption: $"图{++figure} 考核等次分布");
        }

        if (d.ActivitiesPerMonth.Count == 12)
        {
            var months = d.ActivitiesPerMonth.Select(n => (double)n).ToArray();
            builder.Chart(plot =>
            {
                plot.Add.Bars(months);
                plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, 12).Select(i => (double)i)], [.. Enumerable.Range(1, 12).Select(m => $"{m}月")]);
                plot.Axes.Bottom.TickLabelStyle.FontSize = 9;
                plot.Axes.Left.Label.Text = "活动次数";
                plot.Axes.SetLimits(-0.6, 11.6, 0, Math.Max(1, months.Max()) * 1.15);
            }, height: 200, caption: $"图{++figure} 各月核实的共建活动");
        }

        Members.AnnualMembersSection.Compose(builder, d.Members, ref figure);

        builder.Paragraph(d.Draft
            ? "以上考核结果尚未定稿，待街道大党工委审定后通报。"
            : "以上考核结果经街道大党工委审定，作为成员单位年度考核和评优评先的重要依据。");
        if (rows.Count > 0)
        {
            builder.Paragraph($"附件：{AppendixTitle}", firstLineIndent: true);
        }

        builder.Signature(d.CommitteeName, d.IssuedOn);
        if (rows.Count > 0)
        {
            Appendix(builder, d);
        }

        return builder.Build();
    }

    /// <summary>
    /// 群众需求办理: the year's needs in total, per community and per service category, the units that finished most and
    /// the residents' ratings, with a chart of submitted and done needs per community. Counts and names only (rule 10).
    /// </summary>
    private static void NeedsAnswered(DocumentBuilder builder, AnnualNeeds n, ref int figure)
    {
        var t = n.Totals;
        if (t.Submitted + t.Published + t.Claimed + t.Done + t.Rated == 0)
        {
            builder.Paragraph("本年度没有居民需求和微心愿的办理记录。");
            return;
        }

        builder.Paragraph($"全年居民提交需求和微心愿{t.Submitted}项，经审核发布{t.Published}项（目前尚待认领{t.Open}项），成员单位认领{t.Claimed}项，办结{t.Done}项"
            + (t.MeanDaysToDone is { } days ? $"，从发布到办结平均{Days(days)}天" : "") + "。"
            + (t.Rated == 0 ? "本年度尚无居民评价。"
                : $"居民评价{t.Rated}项，其中满意{t.Satisfied}项、基本满意{t.BasicallySatisfied}项、不满意{t.Dissatisfied}项，满意率{Share(t.SatisfactionShare)}。"));
        builder.Figures(
            new Figure("提交需求", N(t.Submitted), "项"),
            new Figure("认领需求", N(t.Claimed), "项"),
            new Figure("办结需求", N(t.Done), "项"),
            new Figure("满意率", Share(t.SatisfactionShare), ""));
        builder.Table(tb => NeedColumns(tb.Caption("各社区需求办理情况"), "社区")
            .Rows(n.ByCommunity, g => NeedCells(g))
            .Empty("（街道尚未设立社区）"));
        builder.Table(tb => NeedColumns(tb.Caption("各服务类别需求办理情况"), "服务类别")
            .Rows(n.ByCategory, g => NeedCells(g)));
        builder.Table(tb => tb
            .Caption("办结需求较多的成员单位")
            .Column("名次", 0.6f, CellAlign.Center)
            .Column("成员单位", 3.4f)
            .Column("办结", 0.9f, CellAlign.Center)
            .Column("居民评价", 0.9f, CellAlign.Center)
            .Column("满意率", 0.9f, CellAlign.Center)
            .Rows(n.TopUnits.Select((u, i) => (u, i)), x => [N(x.i + 1), x.u.UnitName, N(x.u.Done), N(x.u.Rated), Share(x.u.SatisfactionShare)])
            .Empty("（本年度没有成员单位办结需求）"));
        builder.Note("注：各项为本年度内发生的数量（提交、发布、认领、办结、评价各按其发生日期计）；满意率为“满意”与“基本满意”占居民评价的比例；"
            + "平均办结天数为本年度办结的需求从发布到办结的平均天数。本节不含居民个人信息。");

        if (n.ByCommunity.Count > 0)
        {
            var names = n.ByCommunity.Select(g => Short(g.Name)).ToArray();
            var submitted = n.ByCommunity.Select(g => (double)g.Figures.Submitted).ToArray();
            var done = n.ByCommunity.Select(g => (double)g.Figures.Done).ToArray();
            // No legend: ScottPlot clips the first line of a legend set in the CJK face; the caption says which bar is which.
            builder.Chart(plot =>
            {
                var left = plot.Add.Bars(Enumerable.Range(0, names.Length).Select(i => i - 0.2).ToArray(), submitted);
                foreach (var bar in left.Bars)
                {
                    bar.Size = 0.38;
                }

                var right = plot.Add.Bars(Enumerable.Range(0, names.Length).Select(i => i + 0.2).ToArray(), done);
                foreach (var bar in right.Bars)
                {
                    bar.Size = 0.38;
                }

                plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, names.Length).Select(i => (double)i)], names);
                plot.Axes.Bottom.TickLabelStyle.FontSize = 9;
                plot.Axes.Left.Label.Text = "需求数";
                plot.Axes.SetLimits(-0.6, names.Length - 0.4, 0, Math.Max(1, submitted.Concat(done).Max()) * 1.25);
            }, height: 200, caption: $"图{++figure} 各社区需求提交与办结情况（每个社区左柱为提交，右柱为办结）");
        }
    }

    /// <summary>
    /// 共建项目: the street's projects of the year by status, the ones accepted in the year with their lead and participating
    /// units and the hours, funds and beneficiaries of the units' accepted contributions, and a chart by status.
    /// </summary>
    private static void ProjectsOfTheYear(DocumentBuilder builder, AnnualProjects p, ref int figure)
    {
        builder.Heading(ProjectsHeading, level: 2);
        if (p.Total == 0)
        {
            builder.Paragraph("本年度没有共建项目。");
            return;
        }

        builder.Paragraph($"本年度实施和验收的共建项目{p.Total}项，预算合计{Num(p.Budget)}元；其中筹备中{p.Count(ProjectStatus.Planned)}项、实施中{p.Count(ProjectStatus.UnderWay)}项、"
            + $"已完成待验收{p.Count(ProjectStatus.Done)}项、已验收{p.Count(ProjectStatus.Accepted)}项。"
            + (p.Accepted.Count == 0 ? "本年度尚无项目通过验收。"
                : $"年内验收{p.Accepted.Count}项，参与单位投入志愿服务{Num(p.VolunteerHours)}小时、资金{Num(p.Funds)}元，惠及群众{N(p.Beneficiaries)}人次。"));
        builder.Figures(
            new Figure("共建项目", N(p.Total), "项"),
            new Figure("年内验收", N(p.Accepted.Count), "项"),
            new Figure("志愿服务", Num(p.VolunteerHours), "小时"),
            new Figure("投入资金", Num(p.Funds), "元"));
        builder.Table(tb => tb
            .Caption(AcceptedProjectsCaption)
            .FontSize(8.5f)
            .Column("项目名称", 2.3f)
            .Column("牵头单位", 2.4f)
            .Column("参与单位", 2.3f)
            .Column("验收日期", 2.1f, CellAlign.Center)
            .Column("小时", 0.8f, CellAlign.Center)
            .Column("资金(元)", 1.1f, CellAlign.Center)
            .Column("惠及人次", 1.2f, CellAlign.Center)
            .Rows(p.Accepted, a =>
            [
                a.Title, a.LeadUnit, a.ParticipatingUnits.Count == 0 ? "—" : string.Join("、", a.ParticipatingUnits),
                ChineseDate.Format(a.AcceptedOn), Num(a.VolunteerHours), Num(a.Funds), N(a.Beneficiaries),
            ])
            .Empty("（本年度没有验收的项目）"));
        builder.Note("注：共建项目指计划实施期与本年度有交叉或在本年度验收的项目，状态为出具本报告时的状态；"
            + "小时（志愿服务时长）、资金和惠及人次为年内验收项目各参与单位经验收确认的投入之和（已计入各单位核实的共建活动）。");

        var statuses = p.ByStatus;
        var counts = statuses.Select(s => (double)s.Count).ToArray();
        builder.Chart(plot =>
        {
            plot.Add.Bars(counts);
            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, statuses.Count).Select(i => (double)i)], [.. statuses.Select(s => ProjectStatusName(s.Status))]);
            plot.Axes.Bottom.TickLabelStyle.FontSize = 10;
            plot.Axes.Left.Label.Text = "项目数";
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.SetLimits(-0.6, statuses.Count - 0.4, 0, Math.Max(1, counts.Max()) * 1.25);
        }, height: 180, caption: $"图{++figure} 本年度共建项目状态分布");
    }

    public static string ProjectStatusName(ProjectStatus status) => status switch
    {
        ProjectStatus.Planned => "筹备中",
        ProjectStatus.UnderWay => "实施中",
        ProjectStatus.Done => "已完成待验收",
        _ => "已验收",
    };

    private static TableBuilder NeedColumns(TableBuilder table, string first) => table
        .Column(first, 2f)
        .Column("提交", 0.8f, CellAlign.Center)
        .Column("发布", 0.8f, CellAlign.Center)
        .Column("认领", 0.8f, CellAlign.Center)
        .Column("办结", 0.8f, CellAlign.Center)
        .Column("评价", 0.8f, CellAlign.Center)
        .Column("满意率", 0.9f, CellAlign.Center)
        .Column("平均办结天数", 1.2f, CellAlign.Center);

    private static string[] NeedCells(AnnualNeedGroup g) =>
    [
        g.Name, N(g.Figures.Submitted), N(g.Figures.Published), N(g.Figures.Claimed), N(g.Figures.Done), N(g.Figures.Rated),
        Share(g.Figures.SatisfactionShare), g.Figures.MeanDaysToDone is { } d ? Days(d) : "—",
    ];

    private static string Share(decimal? share) => share is { } s ? UnitFeedbackDocument.Percent(s) : "—";

    private static string Days(decimal days) => days.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// 附件: every unit in rank order with what its points rest on (attendance, commitments, activities, resolution
    /// tasks, ratings), so that a reader can check a unit's line of the ranking without the portal.
    /// </summary>
    private static void Appendix(DocumentBuilder builder, AnnualReportData d)
    {
        builder.PageBreak()
            .Paragraph("附件", firstLineIndent: false)
            .Title($"{d.CommitteeName}{d.Year}年度{AppendixTitle}")
            .Table(t => t
                .FontSize(8f)
                .Column("名次", 0.55f, CellAlign.Center)
                .Column("成员单位", 2.6f)
                .Column("会议出席", 0.9f, CellAlign.Center)
                .Column("协议履行", 0.9f, CellAlign.Center)
                .Column("核实活动", 0.9f, CellAlign.Center)
                .Column("决议落实", 0.9f, CellAlign.Center)
                .Column("群众评价", 1.05f, CellAlign.Center)
                .Column("加减分", 0.72f, CellAlign.Center)
                .Column("总分", 0.6f, CellAlign.Center)
                .Column("等次", 0.6f, CellAlign.Center)
                .Rows(d.Rows, r =>
                [
                    N(r.Rank),
                    r.UnitName,
                    r.MeetingsInvited == 0 ? "—" : $"{r.MeetingsAttended}/{r.MeetingsInvited}",
                    r.Commitments == 0 ? "无承诺" : r.MeanFulfilment is { } m ? UnitFeedbackDocument.Percent(m) : "0.0%",
                    N(r.VerifiedActivities),
                    r.ResolutionTasks == 0 ? "—" : $"{r.ResolutionsOnTime}/{r.ResolutionsLate}/{r.ResolutionTasks}",
                    r.RatingsCount == 0 ? "—" : $"{r.Satisfied}/{r.BasicallySatisfied}/{r.Dissatisfied}" + (r.InsufficientSample ? "*" : ""),
                    UnitFeedbackDocument.Signed(r.Adjustment),
                    UnitFeedbackDocument.TotalText(r),
                    GradeName(r.Grade) + (r.CappedForDissatisfaction ? "△" : ""),
                ]))
            .Note("注：会议出席为出席（含委托）次数/应出席次数；协议履行为承诺事项的平均履行率；核实活动为年度内经核实的共建活动次数；"
                + "决议落实为按期办结/逾期办结/当年到期的承办任务数；群众评价为满意/基本满意/不满意票数，“*”表示样本不足（少于10票）；"
                + "“△”表示不满意票超过三分之一，等次不得评为优秀；“无承诺”计0分，“—”表示无可计量内容，该指标不计分"
                + (d.Rows.Any(r => r.TotalClamped) ? UnitFeedbackDocument.ClampedNote : "") + "。");
    }

    public static string StatusName(EvaluationStatus status) => status switch
    {
        EvaluationStatus.Draft => "草案",
        EvaluationStatus.Open => "评议中",
        EvaluationStatus.Closed => "已截止",
        EvaluationStatus.Finalised => "已定稿",
        _ => "已通报",
    };

    public static string GradeName(Grade grade) => grade switch
    {
        Grade.Excellent => "优秀",
        Grade.Good => "良好",
        Grade.Fair => "一般",
        _ => "较差",
    };

    private static string ResolutionState(AnnualResolution r) => r.Status switch
    {
        ResolutionStatus.Completed when r.CompletedOn <= r.Deadline => "按期完成",
        ResolutionStatus.Completed => "逾期完成",
        _ when r.Overdue => "已逾期",
        ResolutionStatus.InProgress => "推进中",
        _ => "未开始",
    };

    /// <summary>Units in each band of five points: below 60 in one band, then 60–65 … 95–100 (100 in the last).</summary>
    public static IReadOnlyList<(string Label, int Units)> ScoreBands(IEnumerable<decimal> totals)
    {
        var counts = new int[9];
        foreach (var total in totals)
        {
            counts[total < 60m ? 0 : Math.Min(8, 1 + (int)((total - 60m) / 5m))]++;
        }

        return [.. counts.Select((n, i) => (i == 0 ? "<60" : $"{55 + 5 * i}-{60 + 5 * i}", n))];
    }

    private static string QuarterName(int index) => $"第{"一二三四"[index]}季度";

    private static string P(decimal? points) => points is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>Chart tick labels: long names shortened so that the axis stays readable.</summary>
    private static string Short(string name) => name.Length <= 10 ? name : name[..9] + "…";
}
