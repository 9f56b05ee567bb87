using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Reports;

internal enum ReportGrouping { Event, Structure, Territory, Organiser, Type }

/// <summary>What a report covers: published events starting between two local dates (inclusive), optionally narrowed.</summary>
internal sealed record ReportFilter(DateOnly From, DateOnly To, ReportGrouping GroupBy = ReportGrouping.Event,
    int? StructureId = null, int? TerritoryId = null, int? OrganiserId = null, EventType? Type = null);

/// <summary>The events a reader may count: whole Cités (null: every Cité) and single structures (with their children).</summary>
internal sealed record ReportScope(int[]? Cites, int[] Structures)
{
    public static readonly ReportScope Everything = new(null, []);
    public bool IsEmpty => Cites is { Length: 0 } && Structures.Length == 0;
}

internal sealed record ReportedEvent(int Id, string Title, EventType Type, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int CiteId,
    int? StructureId, string Place, int? AreaId, string? Area, IReadOnlyList<(int Id, string Name)> Organisers, Figures Figures);

internal sealed record ReportGroup(string Key, string Label, Figures Figures, IReadOnlyList<ReportedEvent> Events);

internal sealed record AgendaReport(ReportFilter Filter, IReadOnlyList<ReportGroup> Groups, IReadOnlyList<ReportedEvent> Events, Figures Total);

/// <summary>
/// Item 7's figures per event and per period, grouped by structure, territory, organiser or type.
/// Three grouped queries (registrations, walk-ins, survey answers) whatever the number of events.
/// </summary>
internal sealed class AgendaReports(MaillageDb db, StaffAccess access, TimeProvider clock)
{
    /// <summary>Coordinators and administrators of a scope, and funders (aggregates only: reports hold no personal data).</summary>
    public static readonly StaffRole[] ReaderRoles = [StaffRole.Coordinator, StaffRole.Funder, StaffRole.Administrator, StaffRole.PlatformOperator];

