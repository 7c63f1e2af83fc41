using System.Globalization;
using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Web.Features.Dashboard;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>
/// 区域汇总: every street of an organisation department side by side for a year (the figures of its portal, from the
/// same SQL aggregates), with a chart of mean scores. Mean scores and grades only come from finalised campaigns.
/// </summary>
public static class DistrictSummaryDocument
{
    public static Document Compose(DepartmentOverview overview, DateOnly issuedOn, DateTimeOffset createdAt)
    {
        var title = $"{overview.DepartmentName}{overview.Year}年度街道共驻共建工作汇总";
        var rows = overview.Streets;
        var builder = new DocumentBuilder(new DocumentMetadata(title, overview.DepartmentName, "街道共驻共建工作汇总", createdAt))
            .Header(overview.DepartmentName, $"{overview.Year}年度街道汇总")
            .Masthead(overview.DepartmentName, rightNote: ChineseDate.Format(issuedOn))
            .Title(title)
            .Figures(
                new Figure("街道", rows.Count.ToString(CultureInfo.InvariantCulture), "个"),
                new Figure("成员单位", rows.Sum(r => r.Units).ToString(CultureInfo.InvariantCulture), "家"),
                new Figure("核实活动", rows.Sum(r => r.VerifiedActivities).ToString(CultureInfo.InvariantCulture), "项"),
                new Figure("志愿服务", rows.Sum(r => r.VolunteerHours).ToString("0.#", CultureInfo.InvariantCulture), "小时"))
            .Paragraph($"本汇总反映{overview.DepartmentName}所辖{rows.Count}个街道{overview.Year}年度共驻共建工作情况，数据截至{ChineseDate.Format(overview.Today)}。"
                + "联席会议达标指已过季度中召开联席会议达到大党工委最低次数的季度；决议按期办结率指当年到期并已办结的决议中按期办结的比例；平均分与等次分布取自已定稿的年度评议。")
            .Heading("一、各街道情况")
            .Table(t => t
                .Caption("表1 各街道共驻共建工作情况")
                .Column("街道", 1.9f)
                .Column("成员单位", 1, CellAlign.Right)
                .Column("核实活动", 1, CellAlign.Right)
                .Column("志愿时长", 1.1f, CellAlign.Right)
                .Column("联席会议达标", 1.3f, CellAlign.Center)
                .Column("决议按期率", 1.1f, CellAlign.Right)
                .Column("评议状态", 1.1f, CellAlign.Center)
                .Column("平均分", 0.9f, CellAlign.Right)
                .Column("优/良/中/差", 1.8f, CellAlign.Center)
                .Rows(rows, r =>
                [
                    r.StreetName,
                    r.Units.ToString(CultureInfo.InvariantCulture),
                    r.VerifiedActivities.ToString(CultureInfo.InvariantCulture),
                    r.VolunteerHours.ToString("0.#", CultureInfo.InvariantCulture),
                    r.JointMeetingQuartersDue == 0 ? "—" : $"{r.JointMeetingQuartersMet}/{r.JointMeetingQuartersDue}",
                    r.ResolutionsOnTimeRate is { } rate ? (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—",
                    StatusName(r.EvaluationStatus),
                    r.MeanScore is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) : "—",
                    r.Grades is { } g ? $"{g.Excellent}/{g.Good}/{g.Fair}/{g.Poor}" : "—",
                ])
                .Empty("本年度没有街道数据。"));

        var scored = rows.Where(r => r.MeanScore is not null).ToList();
        if (scored.Count > 0)
        {
            var names = scored.Select(r => r.StreetName).ToArray();
            var means = scored.Select(r => (double)r.MeanScore!.Value).ToArray();
            builder.Heading("二、年度考核平均分").Chart(plot =>
            {
                var bars = plot.Add.Bars(means.Select((v, i) => new ScottPlot.Bar { Position = names.Length - 1 - i, Value = v, Size = 0.6 }).ToArray());
                bars.Horizontal = true;
                plot.Axes.Left.SetTicks([.. Enumerable.Range(0, names.Length).Select(i => (double)(names.Length - 1 - i))], names);
                plot.Axes.Left.TickLabelStyle.FontSize = names.Length > 25 ? 8 : 10;
                plot.Axes.Bottom.Label.Text = "平均分";
                plot.Axes.SetLimits(0, 105, -0.6, names.Length - 0.4);
            }, height: Math.Max(160f, (names.Length > 25 ? 15f : 22f) * names.Length + 60f), caption: "图1 各街道成员单位考核平均分（已定稿）");
        }
        else
        {
            builder.Note("本年度尚无已定稿的年度评议，暂无考核平均分。");
        }

        builder.Signature(overview.DepartmentName, issuedOn);
        return builder.Build();
    }

    private static string StatusName(EvaluationStatus? status) => status is { } s ? AnnualReportDocument.StatusName(s) : "未开展";
}

/// <summary>The district summary as an issued PDF, for the organisation department itself (and administrators).</summary>
public sealed class IssueDistrictSummary(GetDepartmentOverview overview, BusinessCalendar calendar, ReportIssuer issuer) : IHandler
{
    public async Task<IssuedFile> HandleAsync(Guid departmentId, int? year, CancellationToken ct = default)
    {
        var data = await overview.HandleAsync(departmentId, year, ct);
        var document = DistrictSummaryDocument.Compose(data, calendar.Today, calendar.UtcNow);
        var title = document.Metadata.Title;
        return await issuer.IssueAsync(new ReportSubject(ReportKind.DistrictSummary, title, title + ".pdf")
        {
            OrganisationDepartmentId = departmentId,
            Year = data.Year,
        }, document, ct);
    }
}
