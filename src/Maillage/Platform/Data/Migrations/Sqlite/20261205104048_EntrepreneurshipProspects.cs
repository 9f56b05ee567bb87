using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EntrepreneurshipProspects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "entrepreneurship_prospect_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistrationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entrepreneurship_prospect_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_prospect_decisions_entrepreneurship_programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "entrepreneurship_programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_prospect_decisions_CiteId",
                table: "entrepreneurship_prospect_decisions",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_prospect_decisions_ProgrammeId_RegistrationId",
                table: "entrepreneurship_prospect_decisions",
                columns: new[] { "ProgrammeId", "RegistrationId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entrepreneurship_prospect_decisions");
        }
    }
}
