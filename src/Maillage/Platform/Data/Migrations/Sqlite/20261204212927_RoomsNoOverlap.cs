using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <summary>The no-double-booking guard on SQLite: triggers that abort an overlapping write (decision 0014). Raw SQL, kept apart from the generated Rooms migration.</summary>
    public partial class RoomsNoOverlap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Requested (0) and confirmed (1) bookings of a room never overlap on their held span (decision 0014). SQLite lets
            // one writer in at a time, so the check and the write inside one statement cannot be overtaken.
            migrationBuilder.Sql("""
                CREATE TRIGGER room_bookings_no_overlap_insert BEFORE INSERT ON room_bookings
                WHEN NEW.Status IN (0, 1)
                BEGIN
                    SELECT RAISE(ABORT, 'room_bookings_no_overlap')
                    WHERE EXISTS (SELECT 1 FROM room_bookings b WHERE b.RoomId = NEW.RoomId AND b.Status IN (0, 1) AND b.HeldFrom < NEW.HeldUntil AND b.HeldUntil > NEW.HeldFrom);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER room_bookings_no_overlap_update BEFORE UPDATE OF RoomId, HeldFrom, HeldUntil, Status ON room_bookings
                WHEN NEW.Status IN (0, 1)
                BEGIN
                    SELECT RAISE(ABORT, 'room_bookings_no_overlap')
                    WHERE EXISTS (SELECT 1 FROM room_bookings b WHERE b.Id <> NEW.Id AND b.RoomId = NEW.RoomId AND b.Status IN (0, 1) AND b.HeldFrom < NEW.HeldUntil AND b.HeldUntil > NEW.HeldFrom);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS room_bookings_no_overlap_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS room_bookings_no_overlap_insert;");
        }
    }
}
