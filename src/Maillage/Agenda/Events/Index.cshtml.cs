using System.Globalization;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Events;

/// <summary>
/// The organiser's list of events: those the person may manage (organiser, coordinator or administrator
/// of the structure's scope or of the Cité), filtered by period, structure, status and type, with counts.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class IndexModel(MaillageDb db, EventAccess eventAccess, StaffAccess access, TimeProvider clock) : PageModel
{
    public const int MaxRows = 300;

    public sealed record Row(int Id, string Title, EventType Type, EventStatus Status, DateTime LocalStart, DateTime LocalEnd, string Place,
        int? Capacity, int Confirmed, int Waiting, int Pending, int? SeriesIndex, int? SeriesCount);
    public sealed record Choice(int Id, string Name);

    [FromQuery(Name = "du")] public string? From { get; set; }
    [FromQuery(Name = "au")] public string? To { get; set; }
    [FromQuery(Name = "structure")] public int? Structure { get; set; }
    [FromQuery(Name = "statut")] public EventStatus? Status { get; set; }
    [FromQuery(Name = "type")] public EventType? Type { get; set; }
    [TempData] public string? Notice { get; set; }

    public DateOnly FromDate { get; private set; }
    public DateOnly? ToDate { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Choice> Structures { get; private set; } = [];
    public bool CanCreate { get; private set; }
    public bool Truncated { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(EventAccess.DefaultTimeZone)).DateTime);
        FromDate = Platform.Errors.DateInput.Parse(From, "du") ?? today;
        ToDate = Platform.Errors.DateInput.Parse(To, "au");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(EventAccess.DefaultTimeZone);
        var from = Zoned.ToUtc(FromDate.ToDateTime(TimeOnly.MinValue), zone);
        var manageable = await access.ManageableStructuresAsync(EventApi.Organisers);
        Structures = await manageable.AsNoTracking().OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(ct);
        CanCreate = await access.HasRoleAsync(EventApi.Organisers);

        var query = db.Events.AsNoTracking().Include(e => e.Structure).Include(e => e.Organisers).Where(e => e.EndsAt > from);
        if (ToDate is { } to)
        {
            var end = Zoned.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
            query = query.Where(e => e.StartsAt < end);
        }
        if (Structure is { } sid) query = query.Where(e => e.StructureId == sid);
        if (Status is { } status) query = query.Where(e => e.Status == status);
        if (Type is { } type) query = query.Where(e => e.Type == type);
        var events = await query.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(MaxRows * 2).AsSplitQuery().ToListAsync(ct);
        var mine = new List<AgendaEvent>();
        foreach (var e in events)
            if (await eventAccess.CanManageAsync(e)) mine.Add(e);
        Truncated = mine.Count > MaxRows || events.Count == MaxRows * 2;
        mine = mine.Take(MaxRows).ToList();

        var ids = mine.Select(e => e.Id).ToArray();
        var counts = (await db.Registrations.AsNoTracking().Where(r => ids.Contains(r.EventId))
                .GroupBy(r => r.EventId)
                .Select(g => new
                {
                    EventId = g.Key,
                    Confirmed = g.Count(r => r.Status == RegistrationStatus.Confirmed),
                    Waiting = g.Count(r => r.Status == RegistrationStatus.Waitlisted || r.Status == RegistrationStatus.Offered),
                    Pending = g.Count(r => r.Status == RegistrationStatus.Pending),
                })
                .ToListAsync(ct))
            .ToDictionary(c => c.EventId);
        var seriesIds = mine.Where(e => e.SeriesId != null).Select(e => e.SeriesId!.Value).Distinct().ToArray();
        var seriesCounts = await db.EventSeries.AsNoTracking().Where(s => seriesIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Occurrences, ct);
        Rows = mine.Select(e =>
        {
            var c = counts.GetValueOrDefault(e.Id);
            return new Row(e.Id, e.Title, e.Type, e.Status, e.LocalStart, e.LocalEnd, AgendaText.Place(e), e.Capacity,
                c?.Confirmed ?? 0, c?.Waiting ?? 0, c?.Pending ?? 0, e.SeriesIndex, e.SeriesId is { } s ? seriesCounts.GetValueOrDefault(s) : null);
        }).ToList();
        return Page();
    }

    public static string Describe(EventStatus status) => status switch
    {
        EventStatus.Draft => Platform.Localization.Text.T("Brouillon", "Draft"),
        EventStatus.Published => Platform.Localization.Text.T("Publiée", "Published"),
        _ => Platform.Localization.Text.T("Annulée", "Cancelled"),
    };

    public static string Badge(EventStatus status) => status switch
    {
        EventStatus.Draft => "badge-warn",
        EventStatus.Published => "badge-open",
        _ => "badge-closed",
    };
}
