using Maillage.Platform.Data;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Governance;

/// <summary>
/// What Governance shows on other modules' records (issue 22 item 4 and 7), through the platform's
/// <see cref="IRecordPanelSource"/> seam, without those modules knowing Governance:
/// <list type="bullet">
/// <item>on a place's staff page and a convention's page: the deliberations that decide about it (their link, kind
/// <see cref="DecisionLink.Place"/> or <see cref="DecisionLink.Convention"/>) — number, object, session's day and a
/// link to the register extract. The staff extract when the reader manages the body, the public extract when the
/// deliberation is published on a public body's page; otherwise the deliberation is not listed;</item>
/// <item>in a Cité's public section: its bodies that have a public page, linked to <c>/instances/{id}</c>.</item>
/// </list>
/// </summary>
internal sealed class GovernancePanels(MaillageDb db, GovernanceAccess access, TimeProvider clock) : IRecordPanelSource
{
    public async Task<RecordPanel?> PanelAsync(RecordKey record, PanelAudience audience, CancellationToken ct) => (record.Kind, audience) switch
    {
        (RecordKey.Structure, PanelAudience.Staff) => await DecidingAsync(DecisionLink.Place, record.Id, ct),
        (RecordKey.Convention, PanelAudience.Staff) => await DecidingAsync(DecisionLink.Convention, record.Id, ct),
        (RecordKey.Cite, PanelAudience.Public) => await PublicBodiesAsync(record.Id, ct),
        _ => null,
    };

    private async Task<RecordPanel?> DecidingAsync(string kind, int id, CancellationToken ct)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rows = await db.Set<Deliberation>().AsNoTracking().Where(d => d.LinkKind == kind && d.LinkId == key)
            .Join(db.Set<Session>(), d => d.SessionId, s => s.Id, (d, s) => new { d.Id, d.BodyId, d.Number, d.Object, d.Year, d.Sequence, d.PublishedOn, s.StartsAt, s.TimeZone })
            .ToListAsync(ct);
        if (rows.Count == 0) return null;
        var bodyIds = rows.Select(r => r.BodyId).Distinct().ToList();
        var bodies = await db.Set<Body>().AsNoTracking().Where(b => bodyIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        var managed = new HashSet<int>();
        foreach (var body in bodies.Values)
            if (await access.MayManageAsync(body)) managed.Add(body.Id);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var english = LocalizedText.IsEnglish;
        var lines = new List<RecordPanelLine>();
        foreach (var r in rows.OrderBy(r => r.StartsAt).ThenBy(r => r.Year).ThenBy(r => r.Sequence))
        {
            if (!bodies.TryGetValue(r.BodyId, out var body)) continue;
            string href;
            if (managed.Contains(body.Id)) href = $"/gestion/instances/deliberations/{r.Id}/extrait";
            else if (body.Public && r.PublishedOn is { } p && p <= today && r.StartsAt <= clock.GetUtcNow()) href = $"/instances/deliberations/{r.Id}/extrait";
            else continue;
            var day = HumanDates.Date(new Session { StartsAt = r.StartsAt, TimeZone = r.TimeZone }.Day);
            lines.Add(new($"{r.Number} : {r.Object}", english ? $"{body.Name}, session of {day}" : $"{body.Name}, séance du {day}", href,
                english ? $"Register extract {r.Number}" : $"Extrait du registre {r.Number}"));
        }
        return lines.Count == 0 ? null : new(new("Délibérations qui en décident", "Deliberations deciding on it"), lines);
    }

    private async Task<RecordPanel?> PublicBodiesAsync(int citeId, CancellationToken ct)
    {
        var bodies = await db.Set<Body>().IgnoreQueryFilters().AsNoTracking().Where(b => b.CiteId == citeId && b.Public)
            .Select(b => new { b.Id, b.Name, b.Kind, b.Organisation }).ToListAsync(ct);
        if (bodies.Count == 0) return null;
        var english = LocalizedText.IsEnglish;
        return new(new("Instances et délibérations publiées", "Bodies and published deliberations"),
            [.. bodies.OrderBy(b => b.Name).Select(b => new RecordPanelLine(b.Name, b.Organisation ?? b.Kind.Describe(), $"/instances/{b.Id}"))]);
    }
}
