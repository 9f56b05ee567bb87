using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Rooms.Bookings;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Rooms;

/// <summary>
/// What the agenda asks of rooms (issue 20 item 8): which rooms a structure offers, whether an event fits a room at its
/// time, and the room's booking that follows the event — created or moved with it, freed when it is cancelled. The
/// booking is confirmed (the organiser's structure holds the room) and linked to the event by its id.
/// </summary>
public sealed class EventRooms(MaillageDb db, RoomBookings bookings)
{
    public sealed record RoomOption(int Id, int StructureId, string Name, int Capacity);

    /// <summary>The rooms of these structures, by name: the choices of an event's form.</summary>
    public Task<List<RoomOption>> OfStructuresAsync(IReadOnlyCollection<int> structureIds, CancellationToken ct) =>
        db.Rooms.AsNoTracking().Where(r => structureIds.Contains(r.StructureId)).OrderBy(r => r.Name)
            .Select(r => new RoomOption(r.Id, r.StructureId, r.Name, r.Capacity)).ToListAsync(ct);

    /// <summary>
    /// Why the event cannot take the room (empty when it can): a room of another structure, more people than seats, outside
    /// the room's bookable hours (buffer included), or the time held by another booking, named.
    /// </summary>
    public async Task<IReadOnlyList<RuleViolation>> CheckAsync(int roomId, int? structureId, DateTimeOffset startsAt, DateTimeOffset endsAt, int? capacity, int? eventId, CancellationToken ct)
    {
        var room = await db.Rooms.AsNoTracking().Include(r => r.Hours).Include(r => r.Closures).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == roomId, ct);
        if (room is null || room.StructureId != structureId)
            return [new("roomId", new("Choisissez une salle de la structure où l'action a lieu.", "Choose a room of the structure where the event takes place."))];
        var problems = new List<RuleViolation>();
        if (capacity is { } people && people > room.Capacity)
            problems.Add(new("capacity", new($"La salle {room.Name} compte {room.Capacity} places ; l'action en prévoit {people}.", $"{room.Name} seats {room.Capacity}; the event is planned for {people}.")));
        if (endsAt <= startsAt) return problems;
        var structure = await db.Structures.AsNoTracking().FirstAsync(s => s.Id == room.StructureId, ct);
        var schedule = room.Schedule(structure.Holidays, TimeZoneInfo.FindSystemTimeZoneById(structure.TimeZoneId));
        // The past and the seats are the event's own rules; the room adds its hours.
        problems.AddRange(BookingRules.Check(room, schedule, startsAt, endsAt, 1, null).Select(p => new RuleViolation("roomId", p.Text)));
        var (from, until) = BookingRules.Held(room, startsAt, endsAt);
        var other = (await bookings.ActiveAsync(room.Id, from, until, ct)).FirstOrDefault(b => eventId is null || b.AgendaEventId != eventId);
        if (other is not null) problems.Add(new("roomId", RoomBookings.Conflict(room, other, schedule.Zone).Text));
        return problems;
    }

    /// <summary>Books the room for the event, or moves the event's booking (another room: the old booking is cancelled). Saves.</summary>
    public async Task BookAsync(int eventId, int roomId, DateTimeOffset startsAt, DateTimeOffset endsAt, string title, int? attendees, CancellationToken ct)
    {
        var current = await db.RoomBookings.Where(b => b.AgendaEventId == eventId && (b.Status == BookingStatus.Requested || b.Status == BookingStatus.Confirmed)).ToListAsync(ct);
        var same = current.FirstOrDefault(b => b.RoomId == roomId);
        foreach (var b in current.Where(b => b != same)) b.Status = BookingStatus.Cancelled;
        if (same is not null) await bookings.MoveForEventAsync(same, startsAt, endsAt, title, attendees ?? same.Attendees, ct);
        else await bookings.BookForEventAsync(roomId, eventId, startsAt, endsAt, title, attendees ?? 1, ct);
    }

    /// <summary>Frees the room the event held (cancelled, or its room taken away); the caller saves.</summary>
    public async Task ReleaseAsync(int eventId, CancellationToken ct)
    {
        foreach (var b in await db.RoomBookings.Where(b => b.AgendaEventId == eventId && (b.Status == BookingStatus.Requested || b.Status == BookingStatus.Confirmed)).ToListAsync(ct))
            b.Status = BookingStatus.Cancelled;
    }
}
