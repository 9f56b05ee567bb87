using Maillage.Platform.Localization;

namespace Maillage.Platform.Indicators;

/// <summary>
/// One named figure of the platform (ARCHITECTURE: "Indicators"), published by the module that owns its rows and read by
/// everything that needs it — convention targets, annual reports, label dossiers, the network benchmark — so that one
/// figure is computed one way everywhere. Its definition is written once, here and in <c>docs/indicators.md</c>.
/// </summary>
/// <param name="Name">Stable dotted name, module first: <c>agenda.actions-held</c>, <c>visits.visits</c>.</param>
/// <param name="Label">What a report's table says.</param>
/// <param name="Definition">What is counted, what is not, which date and place attribute a row to the scope and period.</param>
/// <param name="Unit">How the value reads.</param>
/// <param name="Breakdown">When the figure also comes split (by event type, by public, by partner): what the parts are, else null.</param>
public sealed record IndicatorDefinition(string Name, LocalizedText Label, LocalizedText Definition, IndicatorUnit Unit, LocalizedText? Breakdown = null)
{
    public string Module => Name[..Name.IndexOf('.')];
}

public enum IndicatorUnit { Count, Percent, Hours, HalfDays, Days, Euros }

/// <summary>
/// Where and when an indicator is counted: one Cité, optionally some of its structures, optionally a territory, and a
/// period of calendar days (both ends included, in the structure's own time zone).
/// </summary>
/// <param name="Territories">
/// The territories asked for and every territory inside them (an EPCI's communes, a commune's QPVs), expanded by
/// <see cref="Indicators"/> before a source sees the query; null when the query has no territory. A source attributes a
/// row to a territory by its place (an event's venue or structure commune, a visitor's residence) and says which in the
/// definition.
/// </param>
/// <param name="DisclosureControl">
/// True when the figures leave the staff of the Cité (a funder's reading, through an <see cref="IIndicatorAudience"/>):
/// a source whose rows describe people (the visits) then applies the platform's disclosure control
/// (docs/disclosure-control.md) and marks what it hides (<see cref="IndicatorValue.Suppressed"/>).
/// </param>
/// <param name="FixedPeriod">
/// True when the period is fixed by a signed document (a convention's year: « à compter du 1er septembre 2021 »,
/// « jusqu'au 09/05 »), not chosen by the reader. The whole-month rule under disclosure control
/// (<see cref="RequiresWholeMonths"/>) is there against a reader differencing two periods of their choosing; a period the
/// reader cannot move gives them nothing to difference, so it passes whatever its first and last days.
/// </param>
public sealed record IndicatorQuery(int CiteId, DateOnly From, DateOnly To, IReadOnlySet<int>? StructureIds = null, IReadOnlySet<int>? Territories = null,
    bool DisclosureControl = false, bool FixedPeriod = false)
{
    public bool Covers(DateOnly day) => day >= From && day <= To;

    /// <summary>Whether a source must refuse a period of part months (<c>DisclosureControl.RequireWholeMonths</c>): under disclosure control, for a period the reader chose.</summary>
    public bool RequiresWholeMonths => DisclosureControl && !FixedPeriod;
}

/// <summary>
/// A computed figure: the total, and its parts when the definition has a breakdown (part key → value). Part keys are
/// stable (an API name such as <c>workshop</c>, a partner's id); <paramref name="PartLabels"/> says each in words, in the
/// current language. Under disclosure control, <paramref name="Suppressed"/> hides the total (its <see cref="Value"/> is
/// then 0 and must not be shown) and <paramref name="SuppressedParts"/> the parts hidden (their value is 0 too).
/// </summary>
public sealed record IndicatorValue(string Name, decimal Value, IReadOnlyDictionary<string, decimal>? Parts = null,
    IReadOnlyDictionary<string, string>? PartLabels = null, bool Suppressed = false, IReadOnlySet<string>? SuppressedParts = null)
{
    public string PartLabel(string key) => PartLabels?.GetValueOrDefault(key) ?? key;
    public bool IsSuppressed(string part) => SuppressedParts?.Contains(part) == true;
}

/// <summary>
/// What a module registers (<c>ModuleBuilder.Indicators&lt;T&gt;()</c>) to publish its indicators. A source computes the
/// names asked among its own, for a query whose territories are already expanded, and never reads another module's rows.
/// </summary>
public interface IIndicatorSource
{
    IReadOnlyList<IndicatorDefinition> Definitions { get; }

    /// <summary>One value per name in <paramref name="names"/> (all of them its own), in any order.</summary>
    Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IReadOnlyCollection<string> names, IndicatorQuery query, CancellationToken ct);
}

/// <summary>
/// What a signed-in person may read of the indicators when their role on the Cité alone does not open them all: a
/// module that knows better registers one (Funding: a funder reads the territories of its own conventions, nothing
/// else). Coordinators and administrators of the Cité read every indicator of it without asking an audience.
/// </summary>
public interface IIndicatorAudience
{
    /// <summary>What <paramref name="user"/> may read in the Cité, or null when this audience grants nothing.</summary>
    Task<IndicatorGrant?> GrantAsync(System.Security.Claims.ClaimsPrincipal user, int citeId, CancellationToken ct);
}

/// <summary>A reading right on a Cité's indicators: limited to some territories (and what lies inside them), or null for the whole Cité.</summary>
public sealed record IndicatorGrant(IReadOnlySet<int>? Territories);

/// <summary>How a source places its structures in a query (one rule for every module counting at structures).</summary>
public static class IndicatorPlaces
{
    /// <summary>
    /// The structures of the query's Cité it counts: those asked (all when none), and, with territories, those whose QPV
    /// or commune lies in them (the territories are already expanded: an EPCI's communes and their QPVs are in).
    /// </summary>
    public static IQueryable<Network.Structure> CountedBy(this IQueryable<Network.Structure> structures, IndicatorQuery query)
    {
        structures = structures.Where(s => s.CiteId == query.CiteId);
        if (query.StructureIds is { } asked)
        {
            var ids = asked.ToArray();
            structures = structures.Where(s => ids.Contains(s.Id));
        }
        if (query.Territories is { } territories)
        {
            var ids = territories.ToArray();
            structures = structures.Where(s => (s.QpvId != null && ids.Contains(s.QpvId.Value)) || (s.CommuneId != null && ids.Contains(s.CommuneId.Value)));
        }
        return structures;
    }
}
