using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Data.Configurations;
using CommunityPartyBuilding.Web.Features.Resources;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary>A resource that fits a need, best first: its score, the reasons in the reader's language, and its unit.</summary>
public sealed record NeedMatchDto(ResourceDto Resource, int Score, IReadOnlyList<string> Reasons);

/// <summary>The dispatch body: which unit, and the last day it may answer.</summary>
public sealed record NeedDispatchInput
{
    public Guid? UnitId { get; init; }

    public DateOnly? Deadline { get; init; }
}

/// <summary>A dispatch as the need's page, the unit's list and the API show it.</summary>
public sealed record NeedDispatchDto(
    Guid Id,
    Guid NeedId,
    string NeedTitle,
    Guid UnitId,
    string UnitName,
    DateTimeOffset DispatchedAt,
    DateOnly Deadline,
    NeedDispatchStatus Status,
    string? DeclineReason,
    DateTimeOffset? AnsweredAt);

/// <summary>The return visit (回访) staff record after a need is done.</summary>
public sealed record ReturnVisitInput
{
    public DateOnly? VisitedOn { get; init; }

    public ReturnVisitWay? Way { get; init; }

    public string? Note { get; init; }

    public bool? Satisfied { get; init; }
}

public sealed record NeedReturnVisitDto(DateOnly VisitedOn, ReturnVisitWay Way, string? Note, bool Satisfied, string? RecordedBy);

/// <summary>What dispatch, acceptance, refusal and expiry share: closing a pending dispatch frees its need.</summary>
internal static class NeedDispatchSteps
{
    public static void Close(Need need, NeedDispatch dispatch, NeedDispatchStatus status, DateTimeOffset at, string? by)
    {
        dispatch.Status = status;
        dispatch.AnsweredAt = at;
        dispatch.AnsweredBy = by;
        if (need.DispatchedUnitId == dispatch.UnitId)
        {
            need.DispatchedUnitId = null;
        }
    }

    public static IQueryable<NeedDispatchDto> Project(PortalDbContext db, IQueryable<NeedDispatch> dispatches) => dispatches.Select(d => new NeedDispatchDto(
        d.Id, d.NeedId, db.Needs.Where(n => n.Id == d.NeedId).Select(n => n.Title).First(), d.UnitId,
        db.MemberUnits.Where(u => u.Id == d.UnitId).Select(u => u.Name).First(), d.DispatchedAt, d.Deadline, d.Status, d.DeclineReason, d.AnsweredAt));

    /// <summary>
    /// The pending dispatch for the unit leader's own unit, tracked: 403 for anyone who is not a unit leader, 404 for a
    /// dispatch to another unit (they may not read it), 409 for one already answered or past its deadline.
    /// </summary>
    public static async Task<(NeedDispatch Dispatch, Need Need)> LoadForAnswerAsync(PortalDbContext db, PortalUser user, Guid dispatchId, DateOnly today, CancellationToken ct)
    {
        if (user is not { IsUnitLeader: true, UnitId: { } unitId })
        {
            throw new PortalForbiddenException("Dispatch.OnlyTheUnit");
        }

        var dispatch = await db.NeedDispatches.FirstOrDefaultAsync(d => d.Id == dispatchId && d.UnitId == unitId, ct)
            ?? throw new PortalNotFoundException("Error.DispatchNotFound");
        switch (dispatch.Status)
        {
            case NeedDispatchStatus.Accepted:
                throw new PortalConflictException("Dispatch.AlreadyAccepted");
            case NeedDispatchStatus.Declined:
                throw new PortalConflictException("Dispatch.AlreadyDeclined");
            case NeedDispatchStatus.Expired:
                throw new PortalConflictException("Dispatch.Expired", DateFormat.Date(dispatch.Deadline));
            case NeedDispatchStatus.Cancelled:
                throw new PortalConflictException("Dispatch.Cancelled");
        }

        if (NeedDispatchRules.Expired(dispatch.Deadline, today))
        {
            throw new PortalConflictException("Dispatch.Expired", DateFormat.Date(dispatch.Deadline));
        }

        var need = await db.Needs.SingleAsync(n => n.Id == dispatch.NeedId, ct);
        return (dispatch, need);
    }
}

