using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Data.Seeding;

/// <summary>
/// Two years of 东湖 meetings relative to today: a held joint meeting in every past quarter but one (flagged in the
/// year view), committee meetings, one cancelled meeting, planned ones ahead, realistic attendance and about twenty
/// resolutions in every state, overdue ones included.
/// </summary>
internal static class DemoMeetings
{
    private static readonly string[] Matters =
    [
        "背街小巷环境卫生综合整治", "老旧小区停车难治理", "东湖片区棚户区改造入户动员", "困难群众就业援助专场招聘会",
        "夜间治安联防巡逻", "桃源社区雨污分流改造", "老年助餐点扩面提质", "滨江社区消防通道清障",
        "电动自行车集中充电棚建设", "新就业群体服务驿站建设", "校园周边交通秩序整治", "垃圾分类督导志愿服务",
        "四营社区老旧供水管网改造", "困难家庭冬季走访帮扶", "防范电信诈骗宣传进社区", "机关单位停车位错时共享",
        "健康义诊进社区", "老旧楼道杂物清理", "退役军人就业帮扶", "汛期防汛隐患排查",
    ];

    // Oldest first. C completed, L completed late, O overdue (in progress), X overdue (not started), P in progress, S due within 7 days, N not started.
    private const string States = "CCLOCCCXLCCPOPCSNPNP";

