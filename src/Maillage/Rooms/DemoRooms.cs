using Maillage.Platform.Data;
using Maillage.Platform.Modules;
using Maillage.Rooms.Bookings;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Rooms;

/// <summary>Demo bookings for Development (invented): a confirmed meeting in the salle Massalia, a request of the Académie for the amphithéâtre waiting for the coordinator, a refused one.</summary>
internal sealed class DemoRooms(MaillageDb db, TimeProvider clock) : IDevelopmentSeeder
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.RoomBookings.AnyAsync(ct)) return;
        var rooms = await db.Rooms.Where(r => r.Name == "Salle Massalia" || r.Name == "Amphithéâtre Pierre Chevalier").ToListAsync(ct);
        var massalia = rooms.FirstOrDefault(r => r.Name == "Salle Massalia");
        var amphi = rooms.FirstOrDefault(r => r.Name != "Salle Massalia");
        if (massalia is null || amphi is null) return;
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), paris).DateTime);
        var monday = today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7 + 7);
        DateTimeOffset At(DateOnly d, int hour, int minute = 0)
        {
            var local = d.ToDateTime(new TimeOnly(hour, minute));
            return new DateTimeOffset(local, paris.GetUtcOffset(local)).ToUniversalTime();
        }
        var academie = await db.Rooms.Where(r => r.Id == amphi.Id).SelectMany(r => r.Partners).Select(p => (int?)p.PartnerId).FirstOrDefaultAsync(ct);
        // The Académie's requests are made by its demo staff member (as a real request names the person who asked); the
        // requests page adds the partner's name beside theirs.
        const string academieStaff = "academie.marseille@demo.maillage.test";
        var academieStaffId = await db.Users.Where(u => u.Email == academieStaff).Select(u => u.Id).FirstOrDefaultAsync(ct);
        RoomBooking Booking(Room room, DateOnly day, int from, int to, string title, int attendees, BookingStatus status, string by, int? partner = null)
        {
            var (heldFrom, heldUntil) = BookingRules.Held(room, At(day, from), At(day, to));
            return new RoomBooking
            {
                CiteId = room.CiteId, RoomId = room.Id, StartsAt = At(day, from), EndsAt = At(day, to), HeldFrom = heldFrom, HeldUntil = heldUntil,
                Title = title + " (démonstration)", Attendees = attendees, Status = status, RequestedByName = by, RequestedById = by == academieStaff ? academieStaffId : null, PartnerId = partner, CreatedAt = clock.GetUtcNow(),
                DecidedByName = status == BookingStatus.Requested ? null : "coordination.marseille@demo.maillage.test",
                DecidedAt = status == BookingStatus.Requested ? null : clock.GetUtcNow(),
                DecisionNote = status == BookingStatus.Refused ? "La salle est retenue pour le forum de l'alternance." : null,
            };
        }
        db.RoomBookings.AddRange(
            Booking(massalia, monday, 10, 12, "Réunion des partenaires du pôle emploi", 14, BookingStatus.Confirmed, "coordination.marseille@demo.maillage.test"),
            Booking(amphi, monday.AddDays(2), 14, 17, "Journée d'immersion des enseignants", 100, BookingStatus.Requested, academieStaff, academie),
            Booking(massalia, monday.AddDays(3), 10, 13, "Réunion CLEE", 18, BookingStatus.Refused, academieStaff, academie));
        await db.SaveChangesAsync(ct);
    }
}
