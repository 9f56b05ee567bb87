using Maillage.Network.OpeningHours;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Maillage.Network.Places;

[AllowAnonymous]
[OutputCache(PolicyName = Platform.Web.PublicCache.PolicyByMinute, Tags = [NetworkModule.PlaceCacheTag])]
internal sealed class DetailModel(PlaceQueries places, IEnumerable<IPlaceEvents> agendas, IEnumerable<IPlacePresence> presences) : PageModel
{
    public Structure Place { get; private set; } = null!;
    public OpeningStatus Status { get; private set; } = null!;
    public DateTimeOffset Now => places.Now;
    public DateOnly Today { get; private set; }
    /// <summary>Today and the six days after it, in the structure's time zone.</summary>
    public IReadOnlyList<DateOnly> Week { get; private set; } = [];
    /// <summary>The days of the <see cref="Week"/> the place does not open (weekly pattern, closures, public holidays).</summary>
    public IReadOnlySet<DateOnly> ClosedDays { get; private set; } = new HashSet<DateOnly>();
    public IReadOnlyList<OpeningException> UpcomingExceptions { get; private set; } = [];
    public IReadOnlyList<Partner> Partners { get; private set; } = [];
    /// <summary>The next events held here, from the modules that hold events (the agenda); empty without one.</summary>
    public IReadOnlyList<PlaceEventList> Agendas { get; private set; } = [];
    /// <summary>How many upcoming events the page lists.</summary>
    public const int UpcomingEvents = 5;
    /// <summary>
    /// The duties held here today and in the <see cref="Week"/> (issue 20, item 3), from the module that keeps them (the
    /// roster); null without one: the page then lists each pole's partners from the fixed list.
    /// </summary>
    public IReadOnlyList<PlaceDuty>? Duties { get; private set; }
    public string? DutyFeedUrl { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    /// <summary>The duties of one local date, by start.</summary>
    public IEnumerable<PlaceDuty> DutiesOn(DateOnly date, int poleId) =>
        (Duties ?? []).Where(d => d.PoleId == poleId && DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(d.From, Zone).DateTime) == date);
    /// <summary>A duty's hours in the place's time zone: "13:30–17:30".</summary>
    public string Hours(PlaceDuty d) => $@"{TimeZoneInfo.ConvertTime(d.From, Zone):HH\:mm}–{TimeZoneInfo.ConvertTime(d.To, Zone):HH\:mm}";
    /// <summary>The operator while its contract runs, in the place's time zone (none once it has ended).</summary>
    public string? CurrentOperator => Place.CurrentOperator(Today);

    public async Task<IActionResult> OnGetAsync(string cite, string slug, CancellationToken ct)
    {
        var place = await places.FindAsync(cite, slug, ct);
        if (place is null) return NotFound();
        Place = place;
        var schedule = place.Schedule();
        Status = schedule.StatusAt(Now);
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, schedule.Zone).DateTime);
        Week = Enumerable.Range(0, 7).Select(i => Today.AddDays(i)).ToList();
        ClosedDays = Week.Where(d => schedule.On(d).Ranges.Count == 0).ToHashSet();
        UpcomingExceptions = place.Exceptions.Where(e => e.Date >= Today).OrderBy(e => e.Date).Take(10).ToList();
        Partners = place.Poles.SelectMany(p => p.Partners).Select(pp => pp.Partner).DistinctBy(p => p.Id).OrderBy(p => p.Name).ToList();
        var agendaLists = new List<PlaceEventList>();
        foreach (var agenda in agendas) agendaLists.Add(await agenda.UpcomingAsync(place.Id, UpcomingEvents, ct));
        Agendas = agendaLists;
        Zone = schedule.Zone;
        if (presences.FirstOrDefault() is { } presence && place.Status != StructureStatus.Planned)
        {
            var start = Today.ToDateTime(TimeOnly.MinValue);
            var end = Today.AddDays(Week.Count).ToDateTime(TimeOnly.MinValue);
            Duties = await presence.HeldAsync(place.Id, new DateTimeOffset(start, Zone.GetUtcOffset(start)), new DateTimeOffset(end, Zone.GetUtcOffset(end)), ct);
            DutyFeedUrl = presence.FeedUrl(place.Id);
        }
        return Page();
    }
}
