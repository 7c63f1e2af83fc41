using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Committees;

/// <summary>A committee as pages and the API show it.</summary>
public sealed record CommitteeDto(
    Guid Id,
    Guid StreetId,
    string StreetName,
    string Name,
    string Secretary,
    DateOnly? EstablishedOn,
    string DeliberationRules,
    decimal QuorumFraction,
    int MinimumJointMeetingsPerQuarter,
    int AnnualActivityTarget,
    uint Version,
    bool CanEdit,
    int MemberYearlyHours = StreetCommittee.DefaultMemberYearlyHours,
    decimal MemberTargetRate = StreetCommittee.DefaultMemberTargetRate);

public sealed class GetCommittee(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<CommitteeDto> HandleAsync(Guid streetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadStreetAsync(db, streetId, ct);
        var canEdit = scope.User.MayManageStreet(streetId);
        return await db.StreetCommittees.AsNoTracking()
            .Where(c => c.StreetId == streetId)
            .Join(db.Streets, c => c.StreetId, s => s.Id, (c, s) => new CommitteeDto(
                c.Id, c.StreetId, s.Name, c.Name, c.Secretary, c.EstablishedOn, c.DeliberationRules, c.QuorumFraction,
                c.MinimumJointMeetingsPerQuarter, c.AnnualActivityTarget, c.Version, canEdit, c.MemberYearlyHours, c.MemberTargetRate))
            .FirstOrDefaultAsync(ct) ?? throw new PortalNotFoundException("Error.CommitteeNotFound");
    }
}

public sealed class UpdateCommittee(
    IDbContextFactory<PortalDbContext> dbFactory,
    ScopeGuard scope,
    BusinessCalendar calendar) : IHandler
{
    /// <param name="expectedVersion">The version the editor loaded; null (API without it) means "last writer wins is not allowed": the current version is used.</param>
    public async Task<uint> HandleAsync(Guid streetId, CommitteeProfile profile, uint? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanManageStreetAsync(db, streetId, ct);
        PortalValidationException.ThrowIfAny(CommitteeRules.Validate(profile, calendar.Today));

        var committee = await db.StreetCommittees.FirstOrDefaultAsync(c => c.StreetId == streetId, ct)
            ?? throw new PortalNotFoundException("Error.CommitteeNotFound");
        committee.Name = profile.Name.Trim();
        committee.Secretary = profile.Secretary?.Trim() ?? "";
        committee.EstablishedOn = profile.EstablishedOn;
        committee.DeliberationRules = profile.DeliberationRules?.Trim() ?? "";
        committee.QuorumFraction = profile.QuorumFraction;
        committee.MinimumJointMeetingsPerQuarter = profile.MinimumJointMeetingsPerQuarter;
        committee.AnnualActivityTarget = profile.AnnualActivityTarget;
        committee.MemberYearlyHours = profile.MemberYearlyHours ?? committee.MemberYearlyHours;
        committee.MemberTargetRate = profile.MemberTargetRate ?? committee.MemberTargetRate;
        await db.SaveWithVersionAsync(committee, expectedVersion ?? committee.Version, ct);
        return committee.Version;
    }
}
