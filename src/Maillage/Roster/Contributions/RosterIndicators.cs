using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Roster.Contributions;

/// <summary>
/// The roster's indicators (docs/indicators.md), read from the valuation of contributions (<see cref="Contributions"/>),
/// never recounted: the hours a partner held at the Cité's structures (planned duties minus absences, a replacement to the
/// replacing partner), in the structure's time zone. A duty is placed at its structure (its QPV or commune).
/// </summary>
internal sealed class RosterIndicators(Contributions contributions, MaillageDb db) : IIndicatorSource
{
    public const string HalfDays = "roster.half-days";
    public const string Hours = "roster.hours";

    private const string Held = "Permanences tenues dans la période : prévues au planning, moins les absences ; un remplacement compte pour le partenaire qui remplace. Placées à leur structure (QPV ou commune de la structure), parmi les structures demandées.";
    private const string HeldEn = "Duties held in the period: planned, minus absences; a replacement counts for the replacing partner. Placed at their structure (the structure's QPV or commune), among the structures asked.";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new(HalfDays, new("Demi-journées de permanence tenues", "Half-days of duty held"),
            new($"{Held} Heures tenues converties en demi-journées (Roster:Contributions:HoursPerHalfDay heures la demi-journée), comme la valorisation des apports.",
                $"{HeldEn} Hours held converted to half-days (Roster:Contributions:HoursPerHalfDay hours a half-day), as in the valuation of contributions."),
            IndicatorUnit.HalfDays, new("Par partenaire", "By partner")),
        new(Hours, new("Heures de permanence tenues", "Hours of duty held"),
            new($"{Held} En heures.", $"{HeldEn} In hours."), IndicatorUnit.Hours, new("Par partenaire", "By partner")),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IReadOnlyCollection<string> names, IndicatorQuery query, CancellationToken ct)
    {
        var scope = await db.Structures.AsNoTracking().CountedBy(query).OrderBy(s => s.Name)
            .Select(s => new Contributions.ScopeStructure(s.Id, s.Name, s.CiteId, s.Cite.Slug, s.Cite.Name, s.TimeZoneId)).ToListAsync(ct);
        var report = await contributions.BuildAsync(scope, query.From, query.To, ContributionFilter.DefaultGrouping, ct);
        var lines = report.Lines.Where(l => l.PartnerId is not null).ToList();
        var labels = lines.ToDictionary(l => l.PartnerId!.Value.ToString(), l => l.Partner ?? "");
        return [.. names.Select(name => name == HalfDays
            ? new IndicatorValue(name, report.Total.HalfDays, lines.ToDictionary(l => l.PartnerId!.Value.ToString(), l => l.HalfDays), labels)
            : new IndicatorValue(name, report.Total.Hours, lines.ToDictionary(l => l.PartnerId!.Value.ToString(), l => l.Hours), labels))];
    }
}
