using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RoomDecisionsAndFeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FeedTokenHash",
                table: "rooms",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequestedLanguage",
                table: "room_bookings",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_rooms_FeedTokenHash",
                table: "rooms",
                column: "FeedTokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_rooms_FeedTokenHash",
                table: "rooms");

            migrationBuilder.DropColumn(
                name: "FeedTokenHash",
                table: "rooms");

            migrationBuilder.DropColumn(
                name: "RequestedLanguage",
                table: "room_bookings");
        }
    }
}
