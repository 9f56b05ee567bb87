using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EntrepreneurshipBoardCoachIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_CurrentStage_FirstName~",
                table: "entrepreneurship_holders");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_ProgrammeId_CurrentSta~",
                table: "entrepreneurship_holders",
                columns: new[] { "CoachUserId", "ProgrammeId", "CurrentStage", "FirstName", "LastName" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_ProgrammeId_FollowUpDu~",
                table: "entrepreneurship_holders",
                columns: new[] { "CoachUserId", "ProgrammeId", "FollowUpDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_ProgrammeId_NextAction~",
                table: "entrepreneurship_holders",
                columns: new[] { "CoachUserId", "ProgrammeId", "NextActionOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_ProgrammeId_CurrentSta~",
                table: "entrepreneurship_holders");

            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_ProgrammeId_FollowUpDu~",
                table: "entrepreneurship_holders");

            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_ProgrammeId_NextAction~",
                table: "entrepreneurship_holders");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_CurrentStage_FirstName~",
                table: "entrepreneurship_holders",
                columns: new[] { "CoachUserId", "CurrentStage", "FirstName", "LastName" });
        }
    }
}
