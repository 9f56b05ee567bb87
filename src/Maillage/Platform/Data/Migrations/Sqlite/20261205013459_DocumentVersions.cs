using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DocumentVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "document_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    FrozenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FrozenById = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FrozenBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Content = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_document_versions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_document_versions_CiteId",
                table: "document_versions",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_document_versions_Key_Version",
                table: "document_versions",
                columns: new[] { "Key", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "document_versions");
        }
    }
}
