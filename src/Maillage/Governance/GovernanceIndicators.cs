using Maillage.Platform.Data;
using Maillage.Platform.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Governance;

/// <summary>
/// The governance indicator (docs/indicators.md): the sessions of the Cité's bodies (its own and its partners') held in
/// the period, by body kind — so that the CitésLab technical committees held count toward the convention's "3 a year".
/// </summary>
internal sealed class GovernanceIndicators(MaillageDb db, TimeProvider clock) : IIndicatorSource
{
    public const string SessionsHeld = "governance.sessions-held";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new(SessionsHeld, new("Séances d'instances tenues", "Body sessions held"),
            new("Séances des instances de la Cité et de ses partenaires (comités de pilotage, comités techniques, comité syndical…) dont la date, lue dans le fuseau de la séance, est dans la période et qui ont commencé quand le chiffre est calculé. Une instance n'a pas de lieu : ses séances comptent quels que soient le territoire et les structures demandés.",
                "Sessions of the bodies of the Cité and of its partners (steering committees, technical committees, comité syndical…) whose date, read in the session's time zone, lies in the period and which have started when the figure is computed. A body has no place: its sessions count whatever territory and structures are asked."),
            IndicatorUnit.Count, new("Par type d'instance", "By kind of body")),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IReadOnlyCollection<string> names, IndicatorQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // A day either side of the period in UTC, then each session's own local day decides.
        var from = new DateTimeOffset(query.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
        var to = new DateTimeOffset(query.To.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(2);
        var rows = await db.Set<Session>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.CiteId == query.CiteId && s.StartsAt >= from && s.StartsAt < to && s.StartsAt <= now)
            .Join(db.Set<Body>().IgnoreQueryFilters(), s => s.BodyId, b => b.Id, (s, b) => new { s.StartsAt, s.TimeZone, b.Kind })
            .ToListAsync(ct);
        var held = rows.Where(r => query.Covers(new Session { StartsAt = r.StartsAt, TimeZone = r.TimeZone }.Day)).ToList();
        var parts = held.GroupBy(r => r.Kind).ToDictionary(g => g.Key.ApiName(), g => (decimal)g.Count());
        var labels = Enum.GetValues<BodyKind>().ToDictionary(k => k.ApiName(), k => k.Describe().ToString());
        return [.. names.Select(name => new IndicatorValue(name, held.Count, parts, labels))];
    }
}
