using Maillage.Platform.Data;
using Maillage.Platform.Indicators;
using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Entrepreneurship;

/// <summary>
/// The CitésLab indicators (docs/indicators.md), named as the convention targets of seed 001 name them: people counted
/// once per stage in the period from the holders' dated steps, plus the people counted without a record
/// (<see cref="AnonymousCount"/>: consent refused, or record erased), so that an erasure leaves the figures unchanged.
/// A person is placed by residence (QPV, else commune); a structure filter does not apply (coaching follows people).
/// Under disclosure control (a funder's reading) small counts of people are hidden as in docs/disclosure-control.md:
/// a count between 1 and the threshold minus one, the per-partner parts of the referrals as a one-way table (primary and
/// secondary suppression), and the QPV share when it is computed over fewer holders than the threshold.
/// </summary>
internal sealed class EntrepreneurshipIndicators(MaillageDb db, IOptions<EntrepreneurshipOptions> options) : IIndicatorSource
{
    public const string Sensitised = "entrepreneurship.sensitised";
    public const string Received = "entrepreneurship.received";
    public const string Accompanied = "entrepreneurship.accompanied";
    public const string Referred = "entrepreneurship.referred";
    public const string Created = "entrepreneurship.created";
    public const string QpvShare = "entrepreneurship.qpv-share";

    private static readonly (string Name, StepKind Kind)[] Stages =
        [(Sensitised, StepKind.Sensitised), (Received, StepKind.Received), (Accompanied, StepKind.Amorcage), (Referred, StepKind.Referred), (Created, StepKind.Created)];

