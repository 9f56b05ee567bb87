using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EntrepreneurshipBoardCountIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_board_coach",
                table: "entrepreneurship_holders",
                columns: new[] { "CoachUserId", "ProgrammeId", "CurrentStage" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_board_programme",
                table: "entrepreneurship_holders",
                columns: new[] { "ProgrammeId", "CurrentStage" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_board_coach",
                table: "entrepreneurship_holders");

            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_board_programme",
                table: "entrepreneurship_holders");
        }
    }
}
