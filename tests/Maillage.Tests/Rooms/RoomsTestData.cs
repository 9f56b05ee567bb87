using System.Net.Http.Json;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Rooms;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Rooms;

/// <summary>The Rooms module's test data: a test's own room at the Marseille site (bookable Monday–Friday 10:00–18:00, the Académie as convention partner), people who book it, bookings as the API's JSON.</summary>
public static class RoomsTestData
{
    /// <summary>Tuesday 24 November 2026 in Paris (winter time), the day after <see cref="MaillageApp.DefaultNow"/>.</summary>
    public static DateTimeOffset Tuesday(int hour, int minute = 0) => new(2026, 11, 24, hour, minute, 0, TimeSpan.FromHours(1));

    public static async Task<Room> RoomAsync(this MaillageApp app, int capacity = 20, int bufferMinutes = 0, bool needsApproval = true, string cite = "marseille-paca", string structure = "marseille")
    {
        var site = await app.StructureAsync(cite, structure);
        return await app.WithDbAsync(async db =>
        {
            var academie = await db.Partners.IgnoreQueryFilters().Where(p => p.CiteId == site.CiteId).OrderBy(p => p.Name == "Académie d'Aix-Marseille" ? 0 : 1).Select(p => p.Id).FirstAsync();
            var room = new Room { CiteId = site.CiteId, StructureId = site.Id, Name = $"Salle {Guid.NewGuid():N}"[..14], Capacity = capacity, BufferMinutes = bufferMinutes, NeedsApproval = needsApproval };
            room.ReplaceHours([.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.Select(d => (d, new TimeOnly(10, 0), new TimeOnly(18, 0)))]);
            room.Partners.Add(new RoomPartner { PartnerId = academie, Convention = true });
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
            return room;
        });
    }

    /// <summary>A member of the Académie's staff (a partner-scoped role on the convention partner of <paramref name="room"/>).</summary>
    public static async Task<HttpClient> AcademieStaffAsync(this MaillageApp app, Room room)
    {
        var partnerId = await app.WithDbAsync(db => db.Set<RoomPartner>().Where(p => p.RoomId == room.Id).Select(p => p.PartnerId).FirstAsync());
        return await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Counsellor, $"partner:{partnerId}"));
    }

    public static async Task<HttpClient> MarseilleCoordinatorAsync(this MaillageApp app) =>
        await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca"));

    public static Task<HttpResponseMessage> BookAsync(this HttpClient client, int roomId, DateTimeOffset startsAt, DateTimeOffset endsAt, int attendees = 10, string title = "Réunion") =>
        client.PostAsJsonAsync($"/api/v1/rooms/{roomId}/bookings", new { startsAt, endsAt, title, attendees });

    public static Task<List<RoomBooking>> BookingsAsync(this MaillageApp app, int roomId) =>
        app.WithDbAsync(db => db.Set<RoomBooking>().IgnoreQueryFilters().Where(b => b.RoomId == roomId).OrderBy(b => b.Id).ToListAsync());
}
