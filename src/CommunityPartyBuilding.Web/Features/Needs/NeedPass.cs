using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Needs;

/// <summary>What one pass over the needs did.</summary>
public sealed record NeedPassRun(int Lapsed, int Closed, int DispatchesExpired = 0);

/// <summary>
/// Rule 6's clock, run with the reminders: claims past their claim-by date lapse and the need is published again; done
/// needs the resident did not rate within the window close unrated; dispatches not answered by their deadline expire
/// and free their need for staff to dispatch again. Each change goes through the tracked entities so that it is audited
/// (as "system"); a concurrent change of the same need simply wins and the pass takes it next time.
/// </summary>
public sealed class NeedPass(IDbContextFactory<PortalDbContext> dbFactory, BusinessCalendar calendar)
{
    public const int BatchSize = 500;

    public async Task<NeedPassRun> RunAsync(CancellationToken ct = default)
    {
        var today = calendar.Today;
        var now = calendar.UtcNow;
        var previousActor = AuditActor.Current;
        AuditActor.Current = new AuditActor.Actor(null, "system");
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var lapsed = await db.Needs.Where(n => n.Status == NeedStatus.Claimed && n.ProjectId == null && n.ClaimBy < today).OrderBy(n => n.ClaimBy).Take(BatchSize).ToListAsync(ct);
            foreach (var need in lapsed)
            {
                NeedClaims.Free(need);
                need.LapsedClaims++;
            }

            // Done on day D may be rated through D + 30; the business day is what counts, so compare start-of-day instants.
            var closeBefore = calendar.StartOfDay(today.AddDays(-NeedRules.RatingWindowDays));
            var unrated = await db.Needs.Where(n => n.Status == NeedStatus.Done && n.ClosedAt == null && n.CompletedAt < closeBefore)
                .OrderBy(n => n.CompletedAt).Take(BatchSize).ToListAsync(ct);
            foreach (var need in unrated)
            {
                need.ClosedAt = now;
            }

            // 派单: unanswered the day after the deadline, the dispatch expires and the need is free for staff and units again.
            var unanswered = await db.NeedDispatches.Where(d => d.Status == NeedDispatchStatus.Pending && d.Deadline < today)
                .OrderBy(d => d.Deadline).Take(BatchSize).ToListAsync(ct);
            var dispatchedNeedIds = unanswered.Select(d => d.NeedId).ToList();
            var dispatchedNeeds = await db.Needs.Where(n => dispatchedNeedIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
            foreach (var dispatch in unanswered)
            {
                NeedDispatchSteps.Close(dispatchedNeeds[dispatch.NeedId], dispatch, NeedDispatchStatus.Expired, now, null);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new NeedPassRun(0, 0);
            }

            return new NeedPassRun(lapsed.Count, unrated.Count, unanswered.Count);
        }
        finally
        {
            AuditActor.Current = previousActor;
        }
    }
}