    private const string Common = " Une personne compte une fois par étape dans la période, quel que soit le nombre de ses étapes ; les personnes comptées sans fiche (consentement refusé) ou dont la fiche a été effacée restent comptées, au mois de leur première étape de l'année. Un territoire retient les personnes qui y résident (QPV, sinon commune).";
    private const string CommonEn = " A person counts once per stage in the period, whatever the number of their steps; people counted without a record (consent refused) or whose record was erased stay counted, at the month of their first step of the year. A territory keeps the people who live in it (QPV, else commune).";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new(Sensitised, new("Personnes sensibilisées (CitésLab)", "People sensitised (CitésLab)"),
            new("Personnes ayant une étape « sensibilisé·e » (réunion collective de sensibilisation à l'entrepreneuriat) datée dans la période." + Common,
                "People with a 'sensitised' step (collective awareness meeting) dated in the period." + CommonEn), IndicatorUnit.Count),
        new(Received, new("Personnes reçues en individuel (CitésLab)", "People received individually (CitésLab)"),
            new("Personnes ayant un entretien individuel (étape « reçu·e ») daté dans la période." + Common,
                "People with an individual interview ('received' step) dated in the period." + CommonEn), IndicatorUnit.Count),
        new(Accompanied, new("Personnes accompagnées à l'amorçage (CitésLab)", "People accompanied to amorçage (CitésLab)"),
            new("Personnes ayant au moins une séance d'amorçage datée dans la période." + Common,
                "People with at least one amorçage session dated in the period." + CommonEn), IndicatorUnit.Count),
        new(Referred, new("Personnes orientées (CitésLab)", "People referred (CitésLab)"),
            new("Personnes orientées vers un partenaire (Rez'Up, ADIE, France Active, Initiative Genevois, Réseau Entreprendre…) dans la période ; par partenaire, une personne orientée vers deux partenaires compte dans chacun mais une fois au total." + Common,
                "People referred to a partner (Rez'Up, ADIE, France Active, Initiative Genevois, Réseau Entreprendre…) in the period; per partner, a person referred to two partners counts in each but once in the total." + CommonEn),
            IndicatorUnit.Count, new("Par partenaire", "By partner")),
        new(Created, new("Entreprises créées (CitésLab)", "Businesses created (CitésLab)"),
            new("Créations d'entreprise (date de création, forme juridique, SIRET vérifié) datées dans la période." + Common,
                "Business creations (creation date, legal form, checked SIRET) dated in the period." + CommonEn), IndicatorUnit.Count),
        new(QpvShare, new("Part des porteurs de projet issus des QPV (CitésLab)", "Share of project holders from a QPV (CitésLab)"),
            new("Parmi les porteurs de projet de la période (personnes ayant une étape autre que la seule sensibilisation), la part, en %, qui réside dans un quartier prioritaire (QPV) : compté sur les personnes, pas sur les étapes." + Common,
                "Among the project holders of the period (people with a step other than sensitisation alone), the share, in %, living in a priority neighbourhood (QPV): counted over people, not steps." + CommonEn),
            IndicatorUnit.Percent),
    ];

    /// <summary>The counts of people, guarded on a convention's part months (<see cref="DisclosureControl.GuardPartMonthsAsync"/>).</summary>
    private IReadOnlySet<string> Counted => _counted ??= Definitions.Where(d => d.Unit == IndicatorUnit.Count).Select(d => d.Name).ToHashSet();
    private IReadOnlySet<string>? _counted;

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IReadOnlyCollection<string> names, IndicatorQuery query, CancellationToken ct) =>
        await DisclosureControl.GuardPartMonthsAsync(query, options.Value.DisclosureThreshold, await CountAsync(names, query, ct), Counted,
            exact => CountAsync(names, exact, ct));

    private async Task<IReadOnlyList<IndicatorValue>> CountAsync(IReadOnlyCollection<string> names, IndicatorQuery query, CancellationToken ct)
    {
        if (query.RequiresWholeMonths) DisclosureControl.RequireWholeMonths(query.From, query.To);
        var territories = query.Territories?.ToArray();
        var steps = db.Set<PipelineStep>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.CiteId == query.CiteId && s.Date >= query.From && s.Date <= query.To)
            .Join(db.Set<ProjectHolder>().IgnoreQueryFilters(), s => s.HolderId, h => h.Id, (s, h) => new { s.HolderId, s.Kind, s.ReferralPartnerId, h.CommuneId, h.QpvId });
        if (territories is not null)
            steps = steps.Where(r => (r.QpvId != null && territories.Contains(r.QpvId.Value)) || (r.QpvId == null && r.CommuneId != null && territories.Contains(r.CommuneId.Value)));
        var rows = await steps.Distinct().ToListAsync(ct);

        var firstMonth = new DateOnly(query.From.Year, query.From.Month, 1);
        var anonymous = db.Set<AnonymousCount>().IgnoreQueryFilters().AsNoTracking().Where(a => a.CiteId == query.CiteId && a.Month >= firstMonth && a.Month <= query.To);
        if (territories is not null)
            anonymous = anonymous.Where(r => (r.QpvId != null && territories.Contains(r.QpvId.Value)) || (r.QpvId == null && r.CommuneId != null && territories.Contains(r.CommuneId.Value)));
        var counts = await anonymous.GroupBy(a => new { a.Kind, a.ReferralPartnerId, Qpv = a.QpvId != null })
            .Select(g => new { g.Key.Kind, g.Key.ReferralPartnerId, g.Key.Qpv, Count = g.Sum(a => a.Count) }).ToListAsync(ct);

        var protect = query.DisclosureControl;
        var threshold = options.Value.DisclosureThreshold;
        bool Small(decimal people) => protect && people > 0 && people < threshold;

        var values = new List<IndicatorValue>();
        foreach (var name in names)
        {
            if (name == QpvShare)
            {
                var holders = rows.Where(r => r.Kind != StepKind.Sensitised).GroupBy(r => r.HolderId).Select(g => g.First().QpvId != null).ToList();
                var total = holders.Count + counts.Where(c => c.Kind == null).Sum(c => c.Count);
                var fromQpv = holders.Count(q => q) + counts.Where(c => c.Kind == null && c.Qpv).Sum(c => c.Count);
                // The share says nothing of who when it is taken over enough holders; over fewer it is hidden.
                values.Add(Small(total) ? new IndicatorValue(name, 0, Suppressed: true)
                    : new IndicatorValue(name, total == 0 ? 0 : Math.Round(100m * fromQpv / total, 1)));
                continue;
            }
            var kind = Stages.Single(s => s.Name == name).Kind;
            var people = rows.Where(r => r.Kind == kind).Select(r => r.HolderId).Distinct().Count()
                         + counts.Where(c => c.Kind == kind && c.ReferralPartnerId == null).Sum(c => c.Count);
            if (kind != StepKind.Referred) { values.Add(Small(people) ? new IndicatorValue(name, 0, Suppressed: true) : new IndicatorValue(name, people)); continue; }
            var parts = rows.Where(r => r.Kind == kind && r.ReferralPartnerId != null).Select(r => (r.HolderId, Partner: r.ReferralPartnerId!.Value)).Distinct()
                .GroupBy(r => r.Partner).ToDictionary(g => g.Key, g => (decimal)g.Count());
            foreach (var c in counts.Where(c => c.Kind == kind && c.ReferralPartnerId != null))
                parts[c.ReferralPartnerId!.Value] = parts.GetValueOrDefault(c.ReferralPartnerId.Value) + c.Count;
            var ids = parts.Keys.ToArray();
            var partners = await db.Set<ReferralPartner>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            string Key(int partnerId) => partners.TryGetValue(partnerId, out var rp) ? rp.Key : partnerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var shown = parts.ToDictionary(p => Key(p.Key), p => p.Value);
            HashSet<string>? hidden = null;
            if (protect)
            {
                // The parts as a one-way table (one row per partner): the small ones hidden, and enough others that no
                // hidden part can be worked out from the published ones and their sum.
                var ordered = parts.OrderBy(p => p.Key).ToList();
                var cells = new long[ordered.Count, 1];
                for (var i = 0; i < ordered.Count; i++) cells[i, 0] = (long)ordered[i].Value;
                var table = DisclosureControl.Protect(new PublishedTable(cells, hasRowTotals: false), threshold);
                hidden = [.. ordered.Where((_, i) => table.HiddenCells[i, 0]).Select(p => Key(p.Key))];
                foreach (var key in hidden) shown[key] = 0;
                if (hidden.Count == 0) hidden = null;
            }
            values.Add(Small(people) ? new IndicatorValue(name, 0, shown, partners.Values.ToDictionary(p => p.Key, p => p.Name), true, hidden)
                : new IndicatorValue(name, people, shown, partners.Values.ToDictionary(p => p.Key, p => p.Name), SuppressedParts: hidden));
        }
        return values;
    }
}
