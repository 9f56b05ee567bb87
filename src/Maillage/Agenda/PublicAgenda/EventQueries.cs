using Maillage.Network;
using Maillage.Network.Places;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.PublicAgenda;

/// <summary>Filters of the public agenda, shared by the pages, the API and the feeds.</summary>
internal sealed record EventFilter(
    DateTimeOffset? From = null, DateTimeOffset? To = null, int? Structure = null, int? Territory = null,
    EventType? Type = null, EventTheme? Theme = null, EventAudience? Audience = null, bool PlacesLeft = false, bool IncludeUnpublished = false,
    string? Cite = null)
{
    /// <summary>
    /// Reads the query-string spelling (from/to as dates, type/theme/audience in camelCase, cite as the Cité's slug —
    /// e.g. grand-geneve, as in /lieux?cite=); a bad value is a 400 naming it (an unknown Cité simply has no event).
    /// </summary>
    public static EventFilter Parse(string? from, string? to, int? structure, int? territory, string? type, string? theme, string? audience = null, bool? placesLeft = null, string? cite = null) => new(
        Date(from, "from"), Date(to, "to", endOfDay: true), structure, territory,
        Enum<EventType>(type, "type"), Enum<EventTheme>(theme, "theme"), Enum<EventAudience>(audience, "audience"), placesLeft ?? false,
        Cite: string.IsNullOrWhiteSpace(cite) ? null : cite.Trim().ToLowerInvariant());

    private static DateTimeOffset? Date(string? value, string field, bool endOfDay = false)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        // A date and time with its offset is taken too; either way the year is in DateInput's range (0001-01-01 overflowed the period).
        if (value.Trim().Length > 10 && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
        {
            DateInput.CheckYear(t.Year, field, 400);
            return t;
        }
        var d = DateInput.Parse(value, field)!.Value;
        return new DateTimeOffset(d.ToDateTime(endOfDay ? new TimeOnly(23, 59, 59) : TimeOnly.MinValue), TimeSpan.Zero);
    }

    private static T? Enum<T>(string? value, string field) where T : struct, System.Enum =>
        string.IsNullOrWhiteSpace(value) ? null
        : System.Enum.TryParse<T>(value, ignoreCase: true, out var v) && !int.TryParse(value, out _) ? v
        : throw new RuleViolation(field, new(
            $"Valeur « {value} » inconnue : {string.Join(", ", System.Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(n)))}.",
            $"Unknown value \"{value}\": {string.Join(", ", System.Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(n)))}."), 400);
}

/// <summary>A partner organising an event: its name and website, if any.</summary>
internal sealed record EventOrganiserInfo(string Name, string? Website);

/// <summary>The Cité an event belongs to: its name and slug.</summary>
internal sealed record EventCiteInfo(string Name, string Slug);

/// <summary>A page of the agenda: its events, the number of events of the filter in all, the page (1-based) and its size.</summary>
internal sealed record EventPage(IReadOnlyList<EventRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool HasNext => Page < Pages;
    public bool HasPrevious => Page > 1;
}

/// <summary>
/// An event as lists show it, with its counts. <see cref="Capacity"/> and <see cref="SeatsTaken"/> are the current
/// ones (they change without an audit entry, so a cached <see cref="Event"/> may carry older values).
/// </summary>
internal sealed record EventRow(AgendaEvent Event, int Confirmed, int Waitlisted, string? Territory)
{
    public int? Capacity { get; init; } = Event.Capacity;
    public int SeatsTaken { get; init; } = Event.SeatsTaken;
    public int? PlacesLeft => Capacity is { } c ? Math.Max(0, c - SeatsTaken) : null;
}

/// <remarks>
/// Pages of the public agenda (<see cref="PageAsync"/>, for an unrestricted tenant: anonymous visitors and the API)
/// are served from the network's <see cref="ReadCache"/>: the events of a page and the total are reused while
/// the database has not changed — the version is the last audit entry, written in the same transaction as every change
/// to an event — and for at most <see cref="ReadCache.MaxAge"/> (a bound for changes outside EF Core). What changes without an audit entry — seats taken,
/// capacity (conditional UPDATEs) and the registration counts — is read again on every request for the page's events.
/// </remarks>
internal sealed class EventQueries(MaillageDb db, TimeProvider clock, TenantContext tenant, ReadCache cache)
{
    public const int MaxResults = 5000;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Events a page of the public agenda shows (the list and the calendar view).</summary>
    public const int PageSize = 50;
    /// <summary>Events a page of <c>GET /api/v1/events</c> holds by default, and at most (<c>pageSize</c>).</summary>
    public const int ApiPageSize = 100;
    public const int MaxApiPageSize = 500;
    /// <summary>The longest an event lasts (AgendaEvent.Validate refuses more).</summary>
    private const int MaxEventDays = 14;

    /// <summary>Every event of the filter, up to <see cref="MaxResults"/> (the feeds).</summary>
    public Task<IReadOnlyList<EventRow>> ListAsync(EventFilter filter, CancellationToken ct = default) =>
        RowsAsync(Filtered(filter).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(MaxResults), ct);

