using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityPartyBuilding.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IssuedReportKeptCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CopyOf",
                table: "IssuedReports",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Edition",
                table: "IssuedReports",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SupersededAt",
                table: "IssuedReports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SupersededById",
                table: "IssuedReports",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IssuedReportContents",
                columns: table => new
                {
                    IssuedReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedReportContents", x => x.IssuedReportId);
                    table.ForeignKey(
                        name: "FK_IssuedReportContents_IssuedReports_IssuedReportId",
                        column: x => x.IssuedReportId,
                        principalTable: "IssuedReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedReports_CopyOf_Current",
                table: "IssuedReports",
                column: "CopyOf",
                unique: true,
                filter: "\"CopyOf\" IS NOT NULL AND \"SupersededAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedReports_SupersededById",
                table: "IssuedReports",
                column: "SupersededById");

            migrationBuilder.AddForeignKey(
                name: "FK_IssuedReports_IssuedReports_SupersededById",
                table: "IssuedReports",
                column: "SupersededById",
                principalTable: "IssuedReports",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_IssuedReports_IssuedReports_SupersededById",
                table: "IssuedReports");

            migrationBuilder.DropTable(
                name: "IssuedReportContents");

            migrationBuilder.DropIndex(
                name: "IX_IssuedReports_CopyOf_Current",
                table: "IssuedReports");

            migrationBuilder.DropIndex(
                name: "IX_IssuedReports_SupersededById",
                table: "IssuedReports");

            migrationBuilder.DropColumn(
                name: "CopyOf",
                table: "IssuedReports");

            migrationBuilder.DropColumn(
                name: "Edition",
                table: "IssuedReports");

            migrationBuilder.DropColumn(
                name: "SupersededAt",
                table: "IssuedReports");

            migrationBuilder.DropColumn(
                name: "SupersededById",
                table: "IssuedReports");
        }
    }
}
