using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VisitRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VisitRollups",
                columns: table => new
                {
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Grouping = table.Column<short>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    StructureId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<short>(type: "INTEGER", nullable: false),
                    A = table.Column<int>(type: "INTEGER", nullable: false),
                    B = table.Column<int>(type: "INTEGER", nullable: false),
                    C = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitRollups", x => new { x.CiteId, x.Grouping, x.Month, x.StructureId, x.Kind, x.A, x.B, x.C });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VisitRollups");
        }
    }
}
