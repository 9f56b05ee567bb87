using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GovernanceMinutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "governance_action_items",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    OwnerMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_action_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_governance_action_items_governance_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "governance_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_governance_action_items_governance_members_OwnerMemberId",
                        column: x => x.OwnerMemberId,
                        principalTable: "governance_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_governance_action_items_governance_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "governance_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "governance_minutes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    WrittenBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedAtSessionId = table.Column<int>(type: "INTEGER", nullable: true),
                    ApprovedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_minutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_governance_minutes_governance_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "governance_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_governance_minutes_governance_sessions_ApprovedAtSessionId",
                        column: x => x.ApprovedAtSessionId,
                        principalTable: "governance_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_governance_minutes_governance_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "governance_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_governance_action_items_BodyId_Status_DueOn",
                table: "governance_action_items",
                columns: new[] { "BodyId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_governance_action_items_CiteId",
                table: "governance_action_items",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_action_items_OwnerMemberId",
                table: "governance_action_items",
                column: "OwnerMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_action_items_SessionId",
                table: "governance_action_items",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_minutes_ApprovedAtSessionId",
                table: "governance_minutes",
                column: "ApprovedAtSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_minutes_BodyId",
                table: "governance_minutes",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_minutes_CiteId",
                table: "governance_minutes",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_minutes_SessionId",
                table: "governance_minutes",
                column: "SessionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "governance_action_items");

            migrationBuilder.DropTable(
                name: "governance_minutes");
        }
    }
}