    public static async Task SeedAsync(PortalDbContext db, Guid streetId, string streetName, Dictionary<string, MemberUnit> units, DateTimeOffset now, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var random = new Random(2026);
        var current = Quarter.Of(today);
        var missing = Back(current, 2);
        var meetings = new List<Meeting>();
        var attendance = new List<MeetingAttendance>();
        var heldJoint = new List<(Meeting Meeting, int Present)>();

        DateTimeOffset At(DateOnly date, int hour, int minute) =>
            new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute)), zone.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();

        Meeting Add(MeetingKind kind, string title, DateOnly date, MeetingStatus status, string[] agenda, string? minutes = null)
        {
            var meeting = new Meeting
            {
                StreetId = streetId,
                Kind = kind,
                Title = title,
                ScheduledAt = At(date, 14, 30),
                MeetingDate = date,
                Place = kind == MeetingKind.JointMeeting ? "东湖街道党群服务中心三楼会议室" : "东湖街道办事处二楼会议室",
                Convener = "王建华",
                Status = status,
                Agenda = [.. agenda],
                SittingIn = kind == MeetingKind.JointMeeting ? ["东湖派出所", "区城管执法中队"] : [],
                Minutes = minutes,
                HeldAt = status == MeetingStatus.Held ? At(date, 17, 0) : null,
            };
            meetings.Add(meeting);
            var present = 0;
            foreach (var unit in units.Values.Where(u => QuorumRules.IsActiveOn(u.JoinedOn, u.WithdrawnOn, date)))
            {
                var row = new MeetingAttendance { StreetId = streetId, MeetingId = meeting.Id, UnitId = unit.Id };
                if (status == MeetingStatus.Held)
                {
                    var roll = random.Next(100);
                    row.Status = roll < 72 ? AttendanceStatus.Present : roll < 84 ? AttendanceStatus.Delegated : roll < 95 ? AttendanceStatus.Excused : AttendanceStatus.Absent;
                    row.Reply = row.Status switch
                    {
                        AttendanceStatus.Present => InvitationReply.Attend,
                        AttendanceStatus.Delegated => InvitationReply.Delegate,
                        AttendanceStatus.Excused => InvitationReply.Leave,
                        _ => InvitationReply.None,
                    };
                    row.ReplyNote = row.Status switch
                    {
                        AttendanceStatus.Delegated => "委托党支部副书记参会",
                        AttendanceStatus.Excused => "外出参加上级会议",
                        _ => null,
                    };
                    present += row.Status is AttendanceStatus.Present or AttendanceStatus.Delegated ? 1 : 0;
                }

                attendance.Add(row);
            }

            if (kind == MeetingKind.JointMeeting && status == MeetingStatus.Held)
            {
                heldJoint.Add((meeting, present));
            }

            return meeting;
        }

        for (var back = 7; back >= 1; back--)
        {
            var quarter = Back(current, back);
            var name = $"{quarter.Year}年第{quarter.Number}季度";
            if (quarter != missing)
            {
                Add(MeetingKind.JointMeeting, $"{name}大党工委联席会议", quarter.Start.AddDays(40 + random.Next(20)), MeetingStatus.Held,
                    ["通报上季度决议落实情况", "研究辖区共驻共建重点事项", "审议本季度共建项目清单"],
                    "会议通报了上季度决议事项落实情况，听取了成员单位共建项目进展汇报，研究确定了本季度重点事项并形成决议。");
            }
            else
            {
                // The quarter whose joint meeting was never held: only a special meeting, which does not count.
                Add(MeetingKind.Special, $"{name}防汛工作专题会议", quarter.Start.AddDays(25), MeetingStatus.Held,
                    ["部署汛期隐患排查"], "会议部署了汛期防汛隐患排查工作。");
                Add(MeetingKind.JointMeeting, $"{name}大党工委联席会议", quarter.Start.AddDays(70), MeetingStatus.Cancelled,
                    ["研究辖区共驻共建重点事项"]);
            }

            if (back % 2 == 1)
            {
                Add(MeetingKind.CommitteeMeeting, $"{name}大党工委委员会议", quarter.Start.AddDays(15 + random.Next(10)), MeetingStatus.Held,
                    ["学习传达上级精神", "研究联席会议议题"], "会议学习传达了上级关于党建引领基层治理的精神，研究确定了联席会议议题。");
            }
        }

        var nextJoint = Quarter.Of(today.AddDays(10)) == current ? today.AddDays(10) : current.End;
        Add(MeetingKind.JointMeeting, $"{current.Year}年第{current.Number}季度大党工委联席会议", nextJoint, MeetingStatus.Planned,
            ["通报上季度决议落实情况", "研究冬季治安巡逻和困难家庭帮扶", "年度共建项目评议准备"]);
        Add(MeetingKind.Special, "停车难治理专题会议", today.AddDays(3), MeetingStatus.Planned, ["研究机关单位停车位错时共享方案"]);

        db.Meetings.AddRange(meetings);
        db.MeetingAttendances.AddRange(attendance);

        var procuratorate = units["东湖区人民检察院"];
        var power = units["国网东湖供电公司"];
        var sequences = new Dictionary<int, int>();
        var resolutions = new List<Resolution>();
        var updates = new List<ResolutionProgress>();
        var prefix = ResolutionNumber.Prefix(streetName);
        for (var i = 0; i < Matters.Length; i++)
        {
            var (meeting, present) = heldJoint[i * heldJoint.Count / Matters.Length];
            var date = meeting.MeetingDate;
            var active = units.Values.Where(u => QuorumRules.IsActiveOn(u.JoinedOn, u.WithdrawnOn, date) && u.Id != procuratorate.Id && u.Id != power.Id).ToList();
            var lead = (i % 4) switch { 0 => procuratorate, 1 => power, _ => active[(i * 5) % active.Count] };
            var cooperating = (i % 4) switch
            {
                0 => new[] { power.Id, active[(i * 3) % active.Count].Id },
                1 => [active[(i * 7) % active.Count].Id],
                2 => [procuratorate.Id],
                _ => [active[(i * 3 + 1) % active.Count].Id, active[(i * 11 + 2) % active.Count].Id],
            };
            var sequence = sequences[date.Year] = sequences.GetValueOrDefault(date.Year) + 1;
            var state = States[i];
            var resolution = new Resolution
            {
                StreetId = streetId,
                MeetingId = meeting.Id,
                Year = date.Year,
                Sequence = sequence,
                Number = ResolutionNumber.Format(prefix, date.Year, sequence),
                Title = Matters[i],
                Content = $"由{lead.Name}牵头，会同配合单位制定工作方案，明确责任人和时间节点，按期报送落实进展。",
                VotesFor = present - i % 3,
                VotesAgainst = i % 3 == 1 ? 1 : 0,
                VotesAbstain = i % 3 == 2 ? 2 : i % 3,
                LeadUnitId = lead.Id,
                CooperatingUnitIds = cooperating.Where(id => id != lead.Id).Distinct().ToList(),
                CreatedAt = meeting.HeldAt!.Value,
            };
            resolution.VotesAbstain = Math.Max(0, present - resolution.VotesFor - resolution.VotesAgainst);
            switch (state)
            {
                case 'C':
                    resolution.Deadline = date.AddDays(90);
                    resolution.CompletedOn = Min(date.AddDays(75), today.AddDays(-1));
                    break;
                case 'L':
                    resolution.Deadline = date.AddDays(60);
                    resolution.CompletedOn = Min(date.AddDays(80), today.AddDays(-1));
                    break;
                case 'O' or 'X':
                    resolution.Deadline = Min(date.AddDays(60), today.AddDays(-3));
                    break;
                case 'S':
                    resolution.Deadline = today.AddDays(4);
                    break;
                default:
                    resolution.Deadline = today.AddDays(20 + i * 3);
                    break;
            }

            resolution.Status = state switch
            {
                'C' or 'L' => ResolutionStatus.Completed,
                'X' or 'N' => ResolutionStatus.NotStarted,
                _ => ResolutionStatus.InProgress,
            };
            resolution.Percent = state switch { 'C' or 'L' => 100, 'O' => 60, 'P' or 'S' => 30 + i * 2, _ => 0 };
            resolutions.Add(resolution);
            if (resolution.Status != ResolutionStatus.NotStarted)
            {
                var reported = Min(date.AddDays(30), today.AddDays(-1));
                updates.Add(Update(resolution, lead.Id, Math.Min(resolution.Percent, 40), reported, $"已制定{Matters[i]}工作方案，完成前期摸排。"));
                if (resolution.Percent > 40)
                {
                    updates.Add(Update(resolution, cooperating[0], resolution.Percent, Min(reported.AddDays(20), today.AddDays(-1)),
                        resolution.Status == ResolutionStatus.Completed ? "各项任务已全部完成，群众反映良好。" : "配合单位已投入志愿者和物资，整体推进过半。"));
                }
            }
        }

        db.Resolutions.AddRange(resolutions);
        db.ResolutionProgress.AddRange(updates);
        await db.SaveChangesAsync(ct);

        ResolutionProgress Update(Resolution r, Guid unitId, int percent, DateOnly on, string text) => new()
        {
            StreetId = streetId,
            ResolutionId = r.Id,
            UnitId = unitId,
            Percent = percent,
            Text = text,
            ReportedOn = on,
            PostedAt = At(on, 10, 0),
            PostedBy = units.Values.First(u => u.Id == unitId).ContactPerson,
        };
    }

    private static Quarter Back(Quarter quarter, int count)
    {
        var index = quarter.Year * 4 + quarter.Number - 1 - count;
        return new Quarter(index / 4, index % 4 + 1);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
