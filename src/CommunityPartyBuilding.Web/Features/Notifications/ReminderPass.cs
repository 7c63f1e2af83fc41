using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Committees;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Notifications;

/// <summary>What one reminder pass did: whether it ran (another instance may hold the lock) and how many notifications it created.</summary>
public sealed record ReminderRun(bool Ran, int Created);

/// <summary>
/// One reminder pass over every street: set-based <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c> statements, one per
/// kind of reminder, in one transaction. The unique index on (recipient, item, day) is what guarantees one notification
/// per person, item and day however many passes run at once; a transaction-scoped advisory lock only spares a second
/// instance the work (it skips while another pass runs).
/// </summary>
public sealed class ReminderPass(IDbContextFactory<PortalDbContext> dbFactory, BusinessCalendar calendar)
{
    /// <summary>pg_try_advisory_xact_lock key of the reminder pass ("CPBRMNDR").</summary>
    public const long LockKey = 0x4350_4252_4D4E_4452;

    private static readonly string Staff = nameof(PortalRole.StreetStaff);
    private static readonly string Leader = nameof(PortalRole.UnitLeader);
    private static readonly string CommunityStaff = nameof(PortalRole.CommunityStaff);
    private static readonly string Member = nameof(PortalRole.PartyMember);

    /// <summary>The pass for today (business date), skipped when another instance holds the lock.</summary>
    public Task<ReminderRun> RunAsync(CancellationToken ct = default) => CreateAsync(calendar.Today, exclusive: true, ct);

