using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// Tells a database that is out of reach (restarting, refusing connections, shutting down) from other failures, so
/// that the API answers 503 with Retry-After instead of 500. EF Core's retrying strategy has already tried again by
/// then (<c>EnableRetryOnFailure</c>); a transaction that failed this way was rolled back, so nothing changed.
/// </summary>
public static class DatabaseFailures
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is RetryLimitExceededException || e is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
