using System.Globalization;
using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Reports;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Members;

public sealed record CommendationData(string CommitteeName, string CommunityName, string UnitName, string PartyOrganisation, string MemberName, bool NameMasked,
    int Year, decimal YearHours, string Citation, DateOnly NamedOn);

/// <summary>喜报: a member named outstanding (优秀在职党员) for a year, addressed to the member's unit.</summary>
public static class CommendationDocument
{
    public static string Title(string memberName, int year) => $"{year}年度优秀在职党员喜报（{memberName}）";

    public static Document Compose(CommendationData d, DateTimeOffset createdAt)
    {
        var builder = new DocumentBuilder(new DocumentMetadata(Title(d.MemberName, d.Year), d.CommitteeName, "喜报", createdAt)
            {
                Keywords = $"{d.CommitteeName};{d.Year}年度;喜报;{d.UnitName}",
            })
            .Header(d.CommitteeName, "喜报")
            .Title("喜　报", $"{d.Year}年度优秀在职党员")
            .Paragraph($"{(string.IsNullOrWhiteSpace(d.PartyOrganisation) ? d.UnitName : d.PartyOrganisation)}：", firstLineIndent: false)
            .Paragraph($"贵单位党员{d.MemberName}同志到{d.CommunityName}报到以来，积极参加社区服务，{d.Year}年度经社区确认的志愿服务时长{d.YearHours.ToString("0.#", CultureInfo.InvariantCulture)}小时，"
                + $"经{d.CommunityName}党组织评议，被评为{d.Year}年度优秀在职党员。特此报喜！")
            .Figures(
                new Figure("年度服务时长", d.YearHours.ToString("0.#", CultureInfo.InvariantCulture), "小时"),
                new Figure("评定年度", $"{d.Year}年度"))
            .Heading("主要事迹")
            .Paragraph(d.Citation);
        if (d.NameMasked)
        {
            builder.Note("注：按个人信息保护规定，姓名以部分遮盖方式显示。");
        }

        return builder.Signature(d.CommitteeName, d.NamedOn).Build();
    }
}

/// <summary>
/// GET /member-registrations/{id}/commendation.pdf?year=: the member, their community's staff, their street's staff and the
/// employer unit's leaders (<see cref="MemberAccess.VisibleRegistrations"/>), for a standing commendation of that year (409
/// when it was withdrawn, 404 when there never was one). The name is whole for rule 10's readers, masked for the unit's leaders.
/// </summary>
public sealed class IssueCommendation(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar, ReportIssuer issuer) : IHandler
{
    public async Task<IssuedFile> HandleAsync(Guid registrationId, int? year, CancellationToken ct = default)
    {
        CommendationData data;
        MemberRegistration registration;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            registration = await scope.VisibleRegistrations(db).FirstOrDefaultAsync(r => r.Id == registrationId, ct)
                ?? throw new PortalNotFoundException("Error.NotFound");
            var commendations = await db.MemberCommendations.AsNoTracking()
                .Where(c => c.RegistrationId == registrationId && (year == null || c.Year == year))
                .ToListAsync(ct);
            var commendation = commendations.Where(c => c.WithdrawnAt is null).MaxBy(c => c.Year);
            if (commendation is null)
            {
                // A withdrawn commendation's 喜报 is no longer issued: say so, rather than that there never was one.
                if (commendations.MaxBy(c => c.Year) is { } withdrawn)
                {
                    throw new PortalConflictException("Member.CommendationWithdrawnNoPdf", withdrawn.Year);
                }

                throw new PortalNotFoundException("Member.CommendationNotFound");
            }

            var user = scope.User;
            var whole = user.MaySeePersonalData(registration);
            if (whole && user.MemberRegistrationId != registration.Id)
            {
                MemberFigureQueries.RecordNameRead(db, user, registration.Id, registration.StreetId, registration.Name, calendar.UtcNow);
                await db.SaveChangesAsync(ct);
            }

            var y = commendation.Year;
            var hours = await MemberFigureQueries.ConfirmedBetween(db, new DateOnly(y, 1, 1), new DateOnly(y, 12, 31))
                .Where(s => s.RegistrationId == registrationId).SumAsync(s => (decimal?)s.Hours, ct) ?? 0m;
            var community = await db.Communities.AsNoTracking().Where(c => c.Id == registration.CommunityId).Select(c => c.Name).SingleAsync(ct);
            var committee = await db.StreetCommittees.AsNoTracking().Where(c => c.StreetId == registration.StreetId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
            var unitParty = registration.EmployerUnitId is { } unitId
                ? await db.MemberUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.PartyOrganisationName).FirstOrDefaultAsync(ct)
                : null;
            data = new CommendationData(committee, community, registration.EmployerName, unitParty ?? registration.EmployerPartyOrganisation,
                whole ? registration.Name : PersonalDataMask.Name(registration.Name), !whole, y, hours, commendation.Citation,
                calendar.DateOf(commendation.NamedAt));
        }

        var document = CommendationDocument.Compose(data, calendar.UtcNow);

        // The issued record's title is what the public verification page shows to anyone holding the code: the name
        // masked there (rule 10), whoever downloaded. The file itself, and its name, are the reader's.
        var publicTitle = CommendationDocument.Title(PersonalDataMask.Name(registration.Name), data.Year);
        return await issuer.IssueAsync(new ReportSubject(ReportKind.Commendation, publicTitle, document.Metadata.Title + ".pdf")
        {
            StreetId = registration.StreetId,
            Year = data.Year,
            SubjectId = registrationId,
        }, document, ct);
    }
}