/// <summary>
/// 资源匹配 (GET /needs/{id}/matches): the street's active resources of active units that fit the need by
/// <see cref="NeedMatching"/>, best first, with the reasons in the reader's language. For the need's community staff and
/// the street's staff.
/// </summary>
public sealed class GetNeedMatches(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar,
    IStringLocalizer<SharedResource> localizer) : IHandler
{
    public async Task<IReadOnlyList<NeedMatchDto>> HandleAsync(Guid needId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var need = await NeedAccess.LoadReadableAsync(scope, db, needId, ct);
        if (!NeedAccess.MayReview(scope.User, need))
        {
            throw new PortalForbiddenException("Error.ReadOnly");
        }

        var today = calendar.Today;
        var kinds = NeedMatching.Fit(need.Category).ToList();
        var resources = db.UnitResources.AsNoTracking().Where(r => r.StreetId == need.StreetId && r.Status == ResourceStatus.Active
            && db.MemberUnits.Any(u => u.Id == r.UnitId && u.Status == UnitStatus.Active)
            && (r.CommunityIds.Count == 0 || r.CommunityIds.Contains(need.CommunityId))
            && (r.AvailableUntil == null || r.AvailableUntil >= today));
        if (need.Category != Agreements.ServiceCategory.Other)
        {
            resources = resources.Where(r => kinds.Contains(r.Kind));
        }

        var candidates = await resources.Select(r => new
        {
            r.Id,
            r.Kind,
            r.CommunityIds,
            r.AvailableUntil,
            r.Capacity,
            UnitCommunity = db.MemberUnits.Where(u => u.Id == r.UnitId).Select(u => u.CommunityId).First(),
        }).ToListAsync(ct);
        var scored = candidates
            .Select(c => (c.Id, Score: NeedMatching.Score(need.Category, need.CommunityId, need.WantedBy, today,
                new MatchCandidate(c.Kind, c.CommunityIds, c.AvailableUntil, c.Capacity, c.UnitCommunity))))
            .Where(c => c.Score is not null)
            .ToList();
        var ids = scored.Select(s => s.Id).ToList();
        var dtos = (await ResourceQueries.ProjectAsync(db, db.UnitResources.AsNoTracking().Where(r => ids.Contains(r.Id)), ct)).ToDictionary(r => r.Id);
        return scored
            .OrderByDescending(s => s.Score!.Score).ThenByDescending(s => dtos[s.Id].Capacity ?? 0).ThenBy(s => dtos[s.Id].UnitName, StringComparer.Ordinal).ThenBy(s => s.Id)
            .Take(NeedMatching.MaxMatches)
            .Select(s => new NeedMatchDto(dtos[s.Id], s.Score!.Score, s.Score.Reasons.Select(Text).ToList()))
            .ToList();
    }

    private string Text(MatchReason reason) => localizer[reason.Key, reason.Arguments.Select(a => a switch
    {
        DateOnly d => DateFormat.Date(d),
        string s => localizer[s].Value,
        _ => a,
    }).ToArray()];
}

