using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Members;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary>
/// A need as an in-service member sees it: what the wish is, where and by when; never the resident's name or phone (rule
/// 10 and "nothing of other people"): the community connects member and resident, as it does for units.
/// </summary>
/// <param name="OwnCommunity">The need is in the community the member reports to (listed first).</param>
public sealed record MemberNeedDto(
    Guid Id,
    Guid CommunityId,
    string CommunityName,
    bool OwnCommunity,
    NeedKind Kind,
    ServiceCategory Category,
    string Title,
    string Description,
    DateOnly? WantedBy,
    NeedStatus Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ClaimedAt,
    DateOnly? ClaimBy,
    DateTimeOffset? CompletedAt,
    string? CompletionNote,
    Rating? Rating,
    int PhotoCount);

/// <summary>
/// GET /me/needs: the wishes the member may claim (their own community's first, then the street's others), the needs they
/// claimed (open ones first), and how many more they may take (<see cref="NeedClaimRules.MaxOpenMemberClaims"/>).
/// </summary>
/// <param name="MayClaim">The registration is in effect; otherwise <paramref name="Claimable"/> is empty.</param>
public sealed record MemberNeeds(IReadOnlyList<MemberNeedDto> Claimable, IReadOnlyList<MemberNeedDto> Claimed, int OpenClaims, int MaxOpenClaims, bool MayClaim);

/// <summary>The member's needs: what they may claim and what they claimed (GET /me/needs, /me/needs/claimable; the member's home).</summary>
public sealed class GetMemberNeeds(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<MemberNeeds> HandleAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await scope.CurrentMemberAsync(db, ct);
        var mayClaim = member.Status == RegistrationStatus.Registered;
        var claimable = mayClaim ? await ProjectAsync(db, member, Claimable(db, member).Take(NeedClaimRules.MaxListedForMember), ct) : [];
        var claimed = await ProjectAsync(db, member, db.Needs.AsNoTracking().Where(n => n.ClaimerMemberId == member.Id)
            .OrderBy(n => n.Status == NeedStatus.Claimed ? 0 : 1).ThenBy(n => n.Status == NeedStatus.Claimed ? n.ClaimBy : null).ThenByDescending(n => n.ClaimedAt).Take(50), ct);
        return new MemberNeeds(claimable, claimed, claimed.Count(n => n.Status == NeedStatus.Claimed), NeedClaimRules.MaxOpenMemberClaims, mayClaim);
    }

    /// <summary>GET /me/needs/claimable: the first list alone.</summary>
    public async Task<IReadOnlyList<MemberNeedDto>> ClaimableAsync(CancellationToken ct = default) => (await HandleAsync(ct)).Claimable;

    /// <summary>Published wishes of the member's street a person may take, none waiting on a dispatch; own community first, soonest wanted first.</summary>
    private static IQueryable<Need> Claimable(PortalDbContext db, MemberRegistration member) =>
        db.Needs.AsNoTracking()
            .Where(n => n.StreetId == member.StreetId && n.Status == NeedStatus.Published && n.DispatchedUnitId == null
                && n.Kind == NeedKind.Wish && n.Category != ServiceCategory.VenueSharing)
            .OrderBy(n => n.CommunityId == member.CommunityId ? 0 : 1).ThenBy(n => n.WantedBy ?? DateOnly.MaxValue).ThenBy(n => n.PublishedAt).ThenBy(n => n.Id);

    private static async Task<List<MemberNeedDto>> ProjectAsync(PortalDbContext db, MemberRegistration member, IQueryable<Need> needs, CancellationToken ct)
    {
        var rows = await needs.Select(n => new
        {
            n.Id, n.CommunityId, n.Kind, n.Category, n.Title, n.Description, n.WantedBy, n.Status, n.PublishedAt, n.ClaimedAt, n.ClaimBy, n.CompletedAt,
            n.CompletionNote, n.Rating,
            Community = db.Communities.Where(c => c.Id == n.CommunityId).Select(c => c.Name).First(),
            Photos = db.NeedPhotos.Count(p => p.NeedId == n.Id),
        }).ToListAsync(ct);

        // The rule class says which categories a person may take; the query above states the same for SQL.
        return rows.Where(r => r.Status != NeedStatus.Published || NeedClaimRules.MemberMayTake(r.Kind, r.Category))
            .Select(r => new MemberNeedDto(r.Id, r.CommunityId, r.Community, r.CommunityId == member.CommunityId, r.Kind, r.Category, r.Title, r.Description,
                r.WantedBy, r.Status, r.PublishedAt, r.ClaimedAt, r.ClaimBy, r.CompletedAt, r.CompletionNote, r.Rating, r.Photos)).ToList();
    }
}
