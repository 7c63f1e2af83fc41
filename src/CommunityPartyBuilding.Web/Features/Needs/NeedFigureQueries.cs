using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary>
/// The needs figures of a year as one SQL aggregate (<see cref="NeedFigures"/> states the same in plain code). Scope is
/// checked by the callers: they pass the street, and the community when the reader is community staff.
/// </summary>
internal static class NeedFigureQueries
{
    /// <summary>The business year's bounds as instants: [1 January 00:00, next 1 January 00:00) in the portal's time zone.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) YearBounds(BusinessCalendar calendar, int year) =>
        (calendar.StartOfDay(new DateOnly(year, 1, 1)), calendar.StartOfDay(new DateOnly(year + 1, 1, 1)));

    /// <summary>
    /// One row per community, service category and claiming unit with what happened in the year; only needs with some
    /// step in the year are read, and only the grouped rows reach .NET. No contact is read.
    /// </summary>
    public static async Task<List<NeedTally>> TallyAsync(PortalDbContext db, Guid streetId, Guid? communityId, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct)
    {
        var community = communityId ?? Guid.Empty;
        var rows = await db.Database.SqlQuery<NeedTallyRow>($"""
            SELECT n."CommunityId", n."Category", n."ClaimerUnitId",
                   count(*) FILTER (WHERE n."SubmittedAt" >= {from} AND n."SubmittedAt" < {to})::int AS "Submitted",
                   count(*) FILTER (WHERE n."PublishedAt" >= {from} AND n."PublishedAt" < {to})::int AS "Published",
                   count(*) FILTER (WHERE n."PublishedAt" >= {from} AND n."PublishedAt" < {to} AND n."Status" = 'Published')::int AS "Open",
                   count(*) FILTER (WHERE n."ClaimedAt" >= {from} AND n."ClaimedAt" < {to})::int AS "Claimed",
                   count(*) FILTER (WHERE n."CompletedAt" >= {from} AND n."CompletedAt" < {to})::int AS "Done",
                   count(*) FILTER (WHERE n."RatedAt" >= {from} AND n."RatedAt" < {to})::int AS "Rated",
                   count(*) FILTER (WHERE n."RatedAt" >= {from} AND n."RatedAt" < {to} AND n."Rating" = 'Satisfied')::int AS "Satisfied",
                   count(*) FILTER (WHERE n."RatedAt" >= {from} AND n."RatedAt" < {to} AND n."Rating" = 'BasicallySatisfied')::int AS "BasicallySatisfied",
                   count(*) FILTER (WHERE n."RatedAt" >= {from} AND n."RatedAt" < {to} AND n."Rating" = 'Dissatisfied')::int AS "Dissatisfied",
                   coalesce(sum(extract(epoch FROM n."CompletedAt" - n."PublishedAt") / 86400)
                       FILTER (WHERE n."CompletedAt" >= {from} AND n."CompletedAt" < {to} AND n."PublishedAt" IS NOT NULL), 0) AS "DaysToDoneSum",
                   count(*) FILTER (WHERE n."CompletedAt" >= {from} AND n."CompletedAt" < {to} AND n."PublishedAt" IS NOT NULL)::int AS "DaysToDoneCount"
            FROM "Needs" n
            WHERE n."StreetId" = {streetId}
              AND ({community} = '00000000-0000-0000-0000-000000000000'::uuid OR n."CommunityId" = {community})
              AND n."SubmittedAt" < {to}
              AND greatest(n."SubmittedAt", n."PublishedAt", n."ClaimedAt", n."CompletedAt", n."RatedAt") >= {from}
            GROUP BY n."CommunityId", n."Category", n."ClaimerUnitId"
            """).ToListAsync(ct);
        return rows.Select(r => new NeedTally(r.CommunityId, Enum.Parse<ServiceCategory>(r.Category), r.ClaimerUnitId, r.Submitted, r.Published, r.Open,
            r.Claimed, r.Done, r.Rated, r.Satisfied, r.BasicallySatisfied, r.Dissatisfied, r.DaysToDoneSum, r.DaysToDoneCount)).ToList();
    }

