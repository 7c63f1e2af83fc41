using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityPartyBuilding.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NeedDispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AvailableUntil",
                table: "UnitResources",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DispatchedUnitId",
                table: "Needs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnVisitBy",
                table: "Needs",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnVisitNote",
                table: "Needs",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReturnVisitOn",
                table: "Needs",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ReturnVisitSatisfied",
                table: "Needs",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnVisitWay",
                table: "Needs",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NeedDispatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    NeedId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    DispatchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DispatchedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DeclineReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NeedDispatches", x => x.Id);
                    table.CheckConstraint("ck_need_dispatch_answered", "(\"Status\" = 'Pending') = (\"AnsweredAt\" IS NULL)");
                    table.CheckConstraint("ck_need_dispatch_declined", "\"Status\" <> 'Declined' OR \"DeclineReason\" IS NOT NULL");
                    table.ForeignKey(
                        name: "FK_NeedDispatches_MemberUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "MemberUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NeedDispatches_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NeedDispatches_Streets_StreetId",
                        column: x => x.StreetId,
                        principalTable: "Streets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Needs_DispatchedUnitId",
                table: "Needs",
                column: "DispatchedUnitId");

            migrationBuilder.AddCheckConstraint(
                name: "ck_need_dispatched",
                table: "Needs",
                sql: "\"DispatchedUnitId\" IS NULL OR \"Status\" = 'Published'");

            migrationBuilder.CreateIndex(
                name: "IX_NeedDispatches_NeedId_Pending",
                table: "NeedDispatches",
                column: "NeedId",
                unique: true,
                filter: "\"Status\" = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_NeedDispatches_Status_Deadline",
                table: "NeedDispatches",
                columns: new[] { "Status", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_NeedDispatches_StreetId_DispatchedAt",
                table: "NeedDispatches",
                columns: new[] { "StreetId", "DispatchedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NeedDispatches_UnitId_Status",
                table: "NeedDispatches",
                columns: new[] { "UnitId", "Status" });

            migrationBuilder.AddForeignKey(
                name: "FK_Needs_MemberUnits_DispatchedUnitId",
                table: "Needs",
                column: "DispatchedUnitId",
                principalTable: "MemberUnits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Needs_MemberUnits_DispatchedUnitId",
                table: "Needs");

            migrationBuilder.DropTable(
                name: "NeedDispatches");

            migrationBuilder.DropIndex(
                name: "IX_Needs_DispatchedUnitId",
                table: "Needs");

            migrationBuilder.DropCheckConstraint(
                name: "ck_need_dispatched",
                table: "Needs");

            migrationBuilder.DropColumn(
                name: "AvailableUntil",
                table: "UnitResources");

            migrationBuilder.DropColumn(
                name: "DispatchedUnitId",
                table: "Needs");

            migrationBuilder.DropColumn(
                name: "ReturnVisitBy",
                table: "Needs");

            migrationBuilder.DropColumn(
                name: "ReturnVisitNote",
                table: "Needs");

            migrationBuilder.DropColumn(
                name: "ReturnVisitOn",
                table: "Needs");

            migrationBuilder.DropColumn(
                name: "ReturnVisitSatisfied",
                table: "Needs");

            migrationBuilder.DropColumn(
                name: "ReturnVisitWay",
                table: "Needs");
        }
    }
}
