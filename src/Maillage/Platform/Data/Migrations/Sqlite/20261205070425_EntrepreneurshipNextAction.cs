using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EntrepreneurshipNextAction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NextAction",
                table: "entrepreneurship_holders",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NextActionOn",
                table: "entrepreneurship_holders",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Plain statements (SQLite 3.35+): the previous migration's model was made on a branch without the
            // entrepreneurship tables, so EF's table rebuild for DropColumn cannot find this table.
            migrationBuilder.Sql("ALTER TABLE \"entrepreneurship_holders\" DROP COLUMN \"NextAction\";");
            migrationBuilder.Sql("ALTER TABLE \"entrepreneurship_holders\" DROP COLUMN \"NextActionOn\";");
        }
    }
}
