using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Data.Configurations;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Evaluations;

public sealed record CampaignSummary(Guid Id, Guid StreetId, int Year, EvaluationStatus Status, DateTimeOffset BallotOpensAt, DateTimeOffset BallotClosesAt);

/// <summary>Ballots cast so far and codes left: all that anyone sees while the window is open.</summary>
public sealed record Turnout(int CodesIssued, int CodesUsed, int CodesLeft, int OnlineBallots, int PaperBallots)
{
    public int Ballots => OnlineBallots + PaperBallots;
}

public sealed record CampaignDetail(
    Guid Id,
    Guid StreetId,
    string StreetName,
    int Year,
    EvaluationStatus Status,
    DateTimeOffset BallotOpensAt,
    DateTimeOffset BallotClosesAt,
    IndicatorWeights Weights,
    GradeThresholds Thresholds,
    int Units,
    Turnout Turnout,
    bool BallotWindowOpen,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? FinalisedAt,
    string? FinalisedBy,
    DateTimeOffset? PublishedAt,
    bool CanManage,
    uint Version,
    int AnnualActivityTarget);

public sealed record CampaignInput
{
    public int Year { get; init; }

    public DateTimeOffset BallotOpensAt { get; init; }

    public DateTimeOffset BallotClosesAt { get; init; }

    public IndicatorWeights? Weights { get; init; }

    public GradeThresholds? Thresholds { get; init; }
}

/// <summary>
/// A transaction-scoped advisory lock that orders saves against campaign status changes: ballots, paper ballots and
/// adjustments take the lock shared and then read the status; closing and finalising take it exclusively, so no save
/// straddles a step. Advisory locks live in PostgreSQL's lock table: hundreds of concurrent ballots share one without
/// writing to the campaign row (a row-level FOR SHARE would create a multixact per ballot).
/// </summary>
internal static class CampaignLocks
{
    /// <summary>One key for all campaigns: steps are rare and short, so they may as well wait for every street's ballots in flight.</summary>
    public const long Key = 0x4556414C; // "EVAL"

    public const string SharedSql = "SELECT pg_advisory_xact_lock_shared($1)";

    public static async Task<EvaluationStatus?> LockAsync(PortalDbContext db, Guid campaignId, bool exclusive, CancellationToken ct)
    {
        if (exclusive)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key})", ct);
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({Key})", ct);
        }

        return await db.EvaluationCampaigns.AsNoTracking().Where(c => c.Id == campaignId).Select(c => (EvaluationStatus?)c.Status).FirstOrDefaultAsync(ct);
    }
}

internal static class CampaignQueries
{
    /// <summary>The campaign, if the user may read its street; otherwise not found.</summary>
    public static async Task<EvaluationCampaign> ReadableAsync(PortalDbContext db, ScopeGuard scope, Guid campaignId, CancellationToken ct, bool track = false)
    {
        var query = track ? db.EvaluationCampaigns : db.EvaluationCampaigns.AsNoTracking();
        var campaign = await query.FirstOrDefaultAsync(c => c.Id == campaignId, ct)
            ?? throw new PortalNotFoundException("Evaluations.NotFound");
        try
        {
            await scope.EnsureCanReadStreetAsync(db, campaign.StreetId, ct);
        }
        catch (PortalNotFoundException)
        {
            throw new PortalNotFoundException("Evaluations.NotFound");
        }

        return campaign;
    }

    public static async Task<EvaluationCampaign> ManageableAsync(PortalDbContext db, ScopeGuard scope, Guid campaignId, CancellationToken ct)
    {
        var campaign = await ReadableAsync(db, scope, campaignId, ct, track: true);
        await scope.EnsureCanManageStreetAsync(db, campaign.StreetId, ct);
        return campaign;
    }

