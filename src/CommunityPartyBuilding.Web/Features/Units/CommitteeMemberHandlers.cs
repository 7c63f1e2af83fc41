using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Units;

public sealed record CommitteeMemberDto(
    Guid Id,
    string PersonName,
    Guid? UnitId,
    string? UnitName,
    UnitCategory? UnitCategory,
    CommitteePosition Position,
    DateOnly TermStart,
    DateOnly TermEnd,
    uint Version);

/// <summary>A committee member as the form and the API send it; <paramref name="Version"/> is the one an edit started from (409 when stale).</summary>
public sealed record CommitteeMemberInput(string PersonName, Guid? UnitId, CommitteePosition Position, DateOnly TermStart, DateOnly TermEnd, uint? Version = null);

/// <summary>The committee's composition: its members, and how many come from each kind of unit.</summary>
public sealed record CommitteeComposition(
    IReadOnlyList<CommitteeMemberDto> Members,
    IReadOnlyDictionary<UnitCategory, int> ActiveUnitsByCategory,
    int MembersFromStreet,
    DateOnly Today);

public static class CommitteeMemberRules
{
    public const int TermEndingSoonDays = 60;

    public static IReadOnlyList<ValidationFailure> Validate(CommitteeMemberInput input)
    {
        var failures = new List<ValidationFailure>();
        if (string.IsNullOrWhiteSpace(input.PersonName))
        {
            failures.Add(new(nameof(input.PersonName), "Validation.Required", "Field.Member.PersonName"));
        }
        else if (input.PersonName.Trim().Length > UnitRules.PersonMaxLength)
        {
            failures.Add(new(nameof(input.PersonName), "Validation.MaxLength", "Field.Member.PersonName", UnitRules.PersonMaxLength));
        }

        if (!Enum.IsDefined(input.Position))
        {
            failures.Add(new(nameof(input.Position), "Validation.Required", "Field.Member.Position"));
        }

        if (input.TermStart == default)
        {
            failures.Add(new(nameof(input.TermStart), "Validation.Required", "Field.Member.TermStart"));
        }

        if (input.TermEnd == default)
        {
            failures.Add(new(nameof(input.TermEnd), "Validation.Required", "Field.Member.TermEnd"));
        }
        else if (input.TermStart != default && input.TermEnd < input.TermStart)
        {
            failures.Add(new(nameof(input.TermEnd), "Validation.TermEndBeforeStart"));
        }
        else if (input.TermStart != default && input.TermEnd > input.TermStart.AddYears(10))
        {
            failures.Add(new(nameof(input.TermEnd), "Validation.TermTooLong"));
        }

        return failures;
    }

    /// <summary>A current term that ends within 60 days (inclusive) of today.</summary>
    public static bool EndsSoon(DateOnly termEnd, DateOnly today) => termEnd >= today && termEnd <= today.AddDays(TermEndingSoonDays);
}

public sealed class GetCommitteeMembers(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<CommitteeComposition> HandleAsync(Guid streetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadStreetAsync(db, streetId, ct);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.StreetId == streetId)
            .Select(m => new CommitteeMemberDto(
                m.Id, m.PersonName, m.UnitId,
                db.MemberUnits.Where(u => u.Id == m.UnitId).Select(u => u.Name).FirstOrDefault(),
                db.MemberUnits.Where(u => u.Id == m.UnitId).Select(u => (UnitCategory?)u.Category).FirstOrDefault(),
                m.Position, m.TermStart, m.TermEnd, m.Version))
            .ToListAsync(ct);

        // Rank order (书记, 副书记, 委员, 兼职委员), then current terms before ended ones.
        members = members.OrderBy(m => m.Position).ThenByDescending(m => m.TermEnd >= calendar.Today).ThenBy(m => m.PersonName, StringComparer.Ordinal).ToList();
        var byCategory = await db.MemberUnits.AsNoTracking()
            .Where(u => u.StreetId == streetId && u.Status == UnitStatus.Active)
            .GroupBy(u => u.Category)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return new CommitteeComposition(members, byCategory, members.Count(m => m.UnitId is null), calendar.Today);
    }
}

public sealed class SaveCommitteeMember(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<Guid> HandleAsync(Guid streetId, Guid? memberId, CommitteeMemberInput input, uint? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanManageStreetAsync(db, streetId, ct);
        var failures = CommitteeMemberRules.Validate(input).ToList();
        if (input.UnitId is { } unitId && !await db.MemberUnits.AnyAsync(u => u.Id == unitId && u.StreetId == streetId && (u.Status == UnitStatus.Active || (memberId != null && db.CommitteeMembers.Any(m => m.Id == memberId && m.UnitId == unitId))), ct))
        {
            failures.Add(new(nameof(input.UnitId), "Validation.UnitNotInStreet"));
        }

        PortalValidationException.ThrowIfAny(failures);
        CommitteeMember member;
        if (memberId is null)
        {
            member = new CommitteeMember { StreetId = streetId, PersonName = "" };
            db.CommitteeMembers.Add(member);
        }
        else
        {
            member = await db.CommitteeMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.StreetId == streetId, ct)
                ?? throw new PortalNotFoundException();
        }

        member.PersonName = input.PersonName.Trim();
        member.UnitId = input.UnitId;
        member.Position = input.Position;
        member.TermStart = input.TermStart;
        member.TermEnd = input.TermEnd;
        await db.SaveWithVersionAsync(member, expectedVersion ?? member.Version, ct);
        return member.Id;
    }
}

/// <summary>
/// Removes a committee membership entered by mistake; the audit log keeps what it was. Scope: staff of the street
/// (<see cref="ScopeGuard.EnsureCanManageStreetAsync"/>).
/// </summary>
public sealed class RemoveCommitteeMember(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task HandleAsync(Guid streetId, Guid memberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanManageStreetAsync(db, streetId, ct);
        var member = await db.CommitteeMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.StreetId == streetId, ct)
            ?? throw new PortalNotFoundException();
        db.CommitteeMembers.Remove(member);
        await db.SaveChangesAsync(ct);
    }
}
