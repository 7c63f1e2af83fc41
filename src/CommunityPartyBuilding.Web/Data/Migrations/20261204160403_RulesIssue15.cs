using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityPartyBuilding.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RulesIssue15 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_committee_quorum",
                table: "StreetCommittees");

            // A fraction of 1 ("more than all units") could never be met; the nearest reachable rule is "all units",
            // which 0.9999 gives for any street of fewer than 10,000 units.
            migrationBuilder.Sql("UPDATE \"StreetCommittees\" SET \"QuorumFraction\" = 0.9999 WHERE \"QuorumFraction\" >= 1;");

            migrationBuilder.AddColumn<bool>(
                name: "TotalClamped",
                table: "UnitAssessments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "AnnualActivityTarget",
                table: "EvaluationCampaigns",
                type: "integer",
                nullable: true);

            // Campaigns already open or past it take the committee's current target (the value their results used so far).
            migrationBuilder.Sql("""
                UPDATE "EvaluationCampaigns" AS c
                SET "AnnualActivityTarget" = coalesce(
                    (SELECT sc."AnnualActivityTarget" FROM "StreetCommittees" AS sc WHERE sc."StreetId" = c."StreetId"), 4)
                WHERE c."Status" <> 'Draft';
                """);

            migrationBuilder.AddCheckConstraint(
                name: "ck_committee_quorum",
                table: "StreetCommittees",
                sql: "\"QuorumFraction\" > 0 AND \"QuorumFraction\" < 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_committee_quorum",
                table: "StreetCommittees");

            migrationBuilder.DropColumn(
                name: "TotalClamped",
                table: "UnitAssessments");

            migrationBuilder.DropColumn(
                name: "AnnualActivityTarget",
                table: "EvaluationCampaigns");

            migrationBuilder.AddCheckConstraint(
                name: "ck_committee_quorum",
                table: "StreetCommittees",
                sql: "\"QuorumFraction\" > 0 AND \"QuorumFraction\" <= 1");
        }
    }
}