    public static async Task<Turnout> TurnoutAsync(PortalDbContext db, Guid campaignId, CancellationToken ct)
    {
        var issued = await db.BallotCodes.CountAsync(c => c.CampaignId == campaignId, ct);
        var used = await db.BallotCodeRedemptions.CountAsync(r => r.CampaignId == campaignId, ct);
        var channels = await db.Ballots.Where(b => b.CampaignId == campaignId)
            .GroupBy(b => b.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new Turnout(issued, used, issued - used,
            channels.Where(c => c.Key == BallotChannel.Online).Sum(c => c.Count),
            channels.Where(c => c.Key == BallotChannel.Paper).Sum(c => c.Count));
    }

    /// <summary>The street committee's current annual activity target, null when the street has no committee profile.</summary>
    public static Task<int?> CommitteeActivityTargetAsync(PortalDbContext db, Guid streetId, CancellationToken ct) =>
        db.StreetCommittees.Where(c => c.StreetId == streetId).Select(c => (int?)c.AnnualActivityTarget).FirstOrDefaultAsync(ct);

    /// <summary>Rule 9's yearly hours and target rate for the campaign: frozen at opening, the committee's current ones before.</summary>
    public static async Task<(int YearlyHours, decimal TargetRate)> MemberTargetsAsync(PortalDbContext db, EvaluationCampaign campaign, CancellationToken ct)
    {
        if (campaign.MemberYearlyHours is { } hours && campaign.MemberTargetRate is { } rate)
        {
            return (hours, rate);
        }

        var committee = await db.StreetCommittees.AsNoTracking().Where(c => c.StreetId == campaign.StreetId)
            .Select(c => new { c.MemberYearlyHours, c.MemberTargetRate }).FirstOrDefaultAsync(ct);
        return CampaignRules.MemberTargets(campaign.MemberYearlyHours, campaign.MemberTargetRate, committee?.MemberYearlyHours, committee?.MemberTargetRate);
    }

    public static bool WindowOpen(EvaluationCampaign c, DateTimeOffset now) =>
        c.Status == EvaluationStatus.Open && now >= c.BallotOpensAt && now < c.BallotClosesAt;
}

public sealed class GetCampaigns(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<List<CampaignSummary>> HandleAsync(Guid streetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadStreetAsync(db, streetId, ct);
        return await db.EvaluationCampaigns.AsNoTracking().Where(c => c.StreetId == streetId)
            .OrderByDescending(c => c.Year)
            .Select(c => new CampaignSummary(c.Id, c.StreetId, c.Year, c.Status, c.BallotOpensAt, c.BallotClosesAt))
            .ToListAsync(ct);
    }
}

public sealed class GetCampaign(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task<CampaignDetail> HandleAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await CampaignQueries.ReadableAsync(db, scope, campaignId, ct);
        var street = await db.Streets.Where(s => s.Id == c.StreetId).Select(s => s.Name).FirstAsync(ct);
        var units = c.Status == EvaluationStatus.Draft
            ? await db.MemberUnits.CountAsync(u => u.StreetId == c.StreetId && u.Status == UnitStatus.Active, ct)
            : await db.CampaignUnits.CountAsync(u => u.CampaignId == c.Id, ct);
        var user = scope.User;
        return new CampaignDetail(c.Id, c.StreetId, street, c.Year, c.Status, c.BallotOpensAt, c.BallotClosesAt, c.Weights, c.Thresholds, units,
            await CampaignQueries.TurnoutAsync(db, c.Id, ct), CampaignQueries.WindowOpen(c, clock.GetUtcNow()),
            c.OpenedAt, c.ClosedAt, c.FinalisedAt, c.FinalisedBy, c.PublishedAt,
            user.MayManageStreet(c.StreetId), c.Version,
            CampaignRules.ActivityTarget(c.AnnualActivityTarget, await CampaignQueries.CommitteeActivityTargetAsync(db, c.StreetId, ct)));
    }
}

/// <summary>
/// Staff create the year's evaluation campaign (a draft), one per street and year. Scope: staff of the street
/// (<see cref="ScopeGuard.EnsureCanManageStreetAsync"/>).
/// </summary>
public sealed class CreateCampaign(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task<Guid> HandleAsync(Guid streetId, CampaignInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanManageStreetAsync(db, streetId, ct);
        var weights = input.Weights ?? IndicatorWeights.Default;
        var thresholds = input.Thresholds ?? GradeThresholds.Default;
        PortalValidationException.ThrowIfAny(CampaignRules.ValidateSettings(input.Year, input.BallotOpensAt, input.BallotClosesAt, weights, thresholds));
        if (await db.EvaluationCampaigns.AnyAsync(c => c.StreetId == streetId && c.Year == input.Year, ct))
        {
            throw YearTaken(input.Year);
        }

        var campaign = new EvaluationCampaign
        {
            StreetId = streetId,
            Year = input.Year,
            BallotOpensAt = input.BallotOpensAt.ToUniversalTime(),
            BallotClosesAt = input.BallotClosesAt.ToUniversalTime(),
            Weights = weights,
            Thresholds = thresholds,
            CreatedAt = clock.GetUtcNow(),
        };
        db.EvaluationCampaigns.Add(campaign);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(EvaluationCampaignConfiguration.YearIndex))
        {
            throw YearTaken(input.Year);
        }

        return campaign.Id;
    }

    private static PortalValidationException YearTaken(int year) =>
        new([new ValidationFailure("year", "Evaluations.YearTaken", year)]);
}

