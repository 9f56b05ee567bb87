using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ForgetRegistrantsInAuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Registrants' names and e-mails reached the audit trail through the owned Person of a registration
            // (registrations themselves are not audited); retention could not erase them there. Forget them.
            migrationBuilder.Sql("DELETE FROM \"AuditEntries\" WHERE \"EntityType\" = 'RegistrantDetails'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Erased personal data is not restored.
        }
    }
}
