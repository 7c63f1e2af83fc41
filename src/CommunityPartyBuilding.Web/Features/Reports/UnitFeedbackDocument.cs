using System.Globalization;
using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Units;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>What a unit's feedback sheet shows: its row of the results, its residents' comments as written, and the campaign's facts.</summary>
public sealed record UnitFeedbackData(
    string StreetName,
    string CommitteeName,
    int Year,
    EvaluationStatus Status,
    IndicatorWeights Weights,
    int UnitsRanked,
    AssessmentRow Row,
    IReadOnlyList<string> Comments,
    DateOnly IssuedOn)
{
    /// <summary>Finalised or published figures are final; anything earlier is a draft.</summary>
    public bool Draft => !CampaignRules.Stored(Status);
}

/// <summary>
/// 成员单位考核反馈单: one unit's assessment as the street committee sends it back to the unit. Plain composition:
/// it takes the figures and lays them out, in Chinese whatever the reader's interface language.
/// </summary>
public static class UnitFeedbackDocument
{
    public static string Title(string streetName, int year) => $"{streetName}{year}年度成员单位共驻共建考核反馈单";

    public static Document Compose(UnitFeedbackData data, DateTimeOffset createdAt)
    {
        var row = data.Row;
        var title = Title(data.StreetName, data.Year);
        var builder = new DocumentBuilder(new DocumentMetadata(title + "（" + row.UnitName + "）", data.CommitteeName, "成员单位考核反馈单", createdAt)
            {
                Keywords = $"{data.CommitteeName};{data.Year}年度;考核反馈单;{row.UnitName}",
            })
            .Header(data.CommitteeName, "考核反馈单")
            .Draft(data.Draft)
            .Title(title)
            .Facts(
                ("成员单位", row.UnitName),
                ("单位类别", UnitLabels.Categories.GetValueOrDefault(row.Category, "其他")),
                ("考核年度", $"{data.Year}年度"),
                ("评议状态", AnnualReportDocument.StatusName(data.Status)));

        builder.Heading("一、考核得分");
        var w = data.Weights;
        var ind = row.Indicators;
        builder.Table(t =>
        {
            t
            .Caption(w.MemberService > 0 ? "六项指标得分" : "五项指标得分")
            .Column("考核指标", 1.6f)
            .Column("权重", 0.7f, CellAlign.Center)
            .Column("得分", 0.8f, CellAlign.Center)
            .Column("计分依据", 3.6f)
            .Row("会议参与", W(w.MeetingParticipation), P(ind.MeetingParticipation), row.MeetingsInvited == 0
                ? "全年无受邀参加的已召开会议，本项不计分，权重按比例分配至其他指标"
                : $"出席（含委托） {row.MeetingsAttended}/{row.MeetingsInvited} 次")
            .Row("协议履行", W(w.AgreementFulfilment), P(ind.AgreementFulfilment), row.Commitments == 0
                ? "年度内无生效协议的承诺事项，本项得 0 分"
                : $"{row.Commitments} 项承诺，平均履行率 {Percent(row.MeanFulfilment ?? 0m)}")
            .Row("共建活动", W(w.Activity), P(ind.Activity), $"经核实的共建活动 {row.VerifiedActivities} 次")
            .Row("决议落实", W(w.ResolutionImplementation), P(ind.ResolutionImplementation), row.ResolutionTasks == 0
                ? "年度内无到期的决议任务，本项不计分，权重按比例分配至其他指标"
                : $"到期任务 {row.ResolutionTasks} 项：按期完成 {row.ResolutionsOnTime} 项，逾期完成 {row.ResolutionsLate} 项，未完成 {row.ResolutionTasks - row.ResolutionsOnTime - row.ResolutionsLate} 项")
            .Row("群众评议", W(w.ResidentEvaluation), P(ind.ResidentEvaluation), row.RatingsCount == 0
                ? "未收到居民评价，本项不计分，权重按比例分配至其他指标"
                : $"满意 {row.Satisfied}、基本满意 {row.BasicallySatisfied}、不满意 {row.Dissatisfied}（共 {row.RatingsCount} 票）" + (row.InsufficientSample ? "，样本不足" : ""));

            // 在职党员报到服务 (rule 9) only when the campaign gave it weight.
            if (w.MemberService > 0)
            {
                t.Row("在职党员报到服务", W(w.MemberService), P(ind.MemberService), row.PartyMemberCount == 0
                    ? "单位党员人数为0，本项不计分，权重按比例分配至其他指标"
                    : $"达到年度服务时长的报到党员 {row.MembersMeetingHours} 名，单位党员 {row.PartyMemberCount} 名");
            }

            t.Row("加减分", "—", Signed(row.Adjustment), row.Adjustment == 0m ? "无" : "理由：" + (row.AdjustmentReason ?? "—"))
            .Total("合计", "100", TotalText(row), "")
            .Zebra(false);
        });
        builder.Note("注：得分为加权后的分值；不计分指标的权重按比例分配至其他指标，各项得分之和加上加减分即为总分。");
        builder.Figures(
            new Figure("总分", TotalText(row), "分"),
            new Figure("名次", $"第 {row.Rank} 名 / 共 {data.UnitsRanked} 个单位"),
            new Figure("等次", AnnualReportDocument.GradeName(row.Grade)));
        if (row.TotalClamped)
        {
            builder.Note($"注：{ClampedMark} 各项得分之和加上加减分为{(row.Total <= 0m ? "负数" : "超过100分")}，总分按{row.Total.ToString("0", CultureInfo.InvariantCulture)}分计（总分限于0～100分）。");
        }

        if (row.CappedForDissatisfaction)
        {
            builder.Note("注：不满意评价超过三分之一，等次不得评为优秀。");
        }

        builder.Heading("二、群众评议情况");
        builder.Paragraph(row.RatingsCount == 0
            ? "本年度未收到居民代表对本单位的评价。"
            : $"本年度居民代表对本单位共作出评价{row.RatingsCount}票，其中满意{row.Satisfied}票、基本满意{row.BasicallySatisfied}票、不满意{row.Dissatisfied}票"
              + (row.InsufficientSample ? "，评价不足10票，样本不足，仅供参考。" : "。"));
        if (data.Comments.Count > 0)
        {
            builder.Table(t => t
                .Caption("居民代表意见（照录）")
                .Column("序号", 0.5f, CellAlign.Center)
                .Column("意见内容", 6f)
                .Rows(data.Comments.Select((c, i) => (c, i)), x => [(x.i + 1).ToString(CultureInfo.InvariantCulture), x.c]));
        }
        else
        {
            builder.Note("居民代表未留下书面意见。");
        }

        builder.Heading("三、街道大党工委意见");
        builder.Table(t => t
            .Column("意见", 6.5f)
            .Row("（由街道大党工委填写）\n\n\n\n\n")
            .Zebra(false));

        builder.Signature(data.CommitteeName, data.IssuedOn, "经办人：＿＿＿＿＿＿", "单位签收：＿＿＿＿＿＿");
        return builder.Build();
    }

    private static string W(int weight) => weight.ToString(CultureInfo.InvariantCulture);

    internal static string P(decimal? points) => points is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) : "不计分";

    /// <summary>Marks a total clamped to 0–100 after its adjustment (explained by <see cref="ClampedNote"/>).</summary>
    internal const string ClampedMark = "▲";

    internal const string ClampedNote = "；“▲”表示加减分后总分超出0～100分，已按0或100分计";

    internal static string TotalText(AssessmentRow row) =>
        row.Total.ToString("0.0", CultureInfo.InvariantCulture) + (row.TotalClamped ? ClampedMark : "");

    internal static string Signed(decimal value) => value == 0m ? "0" : value.ToString("+0.0;-0.0", CultureInfo.InvariantCulture);

    internal static string Percent(decimal ratio) => (ratio * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
