using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Modules;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Indicators;

/// <summary>
/// The one door to the indicators of every module: the catalogue of their definitions, and the figures for a query.
/// It expands the query's territories (an EPCI to its communes and their QPVs) once, then asks each module for its own
/// names, so a report, a target or a benchmark never counts another module's rows itself.
/// </summary>
public sealed class Indicators(IEnumerable<IIndicatorSource> sources, MaillageDb db)
{
    private readonly IReadOnlyList<IIndicatorSource> _sources = [.. sources];

    public IReadOnlyList<IndicatorDefinition> Catalogue => [.. _sources.SelectMany(s => s.Definitions).OrderBy(d => d.Name, StringComparer.Ordinal)];

    public IndicatorDefinition? Find(string name) => _sources.SelectMany(s => s.Definitions).FirstOrDefault(d => d.Name == name);

    /// <summary>
    /// The figures of <paramref name="names"/> (all of them when empty) for a Cité, a period and optionally some
    /// structures and territories (as asked: each is expanded to what lies inside it). Unknown names, a period that ends
    /// before it starts or territories of another Cité are refused with the field at fault. With
    /// <paramref name="disclosureControl"/> (a reader outside the Cité's staff, e.g. a funder), sources that count people
    /// hide small counts (<see cref="IndicatorQuery.DisclosureControl"/>); <paramref name="fixedPeriod"/> says the period is
    /// fixed by a signed document rather than chosen by the reader (<see cref="IndicatorQuery.FixedPeriod"/>).
    /// </summary>
    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(
        IReadOnlyCollection<string> names, int citeId, DateOnly from, DateOnly to,
        IReadOnlyCollection<int>? structureIds = null, IReadOnlyCollection<int>? territoryIds = null, CancellationToken ct = default,
        bool disclosureControl = false, bool fixedPeriod = false)
    {
        var problems = new List<RuleViolation>();
        var asked = names.Count == 0 ? [.. Catalogue.Select(d => d.Name)] : names.Distinct(StringComparer.Ordinal).ToList();
        var unknown = asked.Where(n => Find(n) is null).ToList();
        if (unknown.Count > 0)
            problems.Add(new RuleViolation("names", new(
                $"Indicateur inconnu : {string.Join(", ", unknown)}. Voir GET /api/v1/indicators/catalogue.",
                $"Unknown indicator: {string.Join(", ", unknown)}. See GET /api/v1/indicators/catalogue.")));
        if (to < from)
            problems.Add(new RuleViolation("to", new("La fin de la période précède son début.", "The period ends before it starts.")));
        RuleViolation.ThrowIfAny(problems);

        var territories = territoryIds is { Count: > 0 } ? await ExpandAsync(citeId, territoryIds, ct) : null;
        var query = new IndicatorQuery(citeId, from, to, structureIds is { Count: > 0 } ? structureIds.ToHashSet() : null, territories, disclosureControl, fixedPeriod);
        var values = new List<IndicatorValue>(asked.Count);
        foreach (var source in _sources)
        {
            var own = asked.Where(n => source.Definitions.Any(d => d.Name == n)).ToList();
            if (own.Count > 0) values.AddRange(await source.ComputeAsync(own, query, ct));
        }
        return [.. values.OrderBy(v => asked.IndexOf(v.Name))];
    }

    /// <summary>The territories asked and every territory inside them, all of the Cité (another Cité's id is refused).</summary>
    public async Task<IReadOnlySet<int>> ExpandAsync(int citeId, IReadOnlyCollection<int> territoryIds, CancellationToken ct = default)
    {
        var all = await db.Set<Territory>().IgnoreQueryFilters().AsNoTracking().Where(t => t.CiteId == citeId)
            .Select(t => new { t.Id, t.ParentId }).ToListAsync(ct);
        var foreign = territoryIds.Where(id => all.All(t => t.Id != id)).ToList();
        if (foreign.Count > 0)
            throw new RuleViolation("territory", new(
                $"Territoire inconnu dans cette Cité : {string.Join(", ", foreign)}.", $"No such territory in this Cité: {string.Join(", ", foreign)}."));
        var children = all.Where(t => t.ParentId is not null).ToLookup(t => t.ParentId!.Value, t => t.Id);
        var result = new HashSet<int>();
        var next = new Queue<int>(territoryIds);
        while (next.TryDequeue(out var id))
            if (result.Add(id))
                foreach (var child in children[id]) next.Enqueue(child);
        return result;
    }
}
