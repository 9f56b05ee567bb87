using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EntrepreneurshipBoardColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CurrentStage",
                table: "entrepreneurship_holders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FollowUpDueOn",
                table: "entrepreneurship_holders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_CurrentStage_FirstName_LastName",
                table: "entrepreneurship_holders",
                columns: new[] { "CoachUserId", "CurrentStage", "FirstName", "LastName" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_ProgrammeId_CurrentStage_FirstName_LastName",
                table: "entrepreneurship_holders",
                columns: new[] { "ProgrammeId", "CurrentStage", "FirstName", "LastName" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_ProgrammeId_FollowUpDueOn",
                table: "entrepreneurship_holders",
                columns: new[] { "ProgrammeId", "FollowUpDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_ProgrammeId_NextActionOn",
                table: "entrepreneurship_holders",
                columns: new[] { "ProgrammeId", "NextActionOn" });

            // Fill the board's columns of the existing holders as ProjectHolder.Refresh computes them: the stage of the
            // latest step (by date, then pipeline rank — another outcome ranks as a referral — then id), and the next
            // post-creation follow-up (FollowUp.DueOn: 2 months after the creation or last follow-up in the first year,
            // 4 after, none past 3 years or after another outcome; a month added as .NET's AddMonths, clamped to its end).
            static string AddMonths(string d, int m) =>
                $"min(date({d}, 'start of month', '+{m} months', '+' || (CAST(strftime('%d', {d}) AS INTEGER) - 1) || ' days'), date({d}, 'start of month', '+{m + 1} months', '-1 day'))";
            migrationBuilder.Sql("""
                UPDATE entrepreneurship_holders SET CurrentStage = (
                    SELECT s.Kind FROM entrepreneurship_steps s WHERE s.HolderId = entrepreneurship_holders.Id
                    ORDER BY s.Date DESC, CASE s.Kind WHEN 6 THEN 4 ELSE s.Kind END DESC, s.Id DESC LIMIT 1);
                """);
            migrationBuilder.Sql($"""
                UPDATE entrepreneurship_holders SET FollowUpDueOn = x.Due
                FROM (SELECT HolderId, CASE WHEN Due <= {AddMonths("Created", 36)} THEN Due END AS Due
                      FROM (SELECT HolderId, Created, CASE WHEN LastMeeting < {AddMonths("Created", 12)} THEN {AddMonths("LastMeeting", 2)} ELSE {AddMonths("LastMeeting", 4)} END AS Due
                            FROM (SELECT HolderId, MAX(CASE WHEN Kind = 4 THEN Date END) AS Created, MAX(CASE WHEN Kind IN (4, 5) THEN Date END) AS LastMeeting,
                                         MAX(Kind = 6) AS Other
                                  FROM entrepreneurship_steps GROUP BY HolderId)
                            WHERE Created IS NOT NULL AND Other = 0)) AS x
                WHERE entrepreneurship_holders.Id = x.HolderId;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_CurrentStage_FirstName_LastName",
                table: "entrepreneurship_holders");

            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_ProgrammeId_CurrentStage_FirstName_LastName",
                table: "entrepreneurship_holders");

            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_ProgrammeId_FollowUpDueOn",
                table: "entrepreneurship_holders");

            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_ProgrammeId_NextActionOn",
                table: "entrepreneurship_holders");

            migrationBuilder.DropColumn(
                name: "CurrentStage",
                table: "entrepreneurship_holders");

            migrationBuilder.DropColumn(
                name: "FollowUpDueOn",
                table: "entrepreneurship_holders");
        }
    }
}
