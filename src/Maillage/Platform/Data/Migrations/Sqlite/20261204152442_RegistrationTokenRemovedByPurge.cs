using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegistrationTokenRemovedByPurge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "ManageToken",
                table: "agenda_registrations",
                type: "TEXT",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64);
            // The old "anonymised-{Id}" tokens are cleared by the next migration, once the column accepts null (on SQLite
            // the column change is a table rebuild, run at the end of this migration).
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE agenda_registrations SET \"ManageToken\" = 'anonymised-' || \"Id\" WHERE \"ManageToken\" IS NULL;");
            migrationBuilder.AlterColumn<string>(
                name: "ManageToken",
                table: "agenda_registrations",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldNullable: true);
        }
    }
}
