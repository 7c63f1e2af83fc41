using System.Globalization;
using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Reports;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary>
/// 需求办理情况通报 as an issued PDF: the street committee's notice of a finished month, per member unit (dispatches and
/// answers, needs done and done on time, residents' ratings and satisfaction), totals and how the figures are counted.
/// Unit names and figures only, no one's personal data (rule 10).
/// </summary>
public static class NeedNoticeDocument
{
    public static string Title(string streetName, DateOnly month) => $"{streetName}{MonthName(month)}需求办理情况通报";

    public static string MonthName(DateOnly month) => $"{month.Year}年{month.Month}月";

    public static Document Compose(NeedNotice notice, string committeeName, DateOnly issuedOn, DateTimeOffset createdAt)
    {
        var month = MonthName(notice.Month);
        var last = notice.Month.AddMonths(1).AddDays(-1);
        var title = Title(notice.StreetName, notice.Month);
        var t = notice.Total;
        var builder = new DocumentBuilder(new DocumentMetadata(title, committeeName, "需求办理情况通报", createdAt)
            {
                Keywords = $"{committeeName};{notice.StreetName};{month};需求办理情况通报",
            })
            .Header(committeeName, $"{month}需求办理情况通报")
            .Masthead(committeeName, leftNote: notice.StreetName, rightNote: ChineseDate.Format(issuedOn))
            .Title(title, $"（{ChineseDate.Format(notice.Month)}至{ChineseDate.Format(last)}）")
            .Paragraph("各成员单位：", firstLineIndent: false)
            .Paragraph($"为推动驻街单位资源与群众需求精准对接、及时办结，现将{month}{notice.StreetName}各成员单位办理群众需求的情况通报如下。")
            .Figures(
                new Figure("派单", Count(t.Dispatched), "件"),
                new Figure("接单", Count(t.Accepted), "件"),
                new Figure("办结", Count(t.Done), "件"),
                new Figure("按期办结率", OnTimeRate(t), null),
                new Figure("群众评价", Count(t.Ratings), "条"),
                new Figure("满意度", Satisfaction(t), null));

        builder.Heading("一、总体情况");
        builder.Paragraph(Overview(notice, month));

        builder.Heading("二、各成员单位派单答复及办结情况");
        builder.Table(table =>
        {
            table
                .Caption($"表1 {month}各成员单位派单答复及办结情况")
                .Column("成员单位", 2.4f)
                .Column("派单", 0.8f, CellAlign.Right)
                .Column("接单", 0.8f, CellAlign.Right)
                .Column("谢绝", 0.8f, CellAlign.Right)
                .Column("超时未答复", 1.4f, CellAlign.Right)
                .Column("办结", 0.8f, CellAlign.Right)
                .Column("按期办结", 1.1f, CellAlign.Right)
                .Column("按期办结率", 1.4f, CellAlign.Right)
                .Rows(notice.Units, r =>
                [
                    r.UnitName, Count(r.Dispatched), Count(r.Accepted), Count(r.Declined), Count(r.Expired), Count(r.Done), Count(r.DoneOnTime), OnTimeRate(r),
                ])
                .Empty("本月没有派单、办结或群众评价。");
            if (notice.Units.Count > 0)
            {
                table.Total("合计", Count(t.Dispatched), Count(t.Accepted), Count(t.Declined), Count(t.Expired), Count(t.Done), Count(t.DoneOnTime), OnTimeRate(t));
            }
        });

        builder.Heading("三、群众评价情况");
        var rated = notice.Units.Where(r => r.Ratings > 0).ToList();
        builder.Table(table =>
        {
            table
                .Caption($"表2 {month}各成员单位群众评价情况")
                .Column("成员单位", 2.8f)
                .Column("评价（条）", 1.1f, CellAlign.Right)
                .Column("满意", 0.9f, CellAlign.Right)
                .Column("基本满意", 1f, CellAlign.Right)
                .Column("不满意", 0.9f, CellAlign.Right)
                .Column("满意度", 1f, CellAlign.Right)
                .Rows(rated, r => [r.UnitName, Count(r.Ratings), Count(r.Satisfied), Count(r.BasicallySatisfied), Count(r.Dissatisfied), Satisfaction(r)])
                .Empty("本月没有收到群众对成员单位办理需求的评价。");
            if (rated.Count > 0)
            {
                table.Total("合计", Count(t.Ratings), Count(t.Satisfied), Count(t.BasicallySatisfied), Count(t.Dissatisfied), Satisfaction(t));
            }
        });

        builder.Heading("四、有关说明");
        builder.Paragraph("（一）统计口径：派单、接单、谢绝和超时未答复按派单时间计入当月；办结按办结时间计入当月，按期办结指在认领有效期内办结；群众评价按居民评价时间计入当月。");
        builder.Paragraph("（二）满意度按“满意计1、基本满意计0.6、不满意计0”折算后除以评价条数，与年度评议的计法相同；没有评价的单位不计满意度，以“—”表示。");
        if (notice.MembersDone > 0)
        {
            builder.Paragraph($"（补充）本月另有在职党员个人认领并办结的微心愿{notice.MembersDone}件（其中按期办结{notice.MembersDoneOnTime}件），不计入各成员单位及合计；党员的服务时长经社区确认后计入其所在单位的在职党员报到服务情况。");
        }

        builder.Paragraph($"（三）本通报数据统计截至{ChineseDate.Format(issuedOn)}，只列成员单位名称和统计数字，不含居民个人信息。");
        builder.Paragraph("请各成员单位对照通报情况，及时答复派单、按期办结群众需求；对群众不满意的事项，请会同社区做好回访和整改。");
        builder.Signature(committeeName, issuedOn);
        return builder.Build();
    }