/// <summary>
/// Staff change a campaign's settings (ballot window, weights, thresholds) while it is a draft. Scope: staff of the
/// campaign's street (<see cref="CampaignQueries.ManageableAsync"/>).
/// </summary>
public sealed class UpdateCampaign(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task HandleAsync(Guid campaignId, CampaignInput input, uint? version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await CampaignQueries.ManageableAsync(db, scope, campaignId, ct);
        if (!CampaignRules.SettingsEditable(campaign.Status))
        {
            throw new PortalConflictException("Evaluations.SettingsLocked");
        }

        var weights = input.Weights ?? campaign.Weights;
        var thresholds = input.Thresholds ?? campaign.Thresholds;
        PortalValidationException.ThrowIfAny(CampaignRules.ValidateSettings(campaign.Year, input.BallotOpensAt, input.BallotClosesAt, weights, thresholds));
        campaign.BallotOpensAt = input.BallotOpensAt.ToUniversalTime();
        campaign.BallotClosesAt = input.BallotClosesAt.ToUniversalTime();
        campaign.Weights = weights;
        campaign.Thresholds = thresholds;
        await db.SaveWithVersionAsync(campaign, version ?? campaign.Version, ct);
    }
}

/// <summary>
/// 草稿 → 评议中: opens the ballot window; the street's active units at this moment are the ones evaluated, in ballot
/// order. Each step of 草稿 → 评议中 → 已截止 → 已定稿 → 已通报 runs only from the one before.
/// Scope: staff of the campaign's street (<see cref="CampaignQueries.ManageableAsync"/>).
/// </summary>
public sealed class OpenCampaign(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task HandleAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await CampaignQueries.ManageableAsync(db, scope, campaignId, ct);
        CampaignRules.EnsureTransition(campaign.Status, EvaluationStatus.Open);
        var now = clock.GetUtcNow();
        if (campaign.BallotClosesAt <= now)
        {
            throw new PortalValidationException([new ValidationFailure("ballotClosesAt", "Evaluations.WindowPassed")]);
        }

        // The units taking part are those active when the campaign opens, in the order of the ballot (category, then pinyin).
        var units = (await db.MemberUnits.AsNoTracking()
            .Where(u => u.StreetId == campaign.StreetId && u.Status == UnitStatus.Active)
            .OrderBy(u => EF.Functions.Collate(u.Name, PortalDbContext.ChineseCollation))
            .Select(u => new { u.Id, u.Category })
            .ToListAsync(ct))
            .OrderBy(u => (int)u.Category) // categories in the order of the domain (stored by name in the database); stable, so pinyin within
            .ToList();
        if (units.Count == 0)
        {
            throw new PortalConflictException("Evaluations.NoUnits");
        }

        db.CampaignUnits.AddRange(units.Select((u, i) => new CampaignUnit
        {
            CampaignId = campaign.Id, UnitId = u.Id, StreetId = campaign.StreetId, Category = u.Category, SortOrder = i,
        }));
        campaign.Status = EvaluationStatus.Open;
        campaign.OpenedAt = now;
        campaign.AnnualActivityTarget = CampaignRules.ActivityTarget(null, await CampaignQueries.CommitteeActivityTargetAsync(db, campaign.StreetId, ct));
        (campaign.MemberYearlyHours, campaign.MemberTargetRate) = await CampaignQueries.MemberTargetsAsync(db, campaign, ct);
        await CampaignSteps.SaveAsync(db, ct);
    }
}

/// <summary>
/// 评议中 → 已截止: closes the ballot window, under the campaign's exclusive lock so that no ballot is being saved.
/// Scope: staff of the campaign's street (<see cref="CampaignQueries.ManageableAsync"/>).
/// </summary>
public sealed class CloseCampaign(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task HandleAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.InTransactionAsync(async () =>
        {
            await CampaignLocks.LockAsync(db, campaignId, exclusive: true, ct);
            var campaign = await CampaignQueries.ManageableAsync(db, scope, campaignId, ct);
            CampaignRules.EnsureTransition(campaign.Status, EvaluationStatus.Closed);
            campaign.Status = EvaluationStatus.Closed;
            campaign.ClosedAt = clock.GetUtcNow();
            await CampaignSteps.SaveAsync(db, ct);
        }, ct);
    }
}

