using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityPartyBuilding.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_CommitmentId_Status",
                table: "Activities");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
