using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VisitRollupSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_VisitRollups",
                table: "VisitRollups");

            migrationBuilder.AddColumn<short>(
                name: "Slot",
                table: "VisitRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_VisitRollups",
                table: "VisitRollups",
                columns: new[] { "CiteId", "Grouping", "Month", "StructureId", "Kind", "A", "B", "C", "Slot" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_VisitRollups",
                table: "VisitRollups");

            migrationBuilder.DropColumn(
                name: "Slot",
                table: "VisitRollups");

            migrationBuilder.AddPrimaryKey(
                name: "PK_VisitRollups",
                table: "VisitRollups",
                columns: new[] { "CiteId", "Grouping", "Month", "StructureId", "Kind", "A", "B", "C" });
        }
    }
}
