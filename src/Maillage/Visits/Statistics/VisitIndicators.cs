using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Indicators;
using Maillage.Visits.Categories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Visits.Statistics;

/// <summary>
/// The visits' indicators (docs/indicators.md), counted by <see cref="VisitStatistics"/>: whole months from the rollups
/// (decision 0004), the days around them from the visits, so a year of a million visits costs a few rollup reads. A visit
/// counts on its day (UTC, as every visit statistic). Visits, interviews and publics are placed at their structure (its
/// QPV or its commune lies in the territories asked); residents by the visitor's residence, whatever the structure.
/// Under disclosure control (a funder's reading) small counts are hidden as in docs/disclosure-control.md, and only
/// whole calendar months may be asked.
/// </summary>
internal sealed class VisitIndicators(VisitStatistics statistics, MaillageDb db, IOptions<VisitsOptions> options) : IIndicatorSource
{
    public const string Visits = "visits.visits";
    public const string Interviews = "visits.interviews";
    public const string Publics = "visits.publics";
    public const string Residents = "visits.residents";

    private const string Place = "Comptées au jour de leur saisie, dans les structures de la Cité (celles demandées) situées sur le territoire (QPV ou commune de la structure).";
    private const string PlaceEn = "Counted on the day they were logged, at the Cité's structures (those asked) located on the territory (the structure's QPV or commune).";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new(Visits, new("Visites", "Visits"),
            new($"Visites enregistrées à l'accueil (sur place, téléphone, courriel, hors les murs), entretiens non compris. {Place}",
                $"Visits logged at reception (walk-in, phone, e-mail, outreach), interviews excluded. {PlaceEn}"), IndicatorUnit.Count),
        new(Interviews, new("Entretiens", "Interviews"),
            new($"Entretiens enregistrés par les conseillers. {Place}", $"Interviews logged by counsellors. {PlaceEn}"), IndicatorUnit.Count),
        new(Publics, new("Visites et entretiens par public", "Visits and interviews by public"),
            new($"Visites et entretiens, selon le statut déclaré par le visiteur. {Place}",
                $"Visits and interviews, by the public status the visitor gave. {PlaceEn}"), IndicatorUnit.Count,
            new("Par public (élève, étudiant, demandeur d'emploi…)", "By public status (pupil, student, job seeker…)")),
        new(Residents, new("Visites des habitants du territoire", "Visits from residents of the territory"),
            new("Visites et entretiens dont le visiteur réside sur le territoire demandé (une commune, un QPV de la commune, les communes d'un EPCI), dans toute structure de la Cité (celles demandées) ; sans territoire, ceux qui résident sur un territoire de la Cité. Comptés au jour de leur saisie.",
                "Visits and interviews whose visitor lives in the territory asked (a commune, a QPV of the commune, the communes of an EPCI), at any structure of the Cité (those asked); without a territory, those living in a territory of the Cité. Counted on the day they were logged."),
            IndicatorUnit.Count),
    ];

    /// <summary>The counts of people, guarded on a convention's part months (<see cref="DisclosureControl.GuardPartMonthsAsync"/>).</summary>
    private IReadOnlySet<string> Counted => _counted ??= Definitions.Select(d => d.Name).ToHashSet();
    private IReadOnlySet<string>? _counted;

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IReadOnlyCollection<string> names, IndicatorQuery query, CancellationToken ct) =>
        await DisclosureControl.GuardPartMonthsAsync(query, options.Value.DisclosureThreshold, await CountAsync(names, query, ct), Counted,
            exact => CountAsync(names, exact, ct));

    private async Task<IReadOnlyList<IndicatorValue>> CountAsync(IReadOnlyCollection<string> names, IndicatorQuery query, CancellationToken ct)
    {
        var protect = query.DisclosureControl;
        var threshold = options.Value.DisclosureThreshold;
        if (query.RequiresWholeMonths) DisclosureControl.RequireWholeMonths(query.From, query.To);
        bool Small(long v) => protect && v > 0 && v < threshold;

        // Where visits are counted: the structures asked, narrowed to those placed on the territories.
        int[]? placed = null;
        if (query.StructureIds is not null || query.Territories is not null)
            placed = await db.Structures.AsNoTracking().CountedBy(query).Select(s => s.Id).ToArrayAsync(ct);
        StatsQuery Query(IReadOnlyCollection<int>? structureIds, params StatDimension[] groupBy) => new([query.CiteId], structureIds, query.From, query.To, groupBy);

        var result = new List<IndicatorValue>();
        if (names.Contains(Visits) || names.Contains(Interviews))
        {
            var byKind = await statistics.CountAsync(Query(placed, StatDimension.Kind), ct);
            long Of(VisitKind kind) => byKind.Rows.Where(r => r.Values[0] == (int)kind).Sum(r => r.Count);
            foreach (var (name, kind) in new[] { (Visits, VisitKind.Visit), (Interviews, VisitKind.Interview) })
                if (names.Contains(name))
                {
                    var count = Of(kind);
                    result.Add(Small(count) ? new IndicatorValue(name, 0, Suppressed: true) : new IndicatorValue(name, count));
                }
        }
        if (names.Contains(Publics))
        {
            var shown = StatsPublication.Show(await statistics.CountAsync(Query(placed, StatDimension.PublicStatus), ct), protect, threshold);
            var parts = new Dictionary<string, decimal>();
            var labels = new Dictionary<string, string>();
            var hidden = new HashSet<string>();
            foreach (var status in Enum.GetValues<PublicStatus>())
            {
                var key = CategoryText.ApiName(status);
                labels[key] = status.Label().ToString();
                var row = shown.Rows.FirstOrDefault(r => r.Values[0] == (int)status);
                parts[key] = row?.Count ?? 0;
                if (row is { Count: null }) hidden.Add(key);
            }
            result.Add(new IndicatorValue(Publics, shown.Total ?? 0, parts, labels, shown.Total is null, hidden.Count > 0 ? hidden : null));
        }
        if (names.Contains(Residents))
        {
            var byResidence = await statistics.CountAsync(Query(query.StructureIds, StatDimension.Residence), ct);
            var count = byResidence.Rows.Where(r => query.Territories is { } t ? t.Contains(r.Values[0]) : r.Values[0] > 0).Sum(r => r.Count);
            result.Add(Small(count) ? new IndicatorValue(Residents, 0, Suppressed: true) : new IndicatorValue(Residents, count));
        }
        return result;
    }
}