    public static readonly TimeZoneInfo ReportZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The calendar year of today, in the reports' time zone.</summary>
    public ReportFilter ThisYear(ReportGrouping groupBy = ReportGrouping.Event)
    {
        var year = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ReportZone).Year;
        return new ReportFilter(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), groupBy);
    }

    /// <summary>What the signed-in person may count; a funder or coordinator of a partner counts its Cité.</summary>
    public async Task<ReportScope> ScopeAsync()
    {
        var assignments = (await access.AssignmentsAsync()).Where(a => ReaderRoles.Contains(a.Role)).ToList();
        if (assignments.Any(a => a.Scope == ScopeKind.Platform)) return ReportScope.Everything;
        var cites = assignments.Where(a => a.Scope is ScopeKind.Cite or ScopeKind.Partner && a.CiteId is not null).Select(a => a.CiteId!.Value).Distinct().ToArray();
        var structures = assignments.Where(a => a.Scope == ScopeKind.Structure && a.StructureId is not null).Select(a => a.StructureId!.Value).ToArray();
        if (structures.Length > 0)
            structures = structures.Concat(await db.Structures.Where(s => s.ParentId != null && structures.Contains(s.ParentId.Value)).Select(s => s.Id).ToListAsync()).Distinct().ToArray();
        return new ReportScope(cites, structures);
    }

    /// <param name="structureIds">Besides the filter: only events of these structures (the indicators' structure filter).</param>
    /// <param name="territoryIds">Besides the filter: only events whose place (venue territory, else the structure's QPV, else its
    /// commune) is one of these, already expanded (the indicators' territories).</param>
    public async Task<AgendaReport> BuildAsync(ReportFilter filter, ReportScope scope, CancellationToken ct = default,
        IReadOnlySet<int>? structureIds = null, IReadOnlySet<int>? territoryIds = null)
    {
        var from = LocalMidnight(filter.From);
        var to = LocalMidnight(filter.To.AddDays(1));
        var events = db.Events.AsNoTracking().Where(e => e.Status == EventStatus.Published && e.StartsAt >= from && e.StartsAt < to);
        if (scope.Cites is { } cites)
        {
            var structures = scope.Structures;
            events = events.Where(e => cites.Contains(e.CiteId) || (e.StructureId != null && structures.Contains(e.StructureId.Value)));
        }
        if (filter.StructureId is { } structureId) events = events.Where(e => e.StructureId == structureId);
        if (structureIds is not null)
        {
            var ids = structureIds.ToArray();
            events = events.Where(e => e.StructureId != null && ids.Contains(e.StructureId.Value));
        }
        if (filter.Type is { } type) events = events.Where(e => e.Type == type);
        if (filter.OrganiserId is { } organiserId) events = events.Where(e => e.Organisers.Any(o => o.PartnerId == organiserId));

        var rows = await events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Title, e.Type, e.StartsAt, e.EndsAt, e.CiteId, e.StructureId,
                StructureName = e.Structure == null ? null : e.Structure.Name,
                e.VenueName, e.OnlineUrl,
                TerritoryId = e.VenueTerritoryId ?? (e.Structure == null ? null : e.Structure.QpvId ?? e.Structure.CommuneId),
            })
            .ToListAsync(ct);

        var territories = await TerritoriesAsync(rows.Select(r => r.CiteId).Distinct().ToArray(), ct);
        if (filter.TerritoryId is { } territoryId)
            rows = rows.Where(r => r.TerritoryId is { } t && Lineage(territories, t).Contains(territoryId)).ToList();
        if (territoryIds is not null)
            rows = rows.Where(r => r.TerritoryId is { } t && territoryIds.Contains(t)).ToList();

        var eventIds = rows.Select(r => r.Id).ToArray();
        var organisers = (await db.EventOrganisers.AsNoTracking().Where(o => eventIds.Contains(o.EventId))
                .Select(o => new { o.EventId, o.PartnerId, o.Partner.Name }).ToListAsync(ct))
            .ToLookup(o => o.EventId, o => (o.PartnerId, o.Name));
        var figuresById = await FiguresAsync(rows.Select(r => (r.Id, r.EndsAt)).ToList(), ct);

        var reported = new List<ReportedEvent>(rows.Count);
        foreach (var r in rows)
        {
            var figures = figuresById[r.Id];
            var area = r.TerritoryId is { } tid ? Lineage(territories, tid).Select(id => territories[id]).LastOrDefault() : null;
            var place = r.StructureName ?? r.VenueName ?? (r.OnlineUrl is not null ? Platform.Localization.Text.T("En ligne", "Online") : "—");
            reported.Add(new ReportedEvent(r.Id, r.Title, r.Type, r.StartsAt, r.EndsAt, r.CiteId, r.StructureId, place, area?.Id, area?.Name,
                organisers[r.Id].OrderBy(o => o.Name).ToList(), figures));
        }

        var total = new Figures();
        foreach (var e in reported) total.Add(e.Figures);
        return new AgendaReport(filter, Group(reported, filter.GroupBy), reported, total);
    }

    /// <summary>The figures of one event (the check-in page's counters).</summary>
    public async Task<Figures> ForEventAsync(AgendaEvent agendaEvent, CancellationToken ct = default) =>
        (await FiguresAsync([(agendaEvent.Id, agendaEvent.EndsAt)], ct))[agendaEvent.Id];

    private async Task<Dictionary<int, Figures>> FiguresAsync(IReadOnlyList<(int Id, DateTimeOffset EndsAt)> events, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ids = events.Select(e => e.Id).ToArray();
        var registrations = (await db.Registrations.AsNoTracking().Where(r => ids.Contains(r.EventId))
                .GroupBy(r => new { r.EventId, r.Status, r.Source, r.Attendance, r.PublicStatus })
                .Select(g => new { g.Key.EventId, g.Key.Status, g.Key.Source, g.Key.Attendance, g.Key.PublicStatus, Count = g.Count() })
                .ToListAsync(ct))
            .ToLookup(r => r.EventId);
        var walkIns = (await db.EventWalkIns.AsNoTracking().Where(w => ids.Contains(w.EventId) && w.Count > 0)
                .Select(w => new { w.EventId, w.PublicStatus, w.Count }).ToListAsync(ct))
            .ToLookup(w => w.EventId);
        var surveys = (await db.SurveyResponses.AsNoTracking().Where(s => ids.Contains(s.EventId))
                .GroupBy(s => s.EventId).Select(g => new { EventId = g.Key, Answers = g.Count(), Scores = g.Sum(s => s.Score) })
                .ToListAsync(ct))
            .ToDictionary(s => s.EventId);
        var result = new Dictionary<int, Figures>(events.Count);
        foreach (var (id, endsAt) in events)
        {
            var figures = new Figures();
            figures.CountEvent();
            // Held: over, and its attendance taken (see Figures): only then can a confirmed registrant be a no-show.
            var held = endsAt <= now && (registrations[id].Any(g => g.Attendance != AttendanceStatus.Unknown) || walkIns[id].Any());
            foreach (var g in registrations[id]) figures.AddRegistrations(g.Status, g.Source, g.Attendance, g.PublicStatus, g.Count, held);
            foreach (var w in walkIns[id]) figures.AddAnonymousWalkIns(w.PublicStatus, w.Count);
            if (surveys.TryGetValue(id, out var s)) figures.AddSurvey(s.Answers, s.Scores);
            result[id] = figures;
        }
        return result;
    }

    private static List<ReportGroup> Group(List<ReportedEvent> events, ReportGrouping grouping)
    {
        var none = Platform.Localization.Text.T("(non renseigné)", "(not given)");
        IEnumerable<(string Key, string Label, ReportedEvent Event)> keyed = grouping switch
        {
            ReportGrouping.Event => events.Select(e => ($"event:{e.Id}", e.Title, e)),
            ReportGrouping.Structure => events.Select(e => (e.StructureId is { } s ? $"structure:{s}" : $"place:{e.Place}", e.Place, e)),
            ReportGrouping.Territory => events.Select(e => (e.AreaId is { } a ? $"territory:{a}" : "territory:none", e.Area ?? none, e)),
            ReportGrouping.Type => events.Select(e => ($"type:{e.Type}", e.Type.Describe().ToString(), e)),
            // An event with two organisers counts in both groups; one without is listed apart.
            _ => events.SelectMany(e => e.Organisers.Count == 0
                ? [("organiser:none", none, e)]
                : e.Organisers.Select(o => ($"organiser:{o.Id}", o.Name, e))),
        };
        var groups = keyed.GroupBy(k => k.Key).Select(g =>
        {
            var figures = new Figures();
            foreach (var k in g) figures.Add(k.Event.Figures);
            return new ReportGroup(g.Key, g.First().Label, figures, g.Select(k => k.Event).ToList());
        });
        return grouping == ReportGrouping.Event
            ? groups.ToList()
            : groups.OrderBy(g => g.Key.EndsWith(":none") ? 1 : 0).ThenBy(g => g.Label, StringComparer.CurrentCulture).ToList();
    }

    private sealed record TerritoryNode(int Id, string Name, int? ParentId);

    private async Task<Dictionary<int, TerritoryNode>> TerritoriesAsync(int[] cites, CancellationToken ct) =>
        await db.Territories.AsNoTracking().Where(t => cites.Contains(t.CiteId))
            .Select(t => new TerritoryNode(t.Id, t.Name, t.ParentId)).ToDictionaryAsync(t => t.Id, ct);

    /// <summary>A territory and its ancestors (QPV → commune → EPCI or canton), the widest last.</summary>
    private static List<int> Lineage(Dictionary<int, TerritoryNode> territories, int id)
    {
        var chain = new List<int>();
        for (int? current = id; current is { } c && territories.ContainsKey(c) && !chain.Contains(c); current = territories[c].ParentId)
            chain.Add(c);
        return chain;
    }

    /// <summary>Midnight of a local date in the reports' time zone, in UTC (PostgreSQL takes only UTC offsets).</summary>
    public static DateTimeOffset LocalMidnight(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, ReportZone.GetUtcOffset(local)).ToUniversalTime();
    }
}
