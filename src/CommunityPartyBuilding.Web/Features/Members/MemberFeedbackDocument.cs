using System.Globalization;
using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Notifications;
using CommunityPartyBuilding.Web.Features.Reports;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>One member on the 反馈函: the name as the reader may see it, community, hours, services and the community's remark.</summary>
public sealed record FeedbackMember(string Name, string Community, decimal Hours, IReadOnlyList<string> Services, string? Remark);

public sealed record MemberFeedbackData(string CommitteeName, string StreetName, string UnitName, string PartyOrganisation, int Year, int Quarter,
    DateOnly From, DateOnly To, IReadOnlyList<FeedbackMember> Members, bool NamesMasked, DateOnly IssuedOn);

/// <summary>在职党员社区表现反馈函: the street committee's letter to a unit's Party organisation about its members in the quarter.</summary>
public static class MemberFeedbackDocument
{
    public static string Title(string unitName, int year, int quarter) => $"{unitName}在职党员{year}年第{quarter}季度社区表现反馈函";

    public static Document Compose(MemberFeedbackData d, DateTimeOffset createdAt)
    {
        var title = Title(d.UnitName, d.Year, d.Quarter);
        var builder = new DocumentBuilder(new DocumentMetadata(title, d.CommitteeName, "在职党员社区表现反馈函", createdAt)
            {
                Keywords = $"{d.CommitteeName};{d.Year}年第{d.Quarter}季度;反馈函;{d.UnitName}",
            })
            .Header(d.CommitteeName, "在职党员社区表现反馈函")
            .Title("在职党员社区表现反馈函", $"{d.Year}年第{d.Quarter}季度")
            .Paragraph($"{(string.IsNullOrWhiteSpace(d.PartyOrganisation) ? d.UnitName : d.PartyOrganisation)}：", firstLineIndent: false)
            .Paragraph($"根据在职党员到居住地社区报到工作要求，现将贵单位在职党员{ChineseDate.Format(d.From)}至{ChineseDate.Format(d.To)}在{d.StreetName}各社区报到服务情况反馈如下。");
        var hours = d.Members.Sum(m => m.Hours);
        builder.Figures(
            new Figure("报到党员", d.Members.Count.ToString(CultureInfo.InvariantCulture), "名"),
            new Figure("已确认服务时长", hours.ToString("0.#", CultureInfo.InvariantCulture), "小时"),
            new Figure("参加服务人数", d.Members.Count(m => m.Hours > 0).ToString(CultureInfo.InvariantCulture), "名"));
        builder.Heading("一、党员服务情况");
        builder.Table(t => t
            .Caption("在职党员本季度服务时长及服务内容")
            .Column("序号", 0.5f, CellAlign.Center)
            .Column("姓名", 1f)
            .Column("报到社区", 1.2f)
            .Column("服务时长（小时）", 1f, CellAlign.Center)
            .Column("服务内容", 3f)
            .Rows(d.Members.Select((m, i) => (m, i)), x =>
            [
                (x.i + 1).ToString(CultureInfo.InvariantCulture), x.m.Name, x.m.Community, x.m.Hours.ToString("0.#", CultureInfo.InvariantCulture),
                x.m.Services.Count == 0 ? "本季度无已确认的服务记录" : string.Join("；", x.m.Services),
            ])
            .Empty("本季度无在本街道报到的党员。"));
        builder.Heading("二、社区评语");
        var remarks = d.Members.Where(m => !string.IsNullOrWhiteSpace(m.Remark)).ToList();
        if (remarks.Count == 0)
        {
            builder.Paragraph("本季度社区未作评语。");
        }
        else
        {
            foreach (var m in remarks)
            {
                builder.Paragraph($"{m.Name}（{m.Community}）：{m.Remark}");
            }
        }

        builder.Note("注：服务时长仅计社区已确认的服务记录。" + (d.NamesMasked ? "按个人信息保护规定，姓名以部分遮盖方式显示；完整名单可向报到社区或街道党工委查询。" : ""));
        builder.Paragraph("请贵单位党组织将党员在社区的表现作为党员教育管理和评先评优的参考。", firstLineIndent: true);
        builder.Signature(d.CommitteeName, d.IssuedOn);
        return builder.Build();
    }
}

