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
    public const string TechnicalCommittees = "governance.technical-committees";
    /// <summary>The part of <see cref="TechnicalCommittees"/> for the Cité's own bodies (run by no partner).</summary>
    public const string CiteOwn = "cite";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new(SessionsHeld, new("Séances d'instances tenues", "Body sessions held"),
            new("Séances des instances de la Cité et de ses partenaires (comités de pilotage, comités techniques, comité syndical…) dont la date, lue dans le fuseau de la séance, est dans la période et qui ont commencé quand le chiffre est calculé. Une instance n'a pas de lieu : ses séances comptent quels que soient le territoire et les structures demandés.",
                "Sessions of the bodies of the Cité and of its partners (steering committees, technical committees, comité syndical…) whose date, read in the session's time zone, lies in the period and which have started when the figure is computed. A body has no place: its sessions count whatever territory and structures are asked."),
            IndicatorUnit.Count, new("Par type d'instance", "By kind of body")),
        new(TechnicalCommittees, new("Comités techniques tenus", "Technical committees held"),
            new("Séances tenues (comme ci-dessus) des instances de type comité technique, par partenaire qui anime l'instance (par exemple le comité technique CitésLab animé par la Maison de l'Economie Développement : l'objectif « 3 comités techniques par an ») ; « cite » pour les instances de la Cité elle-même.",
                "Sessions held (as above) of the bodies of kind technical committee, by the partner that runs the body (e.g. the CitésLab technical committee run by the Maison de l'Economie Développement: the target '3 technical committees a year'); 'cite' for the Cité's own bodies."),
            IndicatorUnit.Count, new("Par partenaire qui anime l'instance", "By partner running the body")),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IReadOnlyCollection<string> names, IndicatorQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // A day either side of the period in UTC, then each session's own local day decides.
        var from = new DateTimeOffset(query.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
        var to = new DateTimeOffset(query.To.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(2);
        var rows = await db.Set<Session>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.CiteId == query.CiteId && s.StartsAt >= from && s.StartsAt < to && s.StartsAt <= now)
            .Join(db.Set<Body>().IgnoreQueryFilters(), s => s.BodyId, b => b.Id, (s, b) => new { s.StartsAt, s.TimeZone, b.Kind, b.PartnerId })
            .ToListAsync(ct);
        var held = rows.Where(r => query.Covers(new Session { StartsAt = r.StartsAt, TimeZone = r.TimeZone }.Day)).ToList();
        var parts = held.GroupBy(r => r.Kind).ToDictionary(g => g.Key.ApiName(), g => (decimal)g.Count());
        var labels = Enum.GetValues<BodyKind>().ToDictionary(k => k.ApiName(), k => k.Describe().ToString());
        var technical = held.Where(r => r.Kind == BodyKind.TechnicalCommittee).ToList();
        var byPartner = technical.GroupBy(r => r.PartnerId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? CiteOwn).ToDictionary(g => g.Key, g => (decimal)g.Count());
        var partnerIds = technical.Where(r => r.PartnerId != null).Select(r => r.PartnerId!.Value).Distinct().ToArray();
        var partnerLabels = partnerIds.Length == 0 ? new Dictionary<string, string>()
            : await db.Set<Network.Partner>().IgnoreQueryFilters().AsNoTracking().Where(p => partnerIds.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Name, ct);
        partnerLabels[CiteOwn] = Platform.Localization.Text.T("La Cité", "The Cité");
        return [.. names.Select(name => name == TechnicalCommittees
            ? new IndicatorValue(name, technical.Count, byPartner, partnerLabels)
            : new IndicatorValue(name, held.Count, parts, labels))];
    }
}
