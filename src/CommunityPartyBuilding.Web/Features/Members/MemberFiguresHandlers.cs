using System.Text.Json;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Features.Dashboard;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>
/// One registered member of a unit on the unit's page: the name masked unless the reader is one of rule 10's;
/// <paramref name="Commended"/>: named outstanding for the year (a 喜报 to download).
/// </summary>
public sealed record UnitMemberRow(Guid RegistrationId, string Name, bool NameWhole, string CommunityName, DateOnly? RegisteredOn, DateOnly? MovedAwayOn, decimal Hours,
    bool Commended = false);

/// <summary>Rule 9's figures of a unit for a year, and (for readers of the unit's members) the members themselves.</summary>
public sealed record UnitMemberFiguresDto(Guid UnitId, UnitMemberFigures Figures, IReadOnlyList<UnitMemberRow>? Members);

/// <summary>A street's figures: all its members registered in the year, those employed by its member units, and their hours.</summary>
public sealed record StreetMemberFigures(
    Guid StreetId,
    string StreetName,
    int Year,
    int RegisteredMembers,
    int UnitMembers,
    int PartyMemberCount,
    decimal? RegistrationRate,
    decimal ConfirmedHours,
    decimal? HoursPerMember);

/// <summary>
/// Rule 9's figures computed in PostgreSQL: the same definitions as <see cref="MemberFigures"/> (its unit tests pin them),
/// one grouped statement per figure, never one query per unit.
/// </summary>
public static class MemberFigureQueries
{
    /// <summary><see cref="MemberFigures.RegisteredDuring"/> as a query.</summary>
    public static IQueryable<MemberRegistration> RegisteredDuring(IQueryable<MemberRegistration> registrations, int year)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        return registrations.Where(r => (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.MovedAway)
            && r.RegisteredOn != null && r.RegisteredOn <= end
            && (r.MovedAwayOn == null || r.MovedAwayOn >= start));
    }

    /// <summary>Confirmed records dated from <paramref name="from"/> to <paramref name="to"/> (both included).</summary>
    public static IQueryable<ServiceRecord> ConfirmedBetween(PortalDbContext db, DateOnly from, DateOnly to) =>
        db.ServiceRecords.AsNoTracking().Where(s => s.Status == ServiceRecordStatus.Confirmed && s.Date >= from && s.Date <= to);

    public sealed record MemberHours(Guid RegistrationId, Guid? UnitId, Guid StreetId, Guid CommunityId, RegistrationStatus Status, DateOnly? RegisteredOn, DateOnly? MovedAwayOn, decimal Hours);

    /// <summary>The members of the given units registered during the year, each with the year's confirmed hours.</summary>
    public static async Task<List<MemberHours>> MembersOfUnitsAsync(PortalDbContext db, IReadOnlyCollection<Guid> unitIds, int year, CancellationToken ct)
    {
        var records = ConfirmedBetween(db, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        return await RegisteredDuring(db.MemberRegistrations.AsNoTracking(), year)
            .Where(r => r.EmployerUnitId != null && unitIds.Contains(r.EmployerUnitId.Value))
            .Select(r => new MemberHours(r.Id, r.EmployerUnitId, r.StreetId, r.CommunityId, r.Status, r.RegisteredOn, r.MovedAwayOn,
                records.Where(s => s.RegistrationId == r.Id).Sum(s => (decimal?)s.Hours) ?? 0m))
            .ToListAsync(ct);
    }

    /// <summary>Per unit of the street (active or not): rule 9's figures for the year.</summary>
    public static async Task<Dictionary<Guid, UnitMemberFigures>> ForStreetUnitsAsync(PortalDbContext db, Guid streetId, int year, CancellationToken ct)
    {
        var units = await db.MemberUnits.AsNoTracking().Where(u => u.StreetId == streetId).Select(u => new { u.Id, u.PartyMemberCount }).ToListAsync(ct);
        var members = await MembersOfUnitsAsync(db, units.Select(u => u.Id).ToList(), year, ct);
        return units.ToDictionary(u => u.Id, u => MemberFigures.Compute(year, u.PartyMemberCount,
            members.Where(m => m.UnitId == u.Id).Select(m => new MemberYear(m.Status, m.RegisteredOn, m.MovedAwayOn, m.Hours))));
    }

    /// <summary>The streets' figures for the year, in one statement per figure.</summary>
    public static async Task<Dictionary<Guid, StreetMemberFigures>> ForStreetsAsync(PortalDbContext db, IReadOnlyList<(Guid Id, string Name)> streets, int year, DateOnly referenceDate,
        CancellationToken ct)
    {
        var ids = streets.Select(s => s.Id).ToList();
        var registered = await RegisteredDuring(db.MemberRegistrations.AsNoTracking(), year)
            .Where(r => ids.Contains(r.StreetId))
            .GroupBy(r => r.StreetId)
            .Select(g => new { StreetId = g.Key, All = g.Count(), Units = g.Count(r => r.EmployerUnitId != null) })
            .ToDictionaryAsync(x => x.StreetId, ct);
        var hours = await ConfirmedBetween(db, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31))
            .Where(s => ids.Contains(s.StreetId))
            .GroupBy(s => s.StreetId)
            .Select(g => new { StreetId = g.Key, Hours = g.Sum(s => s.Hours) })
            .ToDictionaryAsync(x => x.StreetId, x => x.Hours, ct);
        var partyMembers = await DashboardQueries.ActiveUnits(db, ids, referenceDate)
            .GroupBy(u => u.StreetId)
            .Select(g => new { StreetId = g.Key, Count = g.Sum(u => u.PartyMemberCount) })
            .ToDictionaryAsync(x => x.StreetId, x => x.Count, ct);
        return streets.ToDictionary(s => s.Id, s =>
        {
            var r = registered.GetValueOrDefault(s.Id);
            var all = r?.All ?? 0;
            var h = hours.GetValueOrDefault(s.Id);
            var pm = partyMembers.GetValueOrDefault(s.Id);
            return new StreetMemberFigures(s.Id, s.Name, year, all, r?.Units ?? 0, pm, MemberFigures.Rate(r?.Units ?? 0, pm), h,
                all == 0 ? null : Math.Round(h / all, 1, MidpointRounding.AwayFromZero));
        });
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Rule 10: a member's name read whole is written to the audit log (the entry holds the masked name).</summary>
    public static void RecordNameRead(PortalDbContext db, PortalUser user, Guid registrationId, Guid streetId, string name, DateTimeOffset at) =>
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = at,
            UserId = user.Id,
            UserName = user.Email,
            EntityType = nameof(MemberRegistration),
            EntityId = registrationId.ToString(),
            Action = AuditAction.PersonalDataRead,
            StreetId = streetId,
            Changes = JsonSerializer.Serialize(new[] { new AuditChange(nameof(MemberRegistration.Name), null, PersonalDataMask.Name(name)) }, JsonOptions),
        });
}

