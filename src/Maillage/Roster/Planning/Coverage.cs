using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Maillage.Platform.Data;

namespace Maillage.Roster.Planning;

internal enum HalfDay { Morning, Afternoon }

/// <summary>
/// One pole on one half-day: whether the structure is open then (and why not), the slots that overlap it, and whether it
/// is a coverage gap — open, and nobody holding it (absent and removed slots hold nothing).
/// </summary>
internal sealed record HalfDayCell(int PoleId, DateOnly Date, HalfDay Half, bool Open, LocalizedText? ClosedBecause, IReadOnlyList<DutySlot> Slots)
{
    public bool IsGap => Open && !Slots.Any(s => s.IsHeld);
}

/// <summary>
/// The planning grid's arithmetic, shared by the screen and the gap e-mail: poles × half-days (morning before 13:00,
/// afternoon from 13:00, in the structure's local time) over a range of dates.
/// </summary>
internal static class Coverage
{
    public static readonly TimeOnly Noon = new(13, 0);

    public static (TimeOnly From, TimeOnly To) Bounds(HalfDay half) =>
        half == HalfDay.Morning ? (TimeOnly.MinValue, Noon) : (Noon, TimeOnly.MaxValue);

    public static LocalizedText Name(HalfDay half) => half == HalfDay.Morning ? new("Matin", "Morning") : new("Après-midi", "Afternoon");

    /// <summary>The slots of a structure that start in [from, to) (local dates), cancelled ones left out.</summary>
    public static async Task<List<DutySlot>> SlotsAsync(MaillageDb db, PlanningPlace place, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), place.Zone);
        var end = TimeZoneInfo.ConvertTimeToUtc(to.ToDateTime(TimeOnly.MinValue), place.Zone);
        DateTimeOffset s = new(start, TimeSpan.Zero), e = new(end, TimeSpan.Zero);
        var id = place.Structure.Id;
        return await db.DutySlots.AsNoTracking()
            .Where(x => x.StructureId == id && x.Status != DutyStatus.Cancelled && x.StartsAt >= s && x.StartsAt < e)
            .OrderBy(x => x.StartsAt).ThenBy(x => x.Id).ToListAsync(ct);
    }

    /// <summary>Every pole × date × half-day cell of [from, to).</summary>
    public static IReadOnlyList<HalfDayCell> Cells(PlanningPlace place, IReadOnlyList<DutySlot> slots, DateOnly from, DateOnly to)
    {
        var cells = new List<HalfDayCell>();
        var local = slots.Select(s => (Slot: s, Start: DutyRules.ToLocal(s.StartsAt, place.Zone), End: DutyRules.ToLocal(s.EndsAt, place.Zone))).ToList();
        for (var date = from; date < to; date = date.AddDays(1))
        {
            var (ranges, closedBecause) = place.Schedule.On(date);
            foreach (var half in new[] { HalfDay.Morning, HalfDay.Afternoon })
            {
                var (hf, ht) = Bounds(half);
                var open = ranges.Any(r => r.Opens < ht && r.Closes > hf);
                var reason = open ? (LocalizedText?)null : closedBecause ?? new LocalizedText("Fermé", "Closed");
                foreach (var pole in place.Structure.Poles.OrderBy(p => p.Order))
                    cells.Add(new HalfDayCell(pole.Id, date, half, open, reason,
                        local.Where(l => l.Slot.PoleId == pole.Id && l.Start.Date == date && l.Start.Time < ht && l.End.Time > hf).Select(l => l.Slot).ToList()));
            }
        }
        return cells;
    }

    /// <summary>The days of the week the structure opens in its weekly pattern (Monday first), at least Monday to Friday's open ones.</summary>
    public static IReadOnlyList<DayOfWeek> OpenWeekdays(PlanningPlace place) =>
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday }
            .Where(d => place.Schedule.WeeklyOn(d).Count > 0 || d is >= DayOfWeek.Monday and <= DayOfWeek.Friday).ToList();

    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
