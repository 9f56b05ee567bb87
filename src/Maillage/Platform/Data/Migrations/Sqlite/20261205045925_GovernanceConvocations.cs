using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GovernanceConvocations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConvocationSequence",
                table: "governance_sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ConvokedPlace",
                table: "governance_sessions",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ConvokedStartsAt",
                table: "governance_sessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "governance_convocations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_convocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_governance_convocations_governance_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "governance_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_governance_convocations_governance_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "governance_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_governance_convocations_CiteId",
                table: "governance_convocations",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_convocations_MemberId",
                table: "governance_convocations",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_convocations_SessionId_MemberId",
                table: "governance_convocations",
                columns: new[] { "SessionId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_governance_convocations_TokenHash",
                table: "governance_convocations",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "governance_convocations");

            migrationBuilder.DropColumn(
                name: "ConvocationSequence",
                table: "governance_sessions");

            migrationBuilder.DropColumn(
                name: "ConvokedPlace",
                table: "governance_sessions");

            migrationBuilder.DropColumn(
                name: "ConvokedStartsAt",
                table: "governance_sessions");
        }
    }
}