    /// <param name="today">The business day the notifications are for.</param>
    /// <param name="exclusive">Take the advisory lock first (and skip if it is taken); false relies on the unique index alone.</param>
    public async Task<ReminderRun> CreateAsync(DateOnly today, bool exclusive, CancellationToken ct = default)
    {
        using var activity = PortalTelemetry.Source.StartActivity("reminders.pass");
        activity?.SetTag("portal.reminders.day", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async cancel =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            if (exclusive && !await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(cancel))
            {
                await transaction.RollbackAsync(cancel);
                return new ReminderRun(false, 0);
            }

            var now = calendar.UtcNow;
            var created = 0;
            foreach (var statement in Statements(today, now))
            {
                created += await db.Database.ExecuteSqlAsync(statement, cancel);
            }

            await transaction.CommitAsync(cancel);
            activity?.SetTag("portal.reminders.created", created);
            PortalTelemetry.RemindersCreated.Add(created);
            return new ReminderRun(true, created);
        }, ct);
    }

    private static IEnumerable<FormattableString> Statements(DateOnly today, DateTimeOffset now)
    {
        yield return Resolutions(NotificationKind.ResolutionOverdue, "resolution-overdue:", DateOnly.MinValue, today.AddDays(-1), today, now);
        yield return Resolutions(NotificationKind.ResolutionDueSoon, "resolution-due:", today, today.AddDays(ResolutionRules.DueSoonDays), today, now);
        yield return ActivitiesAwaitingVerification(today, now);
        yield return AgreementsEndingSoon(today, now);
        if (Quarter.Of(today) is var quarter && today >= quarter.ReminderFrom)
        {
            yield return QuarterWithoutJointMeeting(quarter, today, now);
        }

        yield return CommitteeTermsEnding(today, now);
        yield return NeedClaimsLapsing(today, now);
        yield return NeedsAwaitingReview(today, now);
        yield return NeedDispatchesPending(today, now);
        yield return NeedDispatchesReturned(today, now);
        yield return RegistrationsAwaitingCommunity(today, now);
        yield return RegistrationsAwaitingEmployer(today, now);
        yield return ServiceRecordsAwaitingConfirmation(today, now);
        if (today.DayOfWeek == Members.ServiceReminders.FreePostsWeekday)
        {
            yield return PostsWithFreePlaces(today, now);
        }
    }

    /// <summary>Service records submitted more than 3 days ago and still unconfirmed, one summary per community: its staff and the street's staff.</summary>
    private static FormattableString ServiceRecordsAwaitingConfirmation(DateOnly today, DateTimeOffset now) => $"""
        INSERT INTO "Notifications" ("Id", "RecipientUserId", "StreetId", "Kind", "ItemKey", "Day", "Arguments", "LinkUrl", "CreatedAt")
        SELECT gen_random_uuid(), u."Id", p."StreetId", {nameof(NotificationKind.ServiceRecordsAwaitingConfirmation)}, 'service-records-review:' || p."CommunityId", {today},
               ARRAY[p."Pending"::text, c."Name"::text], '/communities/' || p."CommunityId" || '/service-records', {now}
        FROM (SELECT r."StreetId", r."CommunityId", count(*) AS "Pending" FROM "ServiceRecords" r
              WHERE r."Status" = {nameof(Members.ServiceRecordStatus.Submitted)} AND r."SubmittedAt" < {now.AddDays(-Members.ServiceReminders.AwaitingConfirmationDays)}
              GROUP BY r."StreetId", r."CommunityId") p
        JOIN "Communities" c ON c."Id" = p."CommunityId"
        JOIN "AspNetUsers" u ON u."StreetId" = p."StreetId"
            AND (u."Role" = {Staff} OR (u."Role" = {CommunityStaff} AND u."CommunityId" = p."CommunityId"))
        ON CONFLICT ("RecipientUserId", "ItemKey", "Day") DO NOTHING
        """;

    /// <summary>Posts with free places, one summary per community and week: its community staff (to recruit members for them).</summary>
    private static FormattableString PostsWithFreePlaces(DateOnly today, DateTimeOffset now) => $"""
        INSERT INTO "Notifications" ("Id", "RecipientUserId", "StreetId", "Kind", "ItemKey", "Day", "Arguments", "LinkUrl", "CreatedAt")
        SELECT gen_random_uuid(), u."Id", p."StreetId", {nameof(NotificationKind.PostsWithFreePlaces)}, 'posts-free:' || p."CommunityId", {today},
               ARRAY[p."Posts"::text, p."Free"::text, c."Name"::text], '/communities/' || p."CommunityId" || '/posts', {now}
        FROM (SELECT x."StreetId", x."CommunityId", count(*) AS "Posts", sum(x."Places" - x."Taken") AS "Free" FROM "Posts" x
              WHERE NOT x."Withdrawn" AND x."Taken" < x."Places" GROUP BY x."StreetId", x."CommunityId") p
        JOIN "Communities" c ON c."Id" = p."CommunityId"
        JOIN "AspNetUsers" u ON u."StreetId" = p."StreetId" AND u."Role" = {CommunityStaff} AND u."CommunityId" = p."CommunityId"
        ON CONFLICT ("RecipientUserId", "ItemKey", "Day") DO NOTHING
        """;

    /// <summary>Member registrations the community has not confirmed, one summary per community: its staff and the street's staff.</summary>
    private static FormattableString RegistrationsAwaitingCommunity(DateOnly today, DateTimeOffset now) => $"""
        INSERT INTO "Notifications" ("Id", "RecipientUserId", "StreetId", "Kind", "ItemKey", "Day", "Arguments", "LinkUrl", "CreatedAt")
        SELECT gen_random_uuid(), u."Id", p."StreetId", {nameof(NotificationKind.MemberRegistrationsAwaitingCommunity)}, 'member-registrations:' || p."CommunityId", {today},
               ARRAY[p."Pending"::text, c."Name"::text], '/members?awaiting=true&community=' || p."CommunityId", {now}
        FROM (SELECT r."StreetId", r."CommunityId", count(*) AS "Pending" FROM "MemberRegistrations" r
              WHERE r."Status" = {nameof(Members.RegistrationStatus.Pending)} AND r."CommunityConfirmedAt" IS NULL GROUP BY r."StreetId", r."CommunityId") p
        JOIN "Communities" c ON c."Id" = p."CommunityId"
        JOIN "AspNetUsers" u ON u."StreetId" = p."StreetId"
            AND (u."Role" = {Staff} OR (u."Role" = {CommunityStaff} AND u."CommunityId" = p."CommunityId"))
        ON CONFLICT ("RecipientUserId", "ItemKey", "Day") DO NOTHING
        """;

    /// <summary>Member registrations whose employment the unit has not confirmed: its leaders.</summary>
    private static FormattableString RegistrationsAwaitingEmployer(DateOnly today, DateTimeOffset now) => $"""
        INSERT INTO "Notifications" ("Id", "RecipientUserId", "StreetId", "Kind", "ItemKey", "Day", "Arguments", "LinkUrl", "CreatedAt")
        SELECT gen_random_uuid(), u."Id", p."StreetId", {nameof(NotificationKind.MemberRegistrationsAwaitingEmployer)}, 'member-employment:' || p."UnitId", {today},
               ARRAY[p."Pending"::text], '/members?awaiting=true', {now}
        FROM (SELECT r."StreetId", r."EmployerUnitId" AS "UnitId", count(*) AS "Pending" FROM "MemberRegistrations" r
              WHERE r."Status" = {nameof(Members.RegistrationStatus.Pending)} AND r."EmployerUnitId" IS NOT NULL AND r."EmploymentConfirmedAt" IS NULL
              GROUP BY r."StreetId", r."EmployerUnitId") p
        JOIN "AspNetUsers" u ON u."StreetId" = p."StreetId" AND u."Role" = {Leader} AND u."UnitId" = p."UnitId"
        ON CONFLICT ("RecipientUserId", "ItemKey", "Day") DO NOTHING
        """;

    /// <summary>Dispatches awaiting the unit's answer: its leaders, every day until the deadline.</summary>
    private static FormattableString NeedDispatchesPending(DateOnly today, DateTimeOffset now) => $"""
        INSERT INTO "Notifications" ("Id", "RecipientUserId", "StreetId", "Kind", "ItemKey", "Day", "Arguments", "LinkUrl", "CreatedAt")
        SELECT gen_random_uuid(), u."Id", d."StreetId", {nameof(NotificationKind.NeedDispatched)}, 'need-dispatch:' || d."Id", {today},
               ARRAY[n."Title"::text, to_char(d."Deadline", 'YYYY-MM-DD')], '/units/' || d."UnitId" || '/needs', {now}
        FROM "NeedDispatches" d
        JOIN "Needs" n ON n."Id" = d."NeedId"
        JOIN "AspNetUsers" u ON u."StreetId" = d."StreetId" AND u."Role" = {Leader} AND u."UnitId" = d."UnitId"
        WHERE d."Status" = {nameof(Needs.NeedDispatchStatus.Pending)} AND d."Deadline" >= {today}
        ON CONFLICT ("RecipientUserId", "ItemKey", "Day") DO NOTHING
        """;

    /// <summary>
    /// Dispatches declined or expired in the last 3 days whose need still waits for someone (published, nothing pending):
    /// back to the need's community staff and the street's staff, to dispatch it again.
    /// </summary>
    private static FormattableString NeedDispatchesReturned(DateOnly today, DateTimeOffset now) => $"""
        INSERT INTO "Notifications" ("Id", "RecipientUserId", "StreetId", "Kind", "ItemKey", "Day", "Arguments", "LinkUrl", "CreatedAt")
        SELECT gen_random_uuid(), u."Id", d."StreetId",
               CASE d."Status" WHEN {nameof(Needs.NeedDispatchStatus.Declined)} THEN {nameof(NotificationKind.NeedDispatchDeclined)} ELSE {nameof(NotificationKind.NeedDispatchExpired)} END,
               'need-dispatch-returned:' || d."Id", {today},
               ARRAY[n."Title"::text, mu."Name"::text, coalesce(d."DeclineReason", '')::text], '/needs/' || n."Id", {now}
        FROM "NeedDispatches" d
        JOIN "Needs" n ON n."Id" = d."NeedId"
        JOIN "MemberUnits" mu ON mu."Id" = d."UnitId"
        JOIN "AspNetUsers" u ON u."StreetId" = d."StreetId"
            AND (u."Role" = {Staff} OR (u."Role" = {CommunityStaff} AND u."CommunityId" = n."CommunityId"))
        WHERE d."Status" IN ({nameof(Needs.NeedDispatchStatus.Declined)}, {nameof(Needs.NeedDispatchStatus.Expired)})
          AND d."AnsweredAt" >= {now.AddDays(-Needs.NeedDispatchRules.ReturnedReminderDays)}
          AND n."Status" = {nameof(Needs.NeedStatus.Published)} AND n."DispatchedUnitId" IS NULL
        ON CONFLICT ("RecipientUserId", "ItemKey", "Day") DO NOTHING
        """;

    /// <summary>Rule 6: claims that lapse within 3 days unless done, for the claiming unit's leaders or the claiming member's own account.</summary>
    private static FormattableString NeedClaimsLapsing(DateOnly today, DateTimeOffset now) => $"""
        INSERT INTO "Notifications" ("Id", "RecipientUserId", "StreetId", "Kind", "ItemKey", "Day", "Arguments", "LinkUrl", "CreatedAt")
        SELECT gen_random_uuid(), u."Id", n."StreetId", {nameof(NotificationKind.NeedClaimLapsing)}, 'need-lapsing:' || n."Id" || ':' || to_char(n."ClaimBy", 'YYYY-MM-DD'), {today},
               ARRAY[n."Title"::text, to_char(n."ClaimBy", 'YYYY-MM-DD')], '/needs/' || n."Id", {now}
        FROM "Needs" n
        LEFT JOIN "MemberRegistrations" r ON r."Id" = n."ClaimerMemberId" AND r."Status" = {nameof(Members.RegistrationStatus.Registered)}
        JOIN "AspNetUsers" u ON (u."StreetId" = n."StreetId" AND u."Role" = {Leader} AND u."UnitId" = n."ClaimerUnitId")
            OR (u."Role" = {Member} AND u."Id" = r."UserId")
        WHERE n."Status" = {nameof(Needs.NeedStatus.Claimed)} AND n."ProjectId" IS NULL AND n."ClaimBy" >= {today} AND n."ClaimBy" <= {today.AddDays(Needs.NeedRules.LapseReminderDays)}
        ON CONFLICT ("RecipientUserId", "ItemKey", "Day") DO NOTHING
        """;

    /// <summary>Submitted needs awaiting review, one summary per community: its community staff and the street's staff.</summary>
    private static FormattableString NeedsAwaitingReview(DateOnly today, DateTimeOffset now) => $"""
        INSERT INTO "Notifications" ("Id", "RecipientUserId", "StreetId", "Kind", "ItemKey", "Day", "Arguments", "LinkUrl", "CreatedAt")
        SELECT gen_random_uuid(), u."Id", p."StreetId", {nameof(NotificationKind.NeedsAwaitingReview)}, 'needs-review:' || p."CommunityId", {today},
               ARRAY[p."Pending"::text, c."Name"::text], '/streets/' || p."StreetId" || '/needs?status=Submitted&community=' || p."CommunityId", {now}
        FROM (SELECT n."StreetId", n."CommunityId", count(*) AS "Pending" FROM "Needs" n
              WHERE n."Status" = {nameof(Needs.NeedStatus.Submitted)} GROUP BY n."StreetId", n."CommunityId") p
        JOIN "Communities" c ON c."Id" = p."CommunityId"
        JOIN "AspNetUsers" u ON u."StreetId" = p."StreetId"
            AND (u."Role" = {Staff} OR (u."Role" = {CommunityStaff} AND u."CommunityId" = p."CommunityId"))
        ON CONFLICT ("RecipientUserId", "ItemKey", "Day") DO NOTHING
        """;

    /// <summary>Open resolutions with a deadline in [from, to]: staff of the street, leaders of the lead and co-operating units.</summary>
    private static FormattableString Resolutions(NotificationKind kind, string prefix, DateOnly from, DateOnly to, DateOnly today, DateTimeOffset now) => $"""
        INSERT INTO "Notifications" ("Id", "RecipientUserId", "StreetId", "Kind", "ItemKey", "Day", "Arguments", "LinkUrl", "CreatedAt")
        SELECT gen_random_uuid(), u."Id", r."StreetId", {kind.ToString()}, {prefix} || r."Id", {today},
               ARRAY[r."Number"::text, r."Title"::text, to_char(r."Deadline", 'YYYY-MM-DD')], '/resolutions/' || r."Id", {now}
        FROM "Resolutions" r
        JOIN "AspNetUsers" u ON u."StreetId" = r."StreetId"
            AND (u."Role" = {Staff} OR (u."Role" = {Leader} AND (u."UnitId" = r."LeadUnitId" OR u."UnitId" = ANY (r."CooperatingUnitIds"))))
        WHERE r."Status" <> {nameof(ResolutionStatus.Completed)} AND r."Deadline" >= {from} AND r."Deadline" <= {to}
        ON CONFLICT ("RecipientUserId", "ItemKey", "Day") DO NOTHING
        """;

    /// <summary>One summary per street and day for its staff: how many activities await verification.</summary>
    private static FormattableString ActivitiesAwaitingVerification(DateOnly today, DateTimeOffset now) => $"""
        INSERT INTO "Notifications" ("Id", "RecipientUserId", "StreetId", "Kind", "ItemKey", "Day", "Arguments", "LinkUrl", "CreatedAt")
        SELECT gen_random_uuid(), u."Id", p."StreetId", {nameof(NotificationKind.ActivitiesAwaitingVerification)}, 'activities-pending:' || p."StreetId", {today},
               ARRAY[p."Pending"::text], '/streets/' || p."StreetId" || '/activities?status=Submitted', {now}
        FROM (SELECT a."StreetId", count(*) AS "Pending" FROM "Activities" a WHERE a."Status" = {nameof(Activities.ActivityStatus.Submitted)} GROUP BY a."StreetId") p
        JOIN "AspNetUsers" u ON u."StreetId" = p."StreetId" AND u."Role" = {Staff}
        ON CONFLICT ("RecipientUserId", "ItemKey", "Day") DO NOTHING
        """;

    /// <summary>Active agreements whose validity ends within 30 days: staff and the unit's leaders.</summary>
    private static FormattableString AgreementsEndingSoon(DateOnly today, DateTimeOffset now) => $"""
        INSERT INTO "Notifications" ("Id", "RecipientUserId", "StreetId", "Kind", "ItemKey", "Day", "Arguments", "LinkUrl", "CreatedAt")
        SELECT gen_random_uuid(), u."Id", a."StreetId", {nameof(NotificationKind.AgreementEndingSoon)}, 'agreement-ending:' || a."Id", {today},
               ARRAY[a."Title"::text, mu."Name"::text, to_char(a."ValidTo", 'YYYY-MM-DD')], '/agreements/' || a."Id", {now}
        FROM "Agreements" a
        JOIN "MemberUnits" mu ON mu."Id" = a."UnitId"
        JOIN "AspNetUsers" u ON u."StreetId" = a."StreetId" AND (u."Role" = {Staff} OR (u."Role" = {Leader} AND u."UnitId" = a."UnitId"))
        WHERE a."Status" = {nameof(AgreementStatus.Active)} AND a."ValidTo" >= {today} AND a."ValidTo" <= {today.AddDays(AgreementRules.EndingSoonDays)}
        ON CONFLICT ("RecipientUserId", "ItemKey", "Day") DO NOTHING
        """;

    /// <summary>From 15 days before the quarter ends (rule 2): streets short of held joint meetings this quarter, for their staff.</summary>
    private static FormattableString QuarterWithoutJointMeeting(Quarter quarter, DateOnly today, DateTimeOffset now)
    {
        var label = quarter.ToString();
        var year = quarter.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var number = quarter.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var end = quarter.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return $"""
            INSERT INTO "Notifications" ("Id", "RecipientUserId", "StreetId", "Kind", "ItemKey", "Day", "Arguments", "LinkUrl", "CreatedAt")
            SELECT gen_random_uuid(), u."Id", s."Id", {nameof(NotificationKind.QuarterWithoutJointMeeting)}, 'quarter-meeting:' || s."Id" || ':' || {label}, {today},
                   ARRAY[{year}, {number}, {end}, h."Held"::text, coalesce(c."MinimumJointMeetingsPerQuarter", {StreetCommittee.DefaultMinimumJointMeetingsPerQuarter})::text],
                   '/streets/' || s."Id" || '/meetings', {now}
            FROM "Streets" s
            LEFT JOIN "StreetCommittees" c ON c."StreetId" = s."Id"
            CROSS JOIN LATERAL (
                SELECT count(*) AS "Held" FROM "Meetings" m
                WHERE m."StreetId" = s."Id" AND m."Kind" = {nameof(MeetingKind.JointMeeting)} AND m."Status" = {nameof(MeetingStatus.Held)}
                  AND m."MeetingDate" >= {quarter.Start} AND m."MeetingDate" <= {quarter.End}) h
            JOIN "AspNetUsers" u ON u."StreetId" = s."Id" AND u."Role" = {Staff}
            WHERE h."Held" < coalesce(c."MinimumJointMeetingsPerQuarter", {StreetCommittee.DefaultMinimumJointMeetingsPerQuarter})
            ON CONFLICT ("RecipientUserId", "ItemKey", "Day") DO NOTHING
            """;
    }

    /// <summary>Committee members whose term ends within 60 days: staff of the street.</summary>
    private static FormattableString CommitteeTermsEnding(DateOnly today, DateTimeOffset now) => $"""
        INSERT INTO "Notifications" ("Id", "RecipientUserId", "StreetId", "Kind", "ItemKey", "Day", "Arguments", "LinkUrl", "CreatedAt")
        SELECT gen_random_uuid(), u."Id", m."StreetId", {nameof(NotificationKind.CommitteeTermEnding)}, 'term-ending:' || m."Id", {today},
               ARRAY[m."PersonName"::text, to_char(m."TermEnd", 'YYYY-MM-DD')], '/streets/' || m."StreetId" || '/committee', {now}
        FROM "CommitteeMembers" m
        JOIN "AspNetUsers" u ON u."StreetId" = m."StreetId" AND u."Role" = {Staff}
        WHERE m."TermEnd" >= {today} AND m."TermEnd" <= {today.AddDays(CommitteeMemberRules.TermEndingSoonDays)}
        ON CONFLICT ("RecipientUserId", "ItemKey", "Day") DO NOTHING
        """;
}
