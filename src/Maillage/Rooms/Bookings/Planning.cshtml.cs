using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Rooms.Bookings;

/// <summary>A structure's rooms over a day or a week: a table, one row a room, one column a day.</summary>
[Authorize(Policy = RoomsModule.BookersPolicy)]
internal sealed class PlanningModel(MaillageDb db, TimeProvider clock) : PageModel
{
    public sealed record Cell(DateOnly Date, bool Open, IReadOnlyList<RoomBooking> Bookings);
    public sealed record Line(Room Room, IReadOnlyList<Cell> Cells);

    [BindProperty(SupportsGet = true, Name = "structure")] public int? StructureId { get; set; }
    [BindProperty(SupportsGet = true, Name = "jour")] public string? Day { get; set; }
    [BindProperty(SupportsGet = true, Name = "vue")] public string? View { get; set; }

    public Structure Structure { get; private set; } = null!;
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public bool IsWeek => View == "semaine";
    public DateOnly First { get; private set; }
    public IReadOnlyList<DateOnly> Dates { get; private set; } = [];
    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Structures { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Structures = (await db.Rooms.AsNoTracking().Select(r => r.StructureId).Distinct()
            .Join(db.Set<Structure>(), id => id, s => s.Id, (id, s) => new { s.Id, s.Name }).OrderBy(s => s.Name)
            .ToListAsync()).Select(x => (x.Id, x.Name)).ToList();
        var id = StructureId ?? (Structures.Count > 0 ? Structures[0].Id : 0);
        var structure = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id);
        if (structure is null) return Structures.Count == 0 ? Redirect("/gestion/salles") : NotFound();
        Structure = structure;
        Zone = TimeZoneInfo.FindSystemTimeZoneById(structure.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);
        var day = DateOnly.TryParseExact(Day, "yyyy-MM-dd", out var d) && d.Year is >= 2000 and <= 2100 ? d : today;
        First = IsWeek ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7)) : day;
        Dates = Enumerable.Range(0, IsWeek ? 7 : 1).Select(i => First.AddDays(i)).ToList();
        var rooms = await db.Rooms.AsNoTracking().Include(r => r.Hours).Include(r => r.Closures).AsSplitQuery()
            .Where(r => r.StructureId == id).OrderBy(r => r.Name).ToListAsync();
        var roomIds = rooms.Select(r => r.Id).ToList();
        var from = new DateTimeOffset(First.ToDateTime(TimeOnly.MinValue), Zone.GetUtcOffset(First.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
        var until = from.AddDays(Dates.Count + 1);
        var bookings = await db.RoomBookings.AsNoTracking()
            .Where(b => roomIds.Contains(b.RoomId) && (b.Status == BookingStatus.Requested || b.Status == BookingStatus.Confirmed) && b.StartsAt < until && b.EndsAt > from)
            .OrderBy(b => b.StartsAt).ToListAsync();
        Lines = rooms.Select(r =>
        {
            var schedule = r.Schedule(structure.Holidays, Zone);
            return new Line(r, Dates.Select(date => new Cell(date, schedule.On(date).Ranges.Count > 0,
                bookings.Where(b => b.RoomId == r.Id && LocalDate(b.StartsAt) == date).ToList())).ToList());
        }).ToList();
        return Page();
    }

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
    public string LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