/// <summary>
/// 已截止 → 已定稿: computes every unit's figures once more and stores them; from now on nothing recomputes them.
/// Scope: staff of the campaign's street (<see cref="CampaignQueries.ManageableAsync"/>).
/// </summary>
public sealed class FinaliseCampaign(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock, AssessmentCalculator calculator) : IHandler
{
    public async Task HandleAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.InTransactionAsync(async () =>
        {
            // Paper ballots and adjustments hold a share lock on the campaign row while they save: once this lock is
            // granted none is in flight, and none can start until the status says 已定稿.
            await CampaignLocks.LockAsync(db, campaignId, exclusive: true, ct);
            var campaign = await CampaignQueries.ManageableAsync(db, scope, campaignId, ct);
            CampaignRules.EnsureTransition(campaign.Status, EvaluationStatus.Finalised);
            var rows = await calculator.ComputeAsync(db, campaign, ct);
            db.UnitAssessments.AddRange(rows.Select(r => r.ToStored(campaign)));
            var turnout = await CampaignQueries.TurnoutAsync(db, campaign.Id, ct);
            campaign.FinalOnlineBallots = turnout.OnlineBallots;
            campaign.FinalPaperBallots = turnout.PaperBallots;
            campaign.Status = EvaluationStatus.Finalised;
            campaign.FinalisedAt = clock.GetUtcNow();
            campaign.FinalisedBy = scope.User.DisplayName.Length > 0 ? scope.User.DisplayName : scope.User.Email;
            await CampaignSteps.SaveAsync(db, ct);
        }, ct);
    }
}

/// <summary>
/// 已定稿 → 已通报: publishes the results.
/// Scope: staff of the campaign's street (<see cref="CampaignQueries.ManageableAsync"/>).
/// </summary>
public sealed class PublishCampaign(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task HandleAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await CampaignQueries.ManageableAsync(db, scope, campaignId, ct);
        CampaignRules.EnsureTransition(campaign.Status, EvaluationStatus.Published);
        campaign.Status = EvaluationStatus.Published;
        campaign.PublishedAt = clock.GetUtcNow();
        await CampaignSteps.SaveAsync(db, ct);
    }
}

/// <summary>What the campaign's steps (<see cref="OpenCampaign"/>, <see cref="CloseCampaign"/>, <see cref="FinaliseCampaign"/>, <see cref="PublishCampaign"/>) share.</summary>
internal static class CampaignSteps
{
    /// <summary>Two people pressing the same step at once: the second finds the row changed and is told so.</summary>
    public static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalConflictException("Error.ConcurrencyConflict");
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new PortalConflictException("Error.ConcurrencyConflict");
        }
    }
}

/// <summary>Staff issue one-time codes; the plain codes are returned this once and only their hashes are kept.</summary>
public sealed class IssueBallotCodes(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task<IssuedCodes> HandleAsync(Guid campaignId, int count, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await CampaignQueries.ManageableAsync(db, scope, campaignId, ct);
        if (count < 1 || count > CampaignRules.MaxCodesPerRequest)
        {
            throw new PortalValidationException([new ValidationFailure("count", "Evaluations.CodeCount", CampaignRules.MaxCodesPerRequest)]);
        }

        if (!CampaignRules.CodesIssuable(campaign.Status))
        {
            throw new PortalConflictException("Evaluations.CodesClosed");
        }

        var batch = 1 + (await db.BallotCodes.Where(c => c.CampaignId == campaignId).MaxAsync(c => (int?)c.Batch, ct) ?? 0);
        var now = clock.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            var plain = new HashSet<string>();
            while (plain.Count < count)
            {
                plain.Add(BallotCodes.NewCode());
            }

            var rows = plain.Select(code => new BallotCode
            {
                CampaignId = campaignId, StreetId = campaign.StreetId, CodeHash = BallotCodes.Hash(code), Batch = batch, IssuedAt = now,
            }).ToList();
            db.BallotCodes.AddRange(rows);
            try
            {
                await db.SaveChangesAsync(ct);
                return new IssuedCodes(batch, plain.Select(BallotCodes.Format).ToList());
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 3)
            {
                // A code collided with one issued earlier (29^8 ≈ 5 × 10^11 codes, so this is rare): draw the batch again.
                db.ChangeTracker.Clear();
            }
        }
    }
}

public sealed record IssuedCodes(int Batch, IReadOnlyList<string> Codes);
