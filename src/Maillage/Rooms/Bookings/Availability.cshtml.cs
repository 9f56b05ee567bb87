using System.Globalization;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Rooms.Bookings;

/// <summary>Which rooms of the person's Cités are free on a date and time for a number of people (a GET form: the address can be shared).</summary>
[Authorize(Policy = RoomsModule.BookersPolicy)]
internal sealed class AvailabilityModel(MaillageDb db, RoomBookings bookings, TimeProvider clock) : PageModel
{
    public sealed record Result(int RoomId, string Room, string Structure, int Capacity, string? Layout, bool Free, string Why);

    [BindProperty(SupportsGet = true, Name = "date")] public string? Date { get; set; }
    [BindProperty(SupportsGet = true, Name = "de")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "a")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "places")] public int? Seats { get; set; }
    public IReadOnlyList<Result>? Results { get; private set; }

    public async Task OnGetAsync()
    {
        ModelState.LocalizeBindingErrors();
        if (Date is null && From is null && To is null && Seats is null) return;
        if (!Platform.Errors.DateInput.TryParseForm(Date, out var date))
            ModelState.AddModelError("date", Text.T("Indiquez la date (jj/mm/aaaa).", "Give the date (yyyy-mm-dd)."));
        if (!FormErrors.TryParseTime(From, out var from))
            ModelState.AddModelError("de", Text.T("Indiquez l'heure de début (14:00).", "Give the start time (14:00)."));
        if (!FormErrors.TryParseTime(To, out var to))
            ModelState.AddModelError("a", Text.T("Indiquez l'heure de fin (16:00).", "Give the end time (16:00)."));
        if (Seats is null or < 1)
            ModelState.AddModelError("places", Text.T("Indiquez le nombre de places (au moins une).", "Give the number of seats (at least one)."));
        if (!ModelState.IsValid) return;

        var rooms = await db.Rooms.AsNoTracking().Include(r => r.Hours).Include(r => r.Closures).AsSplitQuery().OrderBy(r => r.Name).ToListAsync();
        var structureIds = rooms.Select(r => r.StructureId).Distinct().ToList();
        var structures = await db.Structures.AsNoTracking().Where(s => structureIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        var now = clock.GetUtcNow();
        var results = new List<Result>();
        foreach (var room in rooms)
        {
            var structure = structures[room.StructureId];
            var schedule = room.Schedule(structure.Holidays, TimeZoneInfo.FindSystemTimeZoneById(structure.TimeZoneId));
            string why;
            var free = false;
            try
            {
                var startsAt = BookingRules.Instant(date.ToDateTime(from), schedule.Zone, "startsAt");
                var endsAt = BookingRules.Instant(date.ToDateTime(to), schedule.Zone, "endsAt");
                var problems = BookingRules.Check(room, schedule, startsAt, endsAt, Seats!.Value, now);
                if (problems.Count > 0) why = problems[0].Text;
                else
                {
                    var (heldFrom, heldUntil) = BookingRules.Held(room, startsAt, endsAt);
                    var taken = await bookings.ActiveAsync(room.Id, heldFrom, heldUntil, HttpContext.RequestAborted);
                    free = taken.Count == 0;
                    why = free ? Text.T("Libre", "Free") : Text.T($"Déjà prise : « {taken[0].Title} »", $"Already taken: \"{taken[0].Title}\"");
                }
            }
            catch (RuleViolation rule)
            {
                why = rule.Text;
            }
            results.Add(new Result(room.Id, room.Name, structure.Name, room.Capacity, room.Layout, free, why));
        }
        Results = results.OrderByDescending(r => r.Free).ThenBy(r => r.Capacity).ToList();
    }
}
