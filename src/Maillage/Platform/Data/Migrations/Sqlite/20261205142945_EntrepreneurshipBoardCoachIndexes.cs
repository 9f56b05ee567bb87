using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EntrepreneurshipBoardCoachIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_CurrentStage_FirstName_LastName",
                table: "entrepreneurship_holders");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_ProgrammeId_CurrentStage_FirstName_LastName",
                table: "entrepreneurship_holders",
                columns: new[] { "CoachUserId", "ProgrammeId", "CurrentStage", "FirstName", "LastName" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_ProgrammeId_FollowUpDueOn",
                table: "entrepreneurship_holders",
                columns: new[] { "CoachUserId", "ProgrammeId", "FollowUpDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_ProgrammeId_NextActionOn",
                table: "entrepreneurship_holders",
                columns: new[] { "CoachUserId", "ProgrammeId", "NextActionOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_ProgrammeId_CurrentStage_FirstName_LastName",
                table: "entrepreneurship_holders");

            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_ProgrammeId_FollowUpDueOn",
                table: "entrepreneurship_holders");

            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_ProgrammeId_NextActionOn",
                table: "entrepreneurship_holders");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_CurrentStage_FirstName_LastName",
                table: "entrepreneurship_holders",
                columns: new[] { "CoachUserId", "CurrentStage", "FirstName", "LastName" });
        }
    }
}
