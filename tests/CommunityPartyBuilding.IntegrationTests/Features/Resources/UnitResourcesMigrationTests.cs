using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommunityPartyBuilding.IntegrationTests.Features.Resources;

/// <summary>
/// The units' former resource flags are migrated into resources, not dropped (issue 16.2), and migrating down gives the
/// flags back. Runs on a database of its own, stopped at the migration before, with units as they were then.
/// </summary>
public class UnitResourcesMigrationTests
{
    private const string Before = "20261204164447_UserLargeText";
    private const string Target = "20261205112447_UnitResourcesList";

    [Fact]
    public async Task Flags_and_notes_become_resources_serving_the_units_community_and_come_back_on_the_way_down()
    {
        var (connectionString, name) = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(connectionString).Options);
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(Before);

            Guid department = Guid.CreateVersion7(), street = Guid.CreateVersion7(), community = Guid.CreateVersion7();
            Guid venueAndExpertise = Guid.CreateVersion7(), notesOnly = Guid.CreateVersion7(), nothing = Guid.CreateVersion7(), withdrawn = Guid.CreateVersion7();
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "OrganisationDepartments" ("Id", "Name", "Region") VALUES ({department}, '组织部', '示范市')""");
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "Streets" ("Id", "Name", "OrganisationDepartmentId") VALUES ({street}, '东湖街道', {department})""");
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "Communities" ("Id", "StreetId", "Name") VALUES ({community}, {street}, '东湖社区')""");
            async Task UnitAsync(Guid id, string unitName, string code, Guid? communityId, int flags, string notes, bool isWithdrawn = false) =>
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "MemberUnits" ("Id", "StreetId", "Name", "CreditCode", "Category", "PartyOrganisationName", "PartyOrganisationType",
                        "PartyMemberCount", "Address", "CommunityId", "ContactPerson", "ContactPhone", "JoinedOn", "Status", "WithdrawnOn", "WithdrawalReason",
                        "Resources", "ResourceNotes")
                    VALUES ({id}, {street}, {unitName}, {code}, 'School', '党支部', 'Branch', 10, '', {communityId}, '张三', '13800138000', DATE '2024-01-01',
                        {(isWithdrawn ? "Withdrawn" : "Active")}, {(isWithdrawn ? new DateOnly(2025, 1, 1) : (DateOnly?)null)}, {(isWithdrawn ? "迁出" : null)},
                        {flags}, {notes})
                    """);
            await UnitAsync(venueAndExpertise, "东湖中学", "123301000000000001", community, 1 | 8, "操场周末开放；教师志愿者");
            await UnitAsync(notesOnly, "东湖医院", "123301000000000002", null, 0, "义诊");
            await UnitAsync(nothing, "东湖书店", "123301000000000003", community, 0, "");
            await UnitAsync(withdrawn, "东湖银行", "123301000000000004", community, 2 | 4, "", isWithdrawn: true);

            await migrator.MigrateAsync(Target);

            // Only the columns the table has at this migration (later ones add more, e.g. AvailableUntil).
            var resources = (await db.UnitResources.AsNoTracking()
                .Select(r => new { r.UnitId, r.Kind, r.Title, r.Description, r.Status, r.StreetId, r.CommunityIds, r.WithdrawnAt }).ToListAsync())
                .OrderBy(r => r.Kind).ToList();
            Assert.Equal(
                [
                    (venueAndExpertise, ResourceKind.Venue, "场地", "操场周末开放；教师志愿者", ResourceStatus.Active),
                    (withdrawn, ResourceKind.Funds, "资金", "", ResourceStatus.Withdrawn),
                    (withdrawn, ResourceKind.Volunteers, "志愿者", "", ResourceStatus.Withdrawn),
                    (venueAndExpertise, ResourceKind.Expertise, "专业技能", "操场周末开放；教师志愿者", ResourceStatus.Active),
                    (notesOnly, ResourceKind.Materials, "其他资源", "义诊", ResourceStatus.Active),
                ],
                resources.Select(r => (r.UnitId, r.Kind, r.Title, r.Description, r.Status)));
            Assert.All(resources, r => Assert.Equal(street, r.StreetId));
            Assert.All(resources.Where(r => r.UnitId != notesOnly), r => Assert.Equal([community], r.CommunityIds));
            Assert.Empty(resources.Single(r => r.UnitId == notesOnly).CommunityIds);
            Assert.All(resources, r => Assert.Equal(r.Status == ResourceStatus.Withdrawn, r.WithdrawnAt is not null));

            await migrator.MigrateAsync(Before);

            var flags = await db.Database.SqlQuery<string>($"""SELECT "Name" || ':' || "Resources" || ':' || "ResourceNotes" AS "Value" FROM "MemberUnits" ORDER BY "Name" """).ToListAsync();
            Assert.Equal(["东湖中学:9:操场周末开放；教师志愿者", "东湖书店:0:", "东湖医院:0:义诊", "东湖银行:6:"], flags.Order(StringComparer.Ordinal));
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(name);
        }
    }
}
