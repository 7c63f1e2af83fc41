using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Infrastructure;

public static class Transactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction under the context's retrying execution strategy: after a
    /// transient failure the whole unit runs again from a clean change tracker. Refusals thrown by the work are not retried.
    /// </summary>
    public static Task InTransactionAsync(this DbContext db, Func<Task> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await work();
            await transaction.CommitAsync(ct);
        });
}
