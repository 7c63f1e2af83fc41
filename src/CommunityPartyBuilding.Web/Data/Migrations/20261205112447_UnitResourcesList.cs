using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityPartyBuilding.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class UnitResourcesList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UnitResources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "zh-x-icu"),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Capacity = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    Measure = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Availability = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CommunityIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitResources", x => x.Id);
                    table.CheckConstraint("ck_resource_capacity", "\"Capacity\" IS NULL OR (\"Capacity\" > 0 AND \"Measure\" IS NOT NULL)");
                    table.CheckConstraint("ck_resource_withdrawal", "(\"Status\" = 'Withdrawn') = (\"WithdrawnAt\" IS NOT NULL)");
                    table.ForeignKey(
                        name: "FK_UnitResources_MemberUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "MemberUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnitResources_Streets_StreetId",
                        column: x => x.StreetId,
                        principalTable: "Streets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UnitResources_CommunityIds",
                table: "UnitResources",
                column: "CommunityIds")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_UnitResources_StreetId_Status_Kind",
                table: "UnitResources",
                columns: new[] { "StreetId", "Status", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_UnitResources_UnitId",
                table: "UnitResources",
                column: "UnitId");

            // The units' resource flags become resources (资源清单), not lost: one per flag, titled by its kind, with the
            // unit's resource notes as the details, serving the unit's community (the whole street when it has none);
            // a withdrawn unit's resources are withdrawn with it. Notes without any flag become one resource of kind
            // materials titled 其他资源 so that their text survives; staff can correct the kind afterwards.
            migrationBuilder.Sql("""
                INSERT INTO "UnitResources" ("Id", "StreetId", "UnitId", "Kind", "Title", "Description", "Availability", "Status", "WithdrawnAt", "CommunityIds")
                SELECT gen_random_uuid(), u."StreetId", u."Id", k.kind, k.title, u."ResourceNotes", '',
                       CASE WHEN u."Status" = 'Withdrawn' THEN 'Withdrawn' ELSE 'Active' END,
                       CASE WHEN u."Status" = 'Withdrawn' THEN now() END,
                       CASE WHEN u."CommunityId" IS NULL THEN '{}'::uuid[] ELSE ARRAY[u."CommunityId"] END
                FROM "MemberUnits" u
                JOIN (VALUES (1, 'Venue', '场地'), (2, 'Funds', '资金'), (4, 'Volunteers', '志愿者'), (8, 'Expertise', '专业技能')) AS k(bit, kind, title)
                  ON (u."Resources" & k.bit) <> 0
                UNION ALL
                SELECT gen_random_uuid(), u."StreetId", u."Id", 'Materials', '其他资源', u."ResourceNotes", '',
                       CASE WHEN u."Status" = 'Withdrawn' THEN 'Withdrawn' ELSE 'Active' END,
                       CASE WHEN u."Status" = 'Withdrawn' THEN now() END,
                       CASE WHEN u."CommunityId" IS NULL THEN '{}'::uuid[] ELSE ARRAY[u."CommunityId"] END
                FROM "MemberUnits" u
                WHERE u."Resources" = 0 AND btrim(u."ResourceNotes") <> '';
                """);

            migrationBuilder.DropColumn(
                name: "ResourceNotes",
                table: "MemberUnits");

            migrationBuilder.DropColumn(
                name: "Resources",
                table: "MemberUnits");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ResourceNotes",
                table: "MemberUnits",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Resources",
                table: "MemberUnits",
                type: "integer",
                maxLength: 40,
                nullable: false,
                defaultValue: 0);

            // Back to flags: the kinds a unit offers (materials has no flag) and the first resource's details as notes.
            migrationBuilder.Sql("""
                UPDATE "MemberUnits" u SET
                    "Resources" = r.flags,
                    "ResourceNotes" = r.notes
                FROM (
                    SELECT "UnitId",
                           bit_or(CASE "Kind" WHEN 'Venue' THEN 1 WHEN 'Funds' THEN 2 WHEN 'Volunteers' THEN 4 WHEN 'Expertise' THEN 8 ELSE 0 END) AS flags,
                           left(coalesce((array_agg("Description" ORDER BY "Id") FILTER (WHERE "Description" <> ''))[1], ''), 1000) AS notes
                    FROM "UnitResources"
                    GROUP BY "UnitId"
                ) r
                WHERE r."UnitId" = u."Id";
                """);

            migrationBuilder.DropTable(
                name: "UnitResources");
        }
    }
}