    /// <summary>
    /// The year's figures of several streets at once (the organisation department's table): the same counts as
    /// <see cref="TallyAsync"/>, grouped by street in one statement. Streets with nothing in the year are left out.
    /// </summary>
    public static async Task<Dictionary<Guid, NeedYearFigures>> ByStreetAsync(PortalDbContext db, IReadOnlyCollection<Guid> streetIds, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct)
    {
        var ids = streetIds.ToArray();
        var rows = await db.Database.SqlQuery<NeedStreetTallyRow>($"""
            SELECT n."StreetId",
                   count(*) FILTER (WHERE n."SubmittedAt" >= {from} AND n."SubmittedAt" < {to})::int AS "Submitted",
                   count(*) FILTER (WHERE n."PublishedAt" >= {from} AND n."PublishedAt" < {to})::int AS "Published",
                   count(*) FILTER (WHERE n."PublishedAt" >= {from} AND n."PublishedAt" < {to} AND n."Status" = 'Published')::int AS "Open",
                   count(*) FILTER (WHERE n."ClaimedAt" >= {from} AND n."ClaimedAt" < {to})::int AS "Claimed",
                   count(*) FILTER (WHERE n."CompletedAt" >= {from} AND n."CompletedAt" < {to})::int AS "Done",
                   count(*) FILTER (WHERE n."RatedAt" >= {from} AND n."RatedAt" < {to})::int AS "Rated",
                   count(*) FILTER (WHERE n."RatedAt" >= {from} AND n."RatedAt" < {to} AND n."Rating" = 'Satisfied')::int AS "Satisfied",
                   count(*) FILTER (WHERE n."RatedAt" >= {from} AND n."RatedAt" < {to} AND n."Rating" = 'BasicallySatisfied')::int AS "BasicallySatisfied",
                   count(*) FILTER (WHERE n."RatedAt" >= {from} AND n."RatedAt" < {to} AND n."Rating" = 'Dissatisfied')::int AS "Dissatisfied",
                   coalesce(sum(extract(epoch FROM n."CompletedAt" - n."PublishedAt") / 86400)
                       FILTER (WHERE n."CompletedAt" >= {from} AND n."CompletedAt" < {to} AND n."PublishedAt" IS NOT NULL), 0) AS "DaysToDoneSum",
                   count(*) FILTER (WHERE n."CompletedAt" >= {from} AND n."CompletedAt" < {to} AND n."PublishedAt" IS NOT NULL)::int AS "DaysToDoneCount"
            FROM "Needs" n
            WHERE n."StreetId" = ANY({ids})
              AND n."SubmittedAt" < {to}
              AND greatest(n."SubmittedAt", n."PublishedAt", n."ClaimedAt", n."CompletedAt", n."RatedAt") >= {from}
            GROUP BY n."StreetId"
            """).ToListAsync(ct);
        return rows.ToDictionary(r => r.StreetId, r => NeedFigures.Sum([new NeedTally(Guid.Empty, default, null, r.Submitted, r.Published, r.Open, r.Claimed, r.Done,
            r.Rated, r.Satisfied, r.BasicallySatisfied, r.Dissatisfied, r.DaysToDoneSum, r.DaysToDoneCount)]));
    }
}

/// <summary>One row of <see cref="NeedFigureQueries.ByStreetAsync"/>.</summary>
public sealed class NeedStreetTallyRow
{
    public Guid StreetId { get; set; }

    public int Submitted { get; set; }

    public int Published { get; set; }

    public int Open { get; set; }

    public int Claimed { get; set; }

    public int Done { get; set; }

    public int Rated { get; set; }

    public int Satisfied { get; set; }

    public int BasicallySatisfied { get; set; }

    public int Dissatisfied { get; set; }

    public decimal DaysToDoneSum { get; set; }

    public int DaysToDoneCount { get; set; }
}

/// <summary>One row of <see cref="NeedFigureQueries.TallyAsync"/>.</summary>
public sealed class NeedTallyRow
{
    public Guid CommunityId { get; set; }

    public string Category { get; set; } = "";

    public Guid? ClaimerUnitId { get; set; }

    public int Submitted { get; set; }

    public int Published { get; set; }

    public int Open { get; set; }

    public int Claimed { get; set; }

    public int Done { get; set; }

    public int Rated { get; set; }

    public int Satisfied { get; set; }

    public int BasicallySatisfied { get; set; }

    public int Dissatisfied { get; set; }

    public decimal DaysToDoneSum { get; set; }

    public int DaysToDoneCount { get; set; }
}
