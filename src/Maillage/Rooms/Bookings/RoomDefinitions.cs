using Maillage.Network;
using Maillage.Network.OpeningHours;
using Maillage.Platform.Data;
using Maillage.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Rooms.Bookings;

/// <summary>What the booking rules read of a room: the room with its bookable hours, closures and partners, its structure, and the schedule they make.</summary>
public sealed record RoomDefinition(Room Room, Structure Structure, OpeningSchedule Schedule);

/// <summary>
/// The rooms' definitions, kept in memory: every booking request reads its room's, and reading it (two queries, the
/// room's with three collections) took about a fifth of a request's CPU in the booking rush (docs/PERFORMANCE.md,
/// "Rooms"). Evicted when a room, its hours, closures or partners, or a structure is saved (<see cref="Tag"/>), and
/// after <see cref="MaxAge"/> (<see cref="EvictedCache{TKey, TValue}"/>). Bookings themselves are never cached: the
/// conflict check and the database's guard read and write them at every request. Read past the tenant filter:
/// <see cref="RoomBookings.RoomAsync"/> checks the tenant.
/// </summary>
public sealed class RoomDefinitions() : EvictedCache<int, RoomDefinition>(Tag, MaxAge)
{
    public new const string Tag = "room-definitions";
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private static readonly Func<MaillageDb, int, CancellationToken, Task<Room?>> LoadRoom = EF.CompileAsyncQuery(
        (MaillageDb db, int id, CancellationToken ct) => db.Set<Room>().IgnoreQueryFilters().AsNoTracking()
            .Include(r => r.Hours).Include(r => r.Closures).Include(r => r.Partners).AsSingleQuery().FirstOrDefault(r => r.Id == id));

    public Task<RoomDefinition?> FindAsync(MaillageDb db, int id, CancellationToken ct) => GetOrLoadAsync(id, async () =>
    {
        if (await LoadRoom(db, id, ct) is not { } room) return null;
        var structure = await db.Structures.IgnoreQueryFilters().AsNoTracking().FirstAsync(s => s.Id == room.StructureId, ct);
        return new RoomDefinition(room, structure, room.Schedule(structure.Holidays, TimeZoneInfo.FindSystemTimeZoneById(structure.TimeZoneId)));
    });
}
