using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityPartyBuilding.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Evaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EvaluationCampaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    BallotOpensAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BallotClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WeightMeetingParticipation = table.Column<int>(type: "integer", nullable: false),
                    WeightAgreementFulfilment = table.Column<int>(type: "integer", nullable: false),
                    WeightActivity = table.Column<int>(type: "integer", nullable: false),
                    WeightResolutionImplementation = table.Column<int>(type: "integer", nullable: false),
                    WeightResidentEvaluation = table.Column<int>(type: "integer", nullable: false),
                    ExcellentFrom = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false),
                    GoodFrom = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false),
                    FairFrom = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinalisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinalisedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinalOnlineBallots = table.Column<int>(type: "integer", nullable: true),
                    FinalPaperBallots = table.Column<int>(type: "integer", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationCampaigns", x => x.Id);
                    table.CheckConstraint("ck_campaign_weights", "\"WeightMeetingParticipation\" + \"WeightAgreementFulfilment\" + \"WeightActivity\" + \"WeightResolutionImplementation\" + \"WeightResidentEvaluation\" = 100");
                    table.CheckConstraint("ck_campaign_window", "\"BallotClosesAt\" > \"BallotOpensAt\"");
                    table.ForeignKey(
                        name: "FK_EvaluationCampaigns_Streets_StreetId",
                        column: x => x.StreetId,
                        principalTable: "Streets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentAdjustments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Delta = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    AdjustedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AdjustedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentAdjustments_EvaluationCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "EvaluationCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssessmentAdjustments_MemberUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "MemberUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BallotCodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    CodeHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    Batch = table.Column<int>(type: "integer", nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotCodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BallotCodes_EvaluationCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "EvaluationCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Ballots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CastAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PaperSerial = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    EnteredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Ballots", x => x.Id);
                    table.CheckConstraint("ck_ballot_paper", "(\"Channel\" = 'Paper') OR (\"PaperSerial\" IS NULL AND \"EnteredBy\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_Ballots_EvaluationCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "EvaluationCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CampaignUnits",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignUnits", x => new { x.CampaignId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_CampaignUnits_EvaluationCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "EvaluationCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CampaignUnits_MemberUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "MemberUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnitAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MeetingParticipation = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true),
                    AgreementFulfilment = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true),
                    Activity = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true),
                    ResolutionImplementation = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true),
                    ResidentEvaluation = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true),
                    Adjustment = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    AdjustmentReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Total = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    Grade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CappedForDissatisfaction = table.Column<bool>(type: "boolean", nullable: false),
                    RatingsCount = table.Column<int>(type: "integer", nullable: false),
                    Satisfied = table.Column<int>(type: "integer", nullable: false),
                    BasicallySatisfied = table.Column<int>(type: "integer", nullable: false),
                    Dissatisfied = table.Column<int>(type: "integer", nullable: false),
                    InsufficientSample = table.Column<bool>(type: "boolean", nullable: false),
                    MeetingsInvited = table.Column<int>(type: "integer", nullable: false),
                    MeetingsAttended = table.Column<int>(type: "integer", nullable: false),
                    Commitments = table.Column<int>(type: "integer", nullable: false),
                    MeanFulfilment = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: true),
                    VerifiedActivities = table.Column<int>(type: "integer", nullable: false),
                    ResolutionTasks = table.Column<int>(type: "integer", nullable: false),
                    ResolutionsOnTime = table.Column<int>(type: "integer", nullable: false),
                    ResolutionsLate = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnitAssessments_EvaluationCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "EvaluationCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnitAssessments_MemberUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "MemberUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BallotCodeRedemptions",
                columns: table => new
                {
                    BallotCodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotCodeRedemptions", x => x.BallotCodeId);
                    table.ForeignKey(
                        name: "FK_BallotCodeRedemptions_BallotCodes_BallotCodeId",
                        column: x => x.BallotCodeId,
                        principalTable: "BallotCodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BallotRatings",
                columns: table => new
                {
                    BallotId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    Rating = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Comment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotRatings", x => new { x.BallotId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_BallotRatings_Ballots_BallotId",
                        column: x => x.BallotId,
                        principalTable: "Ballots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentAdjustments_CampaignId_UnitId",
                table: "AssessmentAdjustments",
                columns: new[] { "CampaignId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentAdjustments_UnitId",
                table: "AssessmentAdjustments",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_BallotCodeRedemptions_CampaignId",
                table: "BallotCodeRedemptions",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_BallotCodes_CampaignId",
                table: "BallotCodes",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_BallotCodes_CodeHash",
                table: "BallotCodes",
                column: "CodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BallotRatings_CampaignId_UnitId",
                table: "BallotRatings",
                columns: new[] { "CampaignId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Ballots_CampaignId_Channel",
                table: "Ballots",
                columns: new[] { "CampaignId", "Channel" });

            migrationBuilder.CreateIndex(
                name: "IX_Ballots_CampaignId_PaperSerial",
                table: "Ballots",
                columns: new[] { "CampaignId", "PaperSerial" },
                unique: true,
                filter: "\"PaperSerial\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignUnits_UnitId",
                table: "CampaignUnits",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationCampaigns_StreetId_Year",
                table: "EvaluationCampaigns",
                columns: new[] { "StreetId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnitAssessments_CampaignId_UnitId",
                table: "UnitAssessments",
                columns: new[] { "CampaignId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnitAssessments_UnitId",
                table: "UnitAssessments",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentAdjustments");

            migrationBuilder.DropTable(
                name: "BallotCodeRedemptions");

            migrationBuilder.DropTable(
                name: "BallotRatings");

            migrationBuilder.DropTable(
                name: "CampaignUnits");

            migrationBuilder.DropTable(
                name: "UnitAssessments");

            migrationBuilder.DropTable(
                name: "BallotCodes");

            migrationBuilder.DropTable(
                name: "Ballots");

            migrationBuilder.DropTable(
                name: "EvaluationCampaigns");
        }
    }
}
