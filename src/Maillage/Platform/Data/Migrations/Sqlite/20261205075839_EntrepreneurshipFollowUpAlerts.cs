using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EntrepreneurshipFollowUpAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "entrepreneurship_follow_up_alerts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    HolderId = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entrepreneurship_follow_up_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_follow_up_alerts_entrepreneurship_holders_HolderId",
                        column: x => x.HolderId,
                        principalTable: "entrepreneurship_holders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_follow_up_alerts_CiteId",
                table: "entrepreneurship_follow_up_alerts",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_follow_up_alerts_HolderId_DueOn",
                table: "entrepreneurship_follow_up_alerts",
                columns: new[] { "HolderId", "DueOn" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entrepreneurship_follow_up_alerts");
        }
    }
}
