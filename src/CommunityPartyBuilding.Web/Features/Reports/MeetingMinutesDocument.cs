using System.Globalization;
using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Web.Features.Meetings;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>
/// 会议纪要 of a held meeting, as the committee would sign and send it: red masthead, title, the meeting's facts,
/// attendance with the quorum line, agenda, minutes, resolutions, 落款 with seal box and the distribution line.
/// Official documents are issued in Chinese whatever the reader's interface language, so the wording is here.
/// </summary>
public static class MeetingMinutesDocument
{
    /// <summary>东湖街道大党工委 + 2026年第三季度联席会议 + 纪要.</summary>
    public static string Title(string committeeName, string meetingTitle)
    {
        var streetName = committeeName.EndsWith("大党工委", StringComparison.Ordinal) ? committeeName[..^"大党工委".Length] : committeeName;
        var title = meetingTitle.StartsWith(committeeName, StringComparison.Ordinal) || meetingTitle.StartsWith(streetName, StringComparison.Ordinal)
            ? meetingTitle
            : committeeName + meetingTitle;
        return title.EndsWith("纪要", StringComparison.Ordinal) ? title : title + "纪要";
    }

    /// <param name="meeting">The meeting as the reader may see it (a unit leader: their own unit's row).</param>
    /// <param name="committeeName">东湖街道大党工委.</param>
    /// <param name="zone">The street's time zone (meeting times are printed in it).</param>
    /// <param name="ownUnitOnly">The reader is a unit leader: say that the lists hold their own unit only.</param>
    /// <param name="createdAt">The document's creation time (the issuer replaces it with the issue time).</param>
    public static Document Compose(MeetingDetail meeting, string committeeName, TimeZoneInfo zone, bool ownUnitOnly, DateTimeOffset createdAt)
    {
        var title = Title(committeeName, meeting.Title);
        var date = meeting.MeetingDate;
        var local = TimeZoneInfo.ConvertTime(meeting.ScheduledAt, zone).DateTime;
        var quorum = meeting.Quorum;
        var builder = new DocumentBuilder(new DocumentMetadata(title, committeeName, "会议纪要", createdAt) { Keywords = $"{committeeName};{KindName(meeting.Kind)};会议纪要" })
            .Header(committeeName, "会议纪要")
            .Masthead(committeeName + "会议纪要", leftNote: committeeName + "办公室", rightNote: ChineseDate.Format(date))
            .Title(title)
            .Facts(
            [
                new("会议类型", KindName(meeting.Kind)),
                new("会议时间", ChineseDate.Format(local)),
                new("会议地点", Or(meeting.Place)),
                new("召集人", Or(meeting.Convener)),
                new("应到单位", $"{quorum.ActiveUnits}家"),
                new("实到单位", $"{quorum.PresentOrDelegated}家（含委托）"),
                new("列席单位", meeting.SittingIn.Count == 0 ? "无" : string.Join("、", meeting.SittingIn)),
                new("记录时间", meeting.HeldAt is { } held ? ChineseDate.Format(TimeZoneInfo.ConvertTime(held, zone).DateTime) : "—"),
            ]);

        builder.Heading("一、出席情况")
            .Paragraph(QuorumLine(quorum));
        if (ownUnitOnly)
        {
            builder.Note("注：本件按查阅单位的权限生成，出席情况和决议事项仅列出本单位的内容。");
        }

        var attendance = meeting.Attendance.Select((a, i) => new[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture),
            a.UnitName,
            StatusName(a.Status),
            a.Status is AttendanceStatus.Delegated or AttendanceStatus.Excused ? a.ReplyNote ?? "" : "",
        });
        builder.Table(t => t
            .Caption("成员单位出席情况")
            .Column("序号", 0.55f, CellAlign.Center)
            .Column("成员单位", 3.2f)
            .Column("出席情况", 0.9f, CellAlign.Center)
            .Column("受托人 / 请假事由", 2.4f)
            .Rows(attendance, row => row)
            .Empty("（无受邀单位）"));

