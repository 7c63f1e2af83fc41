using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityPartyBuilding.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class MemberCommendationWithdrawal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MemberCommendations_RegistrationId_Year",
                table: "MemberCommendations");

            migrationBuilder.AddColumn<string>(
                name: "WithdrawReason",
                table: "MemberCommendations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WithdrawnAt",
                table: "MemberCommendations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnBy",
                table: "MemberCommendations",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "MemberCommendations",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.CreateIndex(
                name: "IX_MemberCommendations_RegistrationId_Year",
                table: "MemberCommendations",
                columns: new[] { "RegistrationId", "Year" },
                unique: true,
                filter: "\"WithdrawnAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MemberCommendations_RegistrationId_Year",
                table: "MemberCommendations");

            migrationBuilder.DropColumn(
                name: "WithdrawReason",
                table: "MemberCommendations");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "MemberCommendations");

            migrationBuilder.DropColumn(
                name: "WithdrawnBy",
                table: "MemberCommendations");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "MemberCommendations");

            migrationBuilder.CreateIndex(
                name: "IX_MemberCommendations_RegistrationId_Year",
                table: "MemberCommendations",
                columns: new[] { "RegistrationId", "Year" },
                unique: true);
        }
    }
}
