using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.PublicAgenda;

/// <summary>Filters of the public agenda, shared by the pages, the API and the feeds.</summary>
public sealed record EventFilter(
    DateTimeOffset? From = null, DateTimeOffset? To = null, int? Structure = null, int? Territory = null,
    EventType? Type = null, EventTheme? Theme = null, EventAudience? Audience = null, bool PlacesLeft = false, bool IncludeUnpublished = false)
{
    /// <summary>Reads the query-string spelling (from/to as dates, type/theme/audience in camelCase); a bad value is a 400 naming it.</summary>
    public static EventFilter Parse(string? from, string? to, int? structure, int? territory, string? type, string? theme, string? audience = null, bool? placesLeft = null) => new(
        Date(from, "from"), Date(to, "to", endOfDay: true), structure, territory,
        Enum<EventType>(type, "type"), Enum<EventTheme>(theme, "theme"), Enum<EventAudience>(audience, "audience"), placesLeft ?? false);

    private static DateTimeOffset? Date(string? value, string field, bool endOfDay = false)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", out var d))
            return new DateTimeOffset(d.ToDateTime(endOfDay ? new TimeOnly(23, 59, 59) : TimeOnly.MinValue), TimeSpan.Zero);
        if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)) return t;
        throw new RuleViolation(field, new($"« {value} » n'est pas une date (AAAA-MM-JJ).", $"\"{value}\" is not a date (YYYY-MM-DD)."), 400);
    }

    private static T? Enum<T>(string? value, string field) where T : struct, System.Enum =>
        string.IsNullOrWhiteSpace(value) ? null
        : System.Enum.TryParse<T>(value, ignoreCase: true, out var v) && !int.TryParse(value, out _) ? v
        : throw new RuleViolation(field, new(
            $"Valeur « {value} » inconnue : {string.Join(", ", System.Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(n)))}.",
            $"Unknown value \"{value}\": {string.Join(", ", System.Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(n)))}."), 400);
}

/// <summary>An event as lists show it, with its counts.</summary>
public sealed record EventRow(AgendaEvent Event, int Confirmed, int Waitlisted, string? Territory)
{
    public int? PlacesLeft => Event.PlacesLeft;
}

public sealed class EventQueries(MaillageDb db, TimeProvider clock)
{
    public const int MaxResults = 5000;

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IReadOnlyList<EventRow>> ListAsync(EventFilter filter, CancellationToken ct = default)
    {
        var from = filter.From ?? clock.GetUtcNow().AddHours(-12);
        var query = db.Events.AsNoTracking().Where(e => e.EndsAt >= from);
        if (!filter.IncludeUnpublished) query = query.Where(e => e.Status == EventStatus.Published);
        if (filter.To is { } to) query = query.Where(e => e.StartsAt <= to);
        if (filter.Structure is { } s) query = query.Where(e => e.StructureId == s);
        if (filter.Territory is { } t)
            query = query.Where(e =>
                (e.Structure != null && (e.Structure.CommuneId == t || e.Structure.Commune!.ParentId == t || e.Structure.QpvId == t))
                || e.VenueTerritoryId == t || e.VenueTerritory!.ParentId == t);
        if (filter.Type is { } type) query = query.Where(e => e.Type == type);
        if (filter.Theme is { } theme) query = query.Where(e => e.Theme == theme);
        if (filter.Audience is { } audience) query = query.Where(e => (e.Audience & audience) != 0 || (e.Audience & EventAudience.Everyone) != 0);
        if (filter.PlacesLeft) query = query.Where(e => e.Capacity != null && e.SeatsTaken < e.Capacity && e.RegistrationMode != RegistrationMode.None);
        var rows = await query.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(MaxResults)
            .Select(e => new
            {
                Event = e, e.Structure,
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
                Organisers = e.Organisers.Select(o => o.Partner.Name).ToList(),
                Confirmed = e.Registrations.Count(r => r.Status == RegistrationStatus.Confirmed),
                Waitlisted = e.Registrations.Count(r => r.Status == RegistrationStatus.Waitlisted),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        row.Event.Structure = row.Structure;
        if (row.Structure is not null) row.Structure.Commune = row.Commune;
        row.Event.VenueTerritory = row.VenueTerritory;
        row.Event.Questions = row.Questions;
        OrganiserNames[row.Event.Id] = row.Organisers;
        return new EventRow(row.Event, row.Confirmed, row.Waitlisted, row.Commune?.Name ?? row.VenueTerritory?.Name);
    }

    /// <summary>Organiser names of the events found by <see cref="FindAsync"/> in this scope.</summary>
    public Dictionary<int, List<string>> OrganiserNames { get; } = [];

    public async Task<IReadOnlyList<(int Id, string Name)>> StructuresWithEventsAsync(CancellationToken ct = default) =>
        (await db.Structures.AsNoTracking().Where(s => db.Events.Any(e => e.StructureId == s.Id && e.Status == EventStatus.Published))
            .OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)).ToList();

    public async Task<IReadOnlyList<(int Id, string Name)>> TerritoriesAsync(CancellationToken ct = default) =>
        (await db.Territories.AsNoTracking().Where(t => t.Kind == Network.TerritoryKind.Epci || t.Kind == Network.TerritoryKind.Canton)
            .OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name)).ToList();
}
