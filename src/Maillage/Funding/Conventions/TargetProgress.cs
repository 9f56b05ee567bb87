using Maillage.Platform.Indicators;
using Maillage.Platform.Localization;

namespace Maillage.Funding.Conventions;

/// <summary>Where a target stands (issue 21, item 3).</summary>
public enum TargetState
{
    /// <summary>The target names no indicator: it is followed by hand.</summary>
    NoIndicator,
    /// <summary>The target names an indicator no module publishes yet (CitésLab people counts, governance sessions): not counted, never shown as 0.</summary>
    NotPublished,
    /// <summary>Its year has not started (or lies outside the convention's period).</summary>
    NotStarted,
    /// <summary>The year is running and the figure is below the target so far.</summary>
    InProgress,
    Met,
    /// <summary>The year is over and the figure is below the target.</summary>
    NotMet,
    /// <summary>The figure is hidden by disclosure control (a funder reading a small count of people).</summary>
    Secret,
}

/// <summary>
/// A target with its figure so far: the indicator computed on the target's territory (else the convention's territories,
/// else the whole Cité) over the part of its year the convention covers, up to today (year to date).
/// </summary>
public sealed record TargetStatus(ConventionTarget Target, IndicatorDefinition? Definition, DateOnly From, DateOnly To, decimal? Actual, TargetState State)
{
    /// <summary>The target reached or not at the end of its year; null while the year runs or when nothing is counted.</summary>
    public bool? Met => State switch { TargetState.Met => true, TargetState.NotMet => false, _ => null };

    public LocalizedText Describe() => State switch
    {
        TargetState.NoIndicator => new("suivi hors indicateur", "followed without an indicator"),
        TargetState.NotPublished => new($"pas encore compté : aucun module ne publie « {Target.Indicator} »", $"not counted yet: no module publishes '{Target.Indicator}'"),
        TargetState.NotStarted => new("année non commencée", "year not started"),
        TargetState.InProgress => new("en cours", "in progress"),
        TargetState.Met => new("atteint", "met"),
        TargetState.NotMet => new("non atteint", "not met"),
        _ => new("secret (petit effectif)", "secret (small count)"),
    };

    public string ApiState => State switch
    {
        TargetState.NoIndicator => "no-indicator",
        TargetState.NotPublished => "not-published",
        TargetState.NotStarted => "not-started",
        TargetState.InProgress => "in-progress",
        TargetState.Met => "met",
        TargetState.NotMet => "not-met",
        _ => "secret",
    };
}

/// <summary>Computes a convention's targets through the platform's indicators, one figure computed one way everywhere.</summary>
internal sealed class TargetProgress(Indicators indicators, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// A target's indicator: a name from the catalogue, or a name and one of its parts written <c>name/part</c>
    /// (<c>governance.sessions-held/technical-committee</c>).
    /// </summary>
    public static (string Name, string? Part) IndicatorOf(string indicator) =>
        indicator.IndexOf('/') is var slash and > 0 ? (indicator[..slash], indicator[(slash + 1)..]) : (indicator, null);

    /// <summary>The part of <paramref name="year"/> the convention covers (its effective period when known).</summary>
    public static (DateOnly From, DateOnly To) YearWithin(Convention c, int year)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        if (c.EffectiveFrom is { } f && f > from) from = f;
        if (c.EffectiveTo is { } t && t < to) to = t;
        return (from, to);
    }

    /// <summary>
    /// The targets of <paramref name="years"/> (all when null) with their figures, computed up to <paramref name="asOf"/>
    /// (today by default). With <paramref name="disclosureControl"/> (a funder's reading, the annual report) small counts of
    /// people read « secret » (docs/disclosure-control.md) and a running year is counted up to the end of its last whole month.
    /// </summary>
    public async Task<IReadOnlyList<TargetStatus>> ComputeAsync(Convention c, IReadOnlyCollection<int>? years = null, DateOnly? asOf = null,
        bool disclosureControl = false, CancellationToken ct = default)
    {
        var today = asOf ?? Today;
        var lastMonthEnd = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        var targets = c.Targets.Where(t => years is null || years.Contains(t.Year)).OrderBy(t => t.Year).ThenBy(t => t.Id).ToList();
        var conventionTerritories = c.Territories.Select(t => t.TerritoryId).Order().ToArray();
        var results = new Dictionary<ConventionTarget, TargetStatus>();
        var counted = new List<(ConventionTarget Target, IndicatorDefinition Definition, DateOnly From, DateOnly To)>();
        foreach (var t in targets)
        {
            var (from, to) = YearWithin(c, t.Year);
            var definition = t.Indicator is null ? null : indicators.Find(IndicatorOf(t.Indicator).Name);
            if (t.Indicator is null) results[t] = new(t, null, from, to, null, TargetState.NoIndicator);
            else if (definition is null) results[t] = new(t, null, from, to, null, TargetState.NotPublished);
            else if (from > to || from > today) results[t] = new(t, definition, from, to, null, TargetState.NotStarted);
            else if (to < today) counted.Add((t, definition, from, to));
            else if (!disclosureControl) counted.Add((t, definition, from, today));
            // Under disclosure control the year to date ends with the last whole month: a reader coming back each day
            // must not learn one day's people as the difference of two readings. Before a whole month, nothing is counted yet.
            else if (lastMonthEnd >= from) counted.Add((t, definition, from, lastMonthEnd));
            else results[t] = new(t, definition, from, lastMonthEnd, null, TargetState.InProgress);
        }
        // One question per period and territory: the targets of a year on the same place share it.
        foreach (var group in counted.GroupBy(x => (x.From, x.To, Territory: x.Target.TerritoryId)))
        {
            int[] territories = group.Key.Territory is { } one ? [one] : conventionTerritories;
            var values = await indicators.ComputeAsync([.. group.Select(x => x.Definition.Name).Distinct()], c.CiteId, group.Key.From, group.Key.To,
                territoryIds: territories.Length > 0 ? territories : null, ct: ct, disclosureControl: disclosureControl,
                // A convention's year is the part of it the signed convention covers (1 September–31 December 2021), not a period the reader chose.
                fixedPeriod: true);
            foreach (var (t, definition, from, to) in group)
            {
                var value = values.Single(v => v.Name == definition.Name);
                var part = IndicatorOf(t.Indicator!).Part;
                // A target on one part of a figure ("3 comités techniques": the technical committees among the sessions held).
                var (actual, suppressed) = part is null ? (value.Value, value.Suppressed)
                    : (value.Parts?.GetValueOrDefault(part) ?? 0, value.Suppressed || value.SuppressedParts?.Contains(part) == true);
                var yearOver = YearWithin(c, t.Year).To < today;
                var state = suppressed ? TargetState.Secret
                    : actual >= t.Value ? TargetState.Met
                    : yearOver ? TargetState.NotMet : TargetState.InProgress;
                results[t] = new(t, definition, from, to, suppressed ? null : actual, state);
            }
        }
        return [.. targets.Select(t => results[t])];
    }
}
