using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    ProgrammeId = table.Column<int>(type: "integer", nullable: false),
                    HolderId = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entrepreneurship_follow_up_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_follow_up_alerts_entrepreneurship_holders_~",
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
