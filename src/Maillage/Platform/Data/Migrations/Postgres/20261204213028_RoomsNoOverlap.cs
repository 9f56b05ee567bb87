using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Postgres
{
    /// <summary>The no-double-booking guard on PostgreSQL: an exclusion constraint over the held span (decision 0014). Raw SQL, kept apart from the generated Rooms migration.</summary>
    public partial class RoomsNoOverlap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Requested (0) and confirmed (1) bookings of a room never overlap on their held span (decision 0014).
            // btree_gist lets the exclusion constraint compare the room id with = beside the range with &&.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS btree_gist;");
            migrationBuilder.Sql("""
                ALTER TABLE room_bookings ADD CONSTRAINT room_bookings_no_overlap
                EXCLUDE USING gist ("RoomId" WITH =, tstzrange("HeldFrom", "HeldUntil", '[)') WITH &&)
                WHERE ("Status" IN (0, 1));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE room_bookings DROP CONSTRAINT IF EXISTS room_bookings_no_overlap;");
        }
    }
}
