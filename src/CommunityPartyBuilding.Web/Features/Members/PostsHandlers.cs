using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>A post (岗位) as staff and members read it; <see cref="Held"/> says whether the reading member holds a place on it.</summary>
public sealed record PostDto(
    Guid Id,
    Guid StreetId,
    Guid CommunityId,
    string Community,
    PostKind Kind,
    string Title,
    string Duties,
    string Place,
    string Schedule,
    int Places,
    int Taken,
    bool Withdrawn,
    bool Held,
    uint Version);

/// <summary>What the reader of a community's posts may do: staff manage them, a registered member of the community claims them.</summary>
public sealed record PostList(IReadOnlyList<PostDto> Posts, bool CanManage, bool CanClaim);

/// <summary>
/// Who reads and changes posts. Readers of a community's posts: its staff, its street's staff (and administrators), and the
/// members living in it (who see the posts with free places and those they hold). Writes by someone who may read the street
/// but not manage the community are refused (403); anyone else does not find the post (404).
/// </summary>
internal static class PostAccess
{
    /// <summary>The community's street, whether the user manages it, and whether the user may at least read its street (or, a member, the community).</summary>
    public static async Task<(Guid StreetId, bool Manage, bool StreetVisible)?> CommunityAsync(ScopeGuard scope, PortalDbContext db, Guid communityId, CancellationToken ct)
    {
        var user = scope.User;
        var street = await db.Communities.Where(c => c.Id == communityId).Select(c => (Guid?)c.StreetId).FirstOrDefaultAsync(ct);
        if (street is not { } streetId)
        {
            return null;
        }

        // A member reads their own community's posts: a staff write there is refused (403) rather than not found.
        var visible = user.IsPartyMember
            ? await db.MemberRegistrations.AnyAsync(r => r.Id == user.MemberRegistrationId && r.CommunityId == communityId, ct)
            : await scope.VisibleStreets(db).AnyAsync(s => s.Id == streetId, ct);
        var manage = user.IsAdministrator || user.MayManageCommunity(streetId, communityId);
        return (streetId, manage, visible);
    }

    /// <summary>The tracked post for a staff write: 404 unless its street is readable, 403 unless the user manages its community.</summary>
    public static async Task<Post> LoadForManageAsync(ScopeGuard scope, PortalDbContext db, Guid postId, CancellationToken ct)
    {
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == postId, ct) ?? throw new PortalNotFoundException("Post.NotFound");
        var access = await CommunityAsync(scope, db, post.CommunityId, ct);
        if (access is not { } a || !(a.Manage || a.StreetVisible))
        {
            throw new PortalNotFoundException("Post.NotFound");
        }

        return a.Manage ? post : throw new PortalForbiddenException("Error.ReadOnly");
    }

    /// <summary>A post of the member's own community (404 for any other: members see nothing outside it).</summary>
    public static async Task<Post> LoadForMemberAsync(PortalDbContext db, MemberRegistration member, Guid postId, CancellationToken ct) =>
        await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId && p.StreetId == member.StreetId && p.CommunityId == member.CommunityId, ct)
        ?? throw new PortalNotFoundException("Post.NotFound");

    public static IQueryable<PostDto> Project(PortalDbContext db, IQueryable<Post> posts, Guid? memberId) =>
        posts.Select(p => new PostDto(
            p.Id, p.StreetId, p.CommunityId,
            db.Communities.Where(c => c.Id == p.CommunityId).Select(c => c.Name).First(),
            p.Kind, p.Title, p.Duties, p.Place, p.Schedule, p.Places, p.Taken, p.Withdrawn,
            memberId != null && db.PostClaims.Any(c => c.PostId == p.Id && c.RegistrationId == memberId && c.ReleasedAt == null),
            p.Version));
}

