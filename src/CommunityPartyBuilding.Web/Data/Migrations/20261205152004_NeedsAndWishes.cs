using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityPartyBuilding.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NeedsAndWishes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "NeedId",
                table: "Activities",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Needs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "zh-x-icu"),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WantedBy = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RejectReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    TrackingCodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ClaimerUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClaimerMemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClaimedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ClaimBy = table.Column<DateOnly>(type: "date", nullable: true),
                    LapsedClaims = table.Column<int>(type: "integer", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: true),
                    Rating = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    RatingComment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Needs", x => x.Id);
                    table.CheckConstraint("ck_need_claimed", "\"Status\" <> 'Claimed' OR ((\"ClaimerUnitId\" IS NOT NULL OR \"ClaimerMemberId\" IS NOT NULL) AND \"ClaimBy\" IS NOT NULL)");
                    table.CheckConstraint("ck_need_claimer", "NOT (\"ClaimerUnitId\" IS NOT NULL AND \"ClaimerMemberId\" IS NOT NULL)");
                    table.CheckConstraint("ck_need_lapsed", "\"LapsedClaims\" >= 0");
                    table.CheckConstraint("ck_need_rated", "(\"Status\" = 'Rated') = (\"Rating\" IS NOT NULL)");
                    table.ForeignKey(
                        name: "FK_Needs_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Needs_Communities_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "Communities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Needs_MemberUnits_ClaimerUnitId",
                        column: x => x.ClaimerUnitId,
                        principalTable: "MemberUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Needs_Streets_StreetId",
                        column: x => x.StreetId,
                        principalTable: "Streets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NeedPhotos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NeedId = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Thumbnail = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NeedPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NeedPhotos_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_NeedId",
                table: "Activities",
                column: "NeedId",
                unique: true,
                filter: "\"NeedId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_NeedPhotos_NeedId",
                table: "NeedPhotos",
                column: "NeedId");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_ActivityId",
                table: "Needs",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_ClaimerUnitId",
                table: "Needs",
                column: "ClaimerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_CommunityId_Status",
                table: "Needs",
                columns: new[] { "CommunityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Needs_Status_ClaimBy",
                table: "Needs",
                columns: new[] { "Status", "ClaimBy" });

            migrationBuilder.CreateIndex(
                name: "IX_Needs_StreetId_Status_SubmittedAt",
                table: "Needs",
                columns: new[] { "StreetId", "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Needs_TrackingCodeHash",
                table: "Needs",
                column: "TrackingCodeHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NeedPhotos");

            migrationBuilder.DropTable(
                name: "Needs");

            migrationBuilder.DropIndex(
                name: "IX_Activities_NeedId",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "NeedId",
                table: "Activities");
        }
    }
}
