using System.Globalization;
using Maillage.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Maillage.Agenda.PublicAgenda;

[AllowAnonymous]
[OutputCache(PolicyName = Platform.Web.PublicCache.Policy, Tags = [AgendaModule.CacheTag])]
internal sealed class IndexModel(EventQueries queries) : PageModel
{
    /// <summary>The zone of the calendar's days and of "today" (the network's places are in it or in Geneva's, the same offsets).</summary>
    private static readonly TimeZoneInfo AgendaZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public string? From { get; private set; }
    public string? To { get; private set; }
    public string? Cite { get; private set; }
    public int? Structure { get; private set; }
    public int? Territory { get; private set; }
    public string? Type { get; private set; }
    public string? Theme { get; private set; }
    public bool PlacesLeft { get; private set; }
    public bool Calendar { get; private set; }
    /// <summary>A filter is set: the filters' box is open on every screen.</summary>
    public bool Filtered => new[] { From, To, Cite, Type, Theme }.Any(v => !string.IsNullOrWhiteSpace(v)) || Structure is not null || Territory is not null || PlacesLeft;
    /// <summary>The page shown: <see cref="EventQueries.PageSize"/> events of the filter, in date order.</summary>
    public EventPage Listing { get; private set; } = new([], 0, 1, EventQueries.PageSize);
    public IReadOnlyList<EventRow> Events => Listing.Rows;
    public IReadOnlyList<(string Slug, string Name)> Cites { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Structures { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Territories { get; private set; } = [];
    public string? FilterError { get; private set; }
    /// <summary>The filter's query string without the page number (for the feeds and the view links).</summary>
    public string Query => QueryWithout("page");

    /// <summary>The month the calendar view shows (its first day), today in the agenda's zone, and the month's events by day.</summary>
    public DateOnly Month { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyDictionary<DateOnly, List<EventRow>> Days { get; private set; } = new Dictionary<DateOnly, List<EventRow>>();
    public int MonthTotal => Days.Values.Sum(d => d.Count);

    /// <summary>The month's weeks, Monday first; a day of another month is null.</summary>
    public IEnumerable<DateOnly?[]> Weeks()
    {
        var first = Month.AddDays(-(((int)Month.DayOfWeek + 6) % 7));
        for (var monday = first; monday < Month.AddMonths(1); monday = monday.AddDays(7))
            yield return Enumerable.Range(0, 7).Select(i => monday.AddDays(i)).Select(d => d.Month == Month.Month ? d : (DateOnly?)null).ToArray();
    }

    /// <summary>This view with the same filter for another month.</summary>
    public string MonthUrl(DateOnly month) => $"/agenda?{Join(QueryWithout("page", "mois", "vue"), $"vue=calendrier&mois={month:yyyy-MM}")}";

    /// <summary>This list with the same filter at page <paramref name="number"/>.</summary>
    public string PageUrl(int number) => $"/agenda?{Join(Query, $"page={number}")}";

    /// <summary>The list or the calendar with the same filter.</summary>
    public string ViewUrl(bool calendar) => "/agenda" + (calendar ? $"?{Join(QueryWithout("page", "vue"), "vue=calendrier")}" : QueryWithout("page", "vue", "mois") is { Length: > 0 } q ? $"?{q}" : "");

    private string QueryWithout(params string[] keys) =>
        QueryString.Create(Request.Query.Where(q => !keys.Contains(q.Key) && q.Key != "culture")).Value?.TrimStart('?') ?? "";

    private static string Join(string query, string more) => query.Length > 0 ? $"{query}&{more}" : more;

    public async Task OnGetAsync(string? from, string? to, string? cite, int? structure, int? territory, string? type, string? theme, bool? placesLeft, string? vue, string? mois, CancellationToken ct)
    {
        (From, To, Cite, Structure, Territory, Type, Theme, PlacesLeft, Calendar) = (from, to, cite, structure, territory, type, theme, placesLeft ?? false, vue == "calendrier");
        EventFilter filter;
        try { filter = EventFilter.Parse(from, to, structure, territory, type, theme, null, placesLeft, cite); }
        catch (RuleViolation rule) { FilterError = rule.Text; filter = new EventFilter(); }
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(queries.Now, AgendaZone).DateTime);
        if (Calendar) await LoadMonthAsync(filter, mois, ct);
        else
        {
            // "page" is read by hand: Razor Pages reserves the route value of that name (the page's own path).
            var page = PageInput.PageOrFirst(Request.Query["page"]);
            Listing = await queries.PageAsync(filter, page, EventQueries.PageSize, ct, withCounts: false);
        }
        Cites = await queries.CitesAsync(ct);
        Structures = await queries.StructuresWithEventsAsync(ct);
        Territories = await queries.TerritoriesAsync(ct);
    }

    /// <summary>
    /// The calendar: the month asked (mois=2026-12), else the month of the "from" date, else this month; every event of
    /// the filter starting that month, past days included (a calendar shows the whole month).
    /// </summary>
    private async Task LoadMonthAsync(EventFilter filter, string? mois, CancellationToken ct)
    {
        Month = DateOnly.TryParseExact(mois, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked) && asked.Year is >= 2000 and <= 2100
            ? asked
            : filter.From is { } f ? new DateOnly(f.Year, f.Month, 1) : new DateOnly(Today.Year, Today.Month, 1);
        DateTimeOffset Start(DateOnly day) => new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), AgendaZone), TimeSpan.Zero);
        var (monthStart, monthEnd) = (Start(Month), Start(Month.AddMonths(1)).AddTicks(-1));
        var rows = await queries.ListAsync(filter with
        {
            From = filter.From is { } from && from > monthStart ? from : monthStart,
            To = filter.To is { } to && to < monthEnd ? to : monthEnd,
        }, ct);
        Days = rows.Where(r => r.Event.StartsAt >= monthStart)
            .GroupBy(r => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.Event.StartsAt, AgendaZone).DateTime))
            .ToDictionary(g => g.Key, g => g.ToList());
    }

    public static string Api(Enum value) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