/// <summary>GET /communities/{id}/posts: staff see every post (withdrawn last); a member of the community sees open posts with free places and those they hold.</summary>
public sealed class GetPosts(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<PostList> HandleAsync(Guid communityId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = scope.User;
        if (user.IsPartyMember)
        {
            var member = await scope.CurrentMemberAsync(db, ct);
            if (member.CommunityId != communityId)
            {
                throw new PortalNotFoundException("Error.CommunityNotFound");
            }

            var posts = db.Posts.AsNoTracking().Where(p => p.CommunityId == communityId && p.StreetId == member.StreetId
                && ((!p.Withdrawn && p.Taken < p.Places) || db.PostClaims.Any(c => c.PostId == p.Id && c.RegistrationId == member.Id && c.ReleasedAt == null)));
            var list = await PostAccess.Project(db, posts.OrderBy(p => p.Kind).ThenBy(p => p.Title), member.Id).ToListAsync(ct);
            return new PostList(list, false, member.Status == RegistrationStatus.Registered);
        }

        var access = await PostAccess.CommunityAsync(scope, db, communityId, ct);
        if (access is not { Manage: true })
        {
            throw new PortalNotFoundException("Error.CommunityNotFound");
        }

        var all = db.Posts.AsNoTracking().Where(p => p.CommunityId == communityId).OrderBy(p => p.Withdrawn).ThenBy(p => p.Kind).ThenBy(p => p.Title);
        return new PostList(await PostAccess.Project(db, all, null).ToListAsync(ct), true, false);
    }
}

/// <summary>The signed-in member's community and its posts as the member sees them (the member's "my posts" page).</summary>
public sealed class GetMemberPosts(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, GetPosts posts) : IHandler
{
    public async Task<(Guid CommunityId, string Community, PostList Posts)> HandleAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await scope.CurrentMemberAsync(db, ct);
        var name = await db.Communities.Where(c => c.Id == member.CommunityId).Select(c => c.Name).SingleAsync(ct);
        return (member.CommunityId, name, await posts.HandleAsync(member.CommunityId, ct));
    }
}

/// <summary>The posts the signed-in member holds now (the member's "my posts").</summary>
public sealed class GetMyPosts(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<IReadOnlyList<PostDto>> HandleAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await scope.CurrentMemberAsync(db, ct);
        var held = db.Posts.AsNoTracking().Where(p => db.PostClaims.Any(c => c.PostId == p.Id && c.RegistrationId == member.Id && c.ReleasedAt == null));
        return await PostAccess.Project(db, held.OrderBy(p => p.Title), member.Id).ToListAsync(ct);
    }
}

internal static class PostWrites
{
    public static void Apply(Post post, PostInput input)
    {
        post.Kind = input.Kind!.Value;
        post.Title = input.Title.Trim();
        post.Duties = input.Duties?.Trim() ?? "";
        post.Place = input.Place?.Trim() ?? "";
        post.Schedule = input.Schedule?.Trim() ?? "";
        post.Places = input.Places;
    }
}

public sealed class CreatePost(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<Guid> HandleAsync(Guid communityId, PostInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await PostAccess.CommunityAsync(scope, db, communityId, ct);
        if (access is not { } a || !(a.Manage || a.StreetVisible))
        {
            throw new PortalNotFoundException("Error.CommunityNotFound");
        }

        if (!a.Manage)
        {
            throw new PortalForbiddenException("Error.ReadOnly");
        }

        PortalValidationException.ThrowIfAny(MemberRules.Validate(input));
        var post = new Post { StreetId = a.StreetId, CommunityId = communityId, Title = "", CreatedAt = calendar.UtcNow };
        PostWrites.Apply(post, input);
        db.Posts.Add(post);
        await db.SaveChangesAsync(ct);
        return post.Id;
    }
}