    /// <summary>
    /// One page (1-based) of the filter's events in date order, and how many there are in all. The registration counts
    /// (confirmed, waiting) are read only when <paramref name="withCounts"/>; seats left always are.
    /// </summary>
    public async Task<EventPage> PageAsync(EventFilter filter, int page, int pageSize, CancellationToken ct = default, bool withCounts = true)
    {
        // Signed-in users restricted to some Cités read through the tenant filter, and "places left" depends on seats
        // taken (no audit entry): neither is shared.
        if (!tenant.Unrestricted || filter.IncludeUnpublished || filter.PlacesLeft) return await LoadPageAsync(filter, page, pageSize, ct);
        var now = clock.GetUtcNow();
        // The default period starts 12 hours ago, rounded down to the minute so that requests share an entry.
        var keyed = filter.From is null ? filter with { From = new DateTimeOffset(now.AddHours(-12).UtcTicks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero) } : filter;
        // The version is read before the rows: a change committed in between only causes one more reload.
        var version = await db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => (long?)a.Id, ct) ?? 0;
        var cached = await cache.GetOrLoadAsync((keyed, page, pageSize), version, now,
            () => LoadPageAsync(keyed, page, pageSize, ct));
        if (cached.Rows.Count == 0) return cached;
        // The page's events lie between its first and last start (in the (Status, StartsAt) index): a range with two
        // plain parameters, rather than a list of ids, keeps one cached SQL command; events sharing a boundary start
        // come too and are ignored.
        var (first, last) = (cached.Rows[0].Event.StartsAt, cached.Rows[^1].Event.StartsAt);
        var range = db.Events.AsNoTracking().Where(e => e.Status == EventStatus.Published && e.StartsAt >= first && e.StartsAt <= last);
        var current = withCounts
            ? await range.Select(e => new Seats(e.Id, e.Capacity, e.SeatsTaken,
                e.Registrations.Count(r => r.Status == RegistrationStatus.Confirmed), e.Registrations.Count(r => r.Status == RegistrationStatus.Waitlisted))).ToListAsync(ct)
            : await range.Select(e => new Seats(e.Id, e.Capacity, e.SeatsTaken, 0, 0)).ToListAsync(ct);
        var byId = current.ToDictionary(x => x.Id);
        return cached with
        {
            Rows = cached.Rows.Select(r => byId.TryGetValue(r.Event.Id, out var x)
                ? r with { Capacity = x.Capacity, SeatsTaken = x.SeatsTaken, Confirmed = x.Confirmed, Waitlisted = x.Waitlisted } : r).ToList(),
        };
    }

    private sealed record Seats(int Id, int? Capacity, int SeatsTaken, int Confirmed, int Waitlisted);

    private async Task<EventPage> LoadPageAsync(EventFilter filter, int page, int pageSize, CancellationToken ct)
    {
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        var rows = total <= (page - 1) * pageSize ? []
            : await RowsAsync(query.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize), ct);
        return new EventPage(rows, total, page, pageSize);
    }

    private IQueryable<AgendaEvent> Filtered(EventFilter filter)
    {
        var from = filter.From ?? clock.GetUtcNow().AddHours(-12);
        // An event lasts at most 14 days (AgendaEvent.Validate): the lower bound on the start lets the (Status, StartsAt)
        // index skip the past instead of reading every event that started before the end of the period.
        var earliestStart = from.AddDays(-MaxEventDays);
        // "Ends after from" written so that SQLite reads EndsAt only for the few events that started before from (an event
        // starting after from ends after it): four times cheaper for a month of 2 000 events than a plain EndsAt >= from.
        var query = db.Events.AsNoTracking().Where(e => e.StartsAt >= earliestStart && (e.StartsAt >= from || e.EndsAt >= from));
        if (!filter.IncludeUnpublished) query = query.Where(e => e.Status == EventStatus.Published);
        if (filter.To is { } to) query = query.Where(e => e.StartsAt <= to);
        if (filter.Cite is { } cite) query = query.Where(e => db.Set<Cite>().Any(c => c.Id == e.CiteId && c.Slug == cite));
        if (filter.Structure is { } s) query = query.Where(e => e.StructureId == s);
        if (filter.Territory is { } t)
            query = query.Where(e =>
                (e.Structure != null && (e.Structure.CommuneId == t || e.Structure.Commune!.ParentId == t || e.Structure.QpvId == t))
                || e.VenueTerritoryId == t || e.VenueTerritory!.ParentId == t);
        if (filter.Type is { } type) query = query.Where(e => e.Type == type);
        if (filter.Theme is { } theme) query = query.Where(e => e.Theme == theme);
        if (filter.Audience is { } audience) query = query.Where(e => (e.Audience & audience) != 0 || (e.Audience & EventAudience.Everyone) != 0);
        if (filter.PlacesLeft) query = query.Where(e => e.Capacity != null && e.SeatsTaken < e.Capacity && e.RegistrationMode != RegistrationMode.None);
        return query;
    }

    private static async Task<IReadOnlyList<EventRow>> RowsAsync(IQueryable<AgendaEvent> ordered, CancellationToken ct)
    {
        var rows = await ordered
            .Select(e => new
            {
                Event = e,
                // The columns lists and feeds show (name and address), not the whole structure.
                Structure = e.Structure == null ? null : new Structure
                {
                    Id = e.Structure.Id, CiteId = e.Structure.CiteId, Kind = e.Structure.Kind, Name = e.Structure.Name, Slug = e.Structure.Slug,
                    Street = e.Structure.Street, PostalCode = e.Structure.PostalCode, City = e.Structure.City, Country = e.Structure.Country,
                    CommuneId = e.Structure.CommuneId, TimeZoneId = e.Structure.TimeZoneId,
                },
                Confirmed = e.Registrations.Count(r => r.Status == RegistrationStatus.Confirmed),
                Waitlisted = e.Registrations.Count(r => r.Status == RegistrationStatus.Waitlisted),
                Territory = e.Structure != null ? (e.Structure.Commune != null ? e.Structure.Commune.Name : null) : e.VenueTerritory!.Name,
            })
            .ToListAsync(ct);
        return rows.Select(r => { r.Event.Structure = r.Structure; return new EventRow(r.Event, r.Confirmed, r.Waitlisted, r.Territory); }).ToList();
    }

    public async Task<EventRow?> FindAsync(int id, bool includeUnpublished = false, CancellationToken ct = default)
    {
        var row = await db.Events.AsNoTracking().Where(e => e.Id == id && (includeUnpublished || e.Status != EventStatus.Draft))
            .Select(e => new
            {
                Event = e, e.Structure, Commune = e.Structure != null ? e.Structure.Commune : null, e.VenueTerritory,
                Questions = e.Questions.OrderBy(q => q.Order).ToList(),
                Organisers = e.Organisers.Select(o => new EventOrganiserInfo(o.Partner.Name, o.Partner.Website)).ToList(),
                Cite = db.Set<Cite>().Where(c => c.Id == e.CiteId).Select(c => new EventCiteInfo(c.Name, c.Slug)).FirstOrDefault(),
                Confirmed = e.Registrations.Count(r => r.Status == RegistrationStatus.Confirmed),
                Waitlisted = e.Registrations.Count(r => r.Status == RegistrationStatus.Waitlisted),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        row.Event.Structure = row.Structure;
        if (row.Structure is not null) row.Structure.Commune = row.Commune;
        row.Event.VenueTerritory = row.VenueTerritory;
        row.Event.Questions = row.Questions;
        Organisers[row.Event.Id] = row.Organisers.OrderBy(o => o.Name).ToList();
        if (row.Cite is not null) Cites[row.Event.Id] = row.Cite;
        return new EventRow(row.Event, row.Confirmed, row.Waitlisted, row.Commune?.Name ?? row.VenueTerritory?.Name);
    }

    /// <summary>Organising partners of the events found by <see cref="FindAsync"/> in this scope.</summary>
    public Dictionary<int, List<EventOrganiserInfo>> Organisers { get; } = [];
    /// <summary>The Cité of each event found by <see cref="FindAsync"/> in this scope (its place's address, its organiser by default).</summary>
    public Dictionary<int, EventCiteInfo> Cites { get; } = [];

    public Task<IReadOnlyList<(int Id, string Name)>> StructuresWithEventsAsync(CancellationToken ct = default) =>
        ChoicesAsync("agenda-structures", async () => (await db.Structures.AsNoTracking().Where(s => db.Set<AgendaEvent>().Any(e => e.StructureId == s.Id && e.Status == EventStatus.Published))
            .OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)).ToList(), ct);

    /// <summary>The Cités, by name, for the Cité filter (slug and name).</summary>
    public async Task<IReadOnlyList<(string Slug, string Name)>> CitesAsync(CancellationToken ct = default) =>
        (await db.Set<Cite>().AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Slug, c.Name }).ToListAsync(ct)).Select(c => (c.Slug, c.Name)).ToList();

    public Task<IReadOnlyList<(int Id, string Name)>> TerritoriesAsync(CancellationToken ct = default) =>
        ChoicesAsync("agenda-territories", async () => (await db.Territories.AsNoTracking().Where(t => t.Kind == Network.TerritoryKind.Epci || t.Kind == Network.TerritoryKind.Canton)
            .OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name)).ToList(), ct);

    /// <summary>The choices of the filters (audited data only), cached like the pages for an unrestricted tenant.</summary>
    private async Task<IReadOnlyList<(int Id, string Name)>> ChoicesAsync(string what, Func<Task<List<(int Id, string Name)>>> load, CancellationToken ct)
    {
        if (!tenant.Unrestricted) return await load();
        var version = await db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => (long?)a.Id, ct) ?? 0;
        return (await cache.GetOrLoadAsync(what, version, clock.GetUtcNow(), async () => new Choices(await load()))).List;
    }

    private sealed record Choices(IReadOnlyList<(int Id, string Name)> List);
}