/// <summary>
/// GET /units/{unitId}/member-figures: readers of the unit get the four figures; readers of the unit's members
/// (<see cref="MemberAccess.VisibleRegistrations"/>: the unit's leader, its street's staff, community staff for their
/// community's members) also get the list, names whole only for rule 10's readers (and that read is audited).
/// </summary>
public sealed class GetUnitMemberFigures(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<UnitMemberFiguresDto> HandleAsync(Guid unitId, int? year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        var y = DashboardRules.ResolveYear(year, calendar.Today);
        var partyMembers = await db.MemberUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.PartyMemberCount).SingleAsync(ct);
        var members = await MemberFigureQueries.MembersOfUnitsAsync(db, [unitId], y, ct);
        var figures = MemberFigures.Compute(y, partyMembers, members.Select(m => new MemberYear(m.Status, m.RegisteredOn, m.MovedAwayOn, m.Hours)));

        var user = scope.User;
        if (user.IsOrganisationDepartment)
        {
            return new UnitMemberFiguresDto(unitId, figures, null);
        }

        var ids = members.Select(m => m.RegistrationId).ToList();
        var visible = await scope.VisibleRegistrations(db).Where(r => ids.Contains(r.Id))
            .Select(r => new { Registration = r, Community = db.Communities.Where(c => c.Id == r.CommunityId).Select(c => c.Name).First() })
            .ToListAsync(ct);
        var hours = members.ToDictionary(m => m.RegistrationId, m => m.Hours);
        var commended = (await db.MemberCommendations.AsNoTracking().Where(c => ids.Contains(c.RegistrationId) && c.Year == y && c.WithdrawnAt == null).Select(c => c.RegistrationId).ToListAsync(ct)).ToHashSet();
        var rows = new List<UnitMemberRow>();
        foreach (var v in visible.OrderByDescending(v => hours[v.Registration.Id]).ThenBy(v => v.Registration.RegisteredOn))
        {
            var whole = user.MaySeePersonalData(v.Registration);
            if (whole)
            {
                MemberFigureQueries.RecordNameRead(db, user, v.Registration.Id, v.Registration.StreetId, v.Registration.Name, calendar.UtcNow);
            }

            rows.Add(new UnitMemberRow(v.Registration.Id, whole ? v.Registration.Name : PersonalDataMask.Name(v.Registration.Name), whole, v.Community,
                v.Registration.RegisteredOn, v.Registration.MovedAwayOn, hours[v.Registration.Id], commended.Contains(v.Registration.Id)));
        }

        if (rows.Any(r => r.NameWhole))
        {
            await db.SaveChangesAsync(ct);
        }

        return new UnitMemberFiguresDto(unitId, figures, MayListMembers(user, unitId) ? rows : null);
    }

    /// <summary>Who is shown a list at all: the unit's leader and staff (community staff see their community's part of it).</summary>
    private static bool MayListMembers(PortalUser user, Guid unitId) =>
        user.IsAdministrator || user.IsStreetStaff || user.IsCommunityStaff || (user.IsUnitLeader && user.UnitId == unitId);
}

/// <summary>The street dashboard's figures of in-service members (readers of the street's dashboard).</summary>
public sealed class GetStreetMemberFigures(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<StreetMemberFigures> HandleAsync(Guid streetId, int? year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await GetStreetDashboard.ReadableStreetNameAsync(db, scope, streetId, ct);
        var today = calendar.Today;
        var y = DashboardRules.ResolveYear(year, today);
        var figures = await MemberFigureQueries.ForStreetsAsync(db, [(streetId, name)], y, DashboardRules.ReferenceDate(y, today), ct);
        return figures[streetId];
    }
}

/// <summary>The organisation department's table of in-service members: per street registered members and hours.</summary>
public sealed class GetDepartmentMemberFigures(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<IReadOnlyList<StreetMemberFigures>> HandleAsync(Guid departmentId, int? year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await OversightScope.ReadableDepartmentAsync(db, scope, departmentId, ct);
        var today = calendar.Today;
        var y = DashboardRules.ResolveYear(year, today);
        var streets = await OversightScope.StreetsAsync(db, scope, departmentId, ct);
        var figures = await MemberFigureQueries.ForStreetsAsync(db, streets, y, DashboardRules.ReferenceDate(y, today), ct);
        return streets.Select(s => figures[s.Id]).ToList();
    }
}
