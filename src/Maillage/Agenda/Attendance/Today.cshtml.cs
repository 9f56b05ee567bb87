using System.Globalization;
using Maillage.Agenda.Reports;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Attendance;

/// <summary>The reception desk's entry point: the day's events the person may check in, each with its counters.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class TodayModel(MaillageDb db, EventStaffAccess access, TimeProvider clock) : PageModel
{
    public sealed record Item(int Id, string Title, DateTime LocalStart, DateTime LocalEnd, string Place, int Confirmed, int Present);

    [FromQuery(Name = "date")] public string? DateText { get; set; }
    public DateOnly Day { get; private set; }
    public IReadOnlyList<Item> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), AgendaReports.ReportZone).DateTime);
        // A date that is not one, or out of range (0001-01-01 overflowed the day's bounds), is refused naming "date".
        Day = Platform.Errors.DateInput.Parse(DateText, "date") ?? today;
        var from = AgendaReports.LocalMidnight(Day);
        var to = AgendaReports.LocalMidnight(Day.AddDays(1));
        var events = await db.Events.AsNoTracking().Include(e => e.Structure).Include(e => e.Organisers)
            .Where(e => e.Status == EventStatus.Published && e.StartsAt < to && e.EndsAt > from)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(200).AsSplitQuery().ToListAsync(ct);
        var mine = new List<AgendaEvent>();
        foreach (var e in events) if (await access.CanRunAttendanceAsync(e)) mine.Add(e);
        var ids = mine.Select(e => e.Id).ToArray();
        var counts = (await db.Registrations.AsNoTracking().Where(r => ids.Contains(r.EventId))
                .GroupBy(r => r.EventId)
                .Select(g => new { EventId = g.Key, Confirmed = g.Count(r => r.Status == RegistrationStatus.Confirmed && r.Source != RegistrationSource.WalkIn), Present = g.Count(r => r.Attendance == AttendanceStatus.Present) })
                .ToListAsync(ct))
            .ToDictionary(c => c.EventId);
        Items = mine.Select(e => new Item(e.Id, e.Title, e.LocalStart, e.LocalEnd, e.Structure?.Name ?? e.VenueName ?? Platform.Localization.Text.T("En ligne", "Online"),
            counts.GetValueOrDefault(e.Id)?.Confirmed ?? 0, counts.GetValueOrDefault(e.Id)?.Present ?? 0)).ToList();
        return Page();
    }
}
