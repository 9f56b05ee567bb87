using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClearPurgedRegistrationTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The purge used to leave "anonymised-{Id}": guessable links to past registrations (issue 18). They go.
            migrationBuilder.Sql("UPDATE agenda_registrations SET \"ManageToken\" = NULL WHERE \"ManageToken\" LIKE 'anonymised-%';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: RegistrationTokenRemovedByPurge's Down gives purged registrations a token again.
        }
    }
}