/// <summary>
/// 派单 (POST /needs/{id}/dispatch): staff of the need's community or street send a published need to a unit of the
/// street with a deadline to answer. One dispatch of a need may be pending at a time.
/// </summary>
public sealed class DispatchNeed(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<Guid> HandleAsync(Guid needId, NeedDispatchInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var need = await NeedAccess.LoadForWriteAsync(scope, db, needId, NeedAccess.MayReview, ct);
        var today = calendar.Today;
        var failures = new List<ValidationFailure>();
        if (input.UnitId is not { } unitId || unitId == Guid.Empty)
        {
            failures.Add(new(nameof(input.UnitId), "Validation.Choose", "Field.Dispatch.Unit"));
        }
        else
        {
            var unit = await db.MemberUnits.AsNoTracking().Where(u => u.Id == unitId && u.StreetId == need.StreetId).Select(u => new { u.Status }).FirstOrDefaultAsync(ct);
            if (unit is null)
            {
                failures.Add(new(nameof(input.UnitId), "Dispatch.UnitNotInStreet"));
            }
            else if (unit.Status != UnitStatus.Active)
            {
                failures.Add(new(nameof(input.UnitId), "Error.UnitWithdrawn"));
            }
        }

        if (input.Deadline is not { } deadline)
        {
            failures.Add(new(nameof(input.Deadline), "Validation.Required", "Field.Dispatch.Deadline"));
        }
        else if (!NeedDispatchRules.DeadlineValid(deadline, today))
        {
            failures.Add(new(nameof(input.Deadline), deadline < today ? "Dispatch.DeadlinePast" : "Dispatch.DeadlineTooFar", NeedDispatchRules.MaxDeadlineDays));
        }

        PortalValidationException.ThrowIfAny(failures);
        if (!NeedDispatchRules.MayDispatch(need.Status))
        {
            throw new PortalConflictException("Dispatch.NotPublished", "NeedStatus." + need.Status);
        }

        if (need.DispatchedUnitId is { } waiting)
        {
            var pending = await db.NeedDispatches.FirstOrDefaultAsync(d => d.NeedId == need.Id && d.Status == NeedDispatchStatus.Pending, ct);
            if (pending is not null && !NeedDispatchRules.Expired(pending.Deadline, today))
            {
                var name = await db.MemberUnits.Where(u => u.Id == waiting).Select(u => u.Name).SingleAsync(ct);
                throw new PortalConflictException("Dispatch.AlreadyPending", name, DateFormat.Date(pending.Deadline));
            }

            // Past its deadline (the pass expires it within the hour): expire it first (its own save, so that the one
            // pending dispatch index never sees two), then dispatch anew.
            if (pending is not null)
            {
                NeedDispatchSteps.Close(need, pending, NeedDispatchStatus.Expired, calendar.UtcNow, null);
            }

            need.DispatchedUnitId = null;
            await NeedSave.SaveAsync(db, ct);
        }

        var dispatch = new NeedDispatch
        {
            StreetId = need.StreetId,
            NeedId = need.Id,
            UnitId = input.UnitId!.Value,
            DispatchedAt = calendar.UtcNow,
            DispatchedBy = scope.User.Email,
            Deadline = input.Deadline!.Value,
        };
        db.NeedDispatches.Add(dispatch);
        need.DispatchedUnitId = dispatch.UnitId;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalConflictException("Dispatch.NeedChanged");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: NeedDispatchConfiguration.OnePendingIndex })
        {
            throw new PortalConflictException("Dispatch.NeedChanged");
        }

        return dispatch.Id;
    }
}

/// <summary>
/// The unit's leader accepts a dispatch (POST /need-dispatches/{id}/accept): the unit claims the need through the same
/// claim as <see cref="ClaimNeed"/> (rule 6's checks, the claim-by date, the race on the need's version).
/// </summary>
public sealed class AcceptNeedDispatch(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<Guid> HandleAsync(Guid dispatchId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = scope.User;
        var (dispatch, need) = await NeedDispatchSteps.LoadForAnswerAsync(db, user, dispatchId, calendar.Today, ct);
        if (need.DispatchedUnitId != dispatch.UnitId)
        {
            throw new PortalConflictException("Dispatch.Cancelled");
        }

        await NeedClaims.ClaimAsync(db, need, dispatch.UnitId, user.Email, calendar, ct);
        await NeedClaims.SaveAsync(db, ct);
        return need.Id;
    }
}