/// <summary>Edits a post; its places never drop below the places members hold (a claim in between changes the version: 409).</summary>
public sealed class UpdatePost(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task HandleAsync(Guid postId, PostInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var post = await PostAccess.LoadForManageAsync(scope, db, postId, ct);
        if (post.Withdrawn)
        {
            throw new PortalConflictException("Post.Withdrawn");
        }

        var failures = MemberRules.Validate(input).ToList();
        if (failures.Count == 0 && !MemberRules.PlacesFit(input.Places, post.Taken))
        {
            failures.Add(new(nameof(input.Places), "Post.PlacesBelowTaken", post.Taken));
        }

        PortalValidationException.ThrowIfAny(failures);
        PostWrites.Apply(post, input);
        await db.SaveWithVersionAsync(post, input.Version ?? post.Version, ct);
    }
}

/// <summary>Withdraws a post: no new claims or records; the members holding it are released; its history stays.</summary>
public sealed class WithdrawPost(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid postId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var post = await PostAccess.LoadForManageAsync(scope, db, postId, ct);
        if (post.Withdrawn)
        {
            throw new PortalConflictException("Post.Withdrawn");
        }

        var now = calendar.UtcNow;
        foreach (var claim in await db.PostClaims.Where(c => c.PostId == postId && c.ReleasedAt == null).ToListAsync(ct))
        {
            claim.ReleasedAt = now;
        }

        post.Withdrawn = true;
        post.Taken = 0;
        await db.SaveWithVersionAsync(post, post.Version, ct);
    }
}

/// <summary>
/// A registered member of the post's community takes a place. The place is taken by one guarded UPDATE
/// (<c>"Taken" = "Taken" + 1 WHERE "Taken" &lt; "Places"</c>) in the same transaction as the claim's insert, so two claims
/// of the last place cannot both win; the unique index on open claims refuses a member claiming twice at once.
/// </summary>
public sealed class ClaimPost(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid postId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await scope.ActiveMemberAsync(db, ct);
        var post = await PostAccess.LoadForMemberAsync(db, member, postId, ct);
        if (post.Withdrawn)
        {
            throw new PortalConflictException("Post.Withdrawn");
        }

        try
        {
            await db.InTransactionAsync(async () =>
            {
                if (await Holds(db, postId, member.Id, ct))
                {
                    throw new PortalConflictException("Post.AlreadyHeld");
                }

                var taken = await db.Posts.Where(p => p.Id == postId && !p.Withdrawn && p.Taken < p.Places)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Taken, p => p.Taken + 1), ct);
                if (taken == 0)
                {
                    throw new PortalConflictException("Post.Full");
                }

                // Read again under the post's row lock: a claim by the same member that committed meanwhile is seen now.
                if (await Holds(db, postId, member.Id, ct))
                {
                    throw new PortalConflictException("Post.AlreadyHeld");
                }

                db.PostClaims.Add(new PostClaim { StreetId = post.StreetId, PostId = postId, RegistrationId = member.Id, ClaimedAt = calendar.UtcNow });
                await db.SaveChangesAsync(ct);
            }, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new PortalConflictException("Post.AlreadyHeld");
        }
    }

    private static Task<bool> Holds(PortalDbContext db, Guid postId, Guid registrationId, CancellationToken ct) =>
        db.PostClaims.AnyAsync(c => c.PostId == postId && c.RegistrationId == registrationId && c.ReleasedAt == null, ct);
}

/// <summary>The member gives the place back: the claim is closed and the place freed, under the post's row lock.</summary>
public sealed class ReleasePost(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid postId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await scope.CurrentMemberAsync(db, ct);
        await PostAccess.LoadForMemberAsync(db, member, postId, ct);
        await db.InTransactionAsync(async () =>
        {
            // The guarded decrement takes the post's row lock first; the claim is read after it, so two releases cannot both count.
            await db.Posts.Where(p => p.Id == postId && p.Taken > 0).ExecuteUpdateAsync(s => s.SetProperty(p => p.Taken, p => p.Taken - 1), ct);
            var claim = await db.PostClaims.SingleOrDefaultAsync(c => c.PostId == postId && c.RegistrationId == member.Id && c.ReleasedAt == null, ct)
                ?? throw new PortalConflictException("Post.NotHeld");
            claim.ReleasedAt = calendar.UtcNow;
            await db.SaveChangesAsync(ct);
        }, ct);
    }
}
