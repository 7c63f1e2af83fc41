using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityPartyBuilding.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IssuedReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IssuedReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrganisationDepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Year = table.Column<int>(type: "integer", nullable: true),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    FileName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    VerificationCode = table.Column<string>(type: "character(8)", fixedLength: true, maxLength: 8, nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    ByteLength = table.Column<long>(type: "bigint", nullable: true),
                    IssuedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    IssuedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedReports", x => x.Id);
                    table.CheckConstraint("ck_issued_report_code", "\"VerificationCode\" ~ '^[2-9A-HJKMNP-Z]{8}$'");
                    table.ForeignKey(
                        name: "FK_IssuedReports_OrganisationDepartments_OrganisationDepartmen~",
                        column: x => x.OrganisationDepartmentId,
                        principalTable: "OrganisationDepartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IssuedReports_Streets_StreetId",
                        column: x => x.StreetId,
                        principalTable: "Streets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedReports_Kind_SubjectId",
                table: "IssuedReports",
                columns: new[] { "Kind", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedReports_OrganisationDepartmentId",
                table: "IssuedReports",
                column: "OrganisationDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedReports_Sha256",
                table: "IssuedReports",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedReports_StreetId",
                table: "IssuedReports",
                column: "StreetId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedReports_VerificationCode",
                table: "IssuedReports",
                column: "VerificationCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IssuedReports");
        }
    }
}