    private static string Overview(NeedNotice notice, string month)
    {
        var t = notice.Total;
        if (notice.Units.Count == 0)
        {
            return $"{month}，{notice.StreetName}没有向成员单位派单，也没有成员单位办结需求或收到群众评价。";
        }

        var dispatchedTo = notice.Units.Count(r => r.Dispatched > 0);
        var unanswered = t.Dispatched - t.Accepted - t.Declined - t.Expired;
        var text = t.Dispatched == 0
            ? $"{month}，街道没有向成员单位派单。"
            : $"{month}，街道共向{dispatchedTo}家成员单位派单{t.Dispatched}件，成员单位接单{t.Accepted}件、谢绝{t.Declined}件、超时未答复{t.Expired}件"
              + (unanswered > 0 ? $"，另有{unanswered}件尚待答复或已随需求撤回而取消。" : "。");
        text += t.Done == 0
            ? "本月没有成员单位办结需求。"
            : $"成员单位办结需求{t.Done}件，其中按期办结{t.DoneOnTime}件，按期办结率{OnTimeRate(t)}。";
        text += t.Ratings == 0
            ? "本月没有收到群众评价。"
            : $"收到群众评价{t.Ratings}条，其中满意{t.Satisfied}条、基本满意{t.BasicallySatisfied}条、不满意{t.Dissatisfied}条，满意度{Satisfaction(t)}。";
        return text;
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string OnTimeRate(NeedNoticeRow row) => row.Done == 0 ? "—" : Percent((decimal)row.DoneOnTime / row.Done);

    private static string Satisfaction(NeedNoticeRow row) => row.Satisfaction is { } s ? Percent(s) : "—";

    private static string Percent(decimal ratio) => (ratio * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

/// <summary>
/// GET /streets/{streetId}/need-notices/{yyyy-MM}.pdf: the monthly notice of a finished month as an issued PDF with a
/// verification code, for the notice's readers (<see cref="GetNeedNotice"/>: the street's staff, its community staff,
/// its organisation department; unit leaders 403, other streets 404). A month not yet over is refused (422): an issued
/// notice is the month's account, and the page shows the month so far. Like every issued document today, each
/// download issues a new copy (own code) drawn from the figures as they stand.
/// </summary>
public sealed class IssueNeedNotice(GetNeedNotice notice, IDbContextFactory<PortalDbContext> dbFactory, BusinessCalendar calendar, ReportIssuer issuer) : IHandler
{
    public async Task<IssuedFile> HandleAsync(Guid streetId, string? month, CancellationToken ct = default)
    {
        var data = await notice.HandleAsync(streetId, month, ct);
        if (!MayIssue(data.Month, calendar.Today))
        {
            throw new PortalValidationException([new("month", "NeedNotice.MonthNotOver", data.Month.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]);
        }

        string committee;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            committee = await db.StreetCommittees.AsNoTracking().Where(c => c.StreetId == streetId).Select(c => c.Name).FirstOrDefaultAsync(ct)
                ?? data.StreetName + "大党工委";
        }

        var document = NeedNoticeDocument.Compose(data, committee, calendar.Today, calendar.UtcNow);
        var title = document.Metadata.Title;
        return await issuer.IssueAsync(new ReportSubject(ReportKind.NeedNotice, title, title + ".pdf")
        {
            StreetId = streetId,
            Year = data.Month.Year,
        }, document, ct);
    }

    /// <summary>Whether the month's notice may be issued as a PDF yet: only once the month is over.</summary>
    public static bool MayIssue(DateOnly month, DateOnly today) => month.AddMonths(1) <= today;
}
