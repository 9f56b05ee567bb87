using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Postgres
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FollowUpDueOn",
                table: "entrepreneurship_holders",
                type: "date",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_CurrentStage_FirstName~",
                table: "entrepreneurship_holders",
                columns: new[] { "CoachUserId", "CurrentStage", "FirstName", "LastName" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_ProgrammeId_CurrentStage_FirstName~",
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
            // 4 after, none past 3 years or after another outcome; date + interval clamps to the month's end as AddMonths).
            migrationBuilder.Sql("""
                UPDATE entrepreneurship_holders h SET "CurrentStage" = (
                    SELECT s."Kind" FROM entrepreneurship_steps s WHERE s."HolderId" = h."Id"
                    ORDER BY s."Date" DESC, CASE s."Kind" WHEN 6 THEN 4 ELSE s."Kind" END DESC, s."Id" DESC LIMIT 1);
                """);
            migrationBuilder.Sql("""
                UPDATE entrepreneurship_holders h SET "FollowUpDueOn" = x.due
                FROM (SELECT holder, CASE WHEN due <= (created + interval '3 years')::date THEN due END AS due
                      FROM (SELECT holder, created,
                                   (last_meeting + CASE WHEN last_meeting < (created + interval '1 year')::date THEN interval '2 months' ELSE interval '4 months' END)::date AS due
                            FROM (SELECT "HolderId" AS holder, MAX("Date") FILTER (WHERE "Kind" = 4) AS created, MAX("Date") FILTER (WHERE "Kind" IN (4, 5)) AS last_meeting,
                                         bool_or("Kind" = 6) AS other
                                  FROM entrepreneurship_steps GROUP BY "HolderId") a
                            WHERE created IS NOT NULL AND NOT other) b) x
                WHERE h."Id" = x.holder;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_CoachUserId_CurrentStage_FirstName~",
                table: "entrepreneurship_holders");

            migrationBuilder.DropIndex(
                name: "IX_entrepreneurship_holders_ProgrammeId_CurrentStage_FirstName~",
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
