using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityPartyBuilding.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotificationsAndDashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_CommitmentId_Status",
                table: "Activities");

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientUserId = table.Column<string>(type: "text", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ItemKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Arguments = table.Column<List<string>>(type: "text[]", nullable: false),
                    LinkUrl = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_RecipientUserId",
                        column: x => x.RecipientUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_CommitmentId_Status_HeldOn",
                table: "Activities",
                columns: new[] { "CommitmentId", "Status", "HeldOn" })
                .Annotation("Npgsql:IndexInclude", new[] { "VolunteerHours", "Funds", "Beneficiaries" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_StreetId_HeldOn_Dashboard",
                table: "Activities",
                columns: new[] { "StreetId", "HeldOn" })
                .Annotation("Npgsql:IndexInclude", new[] { "Status", "VolunteerHours", "Funds", "Beneficiaries" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientUserId_CreatedAt",
                table: "Notifications",
                columns: new[] { "RecipientUserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientUserId_ItemKey_Day",
                table: "Notifications",
                columns: new[] { "RecipientUserId", "ItemKey", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientUserId_Unread",
                table: "Notifications",
                column: "RecipientUserId",
                filter: "\"ReadAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Activities_CommitmentId_Status_HeldOn",
                table: "Activities");

            migrationBuilder.DropIndex(
                name: "IX_Activities_StreetId_HeldOn_Dashboard",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_CommitmentId_Status",
                table: "Activities",
                columns: new[] { "CommitmentId", "Status" });
        }
    }
}
