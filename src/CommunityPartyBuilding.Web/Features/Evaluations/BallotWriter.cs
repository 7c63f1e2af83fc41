using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Data.Configurations;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CommunityPartyBuilding.Web.Features.Evaluations;

/// <summary>
/// The hot path of the ballot: one round trip that, as one implicit transaction, takes the shared evaluation lock,
/// consumes the code (its primary key refuses a second use) only while the campaign is open, and stores the ballot and
/// its ratings only if the code was consumed. Either all of it is stored or nothing.
/// </summary>
internal static class BallotWriter
{
    private const string Sql = """
        WITH redeemed AS (
            INSERT INTO "BallotCodeRedemptions" ("BallotCodeId", "CampaignId")
            SELECT $1, $2
            WHERE EXISTS (SELECT 1 FROM "EvaluationCampaigns" c
                          WHERE c."Id" = $2 AND c."Status" = 'Open' AND c."BallotOpensAt" <= $3 AND c."BallotClosesAt" > $3)
            RETURNING "CampaignId"),
        ballot AS (
            INSERT INTO "Ballots" ("Id", "CampaignId", "StreetId", "Channel", "CastAt")
            SELECT $4, redeemed."CampaignId", $5, 'Online', $6 FROM redeemed
            RETURNING "Id"),
        ratings AS (
            INSERT INTO "BallotRatings" ("BallotId", "CampaignId", "UnitId", "Rating", "Comment")
            SELECT ballot."Id", $2, r.unit, r.rating, r.comment
            FROM ballot, unnest($7::uuid[], $8::text[], $9::text[]) AS r(unit, rating, comment)
            RETURNING 1)
        SELECT (SELECT count(*) FROM ballot) + 0 * (SELECT count(*) FROM ratings)
        """;

    /// <summary>True when stored; false when the campaign is no longer open; <see cref="PortalConflictException"/> when the code was used meanwhile.</summary>
    public static async Task<bool> WriteOnlineAsync(PortalDbContext db, BallotCode code, EvaluationCampaign campaign, IReadOnlyList<RatingInput> ratings,
        DateTimeOffset now, DateTimeOffset castAt, CancellationToken ct)
    {
        using var activity = PortalTelemetry.Source.StartActivity("ballots.cast");
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(CampaignLocks.SharedSql) { Parameters = { new() { Value = CampaignLocks.Key } } });
        var insert = new NpgsqlBatchCommand(Sql);
        insert.Parameters.Add(new() { Value = code.Id });
        insert.Parameters.Add(new() { Value = campaign.Id });
        insert.Parameters.Add(new() { Value = now.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new() { Value = Guid.NewGuid() });
        insert.Parameters.Add(new() { Value = campaign.StreetId });
        insert.Parameters.Add(new() { Value = castAt.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new() { Value = ratings.Select(r => r.UnitId).ToArray() });
        insert.Parameters.Add(new() { Value = ratings.Select(r => r.Rating!.Value.ToString()).ToArray() });
        insert.Parameters.Add(new() { Value = ratings.Select(r => string.IsNullOrWhiteSpace(r.Comment) ? null : r.Comment.Trim()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        batch.BatchCommands.Add(insert);
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            var stored = reader.GetInt64(0) == 1;
            activity?.SetTag("portal.ballot.stored", stored);
            if (stored)
            {
                PortalTelemetry.BallotsCast.Add(1, new KeyValuePair<string, object?>("channel", "online"));
            }
            else
            {
                PortalTelemetry.BallotsRejected.Add(1, new KeyValuePair<string, object?>("reason", "window_closed"));
            }

            return stored;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == BallotCodeRedemptionConfiguration.PrimaryKey)
        {
            PortalTelemetry.BallotsRejected.Add(1, new KeyValuePair<string, object?>("reason", "code_used"));
            throw new PortalConflictException("Ballots.CodeUsed");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
