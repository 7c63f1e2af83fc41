using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Data.Seeding;

/// <summary>
/// 东湖's evaluations: last year's campaign finalised and published from the demo ledger, meetings and resolutions
/// with about 300 ballots; this year's campaign open, with some ballots cast and 20 unused demo codes that the run
/// command prints so that a person can try the ballot page.
/// </summary>
internal static class DemoEvaluations
{
    public const int DemoCodeCount = 20;

    /// <summary>Even places: praise; odd places: complaints and wishes.</summary>
    private static readonly string[] Comments =
    [
        "志愿服务常年坚持，群众看得见。",
        "希望多到小区开展活动。",
        "帮助解决了停车难问题，点赞！",
        "活动次数偏少，参与度不高。",
        "义诊服务很受老年人欢迎。",
        "承诺的场地开放没有落实。",
        "防诈骗宣传很及时。",
        "联系电话打不通，反映问题没有回音。",
    ];

    /// <summary>The demo codes of a year's campaign: fixed, so that the run command can list the unused ones on every start.</summary>
    public static IReadOnlyList<string> DemoCodes(int year)
    {
        var random = new Random(year * 7 + 1);
        var codes = new List<string>();
        while (codes.Count < DemoCodeCount)
        {
            var code = new string(Enumerable.Range(0, BallotCodes.Length).Select(_ => BallotCodes.Alphabet[random.Next(BallotCodes.Alphabet.Length)]).ToArray());
            if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        return codes;
    }

    public static async Task SeedAsync(PortalDbContext db, AssessmentCalculator calculator, Guid streetId, DateTimeOffset now, TimeZoneInfo zone, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var year = today.Year;
        var random = new Random(2025);
        var units = (await db.MemberUnits.AsNoTracking()
            .Where(u => u.StreetId == streetId && u.Status == UnitStatus.Active)
            .OrderBy(u => EF.Functions.Collate(u.Name, PortalDbContext.ChineseCollation))
            .Select(u => new { u.Id, u.Name, u.Category })
            .ToListAsync(ct))
            .OrderBy(u => (int)u.Category)
            .ToList();

        // Opened campaigns carry the committee's activity target, frozen when they opened.
        var activityTarget = CampaignRules.ActivityTarget(null,
            await db.StreetCommittees.Where(c => c.StreetId == streetId).Select(c => (int?)c.AnnualActivityTarget).FirstOrDefaultAsync(ct));

        // Last year: opened in December, closed, finalised in January and published.
        var last = new EvaluationCampaign
        {
            AnnualActivityTarget = activityTarget,
            StreetId = streetId,
            Year = year - 1,
            BallotOpensAt = At(year - 1, 12, 10, zone),
            BallotClosesAt = At(year - 1, 12, 25, zone),
            CreatedAt = At(year - 1, 11, 20, zone),
            OpenedAt = At(year - 1, 12, 9, zone),
            ClosedAt = At(year - 1, 12, 25, zone),
            Status = EvaluationStatus.Closed,
        };
        db.EvaluationCampaigns.Add(last);
        db.CampaignUnits.AddRange(units.Select((u, i) => new CampaignUnit { CampaignId = last.Id, UnitId = u.Id, StreetId = streetId, Category = u.Category, SortOrder = i }));

        // Each unit gets a reputation; one is rarely known (too few ratings), one has many unhappy residents.
        var reputation = units.ToDictionary(u => u.Id, _ => (Satisfied: 0.5 + random.NextDouble() * 0.4, Dissatisfied: 0.02 + random.NextDouble() * 0.1, Known: 0.35 + random.NextDouble() * 0.3));
        reputation[units[^1].Id] = (0.7, 0.05, 0.02);
        reputation[units[3].Id] = (0.35, 0.45, 0.5);

        var codes = Enumerable.Range(0, 300).Select(_ => new BallotCode
        {
            CampaignId = last.Id, StreetId = streetId, CodeHash = BallotCodes.Hash(BallotCodes.NewCode()), Batch = 1, IssuedAt = At(year - 1, 12, 1, zone),
        }).ToList();
        db.BallotCodes.AddRange(codes);
        for (var i = 0; i < 296; i++)
        {
            var paper = i >= 268;
            var castAt = last.BallotOpensAt.AddHours(random.Next(0, 14 * 24));
            var ballot = new Ballot
            {
                CampaignId = last.Id,
                StreetId = streetId,
                Channel = paper ? BallotChannel.Paper : BallotChannel.Online,
                CastAt = paper ? castAt : new DateTimeOffset(castAt.Year, castAt.Month, castAt.Day, castAt.Hour, 0, 0, TimeSpan.Zero),
                PaperSerial = paper ? $"Z{i - 267:000}" : null,
                EnteredBy = paper ? "东湖街道 刘洋" : null,
            };
            if (!paper)
            {
                db.BallotCodeRedemptions.Add(new BallotCodeRedemption { BallotCodeId = codes[i].Id, CampaignId = last.Id });
            }

            foreach (var unit in units)
            {
                var r = reputation[unit.Id];
                if (random.NextDouble() > r.Known)
                {
                    continue;
                }

                var roll = random.NextDouble();
                var rating = roll < r.Dissatisfied ? Rating.Dissatisfied : roll < r.Dissatisfied + r.Satisfied ? Rating.Satisfied : Rating.BasicallySatisfied;
                ballot.Ratings.Add(new BallotRating
                {
                    BallotId = ballot.Id,
                    CampaignId = last.Id,
                    UnitId = unit.Id,
                    Rating = rating,
                    Comment = random.Next(25) == 0 ? Comments[2 * random.Next(4) + (rating == Rating.Dissatisfied ? 1 : 0)] : null,
                });
            }

            if (ballot.Ratings.Count > 0)
            {
                db.Ballots.Add(ballot);
            }
        }

        await db.SaveChangesAsync(ct);

        // Two adjustments, then the figures computed and stored as finalising does.
        db.AssessmentAdjustments.Add(new AssessmentAdjustment
        {
            CampaignId = last.Id, StreetId = streetId, UnitId = units[1].Id, Delta = 2m, Reason = "牵头完成老旧小区加装电梯协调工作，经大党工委会议研究加分。",
            AdjustedBy = "东湖街道 刘洋", AdjustedAt = At(year, 1, 8, zone),
        });
        db.AssessmentAdjustments.Add(new AssessmentAdjustment
        {
            CampaignId = last.Id, StreetId = streetId, UnitId = units[5].Id, Delta = -3m, Reason = "承诺的场地开放未落实，群众多次反映。",
            AdjustedBy = "东湖街道 刘洋", AdjustedAt = At(year, 1, 8, zone),
        });
        await db.SaveChangesAsync(ct);
        var rows = await calculator.ComputeAsync(db, last, ct);
        db.UnitAssessments.AddRange(rows.Select(r => r.ToStored(last)));
        last.FinalOnlineBallots = await db.Ballots.CountAsync(b => b.CampaignId == last.Id && b.Channel == BallotChannel.Online, ct);
        last.FinalPaperBallots = await db.Ballots.CountAsync(b => b.CampaignId == last.Id && b.Channel == BallotChannel.Paper, ct);
        last.Status = EvaluationStatus.Published;
        last.FinalisedAt = At(year, 1, 10, zone);
        last.FinalisedBy = "东湖街道 刘洋";
        last.PublishedAt = At(year, 1, 15, zone);
        await db.SaveChangesAsync(ct);

        // This year: open now, closing at the year's end (or in two weeks, whichever is later).
        var closes = At(year + 1, 1, 1, zone, hour: 0).AddSeconds(-1);
        if (closes < now.AddDays(14))
        {
            closes = now.AddDays(14);
        }

        var current = new EvaluationCampaign
        {
            AnnualActivityTarget = activityTarget,
            StreetId = streetId,
            Year = year,
            BallotOpensAt = now.AddDays(-5),
            BallotClosesAt = closes,
            CreatedAt = now.AddDays(-10),
            OpenedAt = now.AddDays(-5),
            Status = EvaluationStatus.Open,
        };
        db.EvaluationCampaigns.Add(current);
        db.CampaignUnits.AddRange(units.Select((u, i) => new CampaignUnit { CampaignId = current.Id, UnitId = u.Id, StreetId = streetId, Category = u.Category, SortOrder = i }));
        db.BallotCodes.AddRange(DemoCodes(year).Select(c => new BallotCode
        {
            CampaignId = current.Id, StreetId = streetId, CodeHash = BallotCodes.Hash(c), Batch = 1, IssuedAt = now.AddDays(-6),
        }));
        var used = Enumerable.Range(0, 30).Select(_ => new BallotCode
        {
            CampaignId = current.Id, StreetId = streetId, CodeHash = BallotCodes.Hash(BallotCodes.NewCode()), Batch = 1, IssuedAt = now.AddDays(-6),
        }).ToList();
        db.BallotCodes.AddRange(used);
        foreach (var code in used.Take(24))
        {
            db.BallotCodeRedemptions.Add(new BallotCodeRedemption { BallotCodeId = code.Id, CampaignId = current.Id });
            var ballot = new Ballot { CampaignId = current.Id, StreetId = streetId, Channel = BallotChannel.Online, CastAt = HourOf(now.AddHours(-random.Next(1, 100))) };
            foreach (var unit in units.Where(_ => random.NextDouble() < 0.5))
            {
                ballot.Ratings.Add(new BallotRating
                {
                    BallotId = ballot.Id, CampaignId = current.Id, UnitId = unit.Id,
                    Rating = random.NextDouble() < 0.7 ? Rating.Satisfied : random.NextDouble() < 0.8 ? Rating.BasicallySatisfied : Rating.Dissatisfied,
                });
            }

            if (ballot.Ratings.Count == 0)
            {
                ballot.Ratings.Add(new BallotRating { BallotId = ballot.Id, CampaignId = current.Id, UnitId = units[0].Id, Rating = Rating.Satisfied });
            }

            db.Ballots.Add(ballot);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Which of this year's demo codes are still unused (for the run command's console).</summary>
    public static async Task<List<string>> UnusedDemoCodesAsync(PortalDbContext db, int year, CancellationToken ct)
    {
        var codes = DemoCodes(year);
        var hashes = codes.Select(BallotCodes.Hash).ToList();
        var usable = await db.BallotCodes.AsNoTracking()
            .Where(c => hashes.Contains(c.CodeHash) && !db.BallotCodeRedemptions.Any(r => r.BallotCodeId == c.Id))
            .Select(c => c.CodeHash)
            .ToListAsync(ct);
        return codes.Where(c => usable.Any(h => h.AsSpan().SequenceEqual(BallotCodes.Hash(c)))).Select(BallotCodes.Format).ToList();
    }

    private static DateTimeOffset HourOf(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int year, int month, int day, TimeZoneInfo zone, int hour = 9)
    {
        var local = new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
