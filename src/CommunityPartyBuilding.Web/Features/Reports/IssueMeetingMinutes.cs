using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>
/// The minutes of a held meeting as an issued PDF. Whoever may read the meeting may download them (the meeting
/// read handler decides: staff and organisation departments of its street, leaders of invited units; others
/// get 404), and they contain what that reader may see.
/// </summary>
public sealed class IssueMeetingMinutes(
    GetMeeting getMeeting,
    IDbContextFactory<PortalDbContext> dbFactory,
    ScopeGuard scope,
    BusinessCalendar calendar,
    ReportIssuer issuer) : IHandler
{
    public async Task<IssuedFile> HandleAsync(Guid meetingId, CancellationToken ct = default)
    {
        var meeting = await getMeeting.HandleAsync(meetingId, ct);
        if (meeting.Status != MeetingStatus.Held)
        {
            throw new PortalConflictException("Reports.MinutesNotHeld");
        }

        string committeeName;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            committeeName = await db.StreetCommittees.Where(c => c.StreetId == meeting.StreetId).Select(c => c.Name).FirstOrDefaultAsync(ct)
                ?? meeting.StreetName + "大党工委";
        }

        var document = MeetingMinutesDocument.Compose(meeting, committeeName, calendar.TimeZone, scope.User.IsUnitLeader, calendar.UtcNow);
        var title = document.Metadata.Title;
        return await issuer.IssueAsync(new ReportSubject(ReportKind.MeetingMinutes, title, title + ".pdf")
        {
            StreetId = meeting.StreetId,
            Year = meeting.MeetingDate.Year,
            SubjectId = meeting.Id,
        }, document, ct);
    }
}
