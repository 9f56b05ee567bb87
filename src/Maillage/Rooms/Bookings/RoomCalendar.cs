using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Rooms.Bookings;

/// <summary>A room's bookings as iCalendar (RFC 5545), with Ical.Net as the agenda's feeds: requested ones are TENTATIVE, confirmed ones CONFIRMED.</summary>
internal static class RoomCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const int DaysBack = 30;
    public const int DaysAhead = 365;

    public static async Task<IResult> FeedAsync(int id, RoomBookings service, MaillageDb db, TimeProvider clock, CancellationToken ct)
    {
        var (room, structure, _) = await service.RoomAsync(id, ct);
        return await RenderAsync(room, structure.Name, db, clock, ct);
    }

    /// <summary>
    /// The room's private feed, for a calendar application that cannot sign in: the secret of the address is the only
    /// key (its hash is compared; a wrong, renewed-away or malformed secret answers 404, as a room that does not exist).
    /// </summary>
    public static async Task<IResult> PrivateFeedAsync(string secret, MaillageDb db, TimeProvider clock, CancellationToken ct)
    {
        var hash = RoomBookings.FeedHash(secret);
        var room = hash is null ? null : await db.Rooms.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.FeedTokenHash == hash, ct);
        if (room is null)
            throw new Platform.Errors.NotFoundProblem(new("Cette adresse d'agenda n'est pas (ou plus) valable : demandez la nouvelle à la coordination.",
                "This calendar address is not (or no longer) valid: ask the coordinator for the new one."));
        var structure = await db.Set<Network.Structure>().IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == room.StructureId).Select(s => s.Name).FirstAsync(ct);
        return await RenderAsync(room, structure, db, clock, ct);
    }

    private static async Task<IResult> RenderAsync(Room room, string structureName, MaillageDb db, TimeProvider clock, CancellationToken ct)
    {
        var id = room.Id;
        var now = clock.GetUtcNow();
        var (from, until) = (now.AddDays(-DaysBack), now.AddDays(DaysAhead));
        var rows = await db.RoomBookings.AsNoTracking()
            .IgnoreQueryFilters().Where(b => b.RoomId == id && (b.Status == BookingStatus.Requested || b.Status == BookingStatus.Confirmed) && b.EndsAt > from && b.StartsAt < until)
            .OrderBy(b => b.StartsAt).ToListAsync(ct);
        var calendar = new Calendar { ProductId = "-//Maillage//Salles//FR" };
        calendar.AddProperty("X-WR-CALNAME", $"{room.Name} — {structureName}");
        foreach (var b in rows)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"room-booking-{b.Id}@maillage",
                Summary = b.Title,
                Description = $"{b.Attendees} / {room.Capacity}" + (b.RequestedByName is { } by ? $" — {by}" : ""),
                Location = $"{room.Name}, {structureName}",
                Start = new CalDateTime(b.StartsAt.UtcDateTime, "UTC"),
                End = new CalDateTime(b.EndsAt.UtcDateTime, "UTC"),
                DtStamp = new CalDateTime((b.DecidedAt ?? b.CreatedAt).UtcDateTime, "UTC"),
                Status = b.Status == BookingStatus.Confirmed ? "CONFIRMED" : "TENTATIVE",
            });
        }
        return Results.Text(new CalendarSerializer().SerializeToString(calendar) ?? "", ContentType);
    }
}
