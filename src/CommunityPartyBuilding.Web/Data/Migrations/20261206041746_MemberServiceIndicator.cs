using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityPartyBuilding.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class MemberServiceIndicator : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_campaign_weights",
                table: "EvaluationCampaigns");

            migrationBuilder.AddColumn<decimal>(
                name: "MemberService",
                table: "UnitAssessments",
                type: "numeric(6,1)",
                precision: 6,
                scale: 1,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MembersMeetingHours",
                table: "UnitAssessments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PartyMemberCount",
                table: "UnitAssessments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "MemberTargetRate",
                table: "EvaluationCampaigns",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MemberYearlyHours",
                table: "EvaluationCampaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_campaign_weights",
                table: "EvaluationCampaigns",
                sql: "\"WeightMeetingParticipation\" + \"WeightAgreementFulfilment\" + \"WeightActivity\" + \"WeightResolutionImplementation\" + \"WeightResidentEvaluation\" + \"WeightMemberService\" = 100");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_campaign_weights",
                table: "EvaluationCampaigns");

            migrationBuilder.DropColumn(
                name: "MemberService",
                table: "UnitAssessments");

            migrationBuilder.DropColumn(
                name: "MembersMeetingHours",
                table: "UnitAssessments");

            migrationBuilder.DropColumn(
                name: "PartyMemberCount",
                table: "UnitAssessments");

            migrationBuilder.DropColumn(
                name: "MemberTargetRate",
                table: "EvaluationCampaigns");

            migrationBuilder.DropColumn(
                name: "MemberYearlyHours",
                table: "EvaluationCampaigns");

            migrationBuilder.AddCheckConstraint(
                name: "ck_campaign_weights",
                table: "EvaluationCampaigns",
                sql: "\"WeightMeetingParticipation\" + \"WeightAgreementFulfilment\" + \"WeightActivity\" + \"WeightResolutionImplementation\" + \"WeightResidentEvaluation\" = 100");
        }
    }
}