        builder.Heading("二、会议议题");
        if (meeting.Agenda.Count == 0)
        {
            builder.Paragraph("本次会议未列议题。");
        }

        for (var i = 0; i < meeting.Agenda.Count; i++)
        {
            builder.Paragraph($"{i + 1}. {meeting.Agenda[i]}", firstLineIndent: true);
        }

        builder.Heading("三、会议纪要");
        foreach (var paragraph in (meeting.Minutes ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            builder.Paragraph(paragraph);
        }

        if (string.IsNullOrWhiteSpace(meeting.Minutes))
        {
            builder.Paragraph("（未填写纪要内容。）");
        }

        builder.Heading("四、会议决议");
        if (meeting.Resolutions.Count == 0)
        {
            builder.Paragraph("本次会议未形成决议。");
        }
        else
        {
            builder.Paragraph($"会议审议通过决议{meeting.Resolutions.Count}项，由牵头单位会同配合单位按期落实，街道大党工委跟踪督办。");
            builder.Table(t => t
                .Caption("会议决议事项")
                .Column("决议编号", 2.2f, CellAlign.Center)
                .Column("决议事项", 2.4f)
                .Column("赞成", 0.72f, CellAlign.Center)
                .Column("反对", 0.72f, CellAlign.Center)
                .Column("弃权", 0.72f, CellAlign.Center)
                .Column("牵头单位（配合单位）", 2.4f)
                .Column("完成时限", 2.2f, CellAlign.Center)
                .Rows(meeting.Resolutions, r =>
                [
                    r.Number,
                    r.Title,
                    r.VotesFor.ToString(CultureInfo.InvariantCulture),
                    r.VotesAgainst.ToString(CultureInfo.InvariantCulture),
                    r.VotesAbstain.ToString(CultureInfo.InvariantCulture),
                    r.LeadUnitName + (r.CooperatingUnits.Count == 0 ? "" : $"（{string.Join("、", r.CooperatingUnits.Select(u => u.Name))}）"),
                    ChineseDate.Format(r.Deadline),
                ]));
        }

        builder.Signature(committeeName, date, $"主持人：{Or(meeting.Convener)}", "记录人：＿＿＿＿＿＿")
            .Spacer(6f)
            .Note("分送：各成员单位" + (meeting.SittingIn.Count == 0 ? "" : "，" + string.Join("、", meeting.SittingIn)) + "。");
        return builder.Build();
    }

    /// <summary>The quorum sentence of rule 1.</summary>
    public static string QuorumLine(QuorumResult quorum)
    {
        var percent = (quorum.Fraction * 100m).ToString("0.##", CultureInfo.InvariantCulture);
        return quorum.Reached
            ? $"本次会议应到成员单位{quorum.ActiveUnits}家，实到（含委托）{quorum.PresentOrDelegated}家，超过在册成员单位的{percent}%（至少{quorum.Required}家），符合议事规则规定的法定人数，会议有效。"
            : $"本次会议应到成员单位{quorum.ActiveUnits}家，实到（含委托）{quorum.PresentOrDelegated}家，未超过在册成员单位的{percent}%（至少需{quorum.Required}家），不能作出决议。";
    }

    public static string KindName(MeetingKind kind) => kind switch
    {
        MeetingKind.JointMeeting => "联席会议",
        MeetingKind.CommitteeMeeting => "大党工委会议",
        _ => "专题会议",
    };

    public static string StatusName(AttendanceStatus? status) => status switch
    {
        AttendanceStatus.Present => "出席",
        AttendanceStatus.Delegated => "委托",
        AttendanceStatus.Excused => "请假",
        AttendanceStatus.Absent => "缺席",
        _ => "未登记",
    };

    private static string Or(string? value) => string.IsNullOrWhiteSpace(value) ? "—" : value;
}
