using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityPartyBuilding.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class MemberUnitCreditCodePrefixIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_MemberUnits_StreetId_CreditCode_Pattern",
                table: "MemberUnits",
                columns: new[] { "StreetId", "CreditCode" })
                .Annotation("Npgsql:IndexOperators", new[] { "uuid_ops", "bpchar_pattern_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MemberUnits_StreetId_CreditCode_Pattern",
                table: "MemberUnits");
        }
    }
}
