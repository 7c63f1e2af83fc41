using System.Globalization;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Meetings;

/// <summary>"Unit active on a date" as PostgreSQL evaluates it (invitations, quorum, dashboards) agrees with the rule.</summary>
public class UnitActivityTranslationTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task The_sql_and_the_rule_agree_on_the_boundary_days()
    {
        var streetId = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var day = new DateOnly(2026, 3, 1);
        (DateOnly Joined, DateOnly? Withdrawn)[] cases =
        [
            (day, null),                      // joined that very day
            (day.AddDays(1), null),           // joins the day after
            (day.AddYears(-1), day),          // withdrawn that very day: still counts
            (day.AddYears(-1), day.AddDays(-1)), // withdrawn the day before
            (day.AddYears(-1), day.AddDays(1)),
            (day, day),                       // joined and withdrawn the same day
        ];
        var ids = await App.QueryAsync(async db =>
        {
            var units = cases.Select((c, i) =>
            {
                var first17 = "9133019" + (i + 1).ToString("D10", CultureInfo.InvariantCulture);
                return new MemberUnit
                {
                    StreetId = streetId,
                    Name = "边界单位" + i,
                    CreditCode = first17 + CreditCode.CheckCharacter(first17),
                    JoinedOn = c.Joined,
                    Status = c.Withdrawn is null ? UnitStatus.Active : UnitStatus.Withdrawn,
                    WithdrawnOn = c.Withdrawn,
                    WithdrawalReason = c.Withdrawn is null ? null : "测试",
                };
            }).ToList();
            db.MemberUnits.AddRange(units);
            await db.SaveChangesAsync();
            return units.Select(u => u.Id).ToList();
        });

        foreach (var date in new[] { day.AddDays(-1), day, day.AddDays(1), day.AddDays(2) })
        {
            var bySql = await App.QueryAsync(db => db.MemberUnits.Where(u => ids.Contains(u.Id)).ActiveOn(date).Select(u => u.Id).ToListAsync());
            var byRule = ids.Where((_, i) => QuorumRules.IsActiveOn(cases[i].Joined, cases[i].Withdrawn, date)).ToList();
            Assert.Equal(byRule.Order(), bySql.Order());
        }

        Assert.Equal(4, ids.Where((_, i) => QuorumRules.IsActiveOn(cases[i].Joined, cases[i].Withdrawn, day)).Count());
    }
}