/// <summary>The unit's leader declines a dispatch with a reason (POST /need-dispatches/{id}/decline); the need returns to staff.</summary>
public sealed class DeclineNeedDispatch(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<Guid> HandleAsync(Guid dispatchId, NeedReasonInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = scope.User;
        var (dispatch, need) = await NeedDispatchSteps.LoadForAnswerAsync(db, user, dispatchId, calendar.Today, ct);
        var failures = new List<ValidationFailure>();
        UnitRules.Text(failures, input.Reason, nameof(input.Reason), "Field.Dispatch.DeclineReason", NeedDispatchRules.ReasonMaxLength, required: true);
        PortalValidationException.ThrowIfAny(failures);
        NeedDispatchSteps.Close(need, dispatch, NeedDispatchStatus.Declined, calendar.UtcNow, user.Email);
        dispatch.DeclineReason = input.Reason!.Trim();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalConflictException("Error.ConcurrencyConflict");
        }

        return need.Id;
    }
}

/// <summary>A need's dispatches, newest first: all of them for the need's readers among staff, a unit leader only those to their unit.</summary>
public sealed class GetNeedDispatches(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<IReadOnlyList<NeedDispatchDto>> HandleAsync(Guid needId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await NeedAccess.LoadReadableAsync(scope, db, needId, ct);
        return await ForNeedAsync(db, scope.User, needId, ct);
    }

    internal static async Task<List<NeedDispatchDto>> ForNeedAsync(PortalDbContext db, PortalUser user, Guid needId, CancellationToken ct)
    {
        var dispatches = db.NeedDispatches.AsNoTracking().Where(d => d.NeedId == needId);
        if (user.IsUnitLeader)
        {
            dispatches = dispatches.Where(d => d.UnitId == user.UnitId);
        }

        return await NeedDispatchSteps.Project(db, dispatches.OrderByDescending(d => d.DispatchedAt)).ToListAsync(ct);
    }
}

/// <summary>
/// 回访 (POST /needs/{id}/return-visit): staff of the need's community or street record how the resident found the
/// service, once the need is done; recording again replaces it (the audit log keeps the earlier one).
/// </summary>
public sealed class RecordReturnVisit(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid needId, ReturnVisitInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var need = await NeedAccess.LoadForWriteAsync(scope, db, needId, NeedAccess.MayReview, ct);
        if (!ReturnVisitRules.MayRecord(need.Status))
        {
            throw new PortalConflictException("ReturnVisit.NotDone");
        }

        var today = calendar.Today;
        var doneOn = calendar.DateOf(need.CompletedAt!.Value);
        var failures = new List<ValidationFailure>();
        if (input.VisitedOn is not { } visited)
        {
            failures.Add(new(nameof(input.VisitedOn), "Validation.Required", "Field.ReturnVisit.VisitedOn"));
        }
        else if (!ReturnVisitRules.DateValid(visited, doneOn, today))
        {
            failures.Add(new(nameof(input.VisitedOn), "ReturnVisit.DateRange", DateFormat.Date(doneOn)));
        }

        if (input.Way is not { } way || !Enum.IsDefined(way))
        {
            failures.Add(new(nameof(input.Way), "Validation.Choose", "Field.ReturnVisit.Way"));
        }

        if (input.Satisfied is null)
        {
            failures.Add(new(nameof(input.Satisfied), "Validation.Choose", "Field.ReturnVisit.Satisfied"));
        }

        UnitRules.Text(failures, input.Note, nameof(input.Note), "Field.ReturnVisit.Note", ReturnVisitRules.NoteMaxLength, required: false);
        PortalValidationException.ThrowIfAny(failures);
        need.ReturnVisitOn = input.VisitedOn;
        need.ReturnVisitWay = input.Way;
        need.ReturnVisitNote = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        need.ReturnVisitSatisfied = input.Satisfied;
        need.ReturnVisitBy = scope.User.Email;
        await NeedSave.SaveAsync(db, ct);
    }
}
