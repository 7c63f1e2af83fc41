using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityPartyBuilding.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InServiceMembers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "MemberTargetRate",
                table: "StreetCommittees",
                type: "numeric",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "MemberYearlyHours",
                table: "StreetCommittees",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "WeightMemberService",
                table: "EvaluationCampaigns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "MemberRegistrationId",
                table: "AspNetUsers",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MemberRegistrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, collation: "zh-x-icu"),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    EmployerUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    EmployerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EmployerPartyOrganisation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Building = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CommunityConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CommunityConfirmedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmploymentConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EmploymentConfirmedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RegisteredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReturnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    MovedAwayOn = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberRegistrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberRegistrations_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MemberRegistrations_Communities_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "Communities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MemberRegistrations_MemberUnits_EmployerUnitId",
                        column: x => x.EmployerUnitId,
                        principalTable: "MemberUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MemberRegistrations_Streets_StreetId",
                        column: x => x.StreetId,
                        principalTable: "Streets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Posts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "zh-x-icu"),
                    Duties = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Schedule = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Places = table.Column<int>(type: "integer", nullable: false),
                    Taken = table.Column<int>(type: "integer", nullable: false),
                    Withdrawn = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Posts", x => x.Id);
                    table.CheckConstraint("ck_post_places", "\"Places\" >= 1 AND \"Taken\" >= 0 AND \"Taken\" <= \"Places\"");
                    table.ForeignKey(
                        name: "FK_Posts_Communities_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "Communities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Posts_Streets_StreetId",
                        column: x => x.StreetId,
                        principalTable: "Streets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MemberCommendations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Citation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    NamedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NamedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberCommendations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberCommendations_MemberRegistrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "MemberRegistrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MemberRemarks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WrittenBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberRemarks", x => x.Id);
                    table.CheckConstraint("ck_member_remark_quarter", "\"Quarter\" BETWEEN 1 AND 4");
                    table.ForeignKey(
                        name: "FK_MemberRemarks_MemberRegistrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "MemberRegistrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CheckInCodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    PostId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    Code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    ReplacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckInCodes", x => x.Id);
                    table.CheckConstraint("ck_checkin_subject", "(\"PostId\" IS NULL) <> (\"ProjectId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_CheckInCodes_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CheckInCodes_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    PostId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReleasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostClaims_MemberRegistrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "MemberRegistrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PostClaims_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PostId = table.Column<Guid>(type: "uuid", nullable: true),
                    NeedId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    End = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Hours = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CheckIn = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRecords", x => x.Id);
                    table.CheckConstraint("ck_service_record_subject", "(CASE WHEN \"PostId\" IS NULL THEN 0 ELSE 1 END + CASE WHEN \"NeedId\" IS NULL THEN 0 ELSE 1 END + CASE WHEN \"ProjectId\" IS NULL THEN 0 ELSE 1 END) = 1");
                    table.CheckConstraint("ck_service_record_times", "\"End\" > \"Start\" AND \"Hours\" > 0 AND \"Hours\" <= 12");
                    table.ForeignKey(
                        name: "FK_ServiceRecords_Communities_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "Communities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRecords_MemberRegistrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "MemberRegistrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRecords_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRecords_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRecords_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRecordPhotos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceRecordId = table.Column<Guid>(type: "uuid", nullable: false),
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
                    table.PrimaryKey("PK_ServiceRecordPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceRecordPhotos_ServiceRecords_ServiceRecordId",
                        column: x => x.ServiceRecordId,
                        principalTable: "ServiceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Needs_ClaimerMemberId",
                table: "Needs",
                column: "ClaimerMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_CheckInCodes_Code",
                table: "CheckInCodes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CheckInCodes_PostId",
                table: "CheckInCodes",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_CheckInCodes_ProjectId",
                table: "CheckInCodes",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberCommendations_RegistrationId_Year",
                table: "MemberCommendations",
                columns: new[] { "RegistrationId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MemberCommendations_StreetId_Year",
                table: "MemberCommendations",
                columns: new[] { "StreetId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberRegistrations_CommunityId_Status",
                table: "MemberRegistrations",
                columns: new[] { "CommunityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberRegistrations_EmployerUnitId_Status",
                table: "MemberRegistrations",
                columns: new[] { "EmployerUnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberRegistrations_UserId",
                table: "MemberRegistrations",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_member_registration_live_phone",
                table: "MemberRegistrations",
                columns: new[] { "StreetId", "Phone" },
                unique: true,
                filter: "\"Status\" IN ('Pending', 'Registered')");

            migrationBuilder.CreateIndex(
                name: "IX_MemberRemarks_RegistrationId_Year_Quarter",
                table: "MemberRemarks",
                columns: new[] { "RegistrationId", "Year", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostClaims_PostId_RegistrationId",
                table: "PostClaims",
                columns: new[] { "PostId", "RegistrationId" },
                unique: true,
                filter: "\"ReleasedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PostClaims_RegistrationId",
                table: "PostClaims",
                column: "RegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_CommunityId_Withdrawn",
                table: "Posts",
                columns: new[] { "CommunityId", "Withdrawn" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_StreetId",
                table: "Posts",
                column: "StreetId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecordPhotos_ServiceRecordId",
                table: "ServiceRecordPhotos",
                column: "ServiceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_CommunityId_Status",
                table: "ServiceRecords",
                columns: new[] { "CommunityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_NeedId",
                table: "ServiceRecords",
                column: "NeedId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_PostId",
                table: "ServiceRecords",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_ProjectId",
                table: "ServiceRecords",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_RegistrationId_Date",
                table: "ServiceRecords",
                columns: new[] { "RegistrationId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_StreetId_Date",
                table: "ServiceRecords",
                columns: new[] { "StreetId", "Date" });

            migrationBuilder.AddForeignKey(
                name: "FK_Needs_MemberRegistrations_ClaimerMemberId",
                table: "Needs",
                column: "ClaimerMemberId",
                principalTable: "MemberRegistrations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Needs_MemberRegistrations_ClaimerMemberId",
                table: "Needs");

            migrationBuilder.DropTable(
                name: "CheckInCodes");

            migrationBuilder.DropTable(
                name: "MemberCommendations");

            migrationBuilder.DropTable(
                name: "MemberRemarks");

            migrationBuilder.DropTable(
                name: "PostClaims");

            migrationBuilder.DropTable(
                name: "ServiceRecordPhotos");

            migrationBuilder.DropTable(
                name: "ServiceRecords");

            migrationBuilder.DropTable(
                name: "MemberRegistrations");

            migrationBuilder.DropTable(
                name: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Needs_ClaimerMemberId",
                table: "Needs");

            migrationBuilder.DropColumn(
                name: "MemberTargetRate",
                table: "StreetCommittees");

            migrationBuilder.DropColumn(
                name: "MemberYearlyHours",
                table: "StreetCommittees");

            migrationBuilder.DropColumn(
                name: "WeightMemberService",
                table: "EvaluationCampaigns");

            migrationBuilder.DropColumn(
                name: "MemberRegistrationId",
                table: "AspNetUsers");
        }
    }
}