/// <summary>
/// GET /units/{unitId}/member-feedback.pdf?year=&amp;quarter=: that unit's leaders, its street's staff and the community staff
/// of its street. The letter lists the unit's members registered in the street during the quarter with their confirmed hours
/// and services, and the communities' remarks. Names whole only for rule 10's readers (a member's community staff, street
/// staff); the unit leader's copy masks them (reading whole is audited). Issued when staff issue it, the unit's leaders are told.
/// </summary>
public sealed class IssueMemberFeedback(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar, ReportIssuer issuer) : IHandler
{
    public async Task<IssuedFile> HandleAsync(Guid unitId, int? year, int? quarter, CancellationToken ct = default)
    {
        MemberFeedbackData data;
        Guid streetId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            streetId = await scope.EnsureCanReadUnitAsync(db, unitId, ct);
            var user = scope.User;
            var allowed = user.MayManageStreet(streetId) || (user.IsCommunityStaff && user.StreetId == streetId) || (user.IsUnitLeader && user.UnitId == unitId);
            if (!allowed)
            {
                throw new PortalForbiddenException();
            }

            var today = calendar.Today;
            var failures = new List<ValidationFailure>();
            if (year is not { } y || y < 2000 || y > today.Year)
            {
                failures.Add(new("year", "Validation.Range", "Field.Year", 2000, today.Year));
                y = 0;
            }

            if (quarter is not { } q || q is < 1 or > 4)
            {
                failures.Add(new("quarter", "Validation.Range", "Field.Quarter", 1, 4));
                q = 0;
            }

            PortalValidationException.ThrowIfAny(failures);
            var (from, to) = MemberFigures.QuarterBounds(y, q);
            if (from > today)
            {
                throw new PortalValidationException([new("quarter", "Member.QuarterNotStarted")]);
            }

            data = await ComposeAsync(db, user, unitId, streetId, y, q, from, to, today, ct);
            if (!user.IsUnitLeader)
            {
                await MemberBackToUnit.NotifyUnitLeadersAsync(db, unitId, streetId, NotificationKind.MemberFeedbackAvailable, $"member-feedback:{unitId}:{y}Q{q}",
                    [y.ToString(CultureInfo.InvariantCulture), q.ToString(CultureInfo.InvariantCulture)], $"/units/{unitId}", calendar, ct);
            }

            await db.SaveChangesAsync(ct);
        }

        var document = MemberFeedbackDocument.Compose(data, calendar.UtcNow);
        var title = document.Metadata.Title;
        return await issuer.IssueAsync(new ReportSubject(ReportKind.MemberFeedback, title, title + ".pdf")
        {
            StreetId = streetId,
            Year = data.Year,
            SubjectId = unitId,
        }, document, ct);
    }

    private async Task<MemberFeedbackData> ComposeAsync(PortalDbContext db, PortalUser user, Guid unitId, Guid streetId, int year, int quarter, DateOnly from, DateOnly to,
        DateOnly today, CancellationToken ct)
    {
        var unit = await db.MemberUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Name, u.PartyOrganisationName }).SingleAsync(ct);
        var street = await db.Streets.AsNoTracking().Where(s => s.Id == streetId).Select(s => s.Name).SingleAsync(ct);
        var committee = await db.StreetCommittees.AsNoTracking().Where(c => c.StreetId == streetId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? street + "大党工委";

        // Members in effect at some point of the quarter.
        var registrations = await db.MemberRegistrations.AsNoTracking()
            .Where(r => r.EmployerUnitId == unitId && r.StreetId == streetId
                        && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.MovedAway)
                        && r.RegisteredOn != null && r.RegisteredOn <= to && (r.MovedAwayOn == null || r.MovedAwayOn >= from))
            .Select(r => new { Registration = r, Community = db.Communities.Where(c => c.Id == r.CommunityId).Select(c => c.Name).First() })
            .ToListAsync(ct);
        var ids = registrations.Select(r => r.Registration.Id).ToList();
        var records = await MemberFigureQueries.ConfirmedBetween(db, from, to)
            .Where(s => ids.Contains(s.RegistrationId))
            .Select(s => new
            {
                s.RegistrationId,
                s.Hours,
                Subject = s.PostId != null ? "岗位：" + db.Posts.Where(p => p.Id == s.PostId).Select(p => p.Title).First()
                    : s.NeedId != null ? "需求：" + db.Needs.Where(n => n.Id == s.NeedId).Select(n => n.Title).First()
                    : "项目：" + db.Projects.Where(p => p.Id == s.ProjectId).Select(p => p.Title).First(),
            })
            .ToListAsync(ct);
        var remarks = await db.MemberRemarks.AsNoTracking().Where(r => ids.Contains(r.RegistrationId) && r.Year == year && r.Quarter == quarter)
            .ToDictionaryAsync(r => r.RegistrationId, r => r.Text, ct);

        var masked = false;
        var members = new List<FeedbackMember>();
        foreach (var r in registrations.OrderBy(r => r.Community, StringComparer.Ordinal).ThenBy(r => r.Registration.RegisteredOn))
        {
            var whole = user.MaySeePersonalData(r.Registration);
            if (whole)
            {
                MemberFigureQueries.RecordNameRead(db, user, r.Registration.Id, streetId, r.Registration.Name, calendar.UtcNow);
            }
            else
            {
                masked = true;
            }

            var own = records.Where(x => x.RegistrationId == r.Registration.Id).ToList();
            members.Add(new FeedbackMember(
                whole ? r.Registration.Name : PersonalDataMask.Name(r.Registration.Name),
                r.Community,
                own.Sum(x => x.Hours),
                own.GroupBy(x => x.Subject).Select(g => $"{g.Key}（{g.Count()}次，{g.Sum(x => x.Hours).ToString("0.#", CultureInfo.InvariantCulture)}小时）").ToList(),
                remarks.GetValueOrDefault(r.Registration.Id)));
        }

        return new MemberFeedbackData(committee, street, unit.Name, unit.PartyOrganisationName, year, quarter, from, to, members, masked, today);
    }
}
