using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Data.Configurations;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CommunityPartyBuilding.Web.Features.Evaluations;

public sealed record RatingInput(Guid UnitId, Rating? Rating, string? Comment);

public sealed record BallotUnit(Guid UnitId, string Name, UnitCategory Category);

/// <summary>What the public ballot page shows for a valid, unused code inside the window.</summary>
public sealed record BallotForm(Guid CampaignId, string StreetName, int Year, DateTimeOffset ClosesAt, IReadOnlyList<BallotUnit> Units);

/// <summary>The units on a campaign's ballot, cached briefly: they are fixed when the campaign opens.</summary>
public sealed class CampaignBallotUnits(IMemoryCache cache) : IHandler
{
    public async Task<BallotForm> GetAsync(PortalDbContext db, EvaluationCampaign campaign, CancellationToken ct) =>
        (await cache.GetOrCreateAsync(("ballot-units", campaign.Id), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            var street = await db.Streets.Where(s => s.Id == campaign.StreetId).Select(s => s.Name).FirstAsync(ct);
            var units = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaign.Id)
                .Join(db.MemberUnits, cu => cu.UnitId, u => u.Id, (cu, u) => new { cu.SortOrder, Unit = new BallotUnit(u.Id, u.Name, cu.Category) })
                .OrderBy(x => x.SortOrder)
                .Select(x => x.Unit)
                .ToListAsync(ct);
            return new BallotForm(campaign.Id, street, campaign.Year, campaign.BallotClosesAt, units);
        }))!;
}

internal static class BallotRules
{
    /// <summary>A ballot rates at least one unit of the campaign, each at most once, with comments of at most 200 characters.</summary>
    public static List<RatingInput> Validate(IReadOnlyList<RatingInput>? ratings, ISet<Guid> campaignUnits)
    {
        var failures = new List<ValidationFailure>();
        var given = (ratings ?? []).Where(r => r.Rating is not null || !string.IsNullOrWhiteSpace(r.Comment)).ToList();
        if (given.Count == 0)
        {
            failures.Add(new("ratings", "Ballots.NoRating"));
        }

        foreach (var r in given)
        {
            if (!campaignUnits.Contains(r.UnitId))
            {
                failures.Add(new("ratings", "Ballots.UnitNotInCampaign"));
            }
            else if (r.Rating is null)
            {
                failures.Add(new($"ratings[{r.UnitId}]", "Ballots.CommentWithoutRating"));
            }
            else if (!Enum.IsDefined(r.Rating.Value))
            {
                failures.Add(new($"ratings[{r.UnitId}]", "Ballots.BadRating"));
            }

            if (r.Comment is { } c && c.Trim().Length > CampaignRules.CommentMaxLength)
            {
                failures.Add(new($"ratings[{r.UnitId}]", "Ballots.CommentTooLong", CampaignRules.CommentMaxLength));
            }
        }

        if (given.GroupBy(r => r.UnitId).Any(g => g.Count() > 1))
        {
            failures.Add(new("ratings", "Ballots.DuplicateUnit"));
        }

        PortalValidationException.ThrowIfAny(failures.DistinctBy(f => (f.Field, f.MessageKey)).ToList());
        return given;
    }

    public static Ballot Build(EvaluationCampaign campaign, BallotChannel channel, IReadOnlyList<RatingInput> ratings, DateTimeOffset castAt)
    {
        var ballot = new Ballot { CampaignId = campaign.Id, StreetId = campaign.StreetId, Channel = channel, CastAt = castAt };
        ballot.Ratings.AddRange(ratings.Select(r => new BallotRating
        {
            BallotId = ballot.Id,
            CampaignId = campaign.Id,
            UnitId = r.UnitId,
            Rating = r.Rating!.Value,
            Comment = string.IsNullOrWhiteSpace(r.Comment) ? null : r.Comment.Trim(),
        }));
        return ballot;
    }
}

