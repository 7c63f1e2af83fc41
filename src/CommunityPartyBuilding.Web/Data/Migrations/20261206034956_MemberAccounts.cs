using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityPartyBuilding.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class MemberAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_user_community",
                table: "AspNetUsers");

            migrationBuilder.AddCheckConstraint(
                name: "ck_user_community",
                table: "AspNetUsers",
                sql: "(\"Role\" IN ('CommunityStaff', 'PartyMember')) = (\"CommunityId\" IS NOT NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_user_member",
                table: "AspNetUsers",
                sql: "(\"Role\" = 'PartyMember') = (\"MemberRegistrationId\" IS NOT NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_user_community",
                table: "AspNetUsers");

            migrationBuilder.DropCheckConstraint(
                name: "ck_user_member",
                table: "AspNetUsers");

            migrationBuilder.AddCheckConstraint(
                name: "ck_user_community",
                table: "AspNetUsers",
                sql: "(\"Role\" = 'CommunityStaff') = (\"CommunityId\" IS NOT NULL)");
        }
    }
}
