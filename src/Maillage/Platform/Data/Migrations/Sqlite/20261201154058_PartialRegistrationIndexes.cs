using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartialRegistrationIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_agenda_registrations_Status_OfferExpiresAt",
                table: "agenda_registrations");

            migrationBuilder.DropIndex(
                name: "IX_agenda_registrations_SurveyToken",
                table: "agenda_registrations");

            migrationBuilder.CreateIndex(
                name: "IX_agenda_registrations_Status_OfferExpiresAt",
                table: "agenda_registrations",
                columns: new[] { "Status", "OfferExpiresAt" },
                filter: "\"OfferExpiresAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_agenda_registrations_SurveyToken",
                table: "agenda_registrations",
                column: "SurveyToken",
                unique: true,
                filter: "\"SurveyToken\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_agenda_registrations_Status_OfferExpiresAt",
                table: "agenda_registrations");

            migrationBuilder.DropIndex(
                name: "IX_agenda_registrations_SurveyToken",
                table: "agenda_registrations");

            migrationBuilder.CreateIndex(
                name: "IX_agenda_registrations_Status_OfferExpiresAt",
                table: "agenda_registrations",
                columns: new[] { "Status", "OfferExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_agenda_registrations_SurveyToken",
                table: "agenda_registrations",
                column: "SurveyToken",
                unique: true);
        }
    }
}