/// <summary>
/// The public side: check a code and cast a ballot with it. A code is consumed and its ballot stored in one
/// transaction; the redemption's primary key makes a second use impossible even when two submissions race.
/// </summary>
public sealed class CastBallot(IDbContextFactory<PortalDbContext> dbFactory, CampaignBallotUnits ballotUnits, BallotAttemptLimiter limiter, TimeProvider clock) : IHandler
{
    /// <summary>Checks the code for the ballot page: unknown 404, used 409, outside the window 422.</summary>
    public async Task<BallotForm> OpenAsync(string? code, string client, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, campaign) = await FindUsableCodeAsync(db, code, client, ct);
        return await ballotUnits.GetAsync(db, campaign, ct);
    }

    public async Task HandleAsync(string? code, IReadOnlyList<RatingInput>? ratings, string client, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (ballotCode, campaign) = await FindUsableCodeAsync(db, code, client, ct);
        var form = await ballotUnits.GetAsync(db, campaign, ct);
        var given = BallotRules.Validate(ratings, form.Units.Select(u => u.UnitId).ToHashSet());

        // The hour only: the order of ballots must not be recoverable from their times.
        var now = clock.GetUtcNow();
        var castAt = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var stored = await BallotWriter.WriteOnlineAsync(db, ballotCode, campaign, given, now, castAt, ct);
        if (!stored)
        {
            throw new PortalValidationException([new ValidationFailure("code", "Ballots.WindowClosed")]);
        }
    }

    private async Task<(BallotCode Code, EvaluationCampaign Campaign)> FindUsableCodeAsync(PortalDbContext db, string? code, string client, CancellationToken ct)
    {
        limiter.EnsureClientAllowed(client);
        var normalised = BallotCodes.Normalise(code);
        if (normalised is null)
        {
            limiter.RecordFailure(client);
            throw new PortalNotFoundException("Ballots.UnknownCode");
        }

        limiter.EnsureCodeAllowed(normalised);
        var hash = BallotCodes.Hash(normalised);
        var found = await db.BallotCodes.AsNoTracking()
            .Where(c => c.CodeHash == hash)
            .Join(db.EvaluationCampaigns, c => c.CampaignId, e => e.Id, (c, e) => new
            {
                Code = c,
                Campaign = e,
                Used = db.BallotCodeRedemptions.Any(r => r.BallotCodeId == c.Id),
            })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            limiter.RecordFailure(client);
            throw new PortalNotFoundException("Ballots.UnknownCode");
        }

        if (found.Used)
        {
            throw new PortalConflictException("Ballots.CodeUsed");
        }

        var now = clock.GetUtcNow();
        if (found.Campaign.Status != EvaluationStatus.Open || now >= found.Campaign.BallotClosesAt)
        {
            throw new PortalValidationException([new ValidationFailure("code", "Ballots.WindowClosed")]);
        }

        if (now < found.Campaign.BallotOpensAt)
        {
            throw new PortalValidationException([new ValidationFailure("code", "Ballots.WindowNotYetOpen")]);
        }

        return (found.Code, found.Campaign);
    }
}

public sealed record PaperBallotInput(string? Serial, IReadOnlyList<RatingInput>? Ratings);

/// <summary>Staff enter the paper ballots collected at the meeting of residents' representatives; they count the same, marked paper.</summary>
public sealed class EnterPaperBallot(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, CampaignBallotUnits ballotUnits, TimeProvider clock) : IHandler
{
    public async Task<Guid> HandleAsync(Guid campaignId, PaperBallotInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await CampaignQueries.ManageableAsync(db, scope, campaignId, ct);
        if (!CampaignRules.PaperBallotsAccepted(campaign.Status))
        {
            throw new PortalConflictException("Ballots.PaperNotAccepted");
        }

        var serial = string.IsNullOrWhiteSpace(input.Serial) ? null : input.Serial.Trim();
        if (serial is { Length: > CampaignRules.PaperSerialMaxLength })
        {
            throw new PortalValidationException([new ValidationFailure("serial", "Validation.MaxLength", "Field.PaperSerial", CampaignRules.PaperSerialMaxLength)]);
        }

        var form = await ballotUnits.GetAsync(db, campaign, ct);
        var given = BallotRules.Validate(input.Ratings, form.Units.Select(u => u.UnitId).ToHashSet());
        var user = scope.User;
        var ballot = BallotRules.Build(campaign, BallotChannel.Paper, given, clock.GetUtcNow());
        ballot.PaperSerial = serial;
        ballot.EnteredBy = user.DisplayName.Length > 0 ? user.DisplayName : user.Email;
        try
        {
            await db.InTransactionAsync(async () =>
            {
                var status = await CampaignLocks.LockAsync(db, campaignId, exclusive: false, ct);
                if (status is null || !CampaignRules.PaperBallotsAccepted(status.Value))
                {
                    throw new PortalConflictException("Ballots.PaperNotAccepted");
                }

                db.Ballots.Add(ballot);
                await db.SaveChangesAsync(ct);
            }, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(BallotConfiguration.PaperSerialIndex))
        {
            throw new PortalConflictException("Ballots.PaperSerialTaken", serial!);
        }

        PortalTelemetry.BallotsCast.Add(1, new KeyValuePair<string, object?>("channel", "paper"));
        return ballot.Id;
    }

    /// <summary>The ballot units for the entry grid.</summary>
    public async Task<BallotForm> FormAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await CampaignQueries.ManageableAsync(db, scope, campaignId, ct);
        if (campaign.Status == EvaluationStatus.Draft)
        {
            throw new PortalConflictException("Ballots.PaperNotAccepted");
        }

        return await ballotUnits.GetAsync(db, campaign, ct);
    }
}
